/*!
Company matching: which account a connection's, a lead's or a customer's
company is.

Exports spell one company many ways (`Globex Corporation`, `GLOBEX CORP.`,
`Globex, Inc`), so names are normalised before they are compared (see
`shared/docs/FORMATS.md`, "Company names"): case, accents, punctuation,
`&` → `and`, legal suffixes (Inc, LLC, GmbH, S.A., …) and a leading "The"
are dropped, and the words are joined into a compact key (`globex`).

[`CompanyMatcher::find`] tries, in order, and says which tier matched so the
user can see and veto it:

1. **exact** — the names are equal ignoring case and surrounding spaces;
2. **normalised** — the compact keys are equal (a hash lookup);
3. **domain** — both sides carry a domain and the domains are equal;
4. **fuzzy** — only for a name nothing else matched: the most similar
   account name (edit distance on the compact keys) with its confidence,
   when it is close enough and not ambiguous.

False friends are the danger of fuzzy matching: "Apple Bank" is not
"Apple". A fuzzy match is refused when one name's words are a strict subset
of the other's (that is a different company with a shared word, not a
typo), when both sides have domains and they differ, for short names, and
when two accounts are about as close as each other. A wrong exclusion or a
missed target is visible and fixable; a silent wrong match is not.

Callers match each distinct company string once (the candidate builder
keeps a cache), so fuzzy matching runs on the leftover unique names, not on
every row.
*/

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// How a company name was matched to an account, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchTier {
    Exact,
    Normalised,
    Domain,
    Fuzzy,
}

impl MatchTier {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchTier::Exact => "exact",
            MatchTier::Normalised => "normalised",
            MatchTier::Domain => "domain",
            MatchTier::Fuzzy => "fuzzy",
        }
    }
}

/// A match: the entry's index in the matcher, the tier and a confidence
/// (1.0 except for fuzzy matches).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyMatch {
    pub entry: usize,
    pub tier: MatchTier,
    pub confidence: f64,
}

/// Fuzzy matches below this similarity are not matches.
pub const FUZZY_THRESHOLD: f64 = 0.86;
/// Compact keys shorter than this are never fuzzy-matched ("IBM" ≈ "IBN").
const FUZZY_MIN_LEN: usize = 5;
/// A runner-up this close to the best makes a fuzzy match ambiguous.
const FUZZY_AMBIGUITY: f64 = 0.02;

/// Legal suffixes dropped from the end of a name (after folding; dots are
/// already gone, so `L.L.C.` is `llc` and `S.A.` is `sa`).
const LEGAL_SUFFIXES: &[&str] = &[
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh",
    "mbh", "ag", "kg", "kgaa", "sa", "sas", "sarl", "sau", "bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps",
    "pty", "plc", "kk", "spa", "srl", "sl", "se", "ltda", "lda", "pte", "pvt", "private", "bhd", "sdn", "cv",
    "ulc", "pllc", "pc", "ug", "eg", "ev", "ohg", "sro", "zoo", "kft", "doo",
];

/// Lowercase `s` and drop accents (`Müller` → `muller`, `ß` → `ss`).
/// Other characters are kept as they are.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let plain: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
            'æ' | 'Æ' => "ae",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' | 'Ç' | 'Ć' | 'Č' => "c",
            'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' | 'Ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
            'ğ' | 'Ğ' | 'ġ' | 'ģ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "i",
            'ł' | 'ľ' | 'ĺ' | 'ļ' | 'Ł' | 'Ľ' | 'Ĺ' => "l",
            'ñ' | 'ń' | 'ň' | 'ņ' | 'Ñ' | 'Ń' | 'Ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "o",
            'œ' | 'Œ' => "oe",
            'ř' | 'ŕ' | 'Ř' => "r",
            'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
            'ß' => "ss",
            'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
            'þ' | 'Þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "u",
            'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
            'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
            // Typographic punctuation users paste from documents.
            '’' | '‘' | '´' => "'",
            '–' | '—' => "-",
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

/// A company name's words after normalisation (see the module docs):
/// `The "Best" Widgets Co.` → `["best", "widgets"]`.
pub fn company_words(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut cleaned = String::with_capacity(folded.len() + 8);
    for c in folded.chars() {
        match c {
            '.' | '\'' => {}
            '&' | '+' => cleaned.push_str(" and "),
            c if c.is_alphanumeric() => cleaned.push(c),
            _ => cleaned.push(' '),
        }
    }
    let mut words: Vec<String> = cleaned.split_whitespace().map(str::to_string).collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    // Drop legal suffixes from the end (`GmbH & Co. KG` is four of them),
    // never the last word standing.
    while words.len() > 1 {
        let last = words.last().map(String::as_str).unwrap_or("");
        if LEGAL_SUFFIXES.contains(&last) || last == "and" {
            words.pop();
        } else {
            break;
        }
    }
    words
}

/// The normalised name, words separated by spaces (`globex`, `best widgets`).
pub fn normalize_company(name: &str) -> String {
    company_words(name).join(" ")
}

/// The compact key matching is done on: the normalised words joined
/// without spaces, so `Wal-Mart` and `Walmart` meet.
pub fn company_key(name: &str) -> String {
    company_words(name).concat()
}

/// Matching's case-insensitive "exact" form of a name.
fn exact_form(name: &str) -> String {
    name.trim().to_lowercase()
}

struct Entry {
    /// The compact key's characters and letter histogram, for fuzzy matching.
    chars: Vec<char>,
    hist: Hist,
    words: Vec<String>,
    domain: Option<String>,
}

/// Letter counts (a–z, digits, the rest): half the difference of two
/// histograms is a lower bound on the edit distance, and costs 28 steps.
type Hist = [u16; 28];

fn histogram(chars: &[char]) -> Hist {
    let mut h = [0u16; 28];
    for c in chars {
        let i = match c {
            'a'..='z' => *c as usize - 'a' as usize,
            '0'..='9' => 26,
            _ => 27,
        };
        h[i] = h[i].saturating_add(1);
    }
    h
}

/// An index over company names (account lists) to match other names
/// against. Entries are numbered in the order they were added.
#[derive(Default)]
pub struct CompanyMatcher {
    entries: Vec<Entry>,
    by_exact: HashMap<String, usize>,
    by_key: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
    /// Fuzzy blocking: the first three characters of the key, and each word
    /// of four letters or more, to the entries that have them.
    blocks: HashMap<String, Vec<usize>>,
}

impl CompanyMatcher {
    pub fn new() -> CompanyMatcher {
        CompanyMatcher::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Add a company (and its domain, if known); returns its entry index.
    /// An earlier entry with the same exact name, key or domain keeps those
    /// lookups (first come, first served).
    pub fn add(&mut self, name: &str, domain: Option<&str>) -> usize {
        let idx = self.entries.len();
        let words = company_words(name);
        let key = words.concat();
        let domain = domain.map(|d| d.trim().to_ascii_lowercase()).filter(|d| !d.is_empty());
        self.by_exact.entry(exact_form(name)).or_insert(idx);
        if !key.is_empty() {
            self.by_key.entry(key.clone()).or_insert(idx);
            for b in block_keys(&key, &words) {
                self.blocks.entry(b).or_default().push(idx);
            }
        }
        if let Some(d) = &domain {
            self.by_domain.entry(d.clone()).or_insert(idx);
        }
        let chars: Vec<char> = key.chars().collect();
        let hist = histogram(&chars);
        self.entries.push(Entry { chars, hist, words, domain });
        idx
    }

    /// The entry's domain, if it has one.
    pub fn domain(&self, entry: usize) -> Option<&str> {
        self.entries.get(entry).and_then(|e| e.domain.as_deref())
    }

    /// Give an entry a domain it did not have (a later list knew it).
    pub fn set_domain(&mut self, entry: usize, domain: &str) {
        let d = domain.trim().to_ascii_lowercase();
        if d.is_empty() || entry >= self.entries.len() || self.entries[entry].domain.is_some() {
            return;
        }
        self.by_domain.entry(d.clone()).or_insert(entry);
        self.entries[entry].domain = Some(d);
    }

    /// Match a name (and its domain, if known) against the entries. See the
    /// module docs for the tiers and the false-friend rules.
    pub fn find(&self, name: &str, domain: Option<&str>) -> Option<CompanyMatch> {
        let sure = |entry, tier| Some(CompanyMatch { entry, tier, confidence: 1.0 });
        if let Some(&e) = self.by_exact.get(&exact_form(name)) {
            return sure(e, MatchTier::Exact);
        }
        let words = company_words(name);
        let key = words.concat();
        if let Some(&e) = self.by_key.get(&key) {
            return sure(e, MatchTier::Normalised);
        }
        let domain = domain.map(|d| d.trim().to_ascii_lowercase()).filter(|d| !d.is_empty());
        if let Some(d) = &domain {
            if let Some(&e) = self.by_domain.get(d) {
                return sure(e, MatchTier::Domain);
            }
        }
        self.fuzzy(&key, &words, domain.as_deref())
    }

    fn fuzzy(&self, key: &str, words: &[String], domain: Option<&str>) -> Option<CompanyMatch> {
        let chars: Vec<char> = key.chars().collect();
        let len = chars.len();
        if len < FUZZY_MIN_LEN {
            return None;
        }
        let hist = histogram(&chars);
        let mut seen: Vec<usize> = Vec::new();
        for b in block_keys(key, words) {
            if let Some(list) = self.blocks.get(&b) {
                seen.extend(list.iter().copied());
            }
        }
        seen.sort_unstable();
        seen.dedup();
        let mut best: Option<(f64, usize)> = None;
        let mut runner_up = 0.0f64;
        let mut rows = (Vec::new(), Vec::new());
        for idx in seen {
            let e = &self.entries[idx];
            let elen = e.chars.len();
            if elen < FUZZY_MIN_LEN {
                continue;
            }
            // The most edits a match may need; cheap lower bounds first.
            let longest = len.max(elen);
            let max_edits = ((1.0 - FUZZY_THRESHOLD) * longest as f64).floor() as usize;
            if len.abs_diff(elen) > max_edits {
                continue;
            }
            let hist_bound = hist.iter().zip(&e.hist).map(|(a, b)| a.abs_diff(*b) as usize).sum::<usize>().div_ceil(2);
            if hist_bound > max_edits {
                continue;
            }
            if let (Some(a), Some(b)) = (domain, e.domain.as_deref()) {
                if a != b {
                    continue;
                }
            }
            if is_false_friend(words, &e.words) {
                continue;
            }
            let Some(edits) = bounded_levenshtein(&chars, &e.chars, max_edits, &mut rows) else { continue };
            let sim = 1.0 - edits as f64 / longest as f64;
            if sim < FUZZY_THRESHOLD {
                continue;
            }
            match best {
                Some((b, _)) if sim <= b => runner_up = runner_up.max(sim),
                _ => {
                    if let Some((b, _)) = best {
                        runner_up = runner_up.max(b);
                    }
                    best = Some((sim, idx));
                }
            }
        }
        let (sim, entry) = best?;
        if runner_up > 0.0 && sim - runner_up < FUZZY_AMBIGUITY {
            return None;
        }
        Some(CompanyMatch { entry, tier: MatchTier::Fuzzy, confidence: (sim * 100.0).round() / 100.0 })
    }
}

/// Edit distance when it is at most `max`, else `None`; stops as soon as
/// every cell of a row exceeds `max`. `rows` are reused buffers.
fn bounded_levenshtein(a: &[char], b: &[char], max: usize, rows: &mut (Vec<usize>, Vec<usize>)) -> Option<usize> {
    let (prev, cur) = rows;
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= max)
}

fn block_keys(key: &str, words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 1);
    out.push(format!("^{}", key.chars().take(3).collect::<String>()));
    for w in words {
        if w.chars().count() >= 4 && !out.iter().any(|o| o == w) {
            out.push(w.clone());
        }
    }
    out
}

/// "Apple Bank" vs "Apple": one name's words strictly contain the other's.
fn is_false_friend(a: &[String], b: &[String]) -> bool {
    let subset = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
    a.len() != b.len() && (subset(a, b) || subset(b, a))
}

/// Edit distance between two strings, by characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The company domain in an email address, unless it is a personal
/// mailbox (gmail.com, outlook.com, …).
pub fn email_domain(email: &str) -> Option<String> {
    const PERSONAL: &[&str] = &[
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
        "web.de", "yandex.ru", "mail.ru", "qq.com", "163.com", "orange.fr", "free.fr", "hotmail.fr",
        "yahoo.fr", "yahoo.co.uk", "btinternet.com", "comcast.net", "example.com", "example.org",
    ];
    let (_, d) = email.trim().rsplit_once('@')?;
    let d = d.trim().trim_end_matches('>').to_ascii_lowercase();
    if d.is_empty() || !d.contains('.') || PERSONAL.contains(&d.as_str()) {
        None
    } else {
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_table() {
        let cases = [
            ("Globex Corporation", "globex"),
            ("GLOBEX CORP.", "globex"),
            ("Globex, Inc", "globex"),
            ("Initech, LLC.", "initech"),
            ("Initech L.L.C.", "initech"),
            ("The \"Best\" Widgets Co", "best widgets"),
            ("The Home Depot", "home depot"),
            ("Procter & Gamble", "procter and gamble"),
            ("Nestlé S.A.", "nestle"),
            ("Müller Logistik GmbH & Co. KG", "muller logistik"),
            ("Société Générale SA", "societe generale"),
            ("Sony K.K.", "sony"),
            ("Acme Pty Ltd", "acme"),
            ("  Stark Industries  ", "stark industries"),
            ("McDonald’s", "mcdonalds"),
            ("Wal-Mart Stores, Inc.", "wal mart stores"),
            ("The", "the"),
            ("Co", "co"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_company(raw), want, "{raw}");
        }
        assert_eq!(company_key("Wal-Mart"), company_key("Walmart"));
        assert_eq!(fold("Ærøskøbing Straße"), "aeroskobing strasse");
    }

    fn matcher(names: &[(&str, Option<&str>)]) -> CompanyMatcher {
        let mut m = CompanyMatcher::new();
        for (n, d) in names {
            m.add(n, *d);
        }
        m
    }

    #[test]
    fn tiers_in_order() {
        let m = matcher(&[("Globex Corporation", Some("globex.com")), ("Initech Systems", None), ("Hooli", Some("hooli.xyz"))]);
        let tier = |n: &str, d: Option<&str>| m.find(n, d).map(|x| (x.entry, x.tier));
        assert_eq!(tier("globex corporation", None), Some((0, MatchTier::Exact)));
        assert_eq!(tier("Globex, Inc.", None), Some((0, MatchTier::Normalised)));
        assert_eq!(tier("Alphabet Holdings", Some("hooli.xyz")), Some((2, MatchTier::Domain)));
        let f = m.find("Initech Sytems", None).unwrap();
        assert_eq!((f.entry, f.tier), (1, MatchTier::Fuzzy));
        assert!(f.confidence >= FUZZY_THRESHOLD && f.confidence < 1.0, "{f:?}");
        assert_eq!(tier("Umbrella Health", None), None);
    }

    #[test]
    fn false_friends_are_not_matched() {
        let m = matcher(&[("Apple", Some("apple.com")), ("Delta Air Lines", None), ("IBM", None), ("Globex", Some("globex.com"))]);
        assert_eq!(m.find("Apple Bank", None), None);
        assert_eq!(m.find("Apple Bank for Savings", Some("applebank.com")), None);
        assert_eq!(m.find("Delta Air", None), None);
        assert_eq!(m.find("Delta Dental", None), None);
        assert_eq!(m.find("IBN", None), None, "short names are never fuzzy");
        // Close spelling but a different domain: a different company.
        assert_eq!(m.find("Globez", Some("globez.io")), None);
    }

    #[test]
    fn ambiguous_fuzzy_matches_are_refused() {
        let m = matcher(&[("Initech Alpha", None), ("Initech Alphb", None)]);
        assert_eq!(m.find("Initech Alphc", None), None);
    }

    #[test]
    fn email_domains() {
        assert_eq!(email_domain("ana@Globex.com").as_deref(), Some("globex.com"));
        assert_eq!(email_domain("ana@gmail.com"), None);
        assert_eq!(email_domain("nope"), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        let (k, s): (Vec<char>, Vec<char>) = ("kitten".chars().collect(), "sitting".chars().collect());
        let mut rows = (Vec::new(), Vec::new());
        assert_eq!(bounded_levenshtein(&k, &s, 3, &mut rows), Some(3));
        assert_eq!(bounded_levenshtein(&k, &s, 2, &mut rows), None);
    }
}

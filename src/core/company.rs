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
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

/// A fast, deterministic hasher for the hot lookups (company strings,
/// keys, titles, profile URLs): the multiply-rotate hash rustc uses for its
/// own tables ("FxHash"), eight bytes a step, with a final avalanche step.
/// The standard `SipHash` is built to resist hash flooding by an attacker,
/// which costs several times more per byte; here the keys are the user's
/// own files, and hashing was a tenth of the candidate builder's time.
///
/// The final mix matters: the table picks buckets by the hash's low bits,
/// and after a multiply those depend only on the inputs' low bits (for
/// strings, the first byte of each eight). Profile URLs all look alike
/// there, so without it lookups probed long chains and compared whole
/// strings at each step. Never used where a map's iteration order could
/// reach an output.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // MurmurHash3's 64-bit finaliser: every output bit depends on every input bit.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

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
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "kgaa",
    "sa",
    "sas",
    "sarl",
    "sau",
    "bv",
    "nv",
    "oy",
    "oyj",
    "ab",
    "as",
    "asa",
    "aps",
    "pty",
    "plc",
    "kk",
    "spa",
    "srl",
    "sl",
    "se",
    "ltda",
    "lda",
    "pte",
    "pvt",
    "private",
    "bhd",
    "sdn",
    "cv",
    "ulc",
    "pllc",
    "pc",
    "ug",
    "eg",
    "ev",
    "ohg",
    "sro",
    "zoo",
    "kft",
    "doo",
];

/// Lowercase `s` and drop accents (`Müller` → `muller`, `ß` → `ss`).
/// Other characters are kept as they are.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// [`fold`], appending to `out` (so a caller building a longer key needs
/// no intermediate string).
pub fn fold_into(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let plain: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä'
            | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
            'æ' | 'Æ' => "ae",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' | 'Ç' | 'Ć' | 'Č' => "c",
            'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' | 'Ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė'
            | 'Ę' | 'Ě' => "e",
            'ğ' | 'Ğ' | 'ġ' | 'ģ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => {
                "i"
            }
            'ł' | 'ľ' | 'ĺ' | 'ļ' | 'Ł' | 'Ľ' | 'Ĺ' => "l",
            'ñ' | 'ń' | 'ň' | 'ņ' | 'Ñ' | 'Ń' | 'Ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
            | 'Ō' | 'Ő' => "o",
            'œ' | 'Œ' => "oe",
            'ř' | 'ŕ' | 'Ř' => "r",
            'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
            'ß' => "ss",
            'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
            'þ' | 'Þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů'
            | 'Ű' => "u",
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
    words: Vec<String>,
    domain: Option<String>,
}

/// What the fuzzy scan reads of every candidate, packed in one dense array
/// by entry: the key's character signature, its length in characters and
/// where its characters start in [`CompanyMatcher::chars`]. (With the
/// characters in a `Vec<char>` per entry, the candidate loop's time went to
/// cache misses: one to read the length out of the entry, another to reach
/// its heap block.)
#[derive(Clone, Copy)]
struct Sketch {
    signature: u64,
    start: u32,
    len: u32,
}

/// Buckets of a key's character histogram: a–z, 0–9, and twelve buckets
/// the other characters are hashed into.
const HIST_BUCKETS: usize = 48;

/// Character counts per bucket. Each edit changes at most two counts by one,
/// so half the L1 distance of two histograms (rounded up) is a lower bound
/// on their edit distance — for *any* way of bucketing characters. Digits
/// get a bucket each (not one for all) because numbered names — `Acme 12`
/// vs `Acme 37` — are common and otherwise reach the full edit-distance
/// check. Counts saturate at 255, which only ever lowers the bound (still a
/// valid bound). `u8` lanes let the compiler sum the 48 differences with a
/// few SIMD instructions.
type Hist = [u8; HIST_BUCKETS];

fn histogram(chars: &[char]) -> Hist {
    let mut h = [0u8; HIST_BUCKETS];
    for &c in chars {
        let i = match c {
            'a'..='z' => c as usize - 'a' as usize,
            '0'..='9' => 26 + (c as usize - '0' as usize),
            _ => 36 + c as usize % 12,
        };
        h[i] = h[i].saturating_add(1);
    }
    h
}

/// The lower bound on the edit distance the two histograms give. It runs
/// for every block member in a query's length window, so it is written as
/// a flat fixed-length loop of `max − min` on bytes, which the compiler
/// turns into a few SIMD instructions (`abs_diff` over chunks was not
/// vectorised and cost about 60 instructions a call).
#[inline]
fn hist_bound(a: &Hist, b: &Hist) -> usize {
    let mut sum = 0u32;
    for i in 0..HIST_BUCKETS {
        let (x, y) = (a[i], b[i]);
        sum += u32::from(x.max(y) - x.min(y));
    }
    (sum as usize).div_ceil(2)
}

/// Which characters a key has, one bit per class: a–z, 0–9 and 28 classes
/// the other characters are hashed into.
///
/// A cheaper lower bound than the histogram's, tried first: every class
/// one key has and the other lacks needs an edit of its own on that side
/// (a deletion or insertion touches one class, a substitution one on each
/// side), so the edit distance is at least the larger of the two
/// differences' sizes. Two and-nots and two popcounts, where the histogram
/// takes 48 byte differences; on realistic lists it settles most candidates
/// (numbered names like `Acme 12` / `Acme 37` differ in their digits).
fn signature(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |sig, &c| {
        let i = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32),
            _ => 36 + c as u32 % 28,
        };
        sig | 1 << i
    })
}

/// The lower bound on the edit distance two signatures give.
#[inline]
fn signature_bound(a: u64, b: u64) -> usize {
    (a & !b).count_ones().max((b & !a).count_ones()) as usize
}

/// The most edits a fuzzy match between keys of these lengths may need.
fn max_edits(longest: usize) -> usize {
    ((1.0 - FUZZY_THRESHOLD) * longest as f64).floor() as usize
}

/// The key lengths (in characters) that can fuzzy-match a key of `len`
/// characters at all: `|len − other| ≤ max_edits(max(len, other))`.
/// Exact, not an estimate: `other − len − max_edits(other)` never decreases
/// as `other` grows (`max_edits` grows by at most one per step), so the
/// upper end is the last length before it turns positive.
fn length_window(len: usize) -> (usize, usize) {
    let lo = len - max_edits(len);
    let mut hi = len;
    while hi + 1 - len <= max_edits(hi + 1) {
        hi += 1;
    }
    (lo.max(FUZZY_MIN_LEN), hi)
}

/// Fuzzy blocks: a block's members, as (key length in characters, entry),
/// kept sorted by length then entry. Sorting by length lets a query take
/// only the slice of lengths it can match (two binary searches) instead of
/// every member: with realistic lists a block like `^glo` or `systems`
/// holds hundreds of accounts, and the length window drops most of them
/// before any per-entry work.
type Block = Vec<(u32, u32)>;

/// An index over company names (account lists) to match other names
/// against. Entries are numbered in the order they were added.
#[derive(Default)]
pub struct CompanyMatcher {
    entries: Vec<Entry>,
    /// Per entry, what the fuzzy scan reads first (see [`Sketch`]) and the
    /// key histogram; kept apart from `entries` so the scan reads dense
    /// arrays and touches an `Entry` only for the few candidates that pass.
    sketches: Vec<Sketch>,
    hists: Vec<Hist>,
    /// Every entry's key characters, one after the other.
    chars: Vec<char>,
    by_exact: FastMap<String, usize>,
    by_key: FastMap<String, usize>,
    by_domain: FastMap<String, usize>,
    /// Fuzzy blocking, by the first three characters of the key…
    prefix_blocks: FastMap<String, Block>,
    /// …and by each word of four characters or more.
    word_blocks: FastMap<String, Block>,
}

/// The first three characters of a key (the prefix block's name).
fn key_prefix(key: &str) -> &str {
    &key[..key.char_indices().nth(3).map_or(key.len(), |(i, _)| i)]
}

/// The words a name is blocked under: distinct, four characters or more.
fn block_words(words: &[String]) -> impl Iterator<Item = &str> {
    words
        .iter()
        .enumerate()
        .filter(move |(i, w)| w.chars().nth(3).is_some() && !words[..*i].contains(w))
        .map(|(_, w)| w.as_str())
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
        let domain = domain
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty());
        self.by_exact.entry(exact_form(name)).or_insert(idx);
        let chars: Vec<char> = key.chars().collect();
        if !key.is_empty() {
            self.by_key.entry(key.clone()).or_insert(idx);
            // The new entry has the highest index, so it goes after every
            // member of its length: the block stays sorted by (length, entry).
            let member = (chars.len() as u32, idx as u32);
            let insert = |block: &mut Block| {
                let at = block.partition_point(|m| m.0 <= member.0);
                block.insert(at, member);
            };
            insert(
                self.prefix_blocks
                    .entry(key_prefix(&key).to_string())
                    .or_default(),
            );
            for w in block_words(&words) {
                insert(self.word_blocks.entry(w.to_string()).or_default());
            }
        }
        if let Some(d) = &domain {
            self.by_domain.entry(d.clone()).or_insert(idx);
        }
        self.hists.push(histogram(&chars));
        self.sketches.push(Sketch {
            signature: signature(&chars),
            start: self.chars.len() as u32,
            len: chars.len() as u32,
        });
        self.chars.extend_from_slice(&chars);
        self.entries.push(Entry { words, domain });
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
        let words = company_words(name);
        let key = words.concat();
        self.find_normalised(name, &words, &key, domain)
    }

    /// [`CompanyMatcher::find`] for a caller that already has the name's
    /// [`company_words`] and their concatenation (its [`company_key`]), so a
    /// name is normalised once however many times its key is needed.
    pub fn find_normalised(
        &self,
        name: &str,
        words: &[String],
        key: &str,
        domain: Option<&str>,
    ) -> Option<CompanyMatch> {
        let sure = |entry, tier| {
            Some(CompanyMatch {
                entry,
                tier,
                confidence: 1.0,
            })
        };
        if let Some(&e) = self.by_exact.get(&exact_form(name)) {
            return sure(e, MatchTier::Exact);
        }
        if let Some(&e) = self.by_key.get(key) {
            return sure(e, MatchTier::Normalised);
        }
        let domain = domain
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty());
        if let Some(d) = &domain {
            if let Some(&e) = self.by_domain.get(d) {
                return sure(e, MatchTier::Domain);
            }
        }
        self.fuzzy(key, words, domain.as_deref())
    }

    fn fuzzy(&self, key: &str, words: &[String], domain: Option<&str>) -> Option<CompanyMatch> {
        let chars: Vec<char> = key.chars().collect();
        let len = chars.len();
        if len < FUZZY_MIN_LEN {
            return None;
        }
        // Candidates: members of the query's blocks whose key length can
        // match at all (a slice of each length-sorted block). The rest of
        // the checks below are unchanged; this only skips entries the
        // length check would have skipped.
        let (lo, hi) = length_window(len);
        let (lo, hi) = (lo as u32, hi as u32);
        // An entry can be in several of the query's blocks (`^glo` and
        // `globex` hold much the same entries). A bitset over the entries
        // both removes the duplicates and yields the candidates in entry
        // order, without sorting: one bit per member, then a scan of
        // `entries / 64` words. (Sorting and deduplicating the members
        // used to be a quarter of all the matching time.)
        let mut marked = vec![0u64; self.entries.len().div_ceil(64)];
        let mut mark = |block: Option<&Block>| {
            if let Some(block) = block {
                let from = block.partition_point(|m| m.0 < lo);
                let to = block.partition_point(|m| m.0 <= hi);
                for &(_, idx) in &block[from..to] {
                    marked[idx as usize / 64] |= 1 << (idx % 64);
                }
            }
        };
        mark(self.prefix_blocks.get(key_prefix(key)));
        for w in block_words(words) {
            mark(self.word_blocks.get(w));
        }
        let candidates = marked.iter().enumerate().flat_map(|(w, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    w * 64 + b
                })
            })
        });
        let hist = histogram(&chars);
        let sig = signature(&chars);
        // `max_edits` for each candidate length in the window, computed once
        // per query rather than a float multiply and floor per candidate.
        let limits: Vec<usize> = (lo..=hi)
            .map(|elen| max_edits(len.max(elen as usize)))
            .collect();
        let mut best: Option<(f64, usize)> = None;
        let mut runner_up = 0.0f64;
        let mut rows = (Vec::new(), Vec::new());
        for idx in candidates {
            let sketch = self.sketches[idx];
            let elen = sketch.len as usize;
            if elen < FUZZY_MIN_LEN {
                continue;
            }
            // The most edits a match may need; cheap lower bounds first.
            // (Every candidate's length is in the window; `get` is only
            // there so an out-of-window length could never index wrongly.)
            let longest = len.max(elen);
            let Some(&max_edits) = limits.get(elen.wrapping_sub(lo as usize)) else {
                continue;
            };
            if len.abs_diff(elen) > max_edits {
                continue;
            }
            if signature_bound(sig, sketch.signature) > max_edits {
                continue;
            }
            if hist_bound(&hist, &self.hists[idx]) > max_edits {
                continue;
            }
            let e = &self.entries[idx];
            if let (Some(a), Some(b)) = (domain, e.domain.as_deref()) {
                if a != b {
                    continue;
                }
            }
            if is_false_friend(words, &e.words) {
                continue;
            }
            let echars = &self.chars[sketch.start as usize..][..elen];
            let Some(edits) = bounded_levenshtein(&chars, echars, max_edits, &mut rows) else {
                continue;
            };
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
        Some(CompanyMatch {
            entry,
            tier: MatchTier::Fuzzy,
            confidence: (sim * 100.0).round() / 100.0,
        })
    }
}

/// Edit distance when it is at most `max`, else `None`; `rows` are reused
/// buffers.
///
/// Only the diagonal band `|i − j| ≤ max` is computed (Ukkonen): a cell
/// outside it is at least `|i − j| > max`, so it can never lead to an
/// answer, and fuzzy matching's `max` is small (one or two edits for most
/// company names), so this is a few cells per row instead of the whole row.
/// Cells are capped at `max + 1` ("too far"); the answer is exact whenever
/// it is at most `max`. Stops as soon as every cell of a row exceeds `max`.
fn bounded_levenshtein(
    a: &[char],
    b: &[char],
    max: usize,
    rows: &mut (Vec<usize>, Vec<usize>),
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let far = max + 1;
    let n = b.len();
    let (prev, cur) = rows;
    prev.clear();
    prev.extend((0..=n).map(|j| j.min(far)));
    cur.clear();
    cur.resize(n + 1, far);
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        // The band of this row; `row ≤ n + max` since the lengths differ
        // by at most `max`, so `lo ≤ hi + 1`.
        let lo = row.saturating_sub(max).max(1);
        let hi = (row + max).min(n);
        // The cells just outside the band are all the next row reads of
        // this one besides the band itself.
        cur[lo - 1] = if lo == 1 { row.min(far) } else { far };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(*ca != b[j - 1]);
            let v = (prev[j - 1] + cost)
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(far);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if hi < n {
            cur[hi + 1] = far;
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    Some(prev[n]).filter(|d| *d <= max)
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
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "163.com",
        "orange.fr",
        "free.fr",
        "hotmail.fr",
        "yahoo.fr",
        "yahoo.co.uk",
        "btinternet.com",
        "comcast.net",
        "example.com",
        "example.org",
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
        let m = matcher(&[
            ("Globex Corporation", Some("globex.com")),
            ("Initech Systems", None),
            ("Hooli", Some("hooli.xyz")),
        ]);
        let tier = |n: &str, d: Option<&str>| m.find(n, d).map(|x| (x.entry, x.tier));
        assert_eq!(
            tier("globex corporation", None),
            Some((0, MatchTier::Exact))
        );
        assert_eq!(tier("Globex, Inc.", None), Some((0, MatchTier::Normalised)));
        assert_eq!(
            tier("Alphabet Holdings", Some("hooli.xyz")),
            Some((2, MatchTier::Domain))
        );
        let f = m.find("Initech Sytems", None).unwrap();
        assert_eq!((f.entry, f.tier), (1, MatchTier::Fuzzy));
        assert!(
            f.confidence >= FUZZY_THRESHOLD && f.confidence < 1.0,
            "{f:?}"
        );
        assert_eq!(tier("Umbrella Health", None), None);
    }

    #[test]
    fn false_friends_are_not_matched() {
        let m = matcher(&[
            ("Apple", Some("apple.com")),
            ("Delta Air Lines", None),
            ("IBM", None),
            ("Globex", Some("globex.com")),
        ]);
        assert_eq!(m.find("Apple Bank", None), None);
        assert_eq!(
            m.find("Apple Bank for Savings", Some("applebank.com")),
            None
        );
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
        assert_eq!(
            email_domain("ana@Globex.com").as_deref(),
            Some("globex.com")
        );
        assert_eq!(email_domain("ana@gmail.com"), None);
        assert_eq!(email_domain("nope"), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        let (k, s): (Vec<char>, Vec<char>) =
            ("kitten".chars().collect(), "sitting".chars().collect());
        let mut rows = (Vec::new(), Vec::new());
        assert_eq!(bounded_levenshtein(&k, &s, 3, &mut rows), Some(3));
        assert_eq!(bounded_levenshtein(&k, &s, 2, &mut rows), None);
    }
}

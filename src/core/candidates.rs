/*!
Building the candidate set: every promoter → target path worth scoring,
with the raw facts the ranking needs. This is the expensive step; it runs
once per import, and [`super::rank::rank`] re-scores its output as often as
the user moves a weight.

```text
NPS responses ─▶ promoters (latest answer per person; detractors dropped)
account lists ─▶ account book (targets, customers, opportunities, competitors,
                 merged by name/domain with a visible match tier)
networks ─────▶ one pass over every connection: company → account (cached per
                distinct company string) → excluded? → target person + path
lead lists ───▶ mutual connections for targets they name
history ──────▶ people already asked or introduced are dropped
```

It is one pass over the rows with hash joins on normalised company keys;
only connections at target accounts are kept, and those are *referenced*
(network index + row index), not copied, apart from the few fields a target
shows. Memory grows with candidates, not with rows.

Exclusions (each counted, so the user sees why people are missing):
existing customers (any account on the customer list or in the NPS file),
open opportunities, competitors, the promoter's own employer, people
already asked or introduced, and — in account-list mode — every company not
on the target list.

Identity: a person is the same across networks when their canonical
profile URL is; without a URL (2018-layout files, opaque URLs), when their
folded full name and company key are.

Order: promoters are sorted by their key (email, else name), targets by
folded name then URL, paths by target then promoter. Indices are therefore
stable keys, and every tie later is broken by them, never by hash order.
*/

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::company::{
    company_key, company_words, email_domain, fold, fold_into, CompanyMatcher, FastMap, MatchTier,
};
use super::dates::Date;
use super::goal::{AskRecord, AskState};
use super::import::ImportedFile;
use super::model::{Account, AccountRole, ConnectionRef, Connections, Lead, NpsResponse, Records};
use super::profile_url;
use super::seniority::{seniority_of, Seniority};
use super::settings::{IcpMode, Persona, Settings};

/// One uploaded network: whose it is and its connections (borrowed).
#[derive(Clone, Debug)]
pub struct Network<'a> {
    /// The promoter's email or name as written in the NPS file (or a team
    /// member's name). A network whose owner is not a promoter still counts
    /// for connection strength.
    pub owner: String,
    /// The owner's employer, when the file says (LinkedIn ZIP).
    pub owner_company: Option<String>,
    pub connections: &'a Connections,
}

/// An account list and what it is for.
#[derive(Clone, Debug)]
pub struct AccountList<'a> {
    pub role: AccountRole,
    pub accounts: &'a [Account],
}

/// Everything imported, borrowed from the imported files.
#[derive(Clone, Debug, Default)]
pub struct Dataset<'a> {
    pub nps: Vec<&'a [NpsResponse]>,
    pub networks: Vec<Network<'a>>,
    pub leads: Vec<&'a [Lead]>,
    pub accounts: Vec<AccountList<'a>>,
    /// Asks already made, with their dated state changes.
    pub history: &'a [AskRecord],
}

impl<'a> Dataset<'a> {
    /// A dataset over imported files, by kind: a network's owner is
    /// `ImportedFile::owner` (unset owners can be given with
    /// [`Dataset::networks`] directly), an account list's role is
    /// `ImportedFile::account_role` (targets when unset).
    pub fn from_files(files: &'a [ImportedFile]) -> Dataset<'a> {
        Dataset::with_owners(files.iter().map(|f| (f, f.owner.clone())))
    }

    /// A dataset over imported files, each with its network's owner (the
    /// promoter key; ignored for other kinds).
    pub fn with_owners(
        files: impl IntoIterator<Item = (&'a ImportedFile, Option<String>)>,
    ) -> Dataset<'a> {
        let mut d = Dataset::default();
        for (f, owner) in files {
            match &f.records {
                Records::Connections(rows) => d.networks.push(Network {
                    owner: owner.unwrap_or_default(),
                    owner_company: f.owner_company.clone(),
                    connections: rows,
                }),
                Records::Nps(rows) => d.nps.push(rows),
                Records::Leads(rows) => d.leads.push(rows),
                Records::Accounts(rows) => d.accounts.push(AccountList {
                    role: f.account_role.unwrap_or(AccountRole::Target),
                    accounts: rows,
                }),
                Records::None => {}
            }
        }
        d
    }
}

/// A respondent who may be asked (scored 7 or more in their latest answer;
/// whether passives are asked is decided when ranking).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Promoter {
    pub name: String,
    pub email: Option<String>,
    pub company: String,
    pub title: String,
    pub seniority: Seniority,
    pub score: u8,
    pub responded_on: Option<Date>,
    pub project_start: Option<Date>,
    pub project_end: Option<Date>,
    pub event_on: Option<Date>,
    /// Uploaded networks that are this promoter's.
    pub networks: u32,
    /// Connections in those networks.
    pub connections: u32,
}

impl Promoter {
    /// How the promoter is named in asks: the email, else the name.
    pub fn key(&self) -> &str {
        self.email.as_deref().unwrap_or(&self.name)
    }
    /// The first name, for the email draft.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

/// An account that has at least one target person in a promoter's network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetAccount {
    pub name: String,
    pub domain: Option<String>,
    /// 1 is the best tier; `None` when the list has no tier (or any-company mode).
    pub tier: Option<u8>,
}

/// A person worth an introduction, at a target account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub name: String,
    pub title: Rc<str>,
    /// The canonical profile URL, else the URL as written.
    pub url: Option<String>,
    /// Index into [`CandidateSet::accounts`].
    pub account: u32,
    /// The company as the connection row wrote it (shared by every target
    /// the same string names).
    pub company: Rc<str>,
    pub match_tier: MatchTier,
    pub match_confidence: f64,
    pub seniority: Seniority,
    /// The title contains one of the persona's keywords (true when there are none).
    pub persona_match: bool,
    /// Uploaded networks (promoters', the team's) containing this person.
    pub networks: u32,
    /// Mutual connections, from a lead export that names this person.
    pub mutuals: Option<u32>,
}

/// One way in: a promoter who knows a target.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Path {
    /// Index into [`CandidateSet::promoters`].
    pub promoter: u32,
    /// Index into [`CandidateSet::targets`].
    pub target: u32,
    /// The network and row the connection came from.
    pub network: u32,
    pub row: u32,
    /// People the promoter knows at the target's account.
    pub depth_people: u32,
    /// The same, each weighted by seniority (0.2 individual contributor … 1.0 C-level).
    pub depth: f32,
}

/// Why connections are not candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exclusion {
    NotTarget,
    OutsidePersona,
    ExistingCustomer,
    OpenOpportunity,
    Competitor,
    PromoterEmployer,
    AlreadyAsked,
}

impl Exclusion {
    /// Every reason, in declaration order (`reason as usize` indexes it).
    const ALL: [Exclusion; 7] = [
        Exclusion::NotTarget,
        Exclusion::OutsidePersona,
        Exclusion::ExistingCustomer,
        Exclusion::OpenOpportunity,
        Exclusion::Competitor,
        Exclusion::PromoterEmployer,
        Exclusion::AlreadyAsked,
    ];
    const COUNT: usize = Exclusion::ALL.len();

    pub fn label(self) -> &'static str {
        match self {
            Exclusion::NotTarget => "not at a target account",
            Exclusion::OutsidePersona => "outside the buyer persona",
            Exclusion::ExistingCustomer => "at an existing customer",
            Exclusion::OpenOpportunity => "at an open opportunity",
            Exclusion::Competitor => "at a competitor",
            Exclusion::PromoterEmployer => "at the promoter's own employer",
            Exclusion::AlreadyAsked => "already asked or introduced",
        }
    }
}

/// How many connection rows (or, for already-asked, paths) were left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionCount {
    pub reason: Exclusion,
    pub count: u64,
}

/// A company name matched to an account other than exactly: shown so the
/// user can veto it (by adding `company` to `Settings::vetoed_matches`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NameMatch {
    /// The name as written in the file.
    pub company: String,
    /// The account it was matched to.
    pub account: String,
    pub tier: MatchTier,
    pub confidence: f64,
    /// What the account is (target, customer, …).
    pub roles: Vec<AccountRole>,
}

/// The output of [`build_candidates`]: everything [`super::rank::rank`] needs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CandidateSet {
    pub promoters: Vec<Promoter>,
    pub accounts: Vec<TargetAccount>,
    pub targets: Vec<Target>,
    /// Sorted by target, then promoter; one path per (target, promoter).
    pub paths: Vec<Path>,
    pub matches: Vec<NameMatch>,
    pub excluded: Vec<ExclusionCount>,
    /// Things worth knowing ("network of X: X is not in the NPS file").
    pub notes: Vec<String>,
}

/// An account in the book: merged from every list that names it.
#[derive(Clone, Debug, Default)]
struct BookEntry {
    name: String,
    domain: Option<String>,
    tier: Option<u8>,
    target: bool,
    customer: bool,
    opportunity: bool,
    competitor: bool,
}

impl BookEntry {
    fn roles(&self) -> Vec<AccountRole> {
        let mut r = Vec::new();
        if self.target {
            r.push(AccountRole::Target);
        }
        if self.customer {
            r.push(AccountRole::Customer);
        }
        if self.opportunity {
            r.push(AccountRole::Opportunity);
        }
        if self.competitor {
            r.push(AccountRole::Competitor);
        }
        r
    }
    fn exclusion(&self) -> Option<Exclusion> {
        if self.customer {
            Some(Exclusion::ExistingCustomer)
        } else if self.opportunity {
            Some(Exclusion::OpenOpportunity)
        } else if self.competitor {
            Some(Exclusion::Competitor)
        } else {
            None
        }
    }
}

struct Book {
    matcher: CompanyMatcher,
    entries: Vec<BookEntry>,
    matches: Vec<NameMatch>,
}

impl Book {
    /// Add an account to the book, merging with an entry it matches.
    fn add(
        &mut self,
        name: &str,
        domain: Option<&str>,
        tier: Option<u8>,
        role: AccountRole,
        vetoed: &Vetoed,
    ) {
        let is_vetoed = vetoed.contains(name);
        let found = if is_vetoed {
            None
        } else {
            self.matcher.find(name, domain)
        };
        let idx = match found {
            Some(m) => {
                if m.tier != MatchTier::Exact {
                    self.matches.push(NameMatch {
                        company: name.to_string(),
                        account: self.entries[m.entry].name.clone(),
                        tier: m.tier,
                        confidence: m.confidence,
                        roles: vec![role],
                    });
                }
                if let Some(d) = domain {
                    self.matcher.set_domain(m.entry, d);
                    self.entries[m.entry]
                        .domain
                        .get_or_insert_with(|| d.to_string());
                }
                m.entry
            }
            None => {
                let i = self.matcher.add(name, domain);
                self.entries.push(BookEntry {
                    name: name.trim().to_string(),
                    domain: domain.map(str::to_string),
                    ..Default::default()
                });
                i
            }
        };
        let e = &mut self.entries[idx];
        match role {
            AccountRole::Target => {
                e.target = true;
                e.tier = match (e.tier, tier) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            AccountRole::Customer => e.customer = true,
            AccountRole::Opportunity => e.opportunity = true,
            AccountRole::Competitor => e.competitor = true,
        }
    }
}

/// The user's vetoed names, for a hash lookup per distinct company instead
/// of a scan of the list. `v.trim().eq_ignore_ascii_case(name.trim())` is
/// the rule; ASCII-lowercasing both trimmed sides and comparing is the same
/// test.
struct Vetoed(HashSet<String>);

impl Vetoed {
    fn new(list: &[String]) -> Vetoed {
        Vetoed(list.iter().map(|v| v.trim().to_ascii_lowercase()).collect())
    }
    fn contains(&self, name: &str) -> bool {
        !self.0.is_empty() && self.0.contains(&name.trim().to_ascii_lowercase())
    }
}

/// Company keys interned to small ids (so "is this the promoter's
/// employer?" compares integers), with each key kept for the person
/// identity key.
#[derive(Default)]
struct Keys {
    ids: FastMap<String, u32>,
    names: Vec<String>,
}

impl Keys {
    /// The key's id; the empty key has none (`u32::MAX`).
    fn intern(&mut self, key: String) -> u32 {
        if key.is_empty() {
            return u32::MAX;
        }
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(key.clone());
        self.ids.insert(key, id);
        id
    }
    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

/// What a distinct company string resolved to (cached per string).
#[derive(Clone, Copy)]
enum Resolved {
    /// A candidate account (index into the output accounts), with the match.
    Account(u32, MatchTier, f32),
    Excluded(Exclusion),
}

/// Person identity across networks and lead lists.
///
/// Speed: at 100 networks there are a million targets, and maps keyed by
/// strings spent their time following each key to its heap block — on
/// every probe and again for every key each time a map grew. So the maps
/// are keyed by a 64-bit hash of the URL or name key and hold the first
/// target with that hash; a hit is confirmed against the target's own URL
/// or name key, and the rare string whose hash an earlier, different string
/// took lives in an exact map beside (`*_spill`). The result is the exact
/// string map's, hash collisions or not.
struct People {
    /// [`hash_str`]; a test gives every string the same hash.
    hash: fn(&str) -> u64,
    by_url: FastMap<u64, u32>,
    by_name: FastMap<u64, u32>,
    url_spill: FastMap<String, u32>,
    name_spill: FastMap<String, u32>,
    /// Each target's name key (by target index): the folded full name, `|`,
    /// the company key.
    name_keys: Vec<String>,
    /// Where the folded name ends in each name key.
    name_lens: Vec<u32>,
}

fn hash_str(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = super::company::FastHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

impl Default for People {
    fn default() -> People {
        People {
            hash: hash_str,
            by_url: FastMap::default(),
            by_name: FastMap::default(),
            url_spill: FastMap::default(),
            name_spill: FastMap::default(),
            name_keys: Vec::new(),
            name_lens: Vec::new(),
        }
    }
}

impl People {
    fn name_key(full_name: &str, company: &str) -> String {
        People::name_key_with(full_name, &company_key(company)).0
    }

    /// [`People::name_key`] with the company's key already known, and the
    /// length of the folded name at its start.
    fn name_key_with(full_name: &str, company_key: &str) -> (String, u32) {
        let name = full_name.trim();
        let mut k = String::with_capacity(name.len() + 1 + company_key.len());
        fold_into(&mut k, name);
        let len = k.len() as u32;
        k.push('|');
        k.push_str(company_key);
        (k, len)
    }

    fn by_url(&self, targets: &[Target], url: &str) -> Option<u32> {
        let t = *self.by_url.get(&(self.hash)(url))?;
        if targets[t as usize].url.as_deref() == Some(url) {
            Some(t)
        } else {
            self.url_spill.get(url).copied()
        }
    }

    fn by_name(&self, key: &str) -> Option<u32> {
        let t = *self.by_name.get(&(self.hash)(key))?;
        if self.name_keys[t as usize] == key {
            Some(t)
        } else {
            self.name_spill.get(key).copied()
        }
    }

    /// Index `key` (which neither map holds) as target `t`: by its hash,
    /// or beside when an earlier, different key has that hash.
    fn index(
        hashed: &mut FastMap<u64, u32>,
        spill: &mut FastMap<String, u32>,
        hash: u64,
        key: &str,
        t: u32,
    ) {
        if let std::collections::hash_map::Entry::Vacant(v) = hashed.entry(hash) {
            v.insert(t);
        } else {
            spill.insert(key.to_string(), t);
        }
    }

    /// Record that target `t` has `url` (which no target had).
    fn add_url(&mut self, url: &str, t: u32) {
        let hash = (self.hash)(url);
        People::index(&mut self.by_url, &mut self.url_spill, hash, url, t);
    }

    /// Record a new target `t` (the next index) with its name key (which no
    /// target has: it is made only when the name lookup found none).
    fn add_target(&mut self, t: u32, (key, len): (String, u32)) {
        debug_assert_eq!(t as usize, self.name_keys.len());
        let hash = (self.hash)(&key);
        People::index(&mut self.by_name, &mut self.name_spill, hash, &key, t);
        self.name_keys.push(key);
        self.name_lens.push(len);
    }

    /// The folded full name of target `t` (as first found).
    fn folded_name(&self, t: u32) -> &str {
        &self.name_keys[t as usize][..self.name_lens[t as usize] as usize]
    }

    fn find(&self, targets: &[Target], url: Option<&str>, name_key: &str) -> Option<u32> {
        url.and_then(|u| self.by_url(targets, u))
            .or_else(|| self.by_name(name_key))
    }
}

/// A byte string's first 16 bytes as a big-endian integer (zero-padded),
/// and its length: enough to compare most pairs of strings without reading
/// them. If `a`'s integer is less than `b`'s then `a < b` (at the first
/// differing byte either both have a byte there, or `a` has ended — a zero —
/// and is a prefix of `b`). When the integers tie and both strings fit in
/// 16 bytes, they are one string followed by zeros and the shorter is the
/// prefix, so their lengths decide. Only otherwise are the bytes compared.
#[derive(Clone, Copy)]
struct Prefixed {
    head: u128,
    len: usize,
}

impl Prefixed {
    fn new(s: &[u8]) -> Prefixed {
        let mut b = [0u8; 16];
        let n = s.len().min(16);
        b[..n].copy_from_slice(&s[..n]);
        Prefixed {
            head: u128::from_be_bytes(b),
            len: s.len(),
        }
    }

    /// Compare `a` (of which `self` was made) with `b` (of which `other` was).
    fn cmp(&self, other: &Prefixed, a: &[u8], b: &[u8]) -> std::cmp::Ordering {
        self.head.cmp(&other.head).then_with(|| {
            if self.len <= 16 && other.len <= 16 {
                self.len.cmp(&other.len)
            } else {
                a.cmp(b)
            }
        })
    }
}

/// A target's place in the output order (step 8 of [`build_candidates`]).
struct SortKey<'a> {
    name_head: Prefixed,
    url_head: Prefixed,
    /// The folded name.
    name: &'a [u8],
    /// The URL after the prefix all URLs share.
    url: &'a [u8],
    account: u32,
    /// Index into the unsorted order.
    pos: u32,
}

/// A person's URL for identity and display: canonical, else as written.
fn person_url<'a>(c: &ConnectionRef<'a>) -> Option<&'a str> {
    c.url.or(c.other_url)
}

/// Does a (folded) title contain one of the persona's keywords?
fn persona_match(persona: &Persona, title: &str) -> bool {
    if persona.title_keywords.iter().all(|k| k.trim().is_empty()) {
        return true;
    }
    let words: Vec<String> = fold(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let text = format!(" {} ", words.join(" "));
    persona.title_keywords.iter().any(|k| {
        let k: Vec<String> = fold(k)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        !k.is_empty() && text.contains(&format!(" {} ", k.join(" ")))
    })
}

fn person_key(email: Option<&str>, name: &str) -> String {
    match email {
        Some(e) if !e.trim().is_empty() => e.trim().to_lowercase(),
        _ => fold(name.trim()),
    }
}

/// All that [`build_candidates`] reads of the asks history: who was asked
/// (any state from asked on) — their profile URL, name and company — in a
/// stable order. Two histories with the same people give the same
/// candidates, so moving an ask on from "asked" (introduced, meeting, …)
/// need not rebuild them.
pub fn asked_people(history: &[AskRecord]) -> Vec<(Option<&str>, &str, &str)> {
    let mut people: Vec<_> = history
        .iter()
        .filter(|rec| rec.changes.iter().any(|c| c.state >= AskState::Asked))
        .map(|rec| {
            (
                rec.target_url.as_deref(),
                rec.target.as_str(),
                rec.account.as_str(),
            )
        })
        .collect();
    people.sort_unstable();
    people.dedup();
    people
}

/// Paths in (target, promoter, network, row) order.
fn path_order(p: &Path) -> (u32, u32, u32, u32) {
    (p.target, p.promoter, p.network, p.row)
}

/// Build the candidate set. See the module docs for the steps and rules.
pub fn build_candidates(data: &Dataset, settings: &Settings) -> CandidateSet {
    let mut out = CandidateSet::default();
    // Counted per row, so an array by reason rather than a hashed map.
    let mut excluded = [0u64; Exclusion::COUNT];

    // 1. Promoters: the latest answer per person; 7+ may be asked.
    let mut latest: HashMap<String, &NpsResponse> = HashMap::new();
    for r in data.nps.iter().flat_map(|rows| rows.iter()) {
        let key = person_key(r.email.as_deref(), &r.name);
        if key.is_empty() {
            continue;
        }
        let newer = |old: &NpsResponse| (r.responded_on, r.row) >= (old.responded_on, old.row);
        match latest.get(&key) {
            Some(old) if !newer(old) => {}
            _ => {
                latest.insert(key, r);
            }
        }
    }
    let mut people: Vec<(&String, &&NpsResponse)> =
        latest.iter().filter(|(_, r)| r.score >= 7).collect();
    super::order::sort_by(&mut people, |a, b| a.0.cmp(b.0));
    out.promoters = people
        .iter()
        .map(|(_, r)| Promoter {
            name: r.name.trim().to_string(),
            email: r.email.as_ref().map(|e| e.trim().to_string()),
            company: r.company.trim().to_string(),
            title: r.title.trim().to_string(),
            seniority: seniority_of(&r.title),
            score: r.score,
            responded_on: r.responded_on,
            project_start: r.project_start,
            project_end: r.project_end,
            event_on: r.event_on,
            networks: 0,
            connections: 0,
        })
        .collect();

    // 2. The account book: targets first, then what excludes them.
    let mut book = Book {
        matcher: CompanyMatcher::new(),
        entries: Vec::new(),
        matches: Vec::new(),
    };
    let vetoed = &Vetoed::new(&settings.vetoed_matches);
    for role in AccountRole::ALL {
        for list in data.accounts.iter().filter(|l| l.role == role) {
            for a in list.accounts {
                book.add(&a.name, a.domain.as_deref(), a.tier, role, vetoed);
            }
        }
    }
    for r in data.nps.iter().flat_map(|rows| rows.iter()) {
        if !r.company.trim().is_empty() {
            let domain = r.email.as_deref().and_then(email_domain);
            book.add(
                &r.company,
                domain.as_deref(),
                None,
                AccountRole::Customer,
                vetoed,
            );
        }
    }

    // 3. Whose networks: owner → promoter.
    let mut promoter_by: HashMap<String, u32> = HashMap::new();
    for (i, p) in out.promoters.iter().enumerate() {
        if let Some(e) = &p.email {
            promoter_by.entry(e.to_lowercase()).or_insert(i as u32);
        }
        promoter_by.entry(fold(&p.name)).or_insert(i as u32);
    }
    let mut respondents: HashMap<String, u8> = HashMap::new();
    for (k, r) in &latest {
        respondents.insert(k.clone(), r.score);
        respondents.insert(fold(r.name.trim()), r.score);
    }
    let network_owner: Vec<Option<u32>> = data
        .networks
        .iter()
        .map(|n| {
            let owner = n.owner.trim();
            let found = promoter_by
                .get(&owner.to_lowercase())
                .or_else(|| promoter_by.get(&fold(owner)))
                .copied();
            if found.is_none() {
                let why = match respondents
                    .get(&owner.to_lowercase())
                    .or_else(|| respondents.get(&fold(owner)))
                {
                    Some(s) => format!("{owner} scored {s} (a detractor)"),
                    None if owner.is_empty() => "its owner is not named".to_string(),
                    None => format!("{owner} is not in the NPS file"),
                };
                out.notes.push(format!(
                    "A network of {} connections is used for connection strength only: {why}.",
                    n.connections.len()
                ));
            }
            found
        })
        .collect();
    for (n, owner) in data.networks.iter().zip(&network_owner) {
        if let Some(p) = owner {
            let p = &mut out.promoters[*p as usize];
            p.networks += 1;
            p.connections += n.connections.len() as u32;
        }
    }
    // Each promoter's employer, as interned company keys (the same ids the
    // row loop gives each distinct company string).
    let mut keys = Keys::default();
    let employer_keys: Vec<Vec<u32>> = out
        .promoters
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut employer = vec![company_key(&p.company)];
            for (n, owner) in data.networks.iter().zip(&network_owner) {
                if *owner == Some(i as u32) {
                    if let Some(c) = &n.owner_company {
                        employer.push(company_key(c));
                    }
                }
            }
            let ids: Vec<u32> = employer.into_iter().map(|k| keys.intern(k)).collect();
            ids.into_iter().filter(|id| *id != u32::MAX).collect()
        })
        .collect();

    // 4. One pass over every connection.
    //
    // Speed: a network has tens of thousands of rows but far fewer distinct
    // company strings and titles, and everything derived from those —
    // normalisation, matching (fuzzy matching above all), the company key,
    // seniority, the persona test — is a pure function of the string. So
    // each is computed once per distinct string and looked up (one hash of
    // a borrowed `&str`, no allocation) for every other row. Only rows at
    // candidate accounts build strings at all.
    let vetoed = &vetoed;
    let mut cache: FastMap<&str, (Resolved, u32, u32)> = FastMap::default();
    let mut titles: FastMap<&str, (Seniority, bool, u32)> = FastMap::default();
    // Each distinct company and title string, trimmed, shared by every
    // target that has it (one string each, not one per target).
    let mut shared_strs: Vec<Rc<str>> = Vec::new();
    let mut account_of_entry: FastMap<usize, u32> = FastMap::default();
    let mut account_of_key: FastMap<String, u32> = FastMap::default();
    let mut people_index = People::default();
    let mut target_last_network: Vec<u32> = Vec::new();
    let mut raw_paths: Vec<Path> = Vec::new();
    for (ni, network) in data.networks.iter().enumerate() {
        let owner = network_owner[ni];
        for (row, c) in network.connections.iter().enumerate() {
            let (resolved, key_id, company_str) = match cache.get(c.company) {
                Some(r) => *r,
                None => {
                    // The name is normalised once, for both the match and
                    // the key.
                    let words = company_words(c.company);
                    let key = words.concat();
                    let r = resolve(
                        c.company,
                        &words,
                        &key,
                        settings,
                        vetoed,
                        &book,
                        &mut out,
                        &mut account_of_entry,
                        &mut account_of_key,
                    );
                    let id = keys.intern(key);
                    shared_strs.push(c.company.trim().into());
                    let entry = (r, id, shared_strs.len() as u32 - 1);
                    cache.insert(c.company, entry);
                    entry
                }
            };
            // The promoter's own employer first: it is also a customer, but
            // this is the more useful reason.
            if let Some(p) = owner {
                if employer_keys[p as usize].contains(&key_id) {
                    excluded[Exclusion::PromoterEmployer as usize] += 1;
                    continue;
                }
            }
            let (account, tier, confidence) = match resolved {
                Resolved::Account(a, t, conf) => (a, t, conf),
                Resolved::Excluded(why) => {
                    excluded[why as usize] += 1;
                    continue;
                }
            };
            let (seniority, fits, title_str) = *titles.entry(c.title).or_insert_with(|| {
                shared_strs.push(c.title.trim().into());
                (
                    seniority_of(c.title),
                    persona_match(&settings.persona, c.title),
                    shared_strs.len() as u32 - 1,
                )
            });
            if settings.icp == IcpMode::AnyCompany
                && (!fits || seniority < settings.persona.min_seniority)
            {
                excluded[Exclusion::OutsidePersona as usize] += 1;
                continue;
            }
            let url = person_url(&c);
            // Known by URL (the same person in another network): no name
            // or name key to build. This is `People::find`, with the name
            // key made only when the URL does not decide.
            let by_url = url.and_then(|u| people_index.by_url(&out.targets, u));
            let target = match by_url {
                Some(t) => t,
                None => {
                    let name = c.full_name();
                    let name_key = People::name_key_with(&name, keys.name(key_id));
                    match people_index.by_name(&name_key.0) {
                        Some(t) => {
                            let known = &mut out.targets[t as usize];
                            if known.url.is_none() {
                                if let Some(u) = url {
                                    known.url = Some(u.to_string());
                                    people_index.add_url(u, t);
                                }
                            }
                            t
                        }
                        None => {
                            let t = out.targets.len() as u32;
                            // The row's full name is already a fresh string:
                            // keep it unless trimming changes it.
                            let name = if name.trim().len() == name.len() {
                                name
                            } else {
                                name.trim().to_string()
                            };
                            out.targets.push(Target {
                                name,
                                title: shared_strs[title_str as usize].clone(),
                                url: url.map(str::to_string),
                                account,
                                company: shared_strs[company_str as usize].clone(),
                                match_tier: tier,
                                match_confidence: confidence as f64,
                                seniority,
                                persona_match: fits,
                                networks: 0,
                                mutuals: None,
                            });
                            target_last_network.push(u32::MAX);
                            if let Some(u) = url {
                                people_index.add_url(u, t);
                            }
                            people_index.add_target(t, name_key);
                            t
                        }
                    }
                }
            };
            if target_last_network[target as usize] != ni as u32 {
                target_last_network[target as usize] = ni as u32;
                out.targets[target as usize].networks += 1;
            }
            if let Some(p) = owner {
                raw_paths.push(Path {
                    promoter: p,
                    target,
                    network: ni as u32,
                    row: row as u32,
                    depth_people: 0,
                    depth: 0.0,
                });
            }
        }
    }
    drop(cache);
    drop(titles);

    // 5. Lead lists: mutual connections (and a title when a row had none).
    for lead in data.leads.iter().flat_map(|l| l.iter()) {
        let key = People::name_key(&lead.full_name(), &lead.company);
        if let Some(t) = people_index.find(&out.targets, lead.url.as_deref(), &key) {
            let t = &mut out.targets[t as usize];
            if let Some(m) = lead.mutual_connections {
                t.mutuals = Some(t.mutuals.map_or(m, |old| old.max(m)));
            }
            if t.title.is_empty() && !lead.title.is_empty() {
                t.title = lead.title.as_str().into();
                t.seniority = seniority_of(&lead.title);
            }
        }
    }

    // 6. One path per (target, promoter); depth per (promoter, account).
    raw_paths.sort_unstable_by_key(path_order);
    raw_paths.dedup_by_key(|p| (p.target, p.promoter));
    let mut depth: FastMap<(u32, u32), (u32, f32)> = FastMap::default();
    for p in &raw_paths {
        let t = &out.targets[p.target as usize];
        let d = depth.entry((p.promoter, t.account)).or_default();
        d.0 += 1;
        d.1 += t.seniority.weight() as f32;
    }
    for p in raw_paths.iter_mut() {
        let (n, w) = depth[&(p.promoter, out.targets[p.target as usize].account)];
        p.depth_people = n;
        p.depth = w;
    }

    // 7. People already asked or introduced are not asked again.
    let mut asked = vec![false; out.targets.len()];
    for (url, target, account) in asked_people(data.history) {
        let url = url.map(|u| profile_url::normalize(u).unwrap_or_else(|| u.to_string()));
        if let Some(t) = people_index.find(
            &out.targets,
            url.as_deref(),
            &People::name_key(target, account),
        ) {
            asked[t as usize] = true;
        }
    }
    let before = raw_paths.len();
    raw_paths.retain(|p| !asked[p.target as usize]);
    if raw_paths.len() < before {
        excluded[Exclusion::AlreadyAsked as usize] += (before - raw_paths.len()) as u64;
    }

    // 8. Only targets someone can introduce; sorted into stable order.
    let mut has_path = vec![false; out.targets.len()];
    for p in &raw_paths {
        has_path[p.target as usize] = true;
    }
    let order: Vec<u32> = (0..out.targets.len() as u32)
        .filter(|t| has_path[*t as usize])
        .collect();
    // The order is (folded name, URL, account), stable. Speed: with 100k+
    // targets the sort's time went to cache misses, following each key's
    // strings to their heap blocks for every comparison. So the keys carry
    // each string's head inline (see `Prefixed`) and the strings are read
    // only when two heads tie; URLs all begin alike
    // (`https://www.linkedin.com/in/`), so theirs is taken after the prefix
    // every URL here shares, which does not change how two URLs compare.
    // The keys themselves are sorted (not indices into them), so a
    // comparison reads two keys, not two random places; the position in
    // `order` breaks ties last, which makes the faster unstable sort give
    // exactly the stable sort's order.
    let urls = || {
        order
            .iter()
            .map(|t| out.targets[*t as usize].url.as_deref().unwrap_or(""))
    };
    let shared = urls().next().map_or(0, |first| {
        urls().fold(first.len(), |n, u| {
            n.min(
                first
                    .bytes()
                    .zip(u.bytes())
                    .take_while(|(a, b)| a == b)
                    .count(),
            )
        })
    });
    let mut keyed: Vec<SortKey> = order
        .iter()
        .enumerate()
        .map(|(i, &ti)| {
            let t = &out.targets[ti as usize];
            let url = &t.url.as_deref().unwrap_or("").as_bytes()[shared..];
            let name = people_index.folded_name(ti).as_bytes();
            SortKey {
                name_head: Prefixed::new(name),
                url_head: Prefixed::new(url),
                name,
                url,
                account: t.account,
                pos: i as u32,
            }
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.name_head
            .cmp(&b.name_head, a.name, b.name)
            .then_with(|| a.url_head.cmp(&b.url_head, a.url, b.url))
            .then(a.account.cmp(&b.account))
            .then(a.pos.cmp(&b.pos))
    });
    let order: Vec<u32> = keyed.iter().map(|k| order[k.pos as usize]).collect();
    let mut new_index = vec![u32::MAX; out.targets.len()];
    for (new, old) in order.iter().enumerate() {
        new_index[*old as usize] = new as u32;
    }
    let mut slots: Vec<Option<Target>> = vec![None; order.len()];
    for (old, t) in std::mem::take(&mut out.targets).into_iter().enumerate() {
        if new_index[old] != u32::MAX {
            slots[new_index[old] as usize] = Some(t);
        }
    }
    out.targets = slots.into_iter().flatten().collect();
    for p in raw_paths.iter_mut() {
        p.target = new_index[p.target as usize];
    }
    // (target, promoter) is unique by now; the same key as above keeps one
    // copy of the sort in the wasm.
    raw_paths.sort_unstable_by_key(path_order);
    out.paths = raw_paths;

    out.matches.extend(book.matches);
    super::order::sort_by(&mut out.matches, |a, b| {
        (a.tier, &a.company).cmp(&(b.tier, &b.company))
    });
    // Reasons that happened, in reason order (`ALL` is in declaration order, which `Ord` follows).
    out.excluded = Exclusion::ALL
        .iter()
        .zip(excluded)
        .filter(|(_, count)| *count > 0)
        .map(|(&reason, count)| ExclusionCount { reason, count })
        .collect();
    out
}

/// Resolve one distinct company string: a candidate account, or why not.
#[allow(clippy::too_many_arguments)]
fn resolve(
    company: &str,
    words: &[String],
    key: &str,
    settings: &Settings,
    vetoed: &Vetoed,
    book: &Book,
    out: &mut CandidateSet,
    account_of_entry: &mut FastMap<usize, u32>,
    account_of_key: &mut FastMap<String, u32>,
) -> Resolved {
    let found = if company.trim().is_empty() || vetoed.contains(company) {
        None
    } else {
        book.matcher.find_normalised(company, words, key, None)
    };
    if let Some(m) = found {
        let e = &book.entries[m.entry];
        if let Some(why) = e.exclusion() {
            return Resolved::Excluded(why);
        }
        if e.target || settings.icp == IcpMode::AnyCompany {
            if m.tier != MatchTier::Exact && e.target {
                out.matches.push(NameMatch {
                    company: company.trim().to_string(),
                    account: e.name.clone(),
                    tier: m.tier,
                    confidence: m.confidence,
                    roles: e.roles(),
                });
            }
            let next = out.accounts.len() as u32;
            let a = *account_of_entry.entry(m.entry).or_insert_with(|| {
                out.accounts.push(TargetAccount {
                    name: e.name.clone(),
                    domain: e.domain.clone(),
                    tier: e.tier,
                });
                next
            });
            return Resolved::Account(a, m.tier, m.confidence as f32);
        }
        return Resolved::Excluded(Exclusion::NotTarget);
    }
    if settings.icp == IcpMode::AnyCompany {
        if key.is_empty() {
            return Resolved::Excluded(Exclusion::NotTarget);
        }
        let next = out.accounts.len() as u32;
        let a = *account_of_key.entry(key.to_string()).or_insert_with(|| {
            out.accounts.push(TargetAccount {
                name: company.trim().to_string(),
                domain: None,
                tier: None,
            });
            next
        });
        return Resolved::Account(a, MatchTier::Exact, 1.0);
    }
    Resolved::Excluded(Exclusion::NotTarget)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: Option<&str>) -> Target {
        Target {
            name: String::new(),
            title: "".into(),
            url: url.map(str::to_string),
            account: 0,
            company: "".into(),
            match_tier: MatchTier::Exact,
            match_confidence: 1.0,
            seniority: Seniority::IndividualContributor,
            persona_match: true,
            networks: 0,
            mutuals: None,
        }
    }

    /// Every string hashing alike is the worst case for the hashed index:
    /// it must still answer exactly what an index of the strings would.
    #[test]
    fn people_index_is_exact_when_every_hash_collides() {
        for hash in [hash_str as fn(&str) -> u64, |_: &str| 7] {
            let mut people = People {
                hash,
                ..People::default()
            };
            let urls = [
                Some("https://www.linkedin.com/in/ada"),
                Some("https://www.linkedin.com/in/bo"),
                None,
                Some("https://www.linkedin.com/in/cy"),
            ];
            let names = ["ada lind", "bo berg", "cy cole", "dee dunn"];
            let mut targets = Vec::new();
            for (t, (url, name)) in urls.iter().zip(names).enumerate() {
                targets.push(target(*url));
                if let Some(u) = url {
                    people.add_url(u, t as u32);
                }
                people.add_target(t as u32, People::name_key_with(name, "acme"));
            }
            for (t, (url, name)) in urls.iter().zip(names).enumerate() {
                let key = People::name_key_with(name, "acme").0;
                assert_eq!(people.by_name(&key), Some(t as u32), "{name}");
                assert_eq!(people.folded_name(t as u32), name);
                if let Some(u) = url {
                    assert_eq!(people.by_url(&targets, u), Some(t as u32), "{u}");
                    assert_eq!(people.find(&targets, Some(u), "x|y"), Some(t as u32));
                }
            }
            // A URL learnt later for a target found by name.
            targets[2].url = Some("https://www.linkedin.com/in/cee".into());
            people.add_url("https://www.linkedin.com/in/cee", 2);
            assert_eq!(
                people.by_url(&targets, "https://www.linkedin.com/in/cee"),
                Some(2)
            );
            assert_eq!(
                people.by_url(&targets, "https://www.linkedin.com/in/zed"),
                None
            );
            assert_eq!(people.by_name("zed zorn|acme"), None);
            assert_eq!(people.by_name("ada lind|other"), None);
            assert_eq!(
                people.find(
                    &targets,
                    Some("https://www.linkedin.com/in/zed"),
                    "bo berg|acme"
                ),
                Some(1)
            );
        }
    }
}

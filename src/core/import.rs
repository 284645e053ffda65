/*!
The import: one file's bytes in, an [`ImportedFile`] out.

```text
bytes ──text::decode──▶ text ──Table::sniff──▶ delimiter + header row
      ──columns──▶ roles ──detect_kind──▶ kind ──read_*──▶ Records + Problems
```

A ZIP (LinkedIn's data export) goes through [`super::archive`] first, which
picks `Connections.csv` out of it and names the owner from `Profile.csv`.

Every step reports instead of failing: the result always says what was
detected (kind, encoding, delimiter, column roles), how many rows were kept
and skipped, and each problem with its row. The caller may override the
kind, the column roles and an account list's role with [`ImportOptions`];
re-importing with the user's mapping is cheap because nothing here depends
on state outside the file.
*/

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::archive;
use super::columns::{header_score, role_for_header, Role};
use super::company::FastMap;
use super::dates::{infer_slash_order, parse_date, Date, SlashOrder};
use super::limits::MAX_FILE_BYTES;
use super::model::*;
use super::profile_url;
use super::table::{human_bytes, Flow, Row, Table};
use super::text::{decode, trim, Encoding, NotText};

/// The user's corrections to what was detected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// Read the file as this kind, whatever it looks like.
    #[serde(default)]
    pub kind: Option<FileKind>,
    /// Column roles by column index; when given, these replace the detected
    /// roles entirely.
    #[serde(default)]
    pub roles: Option<Vec<Option<Role>>>,
    /// What an account list is for.
    #[serde(default)]
    pub account_role: Option<AccountRole>,
}

/// One column as detected: its header and the role it plays, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub role: Option<Role>,
}

/// Everything read from one file (a ZIP counts as one file).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportedFile {
    pub file: String,
    pub kind: FileKind,
    /// Whose network this is, when the file says (LinkedIn ZIP: Profile.csv).
    pub owner: Option<String>,
    /// The owner's current employer (LinkedIn ZIP: Positions.csv).
    pub owner_company: Option<String>,
    /// For account lists: what the list is for.
    pub account_role: Option<AccountRole>,
    pub encoding: Option<Encoding>,
    /// `comma`, `semicolon` or `tab`.
    pub delimiter: Option<String>,
    /// 1-based line of the header row.
    pub header_line: Option<u64>,
    pub columns: Vec<Column>,
    /// Rows kept.
    pub rows: usize,
    /// Rows read but not kept (blank, footer, no usable content).
    pub skipped: usize,
    pub problems: Vec<Problem>,
    /// Things worth knowing that are not problems ("read as Windows-1252").
    pub notes: Vec<String>,
    pub records: Records,
}

impl ImportedFile {
    fn empty(file: &str) -> ImportedFile {
        ImportedFile {
            file: file.to_string(),
            ..Default::default()
        }
    }

    /// The role each column index plays, as the options would spell it.
    pub fn roles(&self) -> Vec<Option<Role>> {
        self.columns.iter().map(|c| c.role).collect()
    }
}

/// Import one file. Never panics, whatever the bytes.
pub fn import_file(file: &str, bytes: &[u8], options: &ImportOptions) -> ImportedFile {
    if bytes.len() > MAX_FILE_BYTES {
        let mut out = ImportedFile::empty(file);
        out.problems.push(Problem::file(format!(
            "{file} is {}; the limit is {}. Nothing was read.",
            human_bytes(bytes.len()),
            human_bytes(MAX_FILE_BYTES)
        )));
        return out;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return archive::import_zip(file, bytes, options);
    }
    match decode(bytes) {
        Ok((text, encoding)) => import_text(file, &text, encoding, options),
        Err(not_text) => {
            let mut out = ImportedFile::empty(file);
            let msg = match not_text {
                NotText::Empty => format!(
                    "{file} is empty. Expected a CSV or TSV export with a header row (for example LinkedIn's Connections.csv)."
                ),
                NotText::Binary(what) => format!(
                    "{file} looks like {what}, not a CSV/TSV text file. Expected a CSV export, a TSV, or LinkedIn's data-export ZIP."
                ),
            };
            out.problems.push(Problem::file(msg));
            out
        }
    }
}

/// Import decoded text (the part of [`import_file`] after decoding).
pub fn import_text(
    file: &str,
    text: &str,
    encoding: Encoding,
    options: &ImportOptions,
) -> ImportedFile {
    let mut out = ImportedFile::empty(file);
    out.encoding = Some(encoding);
    if encoding == Encoding::Windows1252 {
        out.notes
            .push("Not valid UTF-8: read as Windows-1252 (check accented names).".into());
    }
    let mut table = Table::sniff(text, header_score);
    out.delimiter = Some(table.delimiter_name().to_string());
    if table.header.is_empty() {
        out.problems
            .push(Problem::file(format!("{file} has no rows.")));
        return out;
    }

    let mut roles = match &options.roles {
        Some(given) => {
            let mut r = given.clone();
            r.resize(table.header.len(), None);
            r
        }
        None => detect_roles(&table.header),
    };

    let sample = sample_rows(&table, 200);
    // Qualtrics names its columns Q1, Q2…; the row under the header holds
    // the question texts, which say what the other columns are.
    if options.roles.is_none() && is_qualtrics(&table.header) {
        if let Some(questions) = sample.first() {
            let taken: Vec<Role> = roles.iter().flatten().copied().collect();
            for (i, q) in questions.iter().enumerate() {
                if roles.get(i).is_some_and(Option::is_none) {
                    if let Some((role, _)) = role_for_header(q) {
                        if !taken.contains(&role) && role != Role::Score && role != Role::NpsGroup {
                            roles[i] = Some(role);
                        }
                    }
                }
            }
        }
    }
    let mut kind = options
        .kind
        .unwrap_or_else(|| detect_kind(&table.header, &roles));
    if options.roles.is_none()
        && !roles.contains(&Some(Role::Score))
        && matches!(kind, FileKind::Unknown | FileKind::Nps)
    {
        if let Some(col) = score_column_by_content(&table.header, &roles, &sample) {
            roles[col] = Some(Role::Score);
            if kind == FileKind::Unknown {
                kind = FileKind::Nps;
            }
            out.notes.push(format!(
                "The NPS score column \"{}\" was found by its 0–10 values.",
                table.header[col]
            ));
        }
    }

    // A headerless one-column list: a plain list of account names/domains.
    if table.header_score == 0
        && options.kind.is_none()
        && kind == FileKind::Unknown
        && table.header.len() == 1
    {
        kind = FileKind::Accounts;
        table = table.with_header_as_data();
        table.header = vec!["(no header)".to_string()];
        roles = vec![Some(Role::Company)];
        out.notes
            .push("No header row: read as a plain list of accounts, one per line.".into());
    }

    // An account list needs a name column: without a recognised one, the
    // first column holding words (not numbers) is taken, and said.
    if kind == FileKind::Accounts
        && options.roles.is_none()
        && ![Role::Company, Role::Domain, Role::FullName]
            .iter()
            .any(|r| roles.contains(&Some(*r)))
    {
        let wordy = |i: usize| {
            let vals: Vec<&str> = sample
                .iter()
                .filter_map(|r| r.get(i))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            !vals.is_empty()
                && vals
                    .iter()
                    .filter(|v| v.chars().any(char::is_alphabetic))
                    .count()
                    * 2
                    > vals.len()
        };
        if let Some(i) = (0..table.header.len()).find(|&i| roles[i].is_none() && wordy(i)) {
            roles[i] = Some(Role::Company);
            out.notes.push(format!("Account names taken from the column \"{}\"; change it under Columns if that is wrong.", table.header[i]));
        }
    }

    out.kind = kind;
    out.header_line = Some(table.header_line);
    out.columns = table
        .header
        .iter()
        .zip(&roles)
        .map(|(h, r)| Column {
            header: h.clone(),
            role: *r,
        })
        .collect();

    let cols = Cols::new(&roles);
    let orders = DateOrders::infer(&cols, &sample);
    match kind {
        FileKind::Connections => read_connections(
            &table,
            &cols,
            &orders,
            expected_rows(&table, &sample),
            &mut out,
        ),
        FileKind::Leads => read_leads(&table, &cols, &mut out),
        FileKind::Nps => read_nps(
            &table,
            &cols,
            &orders,
            expected_rows(&table, &sample),
            &mut out,
        ),
        FileKind::Accounts => {
            let role = options
                .account_role
                .unwrap_or_else(|| guess_account_role(file, &table.header));
            out.account_role = Some(role);
            read_accounts(&table, &cols, &mut out)
        }
        FileKind::Unknown => {
            let what = if table.header_score == 0 {
                "no recognisable header row"
            } else {
                "columns that do not match any export we know"
            };
            out.problems.push(Problem::file(format!(
                "{file} has {what}. Expected a LinkedIn Connections.csv (First Name, Last Name, Company, Position, Connected On), an NPS survey export (a 0–10 score column), an account list (Company / Domain) or a lead list. Choose the kind and the columns by hand to read it."
            )));
        }
    }
    out
}

fn is_qualtrics(header: &[String]) -> bool {
    header
        .iter()
        .any(|h| h == "ResponseId" || h.ends_with("_NPS_GROUP"))
}

/// The best column for each role, by header.
pub fn detect_roles(header: &[String]) -> Vec<Option<Role>> {
    let found: Vec<Option<(Role, u8)>> = header.iter().map(|h| role_for_header(h)).collect();
    let mut roles: Vec<Option<Role>> = vec![None; header.len()];
    for role in Role::ALL {
        let best = found
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.filter(|(r, _)| *r == role).map(|(_, p)| (p, i)))
            .min();
        if let Some((_, i)) = best {
            roles[i] = Some(role);
        }
    }
    // Qualtrics: `Q7_NPS_GROUP` names its question, `Q7`, as the score.
    if let Some(g) = roles.iter().position(|r| *r == Some(Role::NpsGroup)) {
        let group = header[g].trim();
        // Only a header that really ends in `_NPS_GROUP` names its question;
        // cut on a character boundary (a header is arbitrary text).
        let question = group
            .len()
            .checked_sub("_NPS_GROUP".len())
            .filter(|&i| group.is_char_boundary(i) && group[i..].eq_ignore_ascii_case("_NPS_GROUP"))
            .map(|i| &group[..i]);
        if let Some(q) = question.and_then(|question| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(question))
        }) {
            for r in roles.iter_mut() {
                if *r == Some(Role::Score) {
                    *r = None;
                }
            }
            roles[q] = Some(Role::Score);
        }
    }
    roles
}

/// The kind a header suggests. See the README for the rules in words.
pub fn detect_kind(header: &[String], roles: &[Option<Role>]) -> FileKind {
    let has = |r: Role| roles.contains(&Some(r));
    let header_is = |name: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    if has(Role::ConnectedOn)
        || (has(Role::FirstName)
            && has(Role::LastName)
            && header_is("Position")
            && !has(Role::Score))
    {
        return FileKind::Connections;
    }
    if has(Role::Score) {
        return FileKind::Nps;
    }
    if has(Role::MutualConnections) || has(Role::Degree) || has(Role::Seniority) {
        return FileKind::Leads;
    }
    if has(Role::Headline) && has(Role::FirstName) {
        // LinkedIn's Profile.csv on its own: not something we rank on.
        return FileKind::Unknown;
    }
    if (has(Role::FirstName) || has(Role::LastName))
        && (has(Role::Company) || has(Role::ProfileUrl))
    {
        return FileKind::Leads;
    }
    if has(Role::Company)
        || has(Role::Domain)
        || (has(Role::FullName) && header.len() <= 3 && !person_only(roles))
    {
        return FileKind::Accounts;
    }
    FileKind::Unknown
}

fn person_only(roles: &[Option<Role>]) -> bool {
    roles.contains(&Some(Role::Email)) || roles.contains(&Some(Role::Title))
}

/// Guess what an account list is for from its file name and columns.
pub fn guess_account_role(file: &str, header: &[String]) -> AccountRole {
    let name = file.to_lowercase();
    if name.contains("competitor") || name.contains("competition") {
        AccountRole::Competitor
    } else if name.contains("opportunit")
        || name.contains("pipeline")
        || name.contains("opps")
        || name.contains("deals")
    {
        AccountRole::Opportunity
    } else if name.contains("customer") || name.contains("client") {
        AccountRole::Customer
    } else if header.iter().any(|h| {
        let h = h.to_lowercase();
        h == "stage" || h.contains("opportunity name") || h == "close date"
    }) {
        AccountRole::Opportunity
    } else {
        AccountRole::Target
    }
}

/// Column index per role, and a cell reader.
pub struct Cols {
    index: [Option<usize>; Role::ALL.len()],
}

impl Cols {
    pub fn new(roles: &[Option<Role>]) -> Cols {
        let mut index = [None; Role::ALL.len()];
        for (i, r) in roles.iter().enumerate() {
            if let Some(r) = r {
                let slot = &mut index[*r as usize];
                if slot.is_none() {
                    *slot = Some(i);
                }
            }
        }
        Cols { index }
    }
    pub fn has(&self, role: Role) -> bool {
        self.index[role as usize].is_some()
    }
    pub fn col(&self, role: Role) -> Option<usize> {
        self.index[role as usize]
    }
    /// The trimmed cell for `role`, or "".
    #[inline(always)]
    pub fn get<'r>(&self, rec: &Row<'r>, role: Role) -> &'r str {
        self.index[role as usize]
            .and_then(|i| rec.get(i))
            .map_or("", trim)
    }
}

fn sample_rows(table: &Table, n: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut ignore = Vec::new();
    table.for_each_row(&mut ignore, |_, rec| {
        out.push(rec.iter().map(str::to_string).collect());
        if out.len() >= n {
            Flow::Stop
        } else {
            Flow::Continue
        }
    });
    out
}

/// How many rows to make room for up front, estimated from the sample's
/// bytes per row: growing a `Vec` of 30,000 rows by doubling copies it
/// about fifteen times. Capped, so that a file whose first rows are short
/// cannot make it reserve much more than it needs; LinkedIn caps a network
/// at 30,000 connections.
fn expected_rows(table: &Table, sample: &[Vec<String>]) -> usize {
    const CAP: usize = 50_000;
    let sample_bytes: usize = sample
        .iter()
        .map(|r| r.iter().map(|c| c.len() + 1).sum::<usize>())
        .sum();
    if sample_bytes == 0 {
        return 0;
    }
    (table.data_len() / sample_bytes * sample.len() + sample.len()).min(CAP)
}

/// Slash order per date column, from its sampled values.
struct DateOrders {
    by_role: Vec<(Role, SlashOrder)>,
}

impl DateOrders {
    fn infer(cols: &Cols, sample: &[Vec<String>]) -> DateOrders {
        let mut by_role = Vec::new();
        for role in [
            Role::ConnectedOn,
            Role::RespondedOn,
            Role::ProjectStart,
            Role::ProjectEnd,
            Role::EventOn,
        ] {
            if let Some(i) = cols.col(role) {
                let order =
                    infer_slash_order(sample.iter().filter_map(|r| r.get(i).map(String::as_str)));
                by_role.push((role, order));
            }
        }
        DateOrders { by_role }
    }

    fn order(&self, role: Role) -> SlashOrder {
        self.by_role
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(SlashOrder::MonthFirst, |(_, o)| *o)
    }

    /// Parse the date in `role`; a value that is not a date is a problem,
    /// and the row is kept without it.
    fn parse(&self, role: Role, raw: &str, line: u64, problems: &mut Vec<Problem>) -> Option<Date> {
        self.parse_with(None, role, raw, line, problems)
    }

    /// [`DateOrders::parse`], looking the text up in `cache` first (one
    /// column's values; a network's "Connected On" holds a few thousand
    /// distinct dates over tens of thousands of rows, and reading a date was
    /// a quarter of a network's import).
    fn parse_with(
        &self,
        cache: Option<&mut FastMap<String, Option<Date>>>,
        role: Role,
        raw: &str,
        line: u64,
        problems: &mut Vec<Problem>,
    ) -> Option<Date> {
        if raw.is_empty() {
            return None;
        }
        let d = match cache {
            Some(cache) => match cache.get(raw) {
                Some(d) => *d,
                None => {
                    let d = parse_date(raw, self.order(role));
                    // Bounded: a column of all-distinct junk stays cheap.
                    if cache.len() < 50_000 {
                        cache.insert(raw.to_string(), d);
                    }
                    d
                }
            },
            None => parse_date(raw, self.order(role)),
        };
        if d.is_none() {
            problems.push(Problem::row(
                line,
                format!(
                    "\"{}\" in {} is not a date we can read; kept the row without it",
                    clip(raw),
                    role.label()
                ),
            ));
        }
        d
    }
}

/// A cell for a message, cut to a readable length.
fn clip(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

fn email(raw: &str) -> Option<String> {
    let raw = raw.trim();
    // Compare the prefix in place: lowercasing the whole cell would
    // allocate for every row that has an email.
    let urn = raw
        .as_bytes()
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"urn:li:"));
    if raw.is_empty() || urn || !raw.contains('@') {
        None
    } else {
        Some(raw.to_string())
    }
}

fn split_full_name(full: &str) -> (String, String) {
    let full = full.trim();
    match full.rsplit_once(' ') {
        Some((first, last)) if !full.contains(',') => {
            (first.trim().to_string(), last.trim().to_string())
        }
        _ => (full.to_string(), String::new()),
    }
}

fn read_connections(
    table: &Table,
    cols: &Cols,
    orders: &DateOrders,
    capacity: usize,
    out: &mut ImportedFile,
) {
    // Text is most of the file's bytes (headers and quotes aside).
    let mut rows = Connections::with_capacity(capacity, table.text_len());
    let mut dates = FastMap::default();
    let mut blank = 0usize;
    let mut skipped = 0usize;
    let mut problems = Vec::new();
    let mut row_problems = Vec::new();
    table.for_each_row(&mut problems, |line, rec| {
        // Borrowed from the record; a split full name is the only copy.
        let (mut first, mut last) = (
            Cow::Borrowed(cols.get(rec, Role::FirstName)),
            Cow::Borrowed(cols.get(rec, Role::LastName)),
        );
        if first.is_empty() && last.is_empty() && cols.has(Role::FullName) {
            let (f, l) = split_full_name(cols.get(rec, Role::FullName));
            (first, last) = (Cow::Owned(f), Cow::Owned(l));
        }
        let url_raw = cols.get(rec, Role::ProfileUrl);
        let email_raw = cols.get(rec, Role::Email);
        let company = cols.get(rec, Role::Company);
        let title = cols.get(rec, Role::Title);
        if first.is_empty()
            && last.is_empty()
            && url_raw.is_empty()
            && email_raw.is_empty()
            && company.is_empty()
            && title.is_empty()
        {
            // Hidden or deactivated members: only the date is left.
            blank += 1;
            return Flow::Continue;
        }
        if first.is_empty() && last.is_empty() && url_raw.is_empty() {
            skipped += 1;
            row_problems.push(Problem::row(
                line,
                "no name and no profile URL; the row was skipped",
            ));
            return Flow::Continue;
        }
        let url = profile_url::normalize_borrowed(url_raw);
        let other_url = (url.is_none() && !url_raw.is_empty()).then_some(url_raw);
        let connected_on = orders.parse_with(
            Some(&mut dates),
            Role::ConnectedOn,
            cols.get(rec, Role::ConnectedOn),
            line,
            &mut row_problems,
        );
        rows.push(ConnectionRef {
            first_name: &first,
            last_name: &last,
            url: url.as_deref(),
            other_url,
            email: email(email_raw).as_deref(),
            company,
            title,
            connected_on,
        });
        Flow::Continue
    });
    if blank > 0 {
        out.notes.push(format!(
            "{blank} {} empty except for the date (hidden or deactivated members) and {} skipped.",
            if blank == 1 { "row was" } else { "rows were" },
            if blank == 1 { "was" } else { "were" }
        ));
    }
    finish(
        out,
        Records::Connections(rows),
        blank + skipped,
        problems,
        row_problems,
    );
}

fn read_leads(table: &Table, cols: &Cols, out: &mut ImportedFile) {
    let mut rows = Vec::new();
    let mut skipped = 0usize;
    let mut problems = Vec::new();
    let mut row_problems = Vec::new();
    table.for_each_row(&mut problems, |line, rec| {
        if rec.iter().all(|c| c.trim().is_empty()) {
            skipped += 1;
            return Flow::Continue;
        }
        let (mut first, mut last) = (
            cols.get(rec, Role::FirstName).to_string(),
            cols.get(rec, Role::LastName).to_string(),
        );
        if first.is_empty() && last.is_empty() {
            (first, last) = split_full_name(cols.get(rec, Role::FullName));
        }
        let url_raw = cols.get(rec, Role::ProfileUrl);
        if first.is_empty() && last.is_empty() && url_raw.is_empty() {
            skipped += 1;
            row_problems.push(Problem::row(
                line,
                "no name and no profile URL; the row was skipped",
            ));
            return Flow::Continue;
        }
        let mutual_raw = cols.get(rec, Role::MutualConnections);
        let mutual_connections = if mutual_raw.is_empty() {
            None
        } else {
            let m = mutual_raw.replace([',', ' '], "").parse::<u32>().ok();
            if m.is_none() {
                row_problems.push(Problem::row(
                    line,
                    format!(
                        "\"{}\" is not a number of mutual connections; kept the row without it",
                        clip(mutual_raw)
                    ),
                ));
            }
            m
        };
        let domain = cols.get(rec, Role::Domain);
        rows.push(Lead {
            first_name: first,
            last_name: last,
            url: profile_url::normalize(url_raw),
            email: email(cols.get(rec, Role::Email)),
            company: cols.get(rec, Role::Company).to_string(),
            company_domain: normalize_domain(domain),
            title: cols.get(rec, Role::Title).to_string(),
            mutual_connections,
            degree: parse_degree(cols.get(rec, Role::Degree)),
            seniority: Some(cols.get(rec, Role::Seniority).to_string()).filter(|s| !s.is_empty()),
        });
        Flow::Continue
    });
    finish(out, Records::Leads(rows), skipped, problems, row_problems);
}

/// `1st`, `2nd`, `3rd`, `1`…; `Out of Network` and the rest are unknown.
pub fn parse_degree(raw: &str) -> Option<u8> {
    let digits: String = raw
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse::<u8>().ok().filter(|d| (1..=3).contains(d))
}

/// An NPS score: an integer 0–10, possibly followed by a label
/// (`10 - Extremely likely`).
pub fn parse_score(raw: &str) -> Option<u8> {
    let raw = raw.trim();
    let digits: &str = &raw[..raw.bytes().take_while(|b| b.is_ascii_digit()).count()];
    let rest = raw[digits.len()..].trim_start();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    if !(rest.is_empty()
        || rest.starts_with('-')
        || rest.starts_with('(')
        || rest.starts_with('=')
        || rest.starts_with(".0"))
    {
        return None;
    }
    digits.parse::<u8>().ok().filter(|s| *s <= 10)
}

/// Rows right under the header that are more header: Qualtrics' question
/// texts and `{"ImportId":…}` row, SurveyMonkey's answer labels.
fn is_header_continuation(rec: &Row, cols: &Cols) -> bool {
    if rec.iter().any(|c| {
        c.trim_start().starts_with("{\"ImportId\"") || c.trim_start().starts_with("{'ImportId'")
    }) {
        return true;
    }
    let score = cols.get(rec, Role::Score);
    if parse_score(score).is_some() {
        return false;
    }
    let labels = rec
        .iter()
        .filter(|c| {
            matches!(
                c.trim(),
                "Response" | "Open-Ended Response" | "Other (please specify)"
            )
        })
        .count();
    labels > 0 || (score.len() > 12 && score.chars().any(char::is_alphabetic))
}

fn read_nps(
    table: &Table,
    cols: &Cols,
    orders: &DateOrders,
    capacity: usize,
    out: &mut ImportedFile,
) {
    let mut rows = Vec::with_capacity(capacity);
    let mut skipped = 0usize;
    let mut extra_headers = 0usize;
    let mut seen = 0usize;
    let mut problems = Vec::new();
    let mut row_problems = Vec::new();
    if !cols.has(Role::Score) {
        problems.push(Problem::file(
            "No NPS score column was found. Choose which column holds the 0–10 answer.",
        ));
        finish(out, Records::Nps(rows), 0, problems, row_problems);
        return;
    }
    table.for_each_row(&mut problems, |line, rec| {
        seen += 1;
        if seen <= 2 && is_header_continuation(rec, cols) {
            extra_headers += 1;
            return Flow::Continue;
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            skipped += 1;
            return Flow::Continue;
        }
        let raw = cols.get(rec, Role::Score);
        let Some(score) = parse_score(raw) else {
            skipped += 1;
            let why = if raw.is_empty() {
                "no score (the question was not answered); not counted as a response".to_string()
            } else {
                format!(
                    "score \"{}\" is not a whole number from 0 to 10; not counted as a response",
                    clip(raw)
                )
            };
            row_problems.push(Problem::row(line, why));
            return Flow::Continue;
        };
        let name = {
            let full = cols.get(rec, Role::FullName);
            if full.is_empty() {
                join_name(
                    cols.get(rec, Role::FirstName),
                    cols.get(rec, Role::LastName),
                )
            } else {
                full.to_string()
            }
        };
        let mut p = Vec::new();
        let responded_on = orders.parse(
            Role::RespondedOn,
            cols.get(rec, Role::RespondedOn),
            line,
            &mut p,
        );
        let project_start = orders.parse(
            Role::ProjectStart,
            cols.get(rec, Role::ProjectStart),
            line,
            &mut p,
        );
        let project_end = orders.parse(
            Role::ProjectEnd,
            cols.get(rec, Role::ProjectEnd),
            line,
            &mut p,
        );
        let event_on = orders.parse(Role::EventOn, cols.get(rec, Role::EventOn), line, &mut p);
        row_problems.extend(p);
        rows.push(NpsResponse {
            row: line,
            name,
            email: email(cols.get(rec, Role::Email)),
            company: cols.get(rec, Role::Company).to_string(),
            title: cols.get(rec, Role::Title).to_string(),
            score,
            responded_on,
            comment: cols.get(rec, Role::Comment).to_string(),
            project_start,
            project_end,
            event_on,
        });
        Flow::Continue
    });
    if extra_headers > 0 {
        out.notes.push(format!(
            "{extra_headers} extra header rows under the header were recognised and not counted."
        ));
    }
    finish(out, Records::Nps(rows), skipped, problems, row_problems);
}

/// A bare domain from a domain or website cell: `https://www.Globex.com/x` → `globex.com`.
pub fn normalize_domain(raw: &str) -> Option<String> {
    let s = raw.trim().to_ascii_lowercase();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(&s);
    let s = s.strip_prefix("www.").unwrap_or(s);
    let host = s
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    if looks_like_domain(host) {
        Some(host.to_string())
    } else {
        None
    }
}

fn looks_like_domain(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(&s);
    let host = s.split('/').next().unwrap_or("");
    host.contains('.')
        && !host.contains(' ')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// A tier: `1`, `Tier 2`, `T3`, `A`/`B`/`C`, `High`/`Medium`/`Low`.
pub fn parse_tier(raw: &str) -> Option<u8> {
    let s = raw.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    let s = s
        .trim_start_matches("tier")
        .trim_start_matches("priority")
        .trim_start_matches('t')
        .trim();
    match s {
        "a" | "high" | "p1" => return Some(1),
        "b" | "medium" | "med" | "p2" => return Some(2),
        "c" | "low" | "p3" => return Some(3),
        _ => {}
    }
    s.trim_start_matches('p')
        .parse::<u8>()
        .ok()
        .filter(|t| (1..=9).contains(t))
}

fn is_report_footer(first: &str, rec: &Row) -> bool {
    let f = first.trim().to_lowercase();
    f.starts_with("grand totals")
        || f.starts_with("confidential information")
        || f.starts_with("copyright")
        || ((f == "total" || f.starts_with("total ") || f == "subtotal")
            && rec.iter().skip(1).filter(|c| !c.trim().is_empty()).count() <= 2)
}

fn read_accounts(table: &Table, cols: &Cols, out: &mut ImportedFile) {
    let mut rows = Vec::new();
    let mut skipped = 0usize;
    let mut footer = 0usize;
    let mut problems = Vec::new();
    let mut row_problems = Vec::new();
    let name_role = if cols.has(Role::Company) {
        Role::Company
    } else {
        Role::FullName
    };
    table.for_each_row(&mut problems, |line, rec| {
        let first_cell = rec.iter().find(|c| !c.trim().is_empty()).unwrap_or("");
        if first_cell.is_empty() {
            skipped += 1;
            return Flow::Continue;
        }
        if is_report_footer(first_cell, rec) {
            footer += 1;
            return Flow::Continue;
        }
        let mut name = cols.get(rec, name_role);
        let mut domain = normalize_domain(cols.get(rec, Role::Domain));
        // A plain list mixes names and domains: a "name" that is a domain is one.
        if domain.is_none() && looks_like_domain(name) {
            domain = normalize_domain(name);
            name = "";
        }
        if name.is_empty() && domain.is_none() {
            skipped += 1;
            row_problems.push(Problem::row(
                line,
                "no account name and no domain; the row was skipped",
            ));
            return Flow::Continue;
        }
        let tier_raw = cols.get(rec, Role::Tier);
        let tier = parse_tier(tier_raw);
        if tier.is_none() && !tier_raw.is_empty() {
            row_problems.push(Problem::row(
                line,
                format!(
                    "tier \"{}\" is not a tier we can read; kept the account without a tier",
                    clip(tier_raw)
                ),
            ));
        }
        let name = if name.is_empty() {
            domain.clone().unwrap_or_default()
        } else {
            name.to_string()
        };
        rows.push(Account { name, domain, tier });
        Flow::Continue
    });
    if footer > 0 {
        out.notes.push(format!("{footer} report footer/total rows (Grand Totals, Confidential, Copyright, Total) were dropped."));
    }
    finish(
        out,
        Records::Accounts(rows),
        skipped + footer,
        problems,
        row_problems,
    );
}

fn finish(
    out: &mut ImportedFile,
    records: Records,
    skipped: usize,
    mut problems: Vec<Problem>,
    row_problems: Vec<Problem>,
) {
    out.rows = records.len();
    out.skipped = skipped + problems.iter().filter(|p| p.row.is_some()).count();
    problems.extend(row_problems);
    super::order::sort_by(&mut problems, |a, b| {
        a.row.unwrap_or(0).cmp(&b.row.unwrap_or(0))
    });
    out.problems.extend(problems);
    out.records = records;
}

fn score_column_by_content(
    header: &[String],
    roles: &[Option<Role>],
    sample: &[Vec<String>],
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, h) in header.iter().enumerate() {
        if roles[i].is_some() {
            continue;
        }
        let hl = h.to_lowercase();
        if hl.contains("id") || hl.contains('#') || hl.contains("number") || hl.contains("count") {
            continue;
        }
        let values: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if values.len() < 3 {
            continue;
        }
        let scores: Vec<u8> = values.iter().filter_map(|v| parse_score(v)).collect();
        let high = scores.iter().filter(|s| **s >= 7).count();
        if scores.len() * 10 >= values.len() * 9
            && high > 0
            && best.is_none_or(|(n, _)| scores.len() > n)
        {
            best = Some((scores.len(), i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        for (raw, want) in [
            ("10", Some(10)),
            (" 0 ", Some(0)),
            ("10 - Extremely likely", Some(10)),
            ("9.0", Some(9)),
            ("11", None),
            ("-1", None),
            ("", None),
            ("N/A", None),
            ("7a", None),
        ] {
            assert_eq!(parse_score(raw), want, "{raw}");
        }
    }

    #[test]
    fn tiers_and_degrees_and_domains() {
        for (raw, want) in [
            ("1", Some(1)),
            ("Tier 2", Some(2)),
            ("T3", Some(3)),
            ("A", Some(1)),
            ("High", Some(1)),
            ("low", Some(3)),
            ("", None),
            ("gold", None),
        ] {
            assert_eq!(parse_tier(raw), want, "{raw}");
        }
        assert_eq!(parse_degree("1st"), Some(1));
        assert_eq!(parse_degree("2nd"), Some(2));
        assert_eq!(parse_degree("Out of Network"), None);
        assert_eq!(
            normalize_domain("https://www.Globex.com/about"),
            Some("globex.com".into())
        );
        assert_eq!(
            normalize_domain("initech.co.uk"),
            Some("initech.co.uk".into())
        );
        assert_eq!(normalize_domain("Globex Corp"), None);
    }

    /// Found by cargo-fuzz: a header ending in "…NPS GROUP" with a
    /// multi-byte character where `_NPS_GROUP` would start was sliced
    /// inside that character.
    #[test]
    fn nps_group_header_with_multibyte_text_does_not_panic() {
        let bytes = include_bytes!("../../tests/fixtures/regressions/fuzz-nps-group-slice.csv");
        let f = import_file("crash.csv", bytes, &ImportOptions::default());
        assert_eq!(f.rows, f.records.len());
        let header = vec![
            "Q1".to_string(),
            "é NPS GROUP".to_string(),
            "Ü_nps_group".to_string(),
        ];
        let roles = detect_roles(&header);
        assert_eq!(roles[0], None);
    }

    #[test]
    fn connections_smallest() {
        let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://www.linkedin.com/in/ada-l,urn:li:member:1,Analytical,CTO,07 Feb 2026\n,,,,,,08 Feb 2026\n";
        let f = import_text(
            "Connections.csv",
            text,
            Encoding::Utf8,
            &ImportOptions::default(),
        );
        assert_eq!(f.kind, FileKind::Connections);
        assert_eq!((f.rows, f.skipped, f.problems.len()), (1, 1, 0));
        let Records::Connections(c) = &f.records else {
            panic!()
        };
        let c = c.to_vec();
        assert_eq!(c[0].email, None);
        assert_eq!(c[0].connected_on.unwrap().to_string(), "2026-02-07");
    }
}

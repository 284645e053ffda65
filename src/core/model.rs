/*!
The typed dataset the import produces: what each kind of file holds once
its rows are read, and the problems found on the way.
*/

use serde::{Deserialize, Serialize};

use super::dates::Date;

/// What a file is, as detected (or as the user said).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// A LinkedIn `Connections.csv` (or an Excel re-save of one): a network.
    Connections,
    /// An NPS survey export.
    Nps,
    /// A list of accounts (ICP targets, customers, opportunities, competitors).
    Accounts,
    /// A lead-list export that may carry connection strength.
    Leads,
    /// Nothing we recognise.
    #[default]
    Unknown,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        FileKind::Connections,
        FileKind::Nps,
        FileKind::Accounts,
        FileKind::Leads,
        FileKind::Unknown,
    ];

    /// The stable name used in the UI's `data-kind`, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Connections => "connections",
            FileKind::Nps => "nps",
            FileKind::Accounts => "accounts",
            FileKind::Leads => "leads",
            FileKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What a user calls it.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Connections => "LinkedIn network",
            FileKind::Nps => "NPS survey",
            FileKind::Accounts => "Account list",
            FileKind::Leads => "Lead list",
            FileKind::Unknown => "Not recognised",
        }
    }
}

/// What an account list is for. The user says which; the import guesses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccountRole {
    /// Ideal-customer-profile targets: the accounts we want introductions to.
    Target,
    /// Existing customers: never a target.
    Customer,
    /// Open opportunities: already being worked, never a target.
    Opportunity,
    /// Competitors: never a target.
    Competitor,
}

impl AccountRole {
    pub const ALL: [AccountRole; 4] = [
        AccountRole::Target,
        AccountRole::Customer,
        AccountRole::Opportunity,
        AccountRole::Competitor,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AccountRole::Target => "target",
            AccountRole::Customer => "customer",
            AccountRole::Opportunity => "opportunity",
            AccountRole::Competitor => "competitor",
        }
    }
    pub fn parse(s: &str) -> Option<AccountRole> {
        AccountRole::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            AccountRole::Target => "ICP targets",
            AccountRole::Customer => "Existing customers",
            AccountRole::Opportunity => "Open opportunities",
            AccountRole::Competitor => "Competitors",
        }
    }
}

/// Something wrong with a file or one of its rows. `row` is the line number
/// in the file where the record starts (1-based, as an editor shows it);
/// `None` for the whole file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub row: Option<u64>,
    pub message: String,
}

impl Problem {
    pub fn file(message: impl Into<String>) -> Problem {
        Problem {
            row: None,
            message: message.into(),
        }
    }
    pub fn row(row: u64, message: impl Into<String>) -> Problem {
        Problem {
            row: Some(row),
            message: message.into(),
        }
    }
}

/// One first-degree connection in a promoter's (or our team's) network.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    pub first_name: String,
    pub last_name: String,
    /// Canonical profile URL (see `profile_url::normalize`), when readable.
    pub url: Option<String>,
    /// The URL as written, when it has no canonical form (opaque ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_url: Option<String>,
    pub email: Option<String>,
    pub company: String,
    pub title: String,
    pub connected_on: Option<Date>,
}

impl Connection {
    pub fn full_name(&self) -> String {
        join_name(&self.first_name, &self.last_name)
    }
}

/// A borrowed view of one connection row (see [`Connections`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConnectionRef<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_url: Option<&'a str>,
    pub email: Option<&'a str>,
    pub company: &'a str,
    pub title: &'a str,
    pub connected_on: Option<Date>,
}

impl ConnectionRef<'_> {
    pub fn full_name(&self) -> String {
        join_name(self.first_name, self.last_name)
    }
    pub fn to_owned(&self) -> Connection {
        Connection {
            first_name: self.first_name.to_string(),
            last_name: self.last_name.to_string(),
            url: self.url.map(str::to_string),
            other_url: self.other_url.map(str::to_string),
            email: self.email.map(str::to_string),
            company: self.company.to_string(),
            title: self.title.to_string(),
            connected_on: self.connected_on,
        }
    }
}

impl Connection {
    pub fn as_ref(&self) -> ConnectionRef<'_> {
        ConnectionRef {
            first_name: &self.first_name,
            last_name: &self.last_name,
            url: self.url.as_deref(),
            other_url: self.other_url.as_deref(),
            email: self.email.as_deref(),
            company: &self.company,
            title: &self.title,
            connected_on: self.connected_on,
        }
    }
}

/// Where one row's fields lie in [`Connections`]' text: field `i` is
/// `ends[i - 1]..ends[i]` (the first starts at `start`); `present` has bit
/// `i` set for each optional field (URL, other URL, email) that is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Spans {
    start: u32,
    ends: [u32; 7],
    present: u8,
    connected_on: Option<Date>,
}

/// A network's connections, stored compactly: all rows' text in one buffer
/// and, per row, where each field ends in it.
///
/// Why not a `Vec<Connection>`: a network is tens of thousands of rows and
/// a hundred networks millions, each row seven strings. As strings that was
/// five or six allocations per row to make on import, to free, and to
/// follow while building candidates (~490 bytes kept per row in the
/// engine); here a row is its text and 48 bytes, made with no allocation,
/// and a network moves between workers as two buffers. Read rows through
/// [`Connections::get`] / [`Connections::iter`] ([`ConnectionRef`]); saved
/// and restored exactly as a list of [`Connection`]s would be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connections {
    text: String,
    rows: Vec<Spans>,
}

/// Fields of a [`Spans`], in order.
const FIELDS: usize = 7;

/// One row's spans as [`Connections::to_parts`] gives them: start, the
/// seven field ends, the fields present, the day number (`i64::MIN`: none).
pub type RowParts = (u32, [u32; FIELDS], u8, i64);

impl Connections {
    pub fn with_capacity(rows: usize, text: usize) -> Connections {
        Connections {
            text: String::with_capacity(text),
            rows: Vec::with_capacity(rows),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Add a row (its text is copied in).
    ///
    /// # Panics
    /// If the text grows past 4 GB (files are refused long before: 200 MB).
    pub fn push(&mut self, c: ConnectionRef<'_>) {
        let start = self.offset();
        let mut ends = [0u32; FIELDS];
        let mut present = 0u8;
        let fields = [
            Some(c.first_name),
            Some(c.last_name),
            c.url,
            c.other_url,
            c.email,
            Some(c.company),
            Some(c.title),
        ];
        for (i, f) in fields.into_iter().enumerate() {
            if let Some(f) = f {
                self.text.push_str(f);
                present |= 1 << i;
            }
            ends[i] = self.offset();
        }
        self.rows.push(Spans {
            start,
            ends,
            present,
            connected_on: c.connected_on,
        });
    }

    fn offset(&self) -> u32 {
        u32::try_from(self.text.len()).expect("a network's text fits in 4 GB")
    }

    /// Row `i`.
    ///
    /// # Panics
    /// If `i` is out of bounds.
    pub fn get(&self, i: usize) -> ConnectionRef<'_> {
        let r = &self.rows[i];
        let field = |f: usize| {
            let from = if f == 0 { r.start } else { r.ends[f - 1] };
            &self.text[from as usize..r.ends[f] as usize]
        };
        let optional = |f: usize| (r.present & (1 << f) != 0).then(|| field(f));
        ConnectionRef {
            first_name: field(0),
            last_name: field(1),
            url: optional(2),
            other_url: optional(3),
            email: optional(4),
            company: field(5),
            title: field(6),
            connected_on: r.connected_on,
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = ConnectionRef<'_>> + '_ {
        (0..self.rows.len()).map(|i| self.get(i))
    }

    /// Owned copies of every row.
    pub fn to_vec(&self) -> Vec<Connection> {
        self.iter().map(|c| c.to_owned()).collect()
    }

    /// The text and, per row, its spans as `start, 7 ends, present, day`
    /// (the day number, `i64::MIN` without a date): what
    /// [`Connections::from_parts`] reads back.
    pub fn to_parts(&self) -> (&str, impl ExactSizeIterator<Item = RowParts> + '_) {
        let rows = self.rows.iter().map(|r| {
            (
                r.start,
                r.ends,
                r.present,
                r.connected_on.map_or(i64::MIN, Date::days),
            )
        });
        (&self.text, rows)
    }

    /// Rebuild from [`Connections::to_parts`], checking every span (each row
    /// starts where the one before ended, spans grow, end on character
    /// boundaries, the last at the end of the text) so that reading a row
    /// can never fail.
    pub fn from_parts(
        text: String,
        parts: impl IntoIterator<Item = RowParts>,
    ) -> Result<Connections, String> {
        let mut rows = Vec::new();
        let mut at = 0u32;
        for (start, ends, present, day) in parts {
            if start != at {
                return Err(format!(
                    "row {} does not start where the one before ended",
                    rows.len() + 1
                ));
            }
            let row = rows.len() + 1;
            for (i, &end) in ends.iter().enumerate() {
                let there = present & (1 << i) != 0;
                if end < at || !text.is_char_boundary(end as usize) || (!there && end != at) {
                    return Err(format!("row {row} has a field out of place"));
                }
                at = end;
            }
            // First and last name, company and title are always there.
            const REQUIRED: u8 = 0b110_0011;
            if present >> FIELDS != 0 || present & REQUIRED != REQUIRED {
                return Err(format!("row {row} lacks a required field"));
            }
            // Ten thousand years either side of 1970 (Date's arithmetic is
            // exact far beyond; no file holds such a date).
            if day != i64::MIN && day.abs() > 3_700_000 {
                return Err(format!("row {row} has a date out of range"));
            }
            rows.push(Spans {
                start,
                ends,
                present,
                connected_on: (day != i64::MIN).then(|| Date::from_days(day)),
            });
        }
        if at as usize != text.len() {
            return Err("the text does not end with the last row".to_string());
        }
        Ok(Connections { text, rows })
    }
}

impl From<&[Connection]> for Connections {
    fn from(rows: &[Connection]) -> Connections {
        let mut out = Connections::default();
        for c in rows {
            out.push(c.as_ref());
        }
        out
    }
}

impl From<Vec<Connection>> for Connections {
    fn from(rows: Vec<Connection>) -> Connections {
        Connections::from(rows.as_slice())
    }
}

/// Saved as the list of rows it holds, the same JSON as a `Vec<Connection>`.
impl Serialize for Connections {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Connections {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Connections, D::Error> {
        use serde::de::{SeqAccess, Visitor};
        struct RowsVisitor;
        impl<'de> Visitor<'de> for RowsVisitor {
            type Value = Connections;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of connections")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Connections, A::Error> {
                let mut out = Connections::default();
                while let Some(c) = seq.next_element::<Connection>()? {
                    out.push(c.as_ref());
                }
                Ok(out)
            }
        }
        d.deserialize_seq(RowsVisitor)
    }
}

/// A person from a lead-list export (Sales Navigator via Phantombuster,
/// Apollo), with whatever connection strength it carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    pub first_name: String,
    pub last_name: String,
    pub url: Option<String>,
    pub email: Option<String>,
    pub company: String,
    pub company_domain: Option<String>,
    pub title: String,
    /// Mutual (shared) connections with the exporting account.
    pub mutual_connections: Option<u32>,
    /// 1 for 1st degree, 2, 3; `None` when out of network or unknown.
    pub degree: Option<u8>,
    pub seniority: Option<String>,
}

impl Lead {
    pub fn full_name(&self) -> String {
        join_name(&self.first_name, &self.last_name)
    }
}

/// One NPS survey response with a valid 0–10 score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NpsResponse {
    /// Line number in the source file.
    pub row: u64,
    pub name: String,
    pub email: Option<String>,
    pub company: String,
    pub title: String,
    pub score: u8,
    pub responded_on: Option<Date>,
    pub comment: String,
    pub project_start: Option<Date>,
    pub project_end: Option<Date>,
    /// A big moment: a certification, a go-live.
    pub event_on: Option<Date>,
}

/// One account from an account list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    /// Bare domain (`globex.com`), from a domain or website column.
    pub domain: Option<String>,
    /// 1 is the best tier; from a tier/priority column when present.
    pub tier: Option<u8>,
}

/// The rows a file held, by kind. Saved as `{"type": "connections",
/// "rows": [...]}` (`{"type": "none"}` when empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "rows", rename_all = "kebab-case")]
pub enum Records {
    #[default]
    None,
    Connections(Connections),
    Leads(Vec<Lead>),
    Nps(Vec<NpsResponse>),
    Accounts(Vec<Account>),
}

impl Records {
    pub fn len(&self) -> usize {
        match self {
            Records::None => 0,
            Records::Connections(v) => v.len(),
            Records::Leads(v) => v.len(),
            Records::Nps(v) => v.len(),
            Records::Accounts(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Read by hand rather than derived: the derived reader of an adjacently
/// tagged enum also buffers the rows when they come before the type, which
/// links a second copy of every row type's decoder into the app. We always
/// write the type first, so rows before it are refused with a message.
impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Records, D::Error> {
        use serde::de::{Error, IgnoredAny, MapAccess, Visitor};
        const KINDS: &[&str] = &["none", "connections", "leads", "nps", "accounts"];
        struct RecordsVisitor;
        impl<'de> Visitor<'de> for RecordsVisitor {
            type Value = Records;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object with \"type\" and then \"rows\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Records, A::Error> {
                let mut kind: Option<String> = None;
                let mut records: Option<Records> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "type" => kind = Some(map.next_value()?),
                        "rows" => {
                            let Some(k) = kind.as_deref() else {
                                return Err(A::Error::custom("\"rows\" come before \"type\""));
                            };
                            records = Some(match k {
                                "connections" => Records::Connections(map.next_value()?),
                                "leads" => Records::Leads(map.next_value()?),
                                "nps" => Records::Nps(map.next_value()?),
                                "accounts" => Records::Accounts(map.next_value()?),
                                "none" => {
                                    map.next_value::<IgnoredAny>()?;
                                    Records::None
                                }
                                other => return Err(A::Error::unknown_variant(other, KINDS)),
                            });
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                match (kind.as_deref(), records) {
                    (_, Some(r)) => Ok(r),
                    (Some("none"), None) => Ok(Records::None),
                    (Some(k), None) if KINDS.contains(&k) => Err(A::Error::missing_field("rows")),
                    (Some(k), None) => Err(A::Error::unknown_variant(k, KINDS)),
                    (None, _) => Err(A::Error::missing_field("type")),
                }
            }
        }
        d.deserialize_map(RecordsVisitor)
    }
}

pub fn join_name(first: &str, last: &str) -> String {
    match (first.is_empty(), last.is_empty()) {
        (false, false) => {
            let mut s = String::with_capacity(first.len() + 1 + last.len());
            s.push_str(first);
            s.push(' ');
            s.push_str(last);
            s
        }
        (false, true) => first.to_string(),
        (true, false) => last.to_string(),
        (true, true) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_rows() -> Vec<Connection> {
        vec![
            Connection {
                first_name: "Zoë".into(),
                last_name: "Park 박".into(),
                url: Some("https://www.linkedin.com/in/zoe".into()),
                email: Some("zoe@x.com".into()),
                company: "The \"Best\" Widgets Co".into(),
                title: "CFO".into(),
                connected_on: Date::new(2024, 2, 29),
                ..Connection::default()
            },
            Connection::default(),
            Connection {
                last_name: "Solo".into(),
                url: Some(String::new()),
                other_url: Some("https://www.linkedin.com/in/ACoAAB".into()),
                ..Connection::default()
            },
        ]
    }

    #[test]
    fn connections_hold_each_row_as_given() {
        let rows = sample_rows();
        let table = Connections::from(rows.clone());
        assert_eq!(table.len(), 3);
        assert_eq!(table.to_vec(), rows);
        assert_eq!(table.get(0).full_name(), "Zoë Park 박");
        // An empty optional field is not a missing one.
        assert_eq!(table.get(2).url, Some(""));
        assert_eq!(table.get(1).url, None);
    }

    #[test]
    fn connections_save_as_the_list_of_rows_they_hold() {
        // Backups and this browser's storage hold `Vec<Connection>` JSON:
        // the compact table writes the same and reads it back.
        let rows = sample_rows();
        let as_list = serde_json::to_string(&rows).unwrap();
        let table = Connections::from(rows);
        assert_eq!(serde_json::to_string(&table).unwrap(), as_list);
        let back: Connections = serde_json::from_str(&as_list).unwrap();
        assert_eq!(back, table);
    }

    #[test]
    fn connections_from_parts_check_every_span() {
        let table = Connections::from(sample_rows());
        let (text, parts) = table.to_parts();
        let parts: Vec<RowParts> = parts.collect();
        let rebuilt = Connections::from_parts(text.to_string(), parts.clone()).unwrap();
        assert_eq!(rebuilt, table);
        // A span inside "ë" (two bytes), a row not starting where the last
        // ended, a required field missing, text left over.
        let mut bad = parts.clone();
        bad[0].1[0] = 3;
        assert!(Connections::from_parts(text.to_string(), bad).is_err());
        let mut bad = parts.clone();
        bad[1].0 += 1;
        assert!(Connections::from_parts(text.to_string(), bad).is_err());
        let mut bad = parts.clone();
        bad[1].2 &= !1;
        assert!(Connections::from_parts(text.to_string(), bad).is_err());
        assert!(Connections::from_parts(format!("{text}x"), parts.clone()).is_err());
        let mut bad = parts;
        bad[0].3 = i64::MAX;
        assert!(Connections::from_parts(text.to_string(), bad).is_err());
    }

    #[test]
    fn records_read_back_what_they_write() {
        let all = [
            Records::None,
            Records::Connections(Connections::from(vec![Connection {
                first_name: "Li".into(),
                company: "Globex".into(),
                ..Connection::default()
            }])),
            Records::Leads(vec![Lead::default()]),
            Records::Nps(vec![NpsResponse {
                score: 9,
                ..NpsResponse::default()
            }]),
            Records::Accounts(vec![Account {
                name: "Initech".into(),
                tier: Some(1),
                ..Account::default()
            }]),
        ];
        for r in all {
            let json = serde_json::to_string(&r).unwrap();
            assert!(json.starts_with("{\"type\":"), "{json}");
            assert_eq!(serde_json::from_str::<Records>(&json).unwrap(), r);
        }
        // Unknown fields are skipped; an empty "none" needs no rows.
        let r: Records = serde_json::from_str(r#"{"type":"none","extra":[1,2]}"#).unwrap();
        assert_eq!(r, Records::None);
    }

    #[test]
    fn records_refuse_what_they_cannot_read() {
        for (json, why) in [
            (r#"{"rows":[],"type":"leads"}"#, "before"),
            (r#"{"type":"people","rows":[]}"#, "unknown variant"),
            (r#"{"type":"leads"}"#, "missing field `rows`"),
            (r#"{"rows":[]}"#, "before"),
            (r#"{}"#, "missing field `type`"),
            (r#"[1]"#, "invalid type"),
        ] {
            let err = serde_json::from_str::<Records>(json)
                .unwrap_err()
                .to_string();
            assert!(err.contains(why), "{json}: {err}");
        }
    }
}

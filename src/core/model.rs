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
    Connections(Vec<Connection>),
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

    #[test]
    fn records_read_back_what_they_write() {
        let all = [
            Records::None,
            Records::Connections(vec![Connection {
                first_name: "Li".into(),
                company: "Globex".into(),
                ..Connection::default()
            }]),
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

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

/// The rows a file held, by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

pub fn join_name(first: &str, last: &str) -> String {
    match (first.is_empty(), last.is_empty()) {
        (false, false) => format!("{first} {last}"),
        (false, true) => first.to_string(),
        (true, false) => last.to_string(),
        (true, true) => String::new(),
    }
}

/*!
Column roles: what each column of a table means, found from its header.

Exports name the same thing many ways (`Company`, `companyName`,
`Company Name`, `Account Name`). [`role_for_header`] maps a header to a
[`Role`] with a priority, so that when several columns could play a role
(Phantombuster has `profileUrl`, `linkedInProfileUrl` and
`defaultProfileUrl`) the best one wins. Headers are matched after trimming,
dropping case, spaces, `_`, `-` and HTML tags.

The user can always override a role; the import then takes the mapping it
is given (see `ImportOptions::roles`).
*/

use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    FirstName,
    LastName,
    FullName,
    ProfileUrl,
    Email,
    Company,
    Title,
    ConnectedOn,
    Score,
    NpsGroup,
    RespondedOn,
    Comment,
    ProjectStart,
    ProjectEnd,
    EventOn,
    Domain,
    Tier,
    MutualConnections,
    Degree,
    Seniority,
    /// Columns that only a LinkedIn `Profile.csv` has.
    Headline,
    /// Opportunity-report columns (a list of open opportunities).
    Stage,
}

impl Role {
    pub const ALL: [Role; 22] = [
        Role::FirstName,
        Role::LastName,
        Role::FullName,
        Role::ProfileUrl,
        Role::Email,
        Role::Company,
        Role::Title,
        Role::ConnectedOn,
        Role::Score,
        Role::NpsGroup,
        Role::RespondedOn,
        Role::Comment,
        Role::ProjectStart,
        Role::ProjectEnd,
        Role::EventOn,
        Role::Domain,
        Role::Tier,
        Role::MutualConnections,
        Role::Degree,
        Role::Seniority,
        Role::Headline,
        Role::Stage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::FirstName => "first_name",
            Role::LastName => "last_name",
            Role::FullName => "full_name",
            Role::ProfileUrl => "profile_url",
            Role::Email => "email",
            Role::Company => "company",
            Role::Title => "title",
            Role::ConnectedOn => "connected_on",
            Role::Score => "score",
            Role::NpsGroup => "nps_group",
            Role::RespondedOn => "responded_on",
            Role::Comment => "comment",
            Role::ProjectStart => "project_start",
            Role::ProjectEnd => "project_end",
            Role::EventOn => "event_on",
            Role::Domain => "domain",
            Role::Tier => "tier",
            Role::MutualConnections => "mutual_connections",
            Role::Degree => "degree",
            Role::Seniority => "seniority",
            Role::Headline => "headline",
            Role::Stage => "stage",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::FirstName => "First name",
            Role::LastName => "Last name",
            Role::FullName => "Full name",
            Role::ProfileUrl => "LinkedIn URL",
            Role::Email => "Email",
            Role::Company => "Company",
            Role::Title => "Job title",
            Role::ConnectedOn => "Connected on",
            Role::Score => "NPS score (0–10)",
            Role::NpsGroup => "NPS group",
            Role::RespondedOn => "Response date",
            Role::Comment => "Comment",
            Role::ProjectStart => "Project start",
            Role::ProjectEnd => "Project end",
            Role::EventOn => "Event / certification date",
            Role::Domain => "Domain / website",
            Role::Tier => "Tier / priority",
            Role::MutualConnections => "Mutual connections",
            Role::Degree => "Connection degree",
            Role::Seniority => "Seniority",
            Role::Headline => "Headline",
            Role::Stage => "Stage",
        }
    }
}

/// Squash a header for matching: lowercase letters and digits only (plus
/// `#`), so `Company Name`, `companyName` and `company_name` are equal.
pub fn squash(header: &str) -> String {
    // ASCII headers (nearly all) skip the per-char Unicode tables; the
    // header search runs this on every cell of its first 40 records.
    if header.is_ascii() {
        return header
            .bytes()
            .filter(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
    }
    header
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '#')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Exact header names (squashed) and the role they play, best first
/// within a role (lower number wins).
const EXACT: &[(&str, Role, u8)] = &[
    ("firstname", Role::FirstName, 0),
    ("recipientfirstname", Role::FirstName, 1),
    ("givenname", Role::FirstName, 2),
    ("first", Role::FirstName, 3),
    ("lastname", Role::LastName, 0),
    ("recipientlastname", Role::LastName, 1),
    ("surname", Role::LastName, 2),
    ("familyname", Role::LastName, 2),
    ("last", Role::LastName, 3),
    ("fullname", Role::FullName, 0),
    ("name", Role::FullName, 1),
    ("respondentname", Role::FullName, 1),
    ("contactname", Role::FullName, 2),
    ("personname", Role::FullName, 2),
    ("yourname", Role::FullName, 2),
    ("defaultprofileurl", Role::ProfileUrl, 0),
    ("personlinkedinurl", Role::ProfileUrl, 1),
    ("url", Role::ProfileUrl, 1),
    ("profileurl", Role::ProfileUrl, 2),
    ("linkedinurl", Role::ProfileUrl, 2),
    ("linkedinprofileurl", Role::ProfileUrl, 3),
    ("linkedin", Role::ProfileUrl, 4),
    ("linkedinprofile", Role::ProfileUrl, 4),
    ("emailaddress", Role::Email, 0),
    ("email", Role::Email, 0),
    ("recipientemail", Role::Email, 1),
    ("workemail", Role::Email, 1),
    ("personemail", Role::Email, 1),
    ("emailaddresses", Role::Email, 2),
    ("company", Role::Company, 0),
    ("companyname", Role::Company, 0),
    ("accountname", Role::Company, 1),
    ("account", Role::Company, 2),
    ("organization", Role::Company, 2),
    ("organisation", Role::Company, 2),
    ("employer", Role::Company, 3),
    ("personcompany", Role::Company, 1),
    ("companynameforemails", Role::Company, 4),
    ("position", Role::Title, 0),
    ("title", Role::Title, 0),
    ("jobtitle", Role::Title, 0),
    ("persontitle", Role::Title, 1),
    ("role", Role::Title, 2),
    ("connectedon", Role::ConnectedOn, 0),
    ("score", Role::Score, 1),
    ("npsscore", Role::Score, 0),
    ("nps", Role::Score, 1),
    ("rating", Role::Score, 3),
    ("recordeddate", Role::RespondedOn, 0),
    ("submitdateutc", Role::RespondedOn, 0),
    ("timestamp", Role::RespondedOn, 1),
    ("createdat", Role::RespondedOn, 1),
    ("createdutc", Role::RespondedOn, 1),
    ("created", Role::RespondedOn, 2),
    ("responsedate", Role::RespondedOn, 0),
    ("submittedat", Role::RespondedOn, 1),
    ("enddate", Role::RespondedOn, 2),
    ("date", Role::RespondedOn, 3),
    ("startdate", Role::RespondedOn, 4),
    ("startdateutc", Role::RespondedOn, 4),
    ("comment", Role::Comment, 0),
    ("comments", Role::Comment, 0),
    ("feedback", Role::Comment, 1),
    ("projectstart", Role::ProjectStart, 0),
    ("projectstartdate", Role::ProjectStart, 0),
    ("kickoffdate", Role::ProjectStart, 1),
    ("projectend", Role::ProjectEnd, 0),
    ("projectenddate", Role::ProjectEnd, 0),
    ("golivedate", Role::EventOn, 1),
    ("certificationdate", Role::EventOn, 0),
    ("certifiedon", Role::EventOn, 0),
    ("eventdate", Role::EventOn, 0),
    ("milestonedate", Role::EventOn, 1),
    ("domain", Role::Domain, 1),
    ("companydomainname", Role::Domain, 0),
    ("companydomain", Role::Domain, 0),
    ("domainname", Role::Domain, 1),
    ("website", Role::Domain, 2),
    ("websiteurl", Role::Domain, 2),
    ("companywebsite", Role::Domain, 2),
    ("tier", Role::Tier, 0),
    ("icptier", Role::Tier, 0),
    ("accounttier", Role::Tier, 0),
    ("priority", Role::Tier, 1),
    ("sharedconnectionscount", Role::MutualConnections, 0),
    ("mutualconnections", Role::MutualConnections, 0),
    ("sharedconnections", Role::MutualConnections, 1),
    ("connectiondegree", Role::Degree, 0),
    ("degree", Role::Degree, 1),
    ("seniority", Role::Seniority, 0),
    ("headline", Role::Headline, 0),
    ("maidenname", Role::Headline, 1),
    ("stage", Role::Stage, 0),
    ("opportunityname", Role::Stage, 1),
];

/// The role a header suggests, with its priority (lower is better).
pub fn role_for_header(header: &str) -> Option<(Role, u8)> {
    role_for_squashed(header, &squash(header))
}

/// [`role_for_header`] with the header's [`squash`] already made.
fn role_for_squashed(header: &str, sq: &str) -> Option<(Role, u8)> {
    if sq.is_empty() {
        return None;
    }
    if let Some((_, role, prio)) = EXACT.iter().find(|(h, _, _)| *h == sq) {
        return Some((*role, *prio));
    }
    // Qualtrics: `Q7_NPS_GROUP` is the group; `Q7` itself is found by the
    // import through the group's name.
    if sq.ends_with("npsgroup") {
        return Some((Role::NpsGroup, 0));
    }
    let lower = header.to_lowercase();
    if lower.contains("recommend") || lower.contains("likely") || sq.contains("npsscore") {
        return Some((Role::Score, 2));
    }
    if lower.contains("certif") && (lower.contains("date") || lower.contains(" on")) {
        return Some((Role::EventOn, 2));
    }
    if lower.contains("go-live") || lower.contains("go live") || lower.contains("golive") {
        return Some((Role::EventOn, 3));
    }
    if lower.contains("project") && lower.contains("start") {
        return Some((Role::ProjectStart, 2));
    }
    if lower.contains("project") && lower.contains("end") {
        return Some((Role::ProjectEnd, 2));
    }
    if lower.starts_with("why")
        || lower.contains("reason")
        || lower.contains("comment")
        || lower.contains("feedback")
    {
        return Some((Role::Comment, 3));
    }
    // Question-style headers ("What's your work email?", "Your company name").
    if lower.contains("email") || lower.contains("e-mail") {
        return Some((Role::Email, 3));
    }
    if lower.contains("company") || lower.contains("organisation") || lower.contains("organization")
    {
        return Some((Role::Company, 3));
    }
    if lower.contains("job title") || lower.contains("your title") || lower.contains("your role") {
        return Some((Role::Title, 3));
    }
    if lower.contains("name")
        && (lower.contains("your") || lower.contains("full") || lower.contains("respondent"))
    {
        return Some((Role::FullName, 3));
    }
    // Any other open question ("What could we do better?") is free text.
    if lower.trim_end().ends_with('?')
        || lower.contains("improve")
        || lower.contains("anything else")
    {
        return Some((Role::Comment, 5));
    }
    None
}

/// How much a header cell looks like a header we know (for finding the
/// header row under a preamble). Cells like `Notes:` score 0.
pub fn header_score(cell: &str) -> u32 {
    let sq = squash(cell);
    match role_for_squashed(cell, &sq) {
        Some((_, 0)) => 3,
        Some((_, 1)) => 2,
        Some(_) => 1,
        None => {
            // Other columns known exports carry: they confirm the row is a
            // header even though the import does not use them.
            const KNOWN_OTHER: &[&str] = &[
                "respondentid",
                "collectorid",
                "ipaddress",
                "responseid",
                "#",
                "responsetype",
                "networkid",
                "tags",
                "recordid",
                "industry",
                "numberofemployees",
                "#employees",
                "annualrevenue",
                "companyowner",
                "createdate",
                "country",
                "countryregion",
                "vmid",
                "companyid",
                "companyurl",
                "location",
                "summary",
                "departments",
                "geolocation",
                "birthdate",
                "address",
                "zipcode",
                "progress",
                "finished",
                "status",
                "externalreference",
                "distributionchannel",
                "userlanguage",
                "from",
                "to",
                "sentat",
                "message",
                "direction",
                "confirmed",
                "primary",
                "updatedon",
                "startedon",
                "finishedon",
                "description",
                "customdata1",
                "stagedateutc",
                "keywords",
                "apollorecordid",
                "foundedyear",
                "shortdescription",
                "companylinkedinurl",
                "companycountry",
                "twitterhandles",
                "websites",
                "instantmessengers",
                "personproperties",
                "amount",
                "closedate",
                "type",
                "owner",
                "opportunityowner",
                "accountowner",
                "billingcountry",
            ];
            KNOWN_OTHER.contains(&sq.as_str()) as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_spellings() {
        let cases = [
            ("First Name", Role::FirstName),
            ("firstName", Role::FirstName),
            ("RecipientFirstName", Role::FirstName),
            ("Last Name", Role::LastName),
            ("URL", Role::ProfileUrl),
            ("defaultProfileUrl", Role::ProfileUrl),
            ("Person Linkedin Url", Role::ProfileUrl),
            ("Email Address", Role::Email),
            ("Company", Role::Company),
            ("companyName", Role::Company),
            ("Account Name", Role::Company),
            ("Position", Role::Title),
            ("Connected On", Role::ConnectedOn),
            ("sharedConnectionsCount", Role::MutualConnections),
            ("connectionDegree", Role::Degree),
            ("Q1_NPS_GROUP", Role::NpsGroup),
            (
                "How likely are you to recommend Acme to a friend or colleague?",
                Role::Score,
            ),
            ("Submit Date (UTC)", Role::RespondedOn),
            ("Timestamp", Role::RespondedOn),
            ("Company Domain Name", Role::Domain),
            ("Website", Role::Domain),
            ("ICP Tier", Role::Tier),
            ("Certification date", Role::EventOn),
            ("Project start", Role::ProjectStart),
            ("What is the main reason for your score?", Role::Comment),
        ];
        for (h, want) in cases {
            assert_eq!(role_for_header(h).map(|r| r.0), Some(want), "{h}");
        }
        assert_eq!(role_for_header("Notes:"), None);
        assert_eq!(header_score("Notes:"), 0);
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }
}

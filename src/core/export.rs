/*!
The ask list as a CSV a CRM import takes (HubSpot, Salesforce), safe to
open in Excel and Google Sheets.

Formula injection (OWASP "CSV Injection"): a cell that starts with `=`,
`+`, `-`, `@`, a tab, a carriage return or a NUL would be run as a formula
by a spreadsheet. Such cells are prefixed with `'`, which spreadsheets show
as text. Names from LinkedIn are user-controlled text, so every cell goes
through [`safe_cell`].

The file starts with a UTF-8 byte-order mark so Excel reads accented names
correctly, and uses CRLF line ends (RFC 4180).
*/

use serde::{Deserialize, Serialize};

use super::model::join_name;

/// One row of the export: an introduction and where it stands.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportRow {
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub title: String,
    pub linkedin_url: String,
    pub email: String,
    /// The promoter who makes the introduction.
    pub introducer: String,
    pub score: Option<f64>,
    pub reasons: String,
    pub state: String,
}

impl ExportRow {
    /// Split a full name into first and last at the last space.
    pub fn split_name(full: &str) -> (String, String) {
        let full = full.trim();
        match full.rsplit_once(' ') {
            Some((first, last)) => (first.trim().to_string(), last.trim().to_string()),
            None => (full.to_string(), String::new()),
        }
    }

    pub fn full_name(&self) -> String {
        join_name(&self.first_name, &self.last_name)
    }
}

pub const HEADER: [&str; 10] = [
    "First Name",
    "Last Name",
    "Company",
    "Job Title",
    "LinkedIn URL",
    "Email",
    "Introducer",
    "Score",
    "Reasons",
    "State",
];

/// A cell a spreadsheet will show as text, never run as a formula.
pub fn safe_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// The CSV file (with BOM, CRLF, RFC 4180 quoting, formula-safe cells).
pub fn asks_csv(rows: &[ExportRow]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in rows {
        let score = r.score.map(|s| format!("{s:.1}")).unwrap_or_default();
        let cells = [
            &r.first_name,
            &r.last_name,
            &r.company,
            &r.title,
            &r.linkedin_url,
            &r.email,
            &r.introducer,
            &score,
            &r.reasons,
            &r.state,
        ];
        let _ = w.write_record(cells.iter().map(|c| safe_cell(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_first_characters_are_neutralised() {
        for (raw, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1 555", "'+1 555"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\0x", "'\0x"),
            ("Ana Ruiz", "Ana Ruiz"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(safe_cell(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn csv_round_trips_through_a_reader() {
        let rows = vec![ExportRow {
            first_name: "=cmd".into(),
            last_name: "O'Brien, \"Jr\"".into(),
            company: "Globex, Inc.".into(),
            title: "VP\nSales".into(),
            linkedin_url: "https://www.linkedin.com/in/x".into(),
            email: String::new(),
            introducer: "ana@northwind.com".into(),
            score: Some(81.26),
            reasons: "12 mutual connections · tier 1".into(),
            state: "asked".into(),
        }];
        let text = asks_csv(&rows);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\r\n"));
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = r.headers().unwrap().clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), HEADER);
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[0], "'=cmd");
        assert_eq!(&rec[1], "O'Brien, \"Jr\"");
        assert_eq!(&rec[2], "Globex, Inc.");
        assert_eq!(&rec[3], "VP\nSales");
        assert_eq!(&rec[7], "81.3");
        assert_eq!(&rec[9], "asked");
    }
}

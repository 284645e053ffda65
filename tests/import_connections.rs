//! LinkedIn Connections.csv in each layout seen in the wild, pinned by
//! exact counts and field values (fixtures: tests/fixtures/connections/).

use referral_radar::core::model::Records;
use referral_radar::core::{import_file, Connection, FileKind, ImportOptions};

fn connections(name: &str) -> (referral_radar::core::ImportedFile, Vec<Connection>) {
    let path = format!(
        "{}/tests/fixtures/connections/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    let f = import_file(name, &bytes, &ImportOptions::default());
    let Records::Connections(rows) = f.records.clone() else {
        panic!(
            "{name}: expected connections, got {:?} with {:?}",
            f.kind, f.problems
        )
    };
    let rows = rows.to_vec();
    (f, rows)
}

#[test]
fn layout_2018_no_preamble_quoted_us_dates() {
    let (f, rows) = connections("linkedin_2018_no_preamble.csv");
    assert_eq!(f.kind, FileKind::Connections);
    assert_eq!(
        (f.rows, f.skipped, f.problems.len()),
        (5, 1, 0),
        "{:?}",
        f.problems
    );
    assert_eq!(f.header_line, Some(1));
    assert_eq!(rows[0].full_name(), "Aiko Brennan");
    assert_eq!(rows[0].connected_on.unwrap().to_string(), "2018-01-08");
    assert_eq!(rows[1].company, "Initech, LLC.");
    assert_eq!(rows[1].email.as_deref(), Some("bruno.c@example.com"));
    assert_eq!(rows[1].connected_on.unwrap().to_string(), "2017-12-31");
    // A member URN in the email column is no email.
    assert_eq!(rows[2].email, None);
    assert_eq!(rows[3].title, "Head of Sales, EMEA");
    assert!(rows.iter().all(|r| r.url.is_none()));
}

#[test]
fn layout_2020_preamble_without_url() {
    let (f, rows) = connections("linkedin_2020_preamble_no_url.csv");
    assert_eq!(f.kind, FileKind::Connections);
    assert_eq!(
        (f.rows, f.skipped, f.problems.len()),
        (6, 2, 0),
        "{:?}",
        f.problems
    );
    assert_eq!(f.header_line, Some(4));
    assert_eq!(rows[0].title, "Chief Financial Officer");
    assert_eq!(rows[1].company, "Cyberdyne Systems, Inc.");
    assert_eq!(rows[2].first_name, "Helga");
    assert_eq!(rows[2].last_name, "Ibáñez");
    assert_eq!(rows[3].last_name, "Jovanović 🚀");
    assert_eq!(rows[5].last_name, "Lindgren, MS");
    assert_eq!(rows[5].connected_on.unwrap().to_string(), "2019-10-30");
    assert!(f
        .notes
        .iter()
        .any(|n| n.starts_with("2 rows were empty except for the date")));
}

#[test]
fn layout_2026_preamble_with_url_crlf() {
    let (f, rows) = connections("linkedin_2026_preamble_url.csv");
    assert_eq!(f.kind, FileKind::Connections);
    assert_eq!(
        (f.rows, f.skipped, f.problems.len()),
        (8, 2, 0),
        "{:?}",
        f.problems
    );
    assert_eq!(f.header_line, Some(4));
    assert_eq!(
        rows[0].url.as_deref(),
        Some("https://www.linkedin.com/in/layla-moreau-3b2a1")
    );
    assert_eq!(rows[0].connected_on.unwrap().to_string(), "2026-02-07");
    // Slug case and trailing slash are normalised.
    assert_eq!(
        rows[1].url.as_deref(),
        Some("https://www.linkedin.com/in/mohammed-nakamura")
    );
    assert_eq!(rows[3].company, "The \"Best\" Widgets Co");
    assert_eq!(rows[3].last_name, "Park 박");
    // Leading and trailing spaces are trimmed.
    assert_eq!(rows[5].first_name, "Quentin");
    assert_eq!(rows[5].company, "Stark Industries");
    assert_eq!(rows[6].last_name, "Salem سالم");
    assert_eq!(rows[7].connected_on.unwrap().to_string(), "2025-11-03");
}

#[test]
fn built_in_sample_network_reads_cleanly() {
    let bytes = include_bytes!("../src/sample/Connections.csv");
    let f = import_file("Connections.csv", bytes, &ImportOptions::default());
    assert_eq!(f.kind, FileKind::Connections);
    assert_eq!((f.rows, f.skipped, f.problems.len()), (20, 2, 0));
}

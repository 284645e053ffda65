//! The core's import, run in headless Chromium as the app runs it (wasm32).
//! `scripts/test.sh` runs these with wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use referral_radar::core::model::Records;
use referral_radar::core::{import_file, FileKind, ImportOptions};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn counts(name: &str, bytes: &[u8]) -> (FileKind, usize, usize, usize) {
    let f = import_file(name, bytes, &ImportOptions::default());
    (f.kind, f.rows, f.skipped, f.problems.len())
}

#[wasm_bindgen_test]
fn connections_layouts_in_the_browser() {
    let cases: [(&str, &[u8], (FileKind, usize, usize, usize)); 3] = [
        (
            "2018.csv",
            include_bytes!("fixtures/connections/linkedin_2018_no_preamble.csv"),
            (FileKind::Connections, 5, 1, 0),
        ),
        (
            "2020.csv",
            include_bytes!("fixtures/connections/linkedin_2020_preamble_no_url.csv"),
            (FileKind::Connections, 6, 2, 0),
        ),
        (
            "2026.csv",
            include_bytes!("fixtures/connections/linkedin_2026_preamble_url.csv"),
            (FileKind::Connections, 8, 2, 0),
        ),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(counts(name, bytes), want, "{name}");
    }
}

#[wasm_bindgen_test]
fn field_values_survive_wasm() {
    let f = import_file(
        "2026.csv",
        include_bytes!("fixtures/connections/linkedin_2026_preamble_url.csv"),
        &ImportOptions::default(),
    );
    let Records::Connections(rows) = f.records else {
        panic!("not connections")
    };
    let rows = rows.to_vec();
    assert_eq!(
        rows[1].url.as_deref(),
        Some("https://www.linkedin.com/in/mohammed-nakamura")
    );
    assert_eq!(rows[3].last_name, "Park 박");
    assert_eq!(rows[0].connected_on.unwrap().to_string(), "2026-02-07");
}

/// Every fixture, read in the browser, gives the counts pinned in
/// tests/fixtures/expected.json (the same file the end-to-end tests use).
const FIXTURES: &[(&str, &[u8])] = &[
    (
        "accounts/apollo_accounts.csv",
        include_bytes!("fixtures/accounts/apollo_accounts.csv"),
    ),
    (
        "accounts/competitors.txt",
        include_bytes!("fixtures/accounts/competitors.txt"),
    ),
    (
        "accounts/hubspot_companies.csv",
        include_bytes!("fixtures/accounts/hubspot_companies.csv"),
    ),
    (
        "accounts/opportunities_pipeline.csv",
        include_bytes!("fixtures/accounts/opportunities_pipeline.csv"),
    ),
    (
        "accounts/salesforce_customers_report.csv",
        include_bytes!("fixtures/accounts/salesforce_customers_report.csv"),
    ),
    (
        "connections/excel_resave_semicolon_es.csv",
        include_bytes!("fixtures/connections/excel_resave_semicolon_es.csv"),
    ),
    (
        "connections/excel_unicode_text_utf16le.txt",
        include_bytes!("fixtures/connections/excel_unicode_text_utf16le.txt"),
    ),
    (
        "connections/excel_windows1252.csv",
        include_bytes!("fixtures/connections/excel_windows1252.csv"),
    ),
    (
        "connections/linkedin_2018_no_preamble.csv",
        include_bytes!("fixtures/connections/linkedin_2018_no_preamble.csv"),
    ),
    (
        "connections/linkedin_2020_preamble_no_url.csv",
        include_bytes!("fixtures/connections/linkedin_2020_preamble_no_url.csv"),
    ),
    (
        "connections/linkedin_2026_preamble_url.csv",
        include_bytes!("fixtures/connections/linkedin_2026_preamble_url.csv"),
    ),
    (
        "connections/linkedin_bom_crlf.csv",
        include_bytes!("fixtures/connections/linkedin_bom_crlf.csv"),
    ),
    (
        "hostile/bomb_LinkedInDataExport.zip",
        include_bytes!("fixtures/hostile/bomb_LinkedInDataExport.zip"),
    ),
    (
        "hostile/empty.csv",
        include_bytes!("fixtures/hostile/empty.csv"),
    ),
    (
        "hostile/lying_sizes.zip",
        include_bytes!("fixtures/hostile/lying_sizes.zip"),
    ),
    (
        "hostile/photo.png.csv",
        include_bytes!("fixtures/hostile/photo.png.csv"),
    ),
    (
        "hostile/unterminated_quote.csv",
        include_bytes!("fixtures/hostile/unterminated_quote.csv"),
    ),
    (
        "hostile/utf16be_with_bom.csv",
        include_bytes!("fixtures/hostile/utf16be_with_bom.csv"),
    ),
    (
        "leads/apollo_people.csv",
        include_bytes!("fixtures/leads/apollo_people.csv"),
    ),
    (
        "leads/phantombuster_sales_navigator.csv",
        include_bytes!("fixtures/leads/phantombuster_sales_navigator.csv"),
    ),
    (
        "nps/delighted.csv",
        include_bytes!("fixtures/nps/delighted.csv"),
    ),
    (
        "nps/generic_by_content.csv",
        include_bytes!("fixtures/nps/generic_by_content.csv"),
    ),
    (
        "nps/google_forms.csv",
        include_bytes!("fixtures/nps/google_forms.csv"),
    ),
    (
        "nps/qualtrics.csv",
        include_bytes!("fixtures/nps/qualtrics.csv"),
    ),
    (
        "nps/surveymonkey.csv",
        include_bytes!("fixtures/nps/surveymonkey.csv"),
    ),
    (
        "nps/typeform.csv",
        include_bytes!("fixtures/nps/typeform.csv"),
    ),
    (
        "zip/Basic_LinkedInDataExport_02-07-2026.zip",
        include_bytes!("fixtures/zip/Basic_LinkedInDataExport_02-07-2026.zip"),
    ),
    (
        "zip/Complete_LinkedInDataExport_11-30-2026.zip",
        include_bytes!("fixtures/zip/Complete_LinkedInDataExport_11-30-2026.zip"),
    ),
    (
        "zip/no_connections.zip",
        include_bytes!("fixtures/zip/no_connections.zip"),
    ),
];

#[wasm_bindgen_test]
fn every_fixture_in_the_browser() {
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/expected.json")).unwrap();
    let expected = expected.as_object().unwrap();
    assert_eq!(FIXTURES.len(), expected.len(), "every fixture is listed");
    for (path, bytes) in FIXTURES {
        let want = &expected[*path];
        let name = path.rsplit('/').next().unwrap();
        let f = import_file(name, bytes, &ImportOptions::default());
        assert_eq!(f.kind.as_str(), want["kind"], "{path}");
        assert_eq!(f.rows as u64, want["rows"], "{path}");
        assert_eq!(f.skipped as u64, want["skipped"], "{path}");
        assert_eq!(f.problems.len() as u64, want["problems"], "{path}");
        assert_eq!(f.owner.as_deref(), want["owner"].as_str(), "{path}");
    }
}

#[wasm_bindgen_test]
fn field_values_of_each_kind_in_the_browser() {
    let f = import_file(
        "q.csv",
        include_bytes!("fixtures/nps/qualtrics.csv"),
        &ImportOptions::default(),
    );
    let Records::Nps(r) = f.records else { panic!() };
    assert_eq!(r.iter().map(|r| r.score).collect::<Vec<_>>(), [10, 9, 7, 3]);
    assert_eq!(r[1].title, "Geschäftsführer");
    let f = import_file(
        "p.csv",
        include_bytes!("fixtures/leads/phantombuster_sales_navigator.csv"),
        &ImportOptions::default(),
    );
    let Records::Leads(l) = f.records else {
        panic!()
    };
    assert_eq!(l[0].mutual_connections, Some(41));
    let f = import_file(
        "s.csv",
        include_bytes!("fixtures/accounts/salesforce_customers_report.csv"),
        &ImportOptions::default(),
    );
    let Records::Accounts(a) = f.records else {
        panic!()
    };
    assert_eq!(a[2].name, "Vehement Capital");
    let f = import_file(
        "w.csv",
        include_bytes!("fixtures/connections/excel_windows1252.csv"),
        &ImportOptions::default(),
    );
    let Records::Connections(c) = f.records else {
        panic!()
    };
    let c = c.to_vec();
    assert_eq!(c[0].full_name(), "Zoë Müller");
}

#[wasm_bindgen_test]
fn bad_input_is_a_message_not_a_panic() {
    assert_eq!(counts("empty.csv", b""), (FileKind::Unknown, 0, 0, 1));
    assert_eq!(
        counts("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        (FileKind::Unknown, 0, 0, 1)
    );
}

#[wasm_bindgen_test]
fn the_sample_survey_is_dated_around_today() {
    use referral_radar::core::dates::Date;
    let today = Date::new(2026, 12, 4).unwrap();
    let files = referral_radar::ui::sample::files(today);
    assert_eq!(files.len(), 9);
    let (name, bytes) = &files[0];
    let f = import_file(name, bytes, &ImportOptions::default());
    assert_eq!((f.kind, f.rows, f.skipped), (FileKind::Nps, 8, 2));
    let Records::Nps(r) = f.records else { panic!() };
    assert_eq!(r[0].responded_on.unwrap().to_string(), "2026-11-28");
    assert_eq!(r[0].event_on.unwrap().to_string(), "2026-12-01");
    assert_eq!(r[2].event_on.unwrap().to_string(), "2026-12-16");
    assert_eq!(
        referral_radar::ui::sample::dated("{{day+1}} {{dayx}}", today),
        "2026-12-05 {{dayx}}"
    );
}

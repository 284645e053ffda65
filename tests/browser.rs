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
        ("2018.csv", include_bytes!("fixtures/connections/linkedin_2018_no_preamble.csv"), (FileKind::Connections, 5, 1, 0)),
        ("2020.csv", include_bytes!("fixtures/connections/linkedin_2020_preamble_no_url.csv"), (FileKind::Connections, 6, 2, 0)),
        ("2026.csv", include_bytes!("fixtures/connections/linkedin_2026_preamble_url.csv"), (FileKind::Connections, 8, 2, 0)),
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
    let Records::Connections(rows) = f.records else { panic!("not connections") };
    assert_eq!(rows[1].url.as_deref(), Some("https://www.linkedin.com/in/mohammed-nakamura"));
    assert_eq!(rows[3].last_name, "Park 박");
    assert_eq!(rows[0].connected_on.unwrap().to_string(), "2026-02-07");
}

#[wasm_bindgen_test]
fn bad_input_is_a_message_not_a_panic() {
    assert_eq!(counts("empty.csv", b""), (FileKind::Unknown, 0, 0, 1));
    assert_eq!(counts("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), (FileKind::Unknown, 0, 0, 1));
}

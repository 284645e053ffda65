//! The command-line tool, run as a user would run it.

mod common;

use common::cli;

#[test]
fn help_documents_inspect() {
    let (code, out, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("inspect [--json] FILE..."));
}

#[test]
fn inspect_prints_kind_counts_and_columns() {
    let (code, out, err) = cli(&[
        "inspect",
        "tests/fixtures/connections/linkedin_2026_preamble_url.csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("kind:     connections"), "{out}");
    assert!(out.contains("rows:     8 kept, 2 skipped"), "{out}");
    assert!(
        out.contains("URL                          profile_url"),
        "{out}"
    );
}

#[test]
fn inspect_json_has_the_documented_keys() {
    let (code, out, err) = cli(&[
        "inspect",
        "--json",
        "tests/fixtures/connections/linkedin_2018_no_preamble.csv",
        "tests/fixtures/connections/linkedin_2020_preamble_no_url.csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], "linkedin_2018_no_preamble.csv");
    assert_eq!(files[0]["kind"], "connections");
    assert_eq!(files[0]["rows"], 5);
    assert_eq!(files[0]["skipped"], 1);
    assert_eq!(files[1]["rows"], 6);
    assert_eq!(files[1]["columns"][0]["role"], "first_name");
    assert!(files[1]["problems"].as_array().unwrap().is_empty());
    assert!(files[1]["owner"].is_null());
}

#[test]
fn unreadable_file_exits_1_and_unknown_option_exits_2() {
    let (code, out, _) = cli(&["inspect", "tests/fixtures/does-not-exist.csv"]);
    assert_eq!(code, 1);
    assert!(out.contains("cannot open"), "{out}");
    assert_eq!(cli(&["inspect", "--bogus", "x.csv"]).0, 2);
    assert_eq!(cli(&["frobnicate"]).0, 2);
}

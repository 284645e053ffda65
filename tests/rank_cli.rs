//! The `rank` and `nps` commands, run as a user would run them.

mod common;

use common::cli;

const S: &str = "tests/fixtures/scenario";

fn rank_args(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = [
        "rank",
        "--nps",
        &format!("{S}/nps.csv"),
        "--network",
        &format!("ana.ruiz@northwind.com={S}/ana_Connections.csv"),
        "--network",
        &format!("Ben Okafor={S}/ben_Connections.csv"),
        "--network",
        &format!("chloe.martin@fabrikam.fr={S}/chloe_Connections.csv"),
        "--network",
        &format!("dev@tailspin.com={S}/dev_Connections.csv"),
        "--accounts",
        &format!("{S}/targets.csv"),
        "--customers",
        &format!("{S}/customers.csv"),
        "--opportunities",
        &format!("{S}/opportunities.csv"),
        "--leads",
        &format!("{S}/phantombuster_leads.csv"),
        "--today",
        "2026-02-10",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn run(args: &[String]) -> (i32, String, String) {
    cli(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn help_documents_rank_and_nps() {
    let (code, out, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    for needle in [
        "nps [--json] FILE",
        "rank --nps FILE",
        "--network OWNER=FILE",
        "--accounts FILE",
        "--customers FILE",
        "--leads FILE",
        "--today YYYY-MM-DD",
        "--settings FILE",
        "--json",
    ] {
        assert!(out.contains(needle), "{needle} missing from --help");
    }
}

#[test]
fn rank_json_has_the_documented_keys() {
    let (code, out, err) = run(&rank_args(&["--json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let asks = v.as_array().unwrap();
    assert_eq!(asks.len(), 10);
    let top = &asks[0];
    for key in [
        "rank",
        "promoter",
        "target",
        "target_url",
        "title",
        "account",
        "match_tier",
        "score",
        "reasons",
        "alternates",
    ] {
        assert!(top.get(key).is_some(), "{key} missing");
    }
    assert_eq!(top["rank"], 1);
    assert_eq!(top["promoter"], "ana.ruiz@northwind.com");
    assert_eq!(top["target"], "Layla Moreau");
    assert_eq!(
        top["target_url"],
        "https://www.linkedin.com/in/layla-moreau-3b2a1"
    );
    assert_eq!(top["match_tier"], "exact");
    assert_eq!(top["alternates"][0]["promoter"], "ben@contoso.io");
    assert_eq!(asks[9]["match_tier"], "fuzzy");
    assert!(
        err.contains("excluded: 2 connection(s) at the promoter's own employer"),
        "{err}"
    );
}

#[test]
fn rank_csv_and_settings_and_flags() {
    let (code, out, err) = run(&rank_args(&[]));
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("rank,promoter,target,target_url,title,account,match_tier,score,reasons,alternates")
    );
    assert!(lines.next().unwrap().starts_with("1,ana.ruiz@northwind.com,Layla Moreau,https://www.linkedin.com/in/layla-moreau-3b2a1,Chief Revenue Officer,Globex Corporation,exact,90.5,"));
    assert_eq!(out.lines().count(), 11);

    // A settings file, with a flag overriding it.
    let dir = std::env::temp_dir().join(format!("rr-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("settings.json");
    std::fs::write(
        &file,
        r#"{"asks_per_promoter": 1, "allow_passives": false}"#,
    )
    .unwrap();
    let (code, out, err) = run(&rank_args(&[
        "--settings",
        file.to_str().unwrap(),
        "--allow-passives",
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let targets: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["target"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        ["Layla Moreau", "Jonas Berg", "Paula Chen", "Tom Reyes"]
    );
    let _ = std::fs::remove_dir_all(&dir);

    // Emails name the exact people.
    let (code, out, _) = run(&rank_args(&["--emails"]));
    assert_eq!(code, 0);
    assert!(out.contains("To: ana.ruiz@northwind.com"));
    assert!(out.contains("1. Layla Moreau, Chief Revenue Officer at Globex Corporation"));
}

#[test]
fn rank_usage_and_read_errors() {
    assert_eq!(cli(&["rank"]).0, 2);
    assert_eq!(run(&rank_args(&["--bogus"])).0, 2);
    assert_eq!(run(&rank_args(&["--weight", "nonsense=1"])).0, 2);
    assert_eq!(run(&rank_args(&["--today", "10/02/2026"])).0, 2);
    let (code, _, err) = cli(&[
        "rank",
        "--nps",
        "tests/fixtures/does-not-exist.csv",
        "--network",
        "x=tests/fixtures/scenario/ana_Connections.csv",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot open"), "{err}");
}

#[test]
fn nps_json_prints_the_figures() {
    let (code, out, err) = cli(&["nps", "--json", "tests/fixtures/scenario/nps.csv"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["score"], 25.0);
    assert_eq!(
        (
            v["promoters"].as_u64(),
            v["passives"].as_u64(),
            v["detractors"].as_u64()
        ),
        (Some(4), Some(2), Some(2))
    );
    assert_eq!(v["responses"], 8);
    assert_eq!(v["dropped"].as_array().unwrap().len(), 2);
    assert_eq!(v["dropped"][0]["row"], 10);
    let (lo, hi) = (
        v["interval"]["low"].as_f64().unwrap(),
        v["interval"]["high"].as_f64().unwrap(),
    );
    assert!(lo < 25.0 && 25.0 < hi && lo >= -100.0 && hi <= 100.0);

    let (code, out, _) = cli(&["nps", "tests/fixtures/scenario/nps.csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("NPS 25.0 from 8 responses"), "{out}");
    assert_eq!(cli(&["nps"]).0, 2);
}

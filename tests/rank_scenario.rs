//! A realistic small dataset (tests/fixtures/scenario/, real export shapes)
//! and its whole ask list, pinned.
//!
//! Four promoters' networks (LinkedIn 2022+ layout): Ana (CRO, scored 10,
//! certified 3 days ago), Ben (VP Sales, 9, project under way), Chloé
//! (Directrice Générale, 9, answered 16 months ago: stale) and Dev
//! (a passive 7). Targets with tiers, a customer list, an open opportunity
//! and a Phantombuster export with mutual connections.

use referral_radar::core::candidates::{Dataset, Exclusion};
use referral_radar::core::company::MatchTier;
use referral_radar::core::dates::Date;
use referral_radar::core::model::AccountRole;
use referral_radar::core::{
    build_candidates, import_file, rank, ImportOptions, ImportedFile, Settings,
};

fn load(name: &str, owner: Option<&str>, role: Option<AccountRole>) -> ImportedFile {
    let path = format!(
        "{}/tests/fixtures/scenario/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut f = import_file(
        name,
        &std::fs::read(path).unwrap(),
        &ImportOptions {
            account_role: role,
            ..Default::default()
        },
    );
    if let Some(o) = owner {
        f.owner = Some(o.to_string());
    }
    f
}

fn files() -> Vec<ImportedFile> {
    vec![
        load("nps.csv", None, None),
        load("ana_Connections.csv", Some("ana.ruiz@northwind.com"), None),
        load("ben_Connections.csv", Some("Ben Okafor"), None),
        load(
            "chloe_Connections.csv",
            Some("chloe.martin@fabrikam.fr"),
            None,
        ),
        load("dev_Connections.csv", Some("dev@tailspin.com"), None),
        load("targets.csv", None, None),
        load("customers.csv", None, None),
        load("opportunities.csv", None, None),
        load("phantombuster_leads.csv", None, None),
    ]
}

fn today() -> Date {
    Date::parse_iso("2026-02-10").unwrap()
}

#[test]
fn the_whole_ask_list() {
    let files = files();
    let settings = Settings::default();
    let set = build_candidates(&Dataset::from_files(&files), &settings);
    let list = rank(&set, &settings.weights, &settings, today());
    let got: Vec<(u32, &str, &str, &str, MatchTier, f64, Vec<&str>)> = list
        .asks
        .iter()
        .map(|a| {
            (
                a.rank,
                a.promoter.as_str(),
                a.target.as_str(),
                a.account.as_str(),
                a.match_tier,
                a.score,
                a.alternates.iter().map(|x| x.promoter.as_str()).collect(),
            )
        })
        .collect();
    use MatchTier::*;
    let ana = "ana.ruiz@northwind.com";
    let ben = "ben@contoso.io";
    let chloe = "chloe.martin@fabrikam.fr";
    let want: Vec<(u32, &str, &str, &str, MatchTier, f64, Vec<&str>)> = vec![
        (
            1,
            ana,
            "Layla Moreau",
            "Globex Corporation",
            Exact,
            90.5,
            vec![ben],
        ),
        (2, ben, "Jonas Berg", "Umbrella Health", Exact, 76.5, vec![]),
        (
            3,
            ana,
            "Tom Reyes",
            "Initech",
            Normalised,
            76.1,
            vec![chloe],
        ),
        (
            4,
            ana,
            "Marco Bianchi",
            "Globex Corporation",
            Normalised,
            75.7,
            vec![],
        ),
        (
            5,
            ben,
            "Nadia Okonkwo",
            "Umbrella Health",
            Exact,
            70.5,
            vec![],
        ),
        (
            6,
            ana,
            "Sara Lind",
            "Globex Corporation",
            Normalised,
            68.7,
            vec![],
        ),
        (7, ana, "Kai Sato", "Hooli", Exact, 64.5, vec![chloe]),
        (
            8,
            ben,
            "Rita Gomez",
            "Stark Industries",
            Exact,
            60.7,
            vec![],
        ),
        (9, chloe, "Hugo Laurent", "Hooli", Exact, 50.1, vec![]),
        (
            10,
            chloe,
            "Ines Duarte",
            "Stark Industries",
            Fuzzy,
            48.3,
            vec![],
        ),
    ];
    assert_eq!(got, want);

    // Never listed: Wen Li (Wayne Enterprises, a customer), Omar Haddad
    // (Ana's own employer), Luis Ortega (Ben's), Zoe Adams (Cyberdyne, an
    // open opportunity), Priya Nair ("Apple Bank" is not "Apple"), Paula
    // Chen (only known by Dev, a passive).
    for name in [
        "Wen Li",
        "Omar Haddad",
        "Luis Ortega",
        "Zoe Adams",
        "Priya Nair",
        "Paula Chen",
    ] {
        assert!(
            list.asks.iter().all(|a| a.target != name),
            "{name} must not be asked"
        );
    }
    let count = |r: Exclusion| {
        set.excluded
            .iter()
            .find(|e| e.reason == r)
            .map_or(0, |e| e.count)
    };
    assert_eq!(count(Exclusion::ExistingCustomer), 1);
    assert_eq!(count(Exclusion::PromoterEmployer), 2);
    assert_eq!(count(Exclusion::OpenOpportunity), 1);
    assert_eq!(count(Exclusion::NotTarget), 1);

    // The fuzzy match is visible with its confidence.
    let fuzzy = set.matches.iter().find(|m| m.tier == Fuzzy).unwrap();
    assert_eq!(
        (fuzzy.company.as_str(), fuzzy.account.as_str()),
        ("Stark Industires", "Stark Industries")
    );
    assert!(fuzzy.confidence > 0.85 && fuzzy.confidence < 1.0);

    // Reasons say why, largest first; the top ask names its mutuals and the moment.
    let top = &list.asks[0];
    assert!(top.reasons.windows(2).all(|w| w[0].points >= w[1].points));
    let texts: Vec<&str> = top.reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts.contains(&"42 mutual connections with us"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("ask now: certification / event 3 days ago")),
        "{texts:?}"
    );
    assert!((top.reasons.iter().map(|r| r.points).sum::<f64>() - top.score).abs() < 0.5);

    // Per promoter: Ana's five, Ben's three, Chloé's two; Dev (passive) none.
    let per: Vec<(&str, usize)> = list
        .promoters
        .iter()
        .map(|p| (p.promoter.as_str(), p.asks.len()))
        .collect();
    assert_eq!(per, vec![(ana, 5), (ben, 3), (chloe, 2)]);
    let email = &list.promoters[0].email;
    assert_eq!(email.to.as_deref(), Some(ana));
    for needle in [
        "Hi Ana,",
        "Layla Moreau, Chief Revenue Officer at Globex Corporation",
        "https://www.linkedin.com/in/layla-moreau-3b2a1",
        "Why: ",
    ] {
        assert!(
            email.body.contains(needle),
            "{needle} not in\n{}",
            email.body
        );
    }

    // Per account: the best way in.
    let ways: Vec<(&str, &str, Option<u32>)> = list
        .accounts
        .iter()
        .map(|a| (a.account.as_str(), a.target.as_str(), a.ask_rank))
        .collect();
    assert_eq!(
        ways,
        vec![
            ("Globex Corporation", "Layla Moreau", Some(1)),
            ("Umbrella Health", "Jonas Berg", Some(2)),
            ("Initech", "Tom Reyes", Some(3)),
            ("Hooli", "Kai Sato", Some(7)),
            ("Stark Industries", "Rita Gomez", Some(8)),
        ]
    );
}

#[test]
fn passives_join_when_allowed_and_a_cap_moves_targets_to_alternates() {
    let files = files();
    let settings = Settings {
        allow_passives: true,
        asks_per_promoter: 1,
        ..Default::default()
    };
    let set = build_candidates(&Dataset::from_files(&files), &settings);
    let list = rank(&set, &settings.weights, &settings, today());
    let got: Vec<(&str, &str)> = list
        .asks
        .iter()
        .map(|a| (a.promoter.as_str(), a.target.as_str()))
        .collect();
    // Ana's best is Layla; Ben's Jonas; Dev, a passive with a fresh
    // answer, now introduces Paula Chen; Tom Reyes goes to Chloé because
    // Ana (his best path) is full.
    assert_eq!(
        got,
        vec![
            ("ana.ruiz@northwind.com", "Layla Moreau"),
            ("ben@contoso.io", "Jonas Berg"),
            ("dev@tailspin.com", "Paula Chen"),
            ("chloe.martin@fabrikam.fr", "Tom Reyes"),
        ]
    );
    let tom = &list.asks[3];
    assert_eq!(
        tom.alternates
            .iter()
            .map(|a| a.promoter.as_str())
            .collect::<Vec<_>>(),
        ["ana.ruiz@northwind.com", "dev@tailspin.com"]
    );
}

#[test]
fn reranking_needs_no_rebuild_and_weights_change_the_order() {
    let files = files();
    let settings = Settings::default();
    let set = build_candidates(&Dataset::from_files(&files), &settings);
    let mut w = settings.weights.clone();
    w.icp_fit = 0.0;
    w.persona_fit = 0.0;
    w.strength = 0.0;
    w.depth = 0.0;
    w.alignment = 0.0;
    w.promoter = 0.0;
    // Timing only: the stale promoter's asks sink to the bottom with 0 points.
    let list = rank(&set, &w, &settings, today());
    assert!(list
        .asks
        .iter()
        .filter(|a| a.promoter.starts_with("chloe"))
        .all(|a| a.score == 0.0));
    assert!(list
        .asks
        .iter()
        .filter(|a| !a.promoter.starts_with("chloe"))
        .all(|a| a.score == 100.0));
}

#[test]
fn history_removes_people_already_asked() {
    let files = files();
    let history: Vec<referral_radar::core::AskRecord> = serde_json::from_str(
        r#"[{"promoter":"ana.ruiz@northwind.com","target":"Layla Moreau","target_url":"https://www.linkedin.com/in/layla-moreau-3b2a1","account":"Globex","changes":[{"state":"asked","on":"2026-01-15"}]}]"#,
    )
    .unwrap();
    let mut data = Dataset::from_files(&files);
    data.history = &history;
    let settings = Settings::default();
    let set = build_candidates(&data, &settings);
    let list = rank(&set, &settings.weights, &settings, today());
    assert!(list.asks.iter().all(|a| a.target != "Layla Moreau"));
    assert!(set
        .excluded
        .iter()
        .any(|e| e.reason == Exclusion::AlreadyAsked && e.count == 2));
}

/// The engine rebuilds candidates only when `asked_people` changes; this
/// holds it to `build_candidates`: histories with the same people asked give
/// the same candidates, and a newly asked person changes them.
#[test]
fn candidates_read_only_who_was_asked_from_the_history() {
    use referral_radar::core::candidates::asked_people;
    let files = files();
    let parse = |json: &str| -> Vec<referral_radar::core::AskRecord> {
        serde_json::from_str(json).unwrap()
    };
    let layla = r#"{"promoter":"ana.ruiz@northwind.com","target":"Layla Moreau","target_url":"https://www.linkedin.com/in/layla-moreau-3b2a1","account":"Globex","changes":[{"state":"asked","on":"2026-01-15"}"#;
    let asked = parse(&format!("[{layla}]}}]"));
    // The same ask moved on to a meeting, twice recorded, and a suggestion
    // that was never made.
    let moved_on = parse(&format!(
        r#"[{layla},{{"state":"introduced","on":"2026-01-20"}},{{"state":"meeting","on":"2026-02-01"}}]}},
            {layla}]}},
            {{"promoter":"ana.ruiz@northwind.com","target":"Someone Else","account":"Initech","changes":[{{"state":"suggested","on":"2026-02-02"}}]}}]"#
    ));
    let settings = Settings::default();
    let build = |history: &[referral_radar::core::AskRecord]| {
        let mut data = Dataset::from_files(&files);
        data.history = history;
        build_candidates(&data, &settings)
    };
    assert_eq!(asked_people(&asked), asked_people(&moved_on));
    assert_eq!(build(&asked), build(&moved_on));
    assert_ne!(asked_people(&asked), asked_people(&[]));
    assert_ne!(build(&asked), build(&[]));
}

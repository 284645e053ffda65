//! The orderings the ranking must keep, everything else equal, as property
//! tests: a random small world, two variants that differ in one thing, and
//! the target's score (or absence) compared.

use proptest::prelude::*;

use referral_radar::core::candidates::{AccountList, Dataset, Network};
use referral_radar::core::dates::Date;
use referral_radar::core::model::{
    Account, AccountRole, Connection, Connections, Lead, NpsResponse,
};
use referral_radar::core::rank::score_paths;
use referral_radar::core::{build_candidates, rank, Settings, Weights};

fn today() -> Date {
    Date::parse_iso("2026-02-10").unwrap()
}

/// One promoter, one target person ("Tara Target") at "Globex", and
/// whatever else the case varies.
#[derive(Clone, Debug)]
struct World {
    promoter_score: u8,
    promoter_title: &'static str,
    target_title: &'static str,
    tier: Option<u8>,
    mutuals: Option<u32>,
    /// More people the promoter knows at Globex.
    colleagues: usize,
    /// Days since the promoter's certification (None: no event).
    event_days_ago: Option<i64>,
    responded_days_ago: i64,
    active_project: bool,
    target_on_list: bool,
    target_is_customer: bool,
    target_is_promoters_employer: bool,
    allow_passives: bool,
    weights: Weights,
}

const TITLES: [&str; 6] = [
    "CEO",
    "VP Sales",
    "Director of Finance",
    "Sales Manager",
    "Account Executive",
    "Founder",
];

fn world() -> impl Strategy<Value = World> {
    (
        (
            9u8..=10,
            0usize..6,
            0usize..6,
            proptest::option::of(1u8..=4),
            proptest::option::of(0u32..500),
        ),
        (
            0usize..4,
            proptest::option::of(0i64..500),
            0i64..800,
            any::<bool>(),
        ),
        proptest::array::uniform7(0.1f64..5.0),
    )
        .prop_map(
            |((score, pt, tt, tier, mutuals), (colleagues, event, responded, active), w)| World {
                promoter_score: score,
                promoter_title: TITLES[pt],
                target_title: TITLES[tt],
                tier,
                mutuals,
                colleagues,
                event_days_ago: event,
                responded_days_ago: responded,
                active_project: active,
                target_on_list: true,
                target_is_customer: false,
                target_is_promoters_employer: false,
                allow_passives: false,
                weights: Weights {
                    icp_fit: w[0],
                    persona_fit: w[1],
                    strength: w[2],
                    depth: w[3],
                    alignment: w[4],
                    timing: w[5],
                    promoter: w[6],
                },
            },
        )
}

fn conn(first: &str, last: &str, company: &str, title: &str) -> Connection {
    Connection {
        first_name: first.into(),
        last_name: last.into(),
        url: Some(format!(
            "https://www.linkedin.com/in/{}-{}",
            first.to_lowercase(),
            last.to_lowercase()
        )),
        company: company.into(),
        title: title.into(),
        ..Default::default()
    }
}

/// The score of the ask for Tara Target, or `None` when she is not listed.
fn score_of(w: &World) -> Option<f64> {
    let t = today();
    let promoter_company = if w.target_is_promoters_employer {
        "Globex Corporation"
    } else {
        "Northwind Traders"
    };
    let nps = vec![NpsResponse {
        row: 2,
        name: "Pat Promoter".into(),
        email: Some("pat@northwind.com".into()),
        company: promoter_company.into(),
        title: w.promoter_title.into(),
        score: w.promoter_score,
        responded_on: Some(t.add_days(-w.responded_days_ago)),
        event_on: w.event_days_ago.map(|d| t.add_days(-d)),
        project_start: w.active_project.then(|| t.add_days(-20)),
        project_end: w.active_project.then(|| t.add_days(40)),
        ..Default::default()
    }];
    let mut network = vec![conn("Tara", "Target", "Globex Corp.", w.target_title)];
    for i in 0..w.colleagues {
        network.push(conn(
            "Colleague",
            &format!("N{i}"),
            "Globex",
            "Director of Operations",
        ));
    }
    network.push(conn("Other", "Person", "Initech", "CEO"));
    let mut targets = vec![Account {
        name: "Initech".into(),
        tier: Some(1),
        ..Default::default()
    }];
    if w.target_on_list {
        targets.push(Account {
            name: "Globex Corporation".into(),
            domain: Some("globex.com".into()),
            tier: w.tier,
        });
    }
    let customers = if w.target_is_customer {
        vec![Account {
            name: "Globex".into(),
            ..Default::default()
        }]
    } else {
        vec![]
    };
    let leads = vec![Lead {
        first_name: "Tara".into(),
        last_name: "Target".into(),
        url: Some("https://www.linkedin.com/in/tara-target".into()),
        company: "Globex".into(),
        mutual_connections: w.mutuals,
        ..Default::default()
    }];
    let network = Connections::from(network);
    let data = Dataset {
        nps: vec![&nps],
        networks: vec![Network {
            owner: "pat@northwind.com".into(),
            owner_company: None,
            connections: &network,
        }],
        leads: vec![&leads],
        accounts: vec![
            AccountList {
                role: AccountRole::Target,
                accounts: &targets,
            },
            AccountList {
                role: AccountRole::Customer,
                accounts: &customers,
            },
        ],
        history: &[],
    };
    let settings = Settings {
        allow_passives: w.allow_passives,
        asks_per_promoter: 50,
        weights: w.weights.clone(),
        ..Default::default()
    };
    let set = build_candidates(&data, &settings);
    let list = rank(&set, &settings.weights, &settings, t);
    let listed = list.asks.iter().any(|a| a.target == "Tara Target");
    // The ask list rounds scores for display; compare the exact ones.
    let (scored, _) = score_paths(&set, &settings.weights, &settings, t);
    let tara = set.targets.iter().position(|x| x.name == "Tara Target")? as u32;
    let exact = scored.iter().find(|s| s.target == tara).map(|s| s.score);
    assert_eq!(listed, exact.is_some());
    exact
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tier_1_beats_tier_2(w in world()) {
        let a = score_of(&World { tier: Some(1), ..w.clone() }).unwrap();
        let b = score_of(&World { tier: Some(2), ..w }).unwrap();
        prop_assert!(a > b, "{a} vs {b}");
    }

    #[test]
    fn non_icp_accounts_are_never_listed(w in world()) {
        prop_assert_eq!(score_of(&World { target_on_list: false, ..w }), None);
    }

    #[test]
    fn more_mutuals_beat_fewer(w in world(), m in 0u32..300, extra in 10u32..300) {
        let few = score_of(&World { mutuals: Some(m), ..w.clone() }).unwrap();
        let many = score_of(&World { mutuals: Some(m + extra), ..w }).unwrap();
        prop_assert!(many > few, "{many} vs {few}");
    }

    #[test]
    fn deeper_accounts_beat_shallower(w in world(), k in 0usize..3) {
        let shallow = score_of(&World { colleagues: k, ..w.clone() }).unwrap();
        let deep = score_of(&World { colleagues: k + 2, ..w }).unwrap();
        prop_assert!(deep > shallow, "{deep} vs {shallow}");
    }

    #[test]
    fn the_moment_beats_a_stale_one(w in world()) {
        let stale = World { active_project: false, event_days_ago: Some(400), responded_days_ago: 420, ..w.clone() };
        let certified = World { event_days_ago: Some(3), ..stale.clone() };
        let project = World { active_project: true, ..stale.clone() };
        let s = score_of(&stale).unwrap();
        let (c, p) = (score_of(&certified).unwrap(), score_of(&project).unwrap());
        prop_assert!(c > s && p > s, "{c} / {p} vs {s}");
    }

    #[test]
    fn a_10_is_at_least_a_9(w in world()) {
        let ten = score_of(&World { promoter_score: 10, ..w.clone() }).unwrap();
        let nine = score_of(&World { promoter_score: 9, ..w }).unwrap();
        prop_assert!(ten >= nine);
    }

    #[test]
    fn passives_only_when_enabled(w in world(), score in 7u8..=8) {
        prop_assert_eq!(score_of(&World { promoter_score: score, ..w.clone() }), None);
        let enabled = score_of(&World { promoter_score: score, allow_passives: true, ..w });
        prop_assert!(enabled.is_some());
    }

    #[test]
    fn detractors_never(w in world(), score in 0u8..=6) {
        prop_assert_eq!(score_of(&World { promoter_score: score, allow_passives: true, ..w }), None);
    }

    #[test]
    fn customers_and_the_promoters_employer_never(w in world()) {
        prop_assert_eq!(score_of(&World { target_is_customer: true, ..w.clone() }), None);
        prop_assert_eq!(score_of(&World { target_is_promoters_employer: true, ..w }), None);
    }
}

/// Several promoters who know overlapping people: every target is asked once.
fn crowd() -> impl Strategy<Value = Vec<Vec<(usize, usize)>>> {
    // Per promoter: (person id, title index) pairs.
    proptest::collection::vec(
        proptest::collection::vec((0usize..30, 0usize..6), 0..25),
        1..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn each_target_once_and_per_promoter_caps(people in crowd(), cap in 1usize..6, scores in proptest::collection::vec(9u8..=10, 6)) {
        let t = today();
        let companies = ["Globex", "Initech", "Hooli"];
        let nps: Vec<NpsResponse> = (0..people.len())
            .map(|i| NpsResponse { row: i as u64 + 2, name: format!("Promoter {i}"), email: Some(format!("p{i}@cust{i}.com")), company: format!("Customer {i}"), score: scores[i], responded_on: Some(t.add_days(-(i as i64) * 30)), ..Default::default() })
            .collect();
        let networks: Vec<Connections> = people
            .iter()
            .map(|list| list.iter().map(|(id, title)| conn("Person", &format!("P{id}"), companies[id % 3], TITLES[*title])).collect::<Vec<_>>().into())
            .collect();
        let targets: Vec<Account> = companies.iter().enumerate().map(|(i, c)| Account { name: c.to_string(), tier: Some(i as u8 + 1), ..Default::default() }).collect();
        let data = Dataset {
            nps: vec![&nps],
            networks: networks.iter().enumerate().map(|(i, n)| Network { owner: format!("p{i}@cust{i}.com"), owner_company: None, connections: n }).collect(),
            leads: vec![],
            accounts: vec![AccountList { role: AccountRole::Target, accounts: &targets }],
            history: &[],
        };
        let settings = Settings { asks_per_promoter: cap, ..Default::default() };
        let set = build_candidates(&data, &settings);
        let list = rank(&set, &settings.weights, &settings, t);
        let mut seen = std::collections::BTreeSet::new();
        for a in &list.asks {
            prop_assert!(seen.insert(a.target_url.clone()), "{} asked twice", a.target);
            prop_assert!(a.alternates.iter().all(|x| x.promoter != a.promoter));
        }
        for p in &list.promoters {
            prop_assert!(p.asks.len() <= cap);
        }
        // Every target someone could introduce is asked unless every path's promoter is full.
        let distinct: std::collections::BTreeSet<usize> = people.iter().flatten().map(|(id, _)| *id).collect();
        prop_assert!(list.asks.len() <= distinct.len());
        // Ranks are 1..n in score order.
        for (i, a) in list.asks.iter().enumerate() {
            prop_assert_eq!(a.rank as usize, i + 1);
            if i > 0 { prop_assert!(list.asks[i - 1].score >= a.score); }
        }
        // Deterministic: the same input ranks the same.
        let again = rank(&set, &settings.weights, &settings, t);
        prop_assert_eq!(&again, &list);
    }
}

/// A person known by many promoters is asked of one; five others are
/// listed as alternates, best first, and the rest counted.
#[test]
fn alternates_are_capped_and_counted() {
    let nps: Vec<NpsResponse> = (0..8)
        .map(|i| NpsResponse {
            row: i + 2,
            name: format!("Promoter {i}"),
            email: Some(format!("p{i}@example.com")),
            company: format!("Client {i}"),
            title: "CEO".into(),
            score: 10,
            responded_on: Some(today().add_days(-(i as i64) * 40)),
            ..NpsResponse::default()
        })
        .collect();
    let tara = Connections::from(vec![Connection {
        first_name: "Tara".into(),
        last_name: "Target".into(),
        url: Some("https://www.linkedin.com/in/tara-target".into()),
        company: "Globex".into(),
        title: "CFO".into(),
        ..Connection::default()
    }]);
    let accounts = vec![Account {
        name: "Globex".into(),
        tier: Some(1),
        ..Account::default()
    }];
    let mut data = Dataset {
        nps: vec![&nps],
        accounts: vec![AccountList {
            role: AccountRole::Target,
            accounts: &accounts,
        }],
        ..Dataset::default()
    };
    for r in &nps {
        data.networks.push(Network {
            owner: r.email.clone().unwrap(),
            owner_company: None,
            connections: &tara,
        });
    }
    let settings = Settings::default();
    let set = build_candidates(&data, &settings);
    let list = rank(&set, &settings.weights, &settings, today());
    assert_eq!(list.asks.len(), 1, "Tara is asked once");
    let ask = &list.asks[0];
    assert_eq!(ask.alternates.len(), 5);
    assert_eq!(ask.more_alternates, 2);
    assert!(ask.alternates.iter().all(|a| a.promoter != ask.promoter));
    assert!(ask.alternates.windows(2).all(|w| w[0].score >= w[1].score));
}

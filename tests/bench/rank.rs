//! Benchmark: 100 networks × 30,000 connections against 5,000 target
//! accounts → a ranked ask list, then a re-rank after a weight change.
//!
//! Run with `cargo bench --bench rank`. It prints figures (time, peak
//! memory); it asserts nothing about speed. The data are synthetic and
//! deterministic (a fixed-seed xorshift generator), so runs compare.
//!
//! Memory is read from `/proc/self/status` (Linux): `VmHWM` (peak) after the
//! rows are generated is the baseline the rows themselves cost; what
//! `build_candidates` adds on top should grow with the candidates, not the
//! rows.

use std::time::Instant;

use referral_radar::core::candidates::{AccountList, Dataset, Network};
use referral_radar::core::dates::Date;
use referral_radar::core::model::{
    Account, AccountRole, Connection, Connections, Lead, NpsResponse,
};
use referral_radar::core::{build_candidates, rank, Settings};

const NETWORKS: usize = 100;
const CONNECTIONS: usize = 30_000;
const TARGETS: usize = 5_000;
/// Distinct people the networks draw from (so networks overlap).
const PEOPLE: u64 = 1_000_000;
/// Per mille of people who work at a target account (~100k paths).
const AT_TARGET_PER_MILLE: u64 = 34;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const SYL: [&str; 20] = [
    "ka", "lo", "mex", "tri", "van", "zo", "pel", "ru", "dis", "nor", "qua", "ber", "sil", "tor",
    "fen", "gal", "hix", "jun", "wes", "yar",
];
const SECTORS: [&str; 5] = ["Systems", "Health", "Labs", "Logistics", "Foods"];
const TITLES: [&str; 8] = [
    "CEO",
    "VP Sales",
    "Director of Finance",
    "Sales Manager",
    "Account Executive",
    "Software Engineer",
    "Head of Operations",
    "Chief Revenue Officer",
];

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn target_name(i: usize) -> String {
    format!(
        "{}{}{} {}",
        capital(SYL[i % 20]),
        SYL[(i / 20) % 20],
        SYL[(i / 400) % 20],
        SECTORS[(i / 8000) % 5 + (i % 5)].to_owned()
    )
    .replace("  ", " ")
}

fn other_name(i: u64) -> String {
    let i = i as usize;
    format!(
        "{}{}{}{} Group",
        capital(SYL[i % 20]),
        SYL[(i / 20) % 20],
        SYL[(i / 400) % 20],
        SYL[(i / 8000) % 20]
    )
}

/// A person, the same wherever they appear.
fn person(id: u64, variant: u64) -> Connection {
    let at_target = id % 1000 < AT_TARGET_PER_MILLE;
    let company = if at_target {
        let name = target_name(((id / 1000) + 1000 * (id % 1000)) as usize % TARGETS);
        match variant % 4 {
            0 => name,
            1 => format!("{name}, Inc."),
            2 => name.to_uppercase(),
            _ => format!("The {name} LLC"),
        }
    } else {
        other_name(id % 50_000)
    };
    Connection {
        first_name: format!("First{}", id % 9973),
        last_name: format!("Last{id}"),
        url: Some(format!("https://www.linkedin.com/in/person-{id}")),
        other_url: None,
        email: None,
        company,
        title: TITLES[(id % 8) as usize].to_string(),
        connected_on: Date::new(2020, 1 + (id % 12) as u32, 1),
    }
}

#[path = "memory.rs"]
mod memory;

/// Peak and current resident memory, in MB (Linux only).
fn memory() -> (f64, f64) {
    (memory::memory_mb("VmHWM:"), memory::memory_mb("VmRSS:"))
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    let today = Date::parse_iso("2026-02-10").unwrap();
    let t0 = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let networks: Vec<Connections> = (0..NETWORKS)
        .map(|n| {
            let mut rows = Connections::default();
            for _ in 0..CONNECTIONS {
                rows.push(person(rng.next() % PEOPLE, n as u64).as_ref());
            }
            rows
        })
        .collect();
    let nps: Vec<NpsResponse> = (0..NETWORKS)
        .map(|n| NpsResponse {
            row: n as u64 + 2,
            name: format!("Promoter {n}"),
            email: Some(format!("promoter{n}@customer{n}.com")),
            company: format!("Customer {n}"),
            title: TITLES[n % 8].to_string(),
            score: 9 + (n % 2) as u8,
            responded_on: Some(today.add_days(-((n * 7) as i64))),
            event_on: (n % 3 == 0).then(|| today.add_days(-((n % 40) as i64))),
            ..Default::default()
        })
        .collect();
    let targets: Vec<Account> = (0..TARGETS)
        .map(|i| Account {
            name: target_name(i),
            domain: None,
            tier: Some(1 + (i % 3) as u8),
        })
        .collect();
    let leads: Vec<Lead> = (0..20_000u64)
        .map(|i| {
            let p = person((i * 1000 + (i % AT_TARGET_PER_MILLE)) % PEOPLE, 0);
            Lead {
                first_name: p.first_name,
                last_name: p.last_name,
                url: p.url,
                company: p.company,
                title: p.title,
                mutual_connections: Some((i % 200) as u32),
                ..Default::default()
            }
        })
        .collect();
    let generated = t0.elapsed();
    let (rows_peak, rows_rss) = memory();
    let rows = NETWORKS * CONNECTIONS;
    println!("generated {rows} connections in {NETWORKS} networks, {TARGETS} target accounts: {generated:.2?}");
    println!("memory after generating the rows: peak {rows_peak:.0} MB, resident {rows_rss:.0} MB (the rows themselves)");

    let data = Dataset {
        nps: vec![&nps],
        networks: networks
            .iter()
            .enumerate()
            .map(|(n, c)| Network {
                owner: format!("promoter{n}@customer{n}.com"),
                owner_company: None,
                connections: c,
            })
            .collect(),
        leads: vec![&leads],
        accounts: vec![AccountList {
            role: AccountRole::Target,
            accounts: &targets,
        }],
        history: &[],
    };
    let settings = Settings::default();

    let t1 = Instant::now();
    let set = build_candidates(&data, &settings);
    let built = t1.elapsed();
    let (build_peak, build_rss) = memory();
    println!(
        "build_candidates: {built:.2?} → {} targets, {} paths, {} accounts, {} name matches",
        set.targets.len(),
        set.paths.len(),
        set.accounts.len(),
        set.matches.len()
    );
    println!(
        "memory after build: peak {build_peak:.0} MB (+{:.0} MB over the rows), resident {build_rss:.0} MB (+{:.0} MB)",
        build_peak - rows_peak,
        build_rss - rows_rss
    );

    let t2 = Instant::now();
    let list = rank(&set, &settings.weights, &settings, today);
    let ranked = t2.elapsed();
    println!(
        "rank: {ranked:.2?} → {} asks for {} promoters, {} accounts with a way in, {} paths scored",
        list.asks.len(),
        list.promoters.len(),
        list.accounts.len(),
        list.paths_scored
    );
    println!("end to end (build + rank): {:.2?}", built + ranked);

    // Re-rank after a weight change: the candidates are reused as they are.
    let mut times = Vec::new();
    for i in 0..7 {
        let mut w = settings.weights.clone();
        w.timing = 1.0 + i as f64;
        w.depth = 3.0 - 0.3 * i as f64;
        let t = Instant::now();
        let again = rank(&set, &w, &settings, today);
        times.push(t.elapsed());
        assert_eq!(again.paths_scored as usize, set.paths.len());
    }
    times.sort();
    println!(
        "re-rank of {} candidate paths after a weight change: median {:.2?} (min {:.2?}, max {:.2?})",
        set.paths.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    let (peak, _) = memory();
    println!("peak memory overall: {peak:.0} MB");
}

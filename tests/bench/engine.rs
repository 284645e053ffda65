//! Benchmark: the engine's work on the browser benchmark's data, natively.
//!
//! `scripts/bench.sh`'s end-to-end browser run drops N generated networks
//! (`synth::connections_csv`, 30,000 rows each, 20,000 company names), an
//! NPS file of N promoters and 5,000 target accounts into the app. This
//! runs the same core functions on the same bytes — import every file,
//! resolve owners, build candidates, rank — so the engine's figures in the
//! browser have a native counterpart (the wasm/native ratio of the whole
//! pipeline, not only of the import).
//!
//! `cargo bench --bench engine [-- --networks N] [-- --json]`. Prints
//! figures; asserts nothing about speed.

use std::time::Instant;

use referral_radar::core::candidates::Dataset;
use referral_radar::core::dates::Date;
use referral_radar::core::owners::{owner_of, responses};
use referral_radar::core::{build_candidates, import_file, rank, ImportOptions, Settings};
use referral_radar::synth;

#[path = "memory.rs"]
mod memory;
use memory::memory_mb;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let networks: usize = args
        .iter()
        .position(|a| a == "--networks")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let json = args.iter().any(|a| a == "--json");

    // The browser benchmark's files, byte for byte.
    let names = synth::company_names(20000, 1);
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        (
            "nps.csv".into(),
            synth::promoters_nps_csv(networks, 7, &names).into_bytes(),
        ),
        (
            "targets.csv".into(),
            synth::accounts_csv(&synth::company_names(5000, 1), 3).into_bytes(),
        ),
    ];
    for i in 0..networks {
        inputs.push((
            format!("p{i}_Connections.csv"),
            synth::connections_csv(30000, 100 + i as u64, &names).into_bytes(),
        ));
    }
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let before = memory_mb("VmRSS:");

    let opts = ImportOptions::default();
    let t = Instant::now();
    let files: Vec<_> = inputs
        .iter()
        .map(|(name, b)| import_file(name, b, &opts))
        .collect();
    let import = t.elapsed();
    // Resident growth while both the files' bytes and the rows are held.
    let kept = memory_mb("VmRSS:") - before;
    drop(inputs);
    let rows: usize = files.iter().map(|f| f.records.len()).sum();

    let t = Instant::now();
    let people = responses(&files);
    let owners: Vec<_> = files.iter().map(|f| owner_of(f, None, &people)).collect();
    let data = Dataset::with_owners(files.iter().zip(owners));
    let settings = Settings::default();
    let set = build_candidates(&data, &settings);
    let candidates = t.elapsed();

    let today = Date::parse_iso("2026-12-04").unwrap();
    let t = Instant::now();
    let list = rank(&set, &settings.weights, &settings, today);
    let ranked = t.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    if json {
        println!(
            "{{\"networks\":{networks},\"rows\":{rows},\"bytes\":{bytes},\"import_ms\":{:.1},\"candidates_ms\":{:.1},\"rank_ms\":{:.1},\"targets\":{},\"paths\":{},\"asks\":{},\"rows_mb\":{kept:.0}}}",
            ms(import),
            ms(candidates),
            ms(ranked),
            set.targets.len(),
            set.paths.len(),
            list.asks.len()
        );
        return;
    }
    println!(
        "{networks} networks: {} files, {rows} rows, {:.1} MB",
        files.len(),
        bytes as f64 / 1e6
    );
    println!(
        "import (bytes → typed rows, every file): {:.0} ms",
        ms(import)
    );
    println!("rows kept in memory: {kept:.0} MB resident");
    println!(
        "owners + build_candidates: {:.0} ms → {} targets, {} paths, {} accounts",
        ms(candidates),
        set.targets.len(),
        set.paths.len(),
        set.accounts.len()
    );
    println!("rank: {:.0} ms → {} asks", ms(ranked), list.asks.len());
    println!(
        "the engine's work natively: {:.0} ms; peak memory {:.0} MB",
        ms(import) + ms(candidates) + ms(ranked),
        memory_mb("VmHWM:")
    );
}

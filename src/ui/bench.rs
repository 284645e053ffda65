//! Benchmark entry points for scripts/bench.sh (feature `bench` only; the
//! shipped app does not have them). They run the same core the app runs.

use wasm_bindgen::prelude::*;

use crate::core::{import_file, ImportOptions};
use crate::synth;

/// Import `bytes` as the app does; returns rows read (kept + skipped).
#[wasm_bindgen]
pub fn bench_import(bytes: &[u8]) -> u32 {
    let f = import_file("bench.csv", bytes, &ImportOptions::default());
    (f.rows + f.skipped) as u32
}

/// A generated LinkedIn Connections.csv (see `synth`).
#[wasm_bindgen]
pub fn synth_connections(rows: usize, seed: u32, companies: usize) -> String {
    synth::connections_csv(rows, seed as u64, &synth::company_names(companies, 1))
}

/// A generated SurveyMonkey-shaped NPS export with quoted comments.
#[wasm_bindgen]
pub fn synth_nps(rows: usize, seed: u32, companies: usize) -> String {
    synth::nps_csv(rows, seed as u64, &synth::company_names(companies, 1))
}

/// An NPS export of `n` promoters (`p0@example.com`, …) for the end-to-end benchmark.
#[wasm_bindgen]
pub fn synth_promoters(n: usize, companies: usize) -> String {
    synth::promoters_nps_csv(n, 7, &synth::company_names(companies, 1))
}

/// An ICP target list of the first `n` generated companies.
#[wasm_bindgen]
pub fn synth_accounts(n: usize) -> String {
    synth::accounts_csv(&synth::company_names(n, 1), 3)
}

/// Bytes of linear memory the wasm module holds now (it never shrinks, so
/// this is also its peak).
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// The engine's expensive step on the end-to-end benchmark's data, on the
/// page (for profiling with names): `networks` × 30,000 generated rows,
/// 5,000 targets, an NPS file of `networks` promoters. Returns the
/// milliseconds `build_candidates` took.
#[wasm_bindgen]
pub fn bench_candidates(networks: usize) -> f64 {
    use crate::core::candidates::{build_candidates, Dataset};
    use crate::core::owners::{owner_of, responses};
    use crate::core::settings::Settings;
    let names = synth::company_names(20000, 1);
    let opts = ImportOptions::default();
    let mut files = vec![
        import_file(
            "nps.csv",
            synth::promoters_nps_csv(networks, 7, &names).as_bytes(),
            &opts,
        ),
        import_file(
            "targets.csv",
            synth::accounts_csv(&synth::company_names(5000, 1), 3).as_bytes(),
            &opts,
        ),
    ];
    for i in 0..networks {
        let text = synth::connections_csv(30000, 100 + i as u64, &names);
        files.push(import_file(
            &format!("p{i}_Connections.csv"),
            text.as_bytes(),
            &opts,
        ));
    }
    let people = responses(&files);
    let owners: Vec<_> = files.iter().map(|f| owner_of(f, None, &people)).collect();
    let data = Dataset::with_owners(files.iter().zip(owners));
    let start = js_sys::Date::now();
    let set = build_candidates(&data, &Settings::default());
    let ms = js_sys::Date::now() - start;
    std::hint::black_box(set.paths.len());
    ms
}

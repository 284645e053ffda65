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

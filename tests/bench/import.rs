//! Native import benchmark: the same core functions the browser benchmark
//! runs in wasm, on the same generated files. Prints figures; asserts none.
//! `cargo bench --bench import [-- --json]` (lives under tests/bench/ so it is not also run as a test)

use std::time::Instant;

use referral_radar::core::{import_file, ImportOptions};
use referral_radar::synth;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn measure(name: &str, bytes: &[u8], runs: usize) -> (f64, f64, f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let f = import_file(name, bytes, &ImportOptions::default());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        rows = f.rows + f.skipped;
    }
    let min = times.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = times.iter().cloned().fold(0.0, f64::max);
    (min, median(times), max, rows)
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let companies = synth::company_names(5000, 1);
    let cases = [
        (
            "connections-30k",
            synth::connections_csv(30_000, 1, &companies),
        ),
        ("nps-quoted-10k", synth::nps_csv(10_000, 1, &companies)),
    ];
    let mut out = Vec::new();
    for (name, text) in &cases {
        let (min, med, max, rows) = measure(name, text.as_bytes(), 15);
        let mb = text.len() as f64 / 1e6;
        out.push(format!(
            "{{\"case\":\"{name}\",\"bytes\":{},\"rows\":{rows},\"min_ms\":{min:.3},\"median_ms\":{med:.3},\"max_ms\":{max:.3},\"mb_per_s\":{:.1},\"rows_per_s\":{:.0}}}",
            text.len(),
            mb / (med / 1000.0),
            rows as f64 / (med / 1000.0)
        ));
        if !json {
            println!(
                "{name:<16} {rows:>6} rows {mb:>5.2} MB  min {min:>7.2} ms  median {med:>7.2} ms  max {max:>7.2} ms  {:>6.1} MB/s  {:>9.0} rows/s",
                mb / (med / 1000.0),
                rows as f64 / (med / 1000.0)
            );
        }
    }
    if json {
        println!("[{}]", out.join(","));
    }
}

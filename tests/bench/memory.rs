//! The process's memory as Linux reports it, for the benchmarks' figures.

/// A `/proc/self/status` field (`VmHWM:` peak, `VmRSS:` resident) in MB;
/// NaN where there is none (not Linux).
pub fn memory_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

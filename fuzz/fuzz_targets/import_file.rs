//! The whole import of one file: any bytes, any name; it must never panic
//! and its counts must agree with what it returns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_radar::core::{import_file, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let f = import_file("fuzz.csv", data, &ImportOptions::default());
    assert_eq!(f.rows, f.records.len());
});

//! NPS maths against a naive reference, and the scenario survey's figures.

use proptest::prelude::*;

use referral_radar::core::model::Records;
use referral_radar::core::nps::{adjusted_wald, summarize};
use referral_radar::core::{import_file, nps_report, ImportOptions};

/// The textbook definition, written the slow way.
fn naive(scores: &[u8]) -> (f64, u32, u32, u32) {
    let n = scores.len() as f64;
    let pro = scores.iter().filter(|s| **s == 9 || **s == 10).count();
    let pas = scores.iter().filter(|s| **s == 7 || **s == 8).count();
    let det = scores.iter().filter(|s| **s <= 6).count();
    let nps = if scores.is_empty() {
        0.0
    } else {
        pro as f64 / n * 100.0 - det as f64 / n * 100.0
    };
    (nps, pro as u32, pas as u32, det as u32)
}

/// MeasuringU's adjusted-Wald, spelled out.
fn naive_interval(pro: u32, det: u32, n: u32) -> (f64, f64) {
    let n_adj = n as f64 + 3.0;
    let p = (pro as f64 + 0.75) / n_adj;
    let d = (det as f64 + 0.75) / n_adj;
    let var = p + d - (p - d).powi(2);
    let margin = 1.959_963_984_540_054 * (var / n_adj).sqrt();
    (
        ((p - d) - margin).max(-1.0) * 100.0,
        ((p - d) + margin).min(1.0) * 100.0,
    )
}

proptest! {
    #[test]
    fn summary_matches_the_naive_reference(scores in proptest::collection::vec(0u8..=10, 0..400)) {
        let s = summarize(scores.iter().copied());
        let (nps, pro, pas, det) = naive(&scores);
        prop_assert!((s.score - nps).abs() < 1e-9, "{} vs {nps}", s.score);
        prop_assert_eq!((s.promoters, s.passives, s.detractors), (pro, pas, det));
        prop_assert_eq!(s.responses as usize, scores.len());
        prop_assert_eq!(s.distribution.iter().sum::<u32>() as usize, scores.len());
        for (score, n) in s.distribution.iter().enumerate() {
            prop_assert_eq!(*n as usize, scores.iter().filter(|x| **x as usize == score).count());
        }
        prop_assert!((-100.0..=100.0).contains(&s.score));
        match &s.interval {
            None => prop_assert!(scores.is_empty()),
            Some(i) => {
                let (lo, hi) = naive_interval(pro, det, scores.len() as u32);
                prop_assert!((i.low - lo).abs() < 1e-3 && (i.high - hi).abs() < 1e-3, "{i:?} vs {lo}..{hi}");
                prop_assert!(-100.0 <= i.low && i.low <= i.high && i.high <= 100.0);
            }
        }
    }

    #[test]
    fn the_interval_narrows_as_responses_grow(pro in 0u32..50, pas in 0u32..50, det in 0u32..50) {
        let small = adjusted_wald(pro, det, pro + pas + det);
        let big = adjusted_wald(pro * 10, det * 10, (pro + pas + det) * 10);
        prop_assert!(big.high - big.low <= small.high - small.low + 1e-9);
    }
}

#[test]
fn scenario_survey_figures_and_dropped_rows() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/scenario/nps.csv"
    );
    let f = import_file(
        "nps.csv",
        &std::fs::read(path).unwrap(),
        &ImportOptions::default(),
    );
    let Records::Nps(rows) = &f.records else {
        panic!("{:?}", f.problems)
    };
    let r = nps_report(rows, &f.problems);
    let o = &r.overall;
    // 10, 9, 9, 7, 3, 8, 10, 0: 4 promoters, 2 passives, 2 detractors of 8.
    assert_eq!(
        (o.promoters, o.passives, o.detractors, o.responses),
        (4, 2, 2, 8)
    );
    assert_eq!(o.score, 25.0);
    assert_eq!(o.distribution, [1, 0, 0, 1, 0, 0, 0, 1, 1, 2, 2]);
    assert_eq!(
        o.dropped.iter().map(|d| d.row).collect::<Vec<_>>(),
        vec![10, 11]
    );
    assert!(o.dropped[0].reason.contains("N/A"));
    assert_eq!(r.by_account.len(), 8);
    assert_eq!(
        r.by_month
            .iter()
            .map(|m| m.month.as_str())
            .collect::<Vec<_>>(),
        ["2024-10", "2025-11", "2025-12", "2026-01", "2026-02"]
    );
    assert_eq!(r.by_month.last().unwrap().nps.score, 100.0);
    assert_eq!(r.undated, 0);
}

/*!
Net Promoter Score: the figures a customer-success leader reports.

NPS = % promoters (9–10) − % detractors (0–6), from −100 to 100; passives
(7–8) count in the total only. This is the survey's own definition and does
not move with the app's promoter threshold (which decides whom we *ask*,
not how the score is computed).

The 95% interval is MeasuringU's adjusted-Wald (Rocks 2016 found it the
best performer): add 3 to the sample size and ¾ to both the promoters and
the detractors, then use the variance of a difference of two proportions:

```text
n' = n + 3    p' = (P + ¾) / n'    d' = (D + ¾) / n'
NPS' = p' − d'    SE = √((p' + d' − (p' − d')²) / n')
interval = NPS' ± 1.96 · SE, clipped to −1..1, times 100
```

Rows the import could not count (no score, a score outside 0–10) are
*dropped*, with their row and reason, so the figures say what they are
based on. [`nps_report`] adds the score per account (companies grouped by
their normalised name) and per calendar month of the response.
*/

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::company::{company_key, normalize_company};
use super::model::{NpsResponse, Problem};

/// 1.96: the two-sided 95% normal quantile.
const Z95: f64 = 1.959_963_984_540_054;

/// Which group a 0–10 answer falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NpsGroup {
    Detractor,
    Passive,
    Promoter,
}

impl NpsGroup {
    pub fn of(score: u8) -> NpsGroup {
        match score {
            9.. => NpsGroup::Promoter,
            7 | 8 => NpsGroup::Passive,
            _ => NpsGroup::Detractor,
        }
    }
}

/// A confidence interval on the NPS scale (−100..100).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
    /// 0.95.
    pub level: f64,
}

/// A survey row that was not counted, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedResponse {
    pub row: u64,
    pub reason: String,
}

/// NPS figures over a set of responses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NpsSummary {
    /// −100..100 (0 when there are no responses).
    pub score: f64,
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
    /// Responses counted: promoters + passives + detractors.
    pub responses: u32,
    /// How many answered 0, 1, … 10.
    pub distribution: [u32; 11],
    /// The 95% adjusted-Wald interval; `None` without responses.
    pub interval: Option<Interval>,
    /// Rows not counted (only in the overall summary).
    #[serde(default)]
    pub dropped: Vec<DroppedResponse>,
}

/// NPS for one account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountNps {
    /// The account's name as first written in the survey.
    pub account: String,
    pub nps: NpsSummary,
}

/// NPS for one calendar month (`2026-02`) of response dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthNps {
    pub month: String,
    pub nps: NpsSummary,
}

/// The whole NPS picture: overall, per account, per month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NpsReport {
    pub overall: NpsSummary,
    /// Accounts by number of responses (most first), then name.
    pub by_account: Vec<AccountNps>,
    /// Months in calendar order.
    pub by_month: Vec<MonthNps>,
    /// Responses without a date (in the overall figures, not by month).
    pub undated: u32,
}

/// NPS figures for `scores` (each 0–10; anything above 10 is ignored).
pub fn summarize(scores: impl IntoIterator<Item = u8>) -> NpsSummary {
    let mut s = NpsSummary::default();
    for score in scores {
        if score > 10 {
            continue;
        }
        s.distribution[score as usize] += 1;
        match NpsGroup::of(score) {
            NpsGroup::Promoter => s.promoters += 1,
            NpsGroup::Passive => s.passives += 1,
            NpsGroup::Detractor => s.detractors += 1,
        }
    }
    s.responses = s.promoters + s.passives + s.detractors;
    if s.responses > 0 {
        let n = s.responses as f64;
        s.score = 100.0 * (s.promoters as f64 - s.detractors as f64) / n;
        s.interval = Some(adjusted_wald(s.promoters, s.detractors, s.responses));
    }
    s
}

/// MeasuringU's adjusted-Wald 95% interval (see the module docs).
pub fn adjusted_wald(promoters: u32, detractors: u32, responses: u32) -> Interval {
    let n = responses as f64 + 3.0;
    let p = (promoters as f64 + 0.75) / n;
    let d = (detractors as f64 + 0.75) / n;
    let nps = p - d;
    let se = ((p + d - nps * nps) / n).max(0.0).sqrt();
    Interval {
        low: 100.0 * (nps - Z95 * se).max(-1.0),
        high: 100.0 * (nps + Z95 * se).min(1.0),
        level: 0.95,
    }
}

/// Rows the import read but did not keep as responses: the problems whose
/// row is not a kept response's row.
pub fn dropped_rows(responses: &[NpsResponse], problems: &[Problem]) -> Vec<DroppedResponse> {
    let kept: std::collections::HashSet<u64> = responses.iter().map(|r| r.row).collect();
    let mut out: Vec<DroppedResponse> = problems
        .iter()
        .filter_map(|p| {
            p.row
                .filter(|r| !kept.contains(r))
                .map(|row| DroppedResponse {
                    row,
                    reason: p.message.clone(),
                })
        })
        .collect();
    super::order::sort_by(&mut out, |a, b| a.row.cmp(&b.row));
    out
}

/// Overall, per-account and per-month NPS. `problems` are the survey
/// file's import problems, from which the dropped rows are taken.
pub fn nps_report(responses: &[NpsResponse], problems: &[Problem]) -> NpsReport {
    let mut overall = summarize(responses.iter().map(|r| r.score));
    overall.dropped = dropped_rows(responses, problems);

    // Accounts: grouped by normalised key, named as first written.
    let mut accounts: BTreeMap<String, (String, Vec<u8>)> = BTreeMap::new();
    let mut months: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut undated = 0u32;
    for r in responses {
        let key = company_key(&r.company);
        if !key.is_empty() {
            accounts
                .entry(key)
                .or_insert_with(|| (r.company.trim().to_string(), Vec::new()))
                .1
                .push(r.score);
        }
        match r.responded_on {
            Some(d) => months
                .entry(format!("{:04}-{:02}", d.year(), d.month()))
                .or_default()
                .push(r.score),
            None => undated += 1,
        }
    }
    let mut by_account: Vec<AccountNps> = accounts
        .into_values()
        .map(|(account, scores)| AccountNps {
            account,
            nps: summarize(scores),
        })
        .collect();
    super::order::sort_by(&mut by_account, |a, b| {
        b.nps
            .responses
            .cmp(&a.nps.responses)
            .then_with(|| normalize_company(&a.account).cmp(&normalize_company(&b.account)))
            .then_with(|| a.account.cmp(&b.account))
    });
    let by_month = months
        .into_iter()
        .map(|(month, scores)| MonthNps {
            month,
            nps: summarize(scores),
        })
        .collect();
    NpsReport {
        overall,
        by_account,
        by_month,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_example() {
        // 10 responses: 5 promoters, 3 passives, 2 detractors → NPS 30.
        let s = summarize([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]);
        assert_eq!(
            (s.promoters, s.passives, s.detractors, s.responses),
            (5, 3, 2, 10)
        );
        assert!((s.score - 30.0).abs() < 1e-9);
        assert_eq!(s.distribution, [1, 0, 0, 0, 0, 0, 1, 2, 1, 3, 2]);
        let i = s.interval.unwrap();
        assert!(
            i.low < 30.0 && 30.0 < i.high && i.low >= -100.0 && i.high <= 100.0,
            "{i:?}"
        );
    }

    #[test]
    fn empty_and_extremes() {
        let s = summarize([]);
        assert_eq!((s.score, s.responses, s.interval.clone()), (0.0, 0, None));
        let all = summarize([10; 50]);
        assert_eq!(all.score, 100.0);
        assert!(all.interval.as_ref().unwrap().high <= 100.0);
        let none = summarize([0; 50]);
        assert_eq!(none.score, -100.0);
        assert!(none.interval.as_ref().unwrap().low >= -100.0);
    }
}

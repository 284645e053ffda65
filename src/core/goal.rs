/*!
The goal: SQLs from introductions this fiscal year, and how the asks are
doing against it.

The fiscal year starts on a configurable day (August 1 by default) and is
named by the calendar year it *ends* in: August 1, 2016 – July 31, 2017 is
FY2017 (the playbook's own example).

Every ask the user tracks is an [`AskRecord`] with dated state changes
(`suggested → asked → introduced → meeting → sql → won | lost`). The funnel
counts, for each stage, the asks that reached it on a day inside the fiscal
year up to today; reaching a later stage implies the earlier ones (an SQL
was asked and introduced). Lost is counted on its own.

* **Expected by today**: the goal spread evenly over the year's days.
* **Forecast**: SQLs so far, plus the open asks (asked, not yet SQL or
  lost) times the observed asked → SQL conversion, plus the asks still to
  come at the year's pace so far times the same conversion. With no asks
  yet there is no conversion to observe and the forecast is the SQLs so far.
* **Coverage**: the share of promoters asked at least once, and the share
  who made at least one introduction.
*/

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::company::fold;
use super::dates::Date;

/// Where an ask stands, in funnel order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AskState {
    Suggested,
    Asked,
    Introduced,
    Meeting,
    Sql,
    Won,
    Lost,
}

impl AskState {
    pub const ALL: [AskState; 7] = [
        AskState::Suggested,
        AskState::Asked,
        AskState::Introduced,
        AskState::Meeting,
        AskState::Sql,
        AskState::Won,
        AskState::Lost,
    ];

    /// The stable name used in the UI, exports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AskState::Suggested => "suggested",
            AskState::Asked => "asked",
            AskState::Introduced => "introduced",
            AskState::Meeting => "meeting",
            AskState::Sql => "sql",
            AskState::Won => "won",
            AskState::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<AskState> {
        AskState::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            AskState::Suggested => "Suggested",
            AskState::Asked => "Asked",
            AskState::Introduced => "Introduced",
            AskState::Meeting => "Meeting held",
            AskState::Sql => "SQL",
            AskState::Won => "Won",
            AskState::Lost => "Lost",
        }
    }
}

impl AskRecord {
    /// The state the ask is in now: its latest change (ties: furthest along).
    pub fn current(&self) -> AskState {
        self.changes
            .iter()
            .max_by_key(|c| (c.on, c.state))
            .map_or(AskState::Suggested, |c| c.state)
    }
}

/// A state an ask entered, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateChange {
    pub state: AskState,
    pub on: Date,
}

/// One tracked ask: a promoter asked to introduce a target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskRecord {
    /// The promoter's email or name.
    pub promoter: String,
    /// The target's name.
    pub target: String,
    #[serde(default)]
    pub target_url: Option<String>,
    /// The target's company.
    #[serde(default)]
    pub account: String,
    pub changes: Vec<StateChange>,
}

/// A fiscal year: its name (the year it ends in) and its first and last day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalYear {
    /// 2017 for FY2017.
    pub year: i32,
    pub start: Date,
    pub end: Date,
}

impl FiscalYear {
    /// `FY2017`.
    pub fn label(&self) -> String {
        format!("FY{}", self.year)
    }
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }
    /// Days in the year (365 or 366).
    pub fn days(&self) -> i64 {
        self.end.days_since(self.start) + 1
    }
}

/// The fiscal year `today` falls in, for a year starting on `month`/`day`
/// (invalid starts fall back to the first of the month, then to January 1).
pub fn fiscal_year(today: Date, month: u32, day: u32) -> FiscalYear {
    let start_in = |y: i32| {
        Date::new(y, month, day)
            .or_else(|| Date::new(y, month, 1))
            .or_else(|| Date::new(y, 1, 1))
            .unwrap_or(today)
    };
    let this_year = start_in(today.year());
    let start = if today >= this_year {
        this_year
    } else {
        start_in(today.year() - 1)
    };
    let next = start_in(start.year() + 1);
    let end = next.add_days(-1);
    // A year starting January 1 ends in the same calendar year.
    FiscalYear {
        year: end.year(),
        start,
        end,
    }
}

/// Asks per funnel stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub suggested: u32,
    pub asked: u32,
    pub introduced: u32,
    pub meeting: u32,
    pub sql: u32,
    pub won: u32,
    pub lost: u32,
}

/// How far along the promoters are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub promoters: u32,
    pub asked: u32,
    pub introduced: u32,
    /// 0..1.
    pub asked_share: f64,
    pub introduced_share: f64,
}

/// The goal and the year so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalReport {
    pub fiscal_year: FiscalYear,
    pub sql_goal: u32,
    pub funnel: Funnel,
    /// SQLs the goal expects by today, spread evenly over the year.
    pub expected_by_today: f64,
    /// SQLs so far minus expected: positive is ahead of pace.
    pub ahead_by: f64,
    /// Observed asked → SQL conversion (0..1), when anything was asked.
    pub conversion: Option<f64>,
    /// SQLs expected by the year's end (see the module docs).
    pub forecast: f64,
    pub coverage: Coverage,
}

/// The goal report for `today`. `promoters` are the keys (email, else
/// name) of the people who may be asked.
pub fn goal_report(
    records: &[AskRecord],
    promoters: &[String],
    sql_goal: u32,
    fy_month: u32,
    fy_day: u32,
    today: Date,
) -> GoalReport {
    let fy = fiscal_year(today, fy_month, fy_day);
    let mut funnel = Funnel::default();
    let mut asked_by: BTreeSet<String> = BTreeSet::new();
    let mut introduced_by: BTreeSet<String> = BTreeSet::new();
    let mut open = 0u32;
    for rec in records {
        let in_year: Vec<&StateChange> = rec
            .changes
            .iter()
            .filter(|c| fy.contains(c.on) && c.on <= today)
            .collect();
        if in_year.is_empty() {
            continue;
        }
        let lost = in_year.iter().any(|c| c.state == AskState::Lost);
        let furthest = in_year
            .iter()
            .map(|c| c.state)
            .filter(|s| *s != AskState::Lost)
            .max();
        let reached = |s: AskState| furthest.is_some_and(|f| f >= s) || (s == AskState::Suggested);
        funnel.suggested += 1;
        funnel.asked += reached(AskState::Asked) as u32;
        funnel.introduced += reached(AskState::Introduced) as u32;
        funnel.meeting += reached(AskState::Meeting) as u32;
        funnel.sql += reached(AskState::Sql) as u32;
        funnel.won += reached(AskState::Won) as u32;
        funnel.lost += lost as u32;
        if reached(AskState::Asked) && !reached(AskState::Sql) && !lost {
            open += 1;
        }
        let who = fold(rec.promoter.trim());
        if reached(AskState::Asked) {
            asked_by.insert(who.clone());
        }
        if reached(AskState::Introduced) {
            introduced_by.insert(who);
        }
    }
    let elapsed = (today.days_since(fy.start) + 1).clamp(1, fy.days()) as f64;
    let year_days = fy.days() as f64;
    let expected_by_today = sql_goal as f64 * elapsed / year_days;
    let conversion = (funnel.asked > 0).then(|| funnel.sql as f64 / funnel.asked as f64);
    let forecast = match conversion {
        Some(conv) => {
            let asks_to_come = funnel.asked as f64 / elapsed * (year_days - elapsed);
            funnel.sql as f64 + (open as f64 + asks_to_come) * conv
        }
        None => funnel.sql as f64,
    };
    let keys: BTreeSet<String> = promoters.iter().map(|p| fold(p.trim())).collect();
    let n = keys.len() as u32;
    let asked = keys.iter().filter(|k| asked_by.contains(*k)).count() as u32;
    let introduced = keys.iter().filter(|k| introduced_by.contains(*k)).count() as u32;
    let share = |x: u32| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    GoalReport {
        fiscal_year: fy,
        sql_goal,
        ahead_by: funnel.sql as f64 - expected_by_today,
        funnel,
        expected_by_today,
        conversion,
        forecast,
        coverage: Coverage {
            promoters: n,
            asked,
            introduced,
            asked_share: share(asked),
            introduced_share: share(introduced),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn fiscal_years_are_named_by_their_end() {
        let fy = fiscal_year(d("2016-08-01"), 8, 1);
        assert_eq!(
            (fy.label(), fy.start, fy.end),
            ("FY2017".to_string(), d("2016-08-01"), d("2017-07-31"))
        );
        assert_eq!(fiscal_year(d("2017-07-31"), 8, 1).label(), "FY2017");
        assert_eq!(fiscal_year(d("2017-08-01"), 8, 1).label(), "FY2018");
        assert_eq!(fiscal_year(d("2017-01-15"), 1, 1).label(), "FY2017");
        assert_eq!(fiscal_year(d("2017-01-15"), 1, 1).days(), 365);
        assert_eq!(fiscal_year(d("2024-03-01"), 2, 29).start, d("2024-02-29"));
    }

    fn rec(promoter: &str, target: &str, changes: &[(AskState, &str)]) -> AskRecord {
        AskRecord {
            promoter: promoter.into(),
            target: target.into(),
            target_url: None,
            account: String::new(),
            changes: changes
                .iter()
                .map(|(s, on)| StateChange {
                    state: *s,
                    on: d(on),
                })
                .collect(),
        }
    }

    #[test]
    fn funnel_pace_forecast_and_coverage() {
        use AskState::*;
        let records = [
            rec(
                "ana@a.com",
                "T1",
                &[
                    (Asked, "2016-09-01"),
                    (Introduced, "2016-09-03"),
                    (Meeting, "2016-09-10"),
                    (Sql, "2016-09-20"),
                ],
            ),
            rec(
                "ana@a.com",
                "T2",
                &[(Asked, "2016-09-01"), (Lost, "2016-10-01")],
            ),
            rec(
                "bo@b.com",
                "T3",
                &[(Asked, "2016-10-01"), (Introduced, "2016-10-02")],
            ),
            rec("bo@b.com", "T4", &[(Suggested, "2016-10-01")]),
            // Last fiscal year: not counted.
            rec(
                "cy@c.com",
                "T5",
                &[(Asked, "2016-07-01"), (Sql, "2016-07-20")],
            ),
        ];
        let promoters = [
            "ana@a.com".to_string(),
            "bo@b.com".into(),
            "cy@c.com".into(),
            "di@d.com".into(),
        ];
        let g = goal_report(&records, &promoters, 30, 8, 1, d("2017-01-30"));
        assert_eq!(g.fiscal_year.label(), "FY2017");
        assert_eq!(
            g.funnel,
            Funnel {
                suggested: 4,
                asked: 3,
                introduced: 2,
                meeting: 1,
                sql: 1,
                won: 0,
                lost: 1
            }
        );
        // Aug 1 .. Jan 30 is 183 days of 365.
        assert!((g.expected_by_today - 30.0 * 183.0 / 365.0).abs() < 1e-9);
        let conv = 1.0 / 3.0;
        let to_come = 3.0 / 183.0 * (365.0 - 183.0);
        assert!(
            (g.forecast - (1.0 + (1.0 + to_come) * conv)).abs() < 1e-9,
            "{}",
            g.forecast
        );
        assert_eq!(
            (
                g.coverage.asked,
                g.coverage.introduced,
                g.coverage.promoters
            ),
            (2, 2, 4)
        );
        assert_eq!(g.coverage.asked_share, 0.5);
    }
}

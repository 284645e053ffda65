/*!
THE ranking rule: how much an introduction is worth. Everything that
decides the order of the ask list lives in this file.

Each promoter → target path gets seven **signals**, each a number from 0
to 1 where more is better, and each kept with a sentence saying why:

| signal | what it measures | value |
|---|---|---|
| ICP fit | the account's tier on the target list | tier 1 → 1.0, 2 → 0.67, 3 → 0.5, t → 1/(1 + (t−1)/2); no tier 0.6 |
| persona fit | the target's title against the buyer persona | ½·(keyword in title ? 1 : 0.3) + ½·seniority weight; ×0.4 below the minimum seniority |
| strength (B) | how close the target is to us | with a lead export's mutual connections m: m/(m+15); otherwise, with o other uploaded networks holding the person: 0.6·o/(o+2) |
| depth (C) | how many people the promoter knows at the account, by seniority | d/(d+2), d = Σ seniority weights (0.2 IC … 1.0 C-level) |
| seniority alignment | peers introduce peers ("C-levels hang with C-levels") | 1 − ¼·\|promoter level − target level\| |
| timing | the promoter's moment | active project, or an event / NPS answer ≤ 30 days ago: 1.0 ("ask now"); fades linearly to 0.2 at 365 days; older: 0 ("stale"); only an upcoming event within 60 days: 0.8; nothing dated: 0.3 |
| promoter | how strong the promoter is | 0.65·(10 → 1.0, 9 → 0.8, 8 → 0.45, 7 → 0.35) + 0.35·promoter seniority weight |

The **score** is the weighted mean of the signals, on 0–100:

```text
score = 100 · Σ weightᵢ · signalᵢ / Σ weightᵢ
```

so a signal's *points* (100 · weightᵢ · signalᵢ / Σ weights) add up to the
score and are what the "why" shows, largest first. Weights are the user's
(defaults: ICP fit 3, persona 2, strength 2, depth 1.5, alignment 1,
timing 2, promoter 1.5); a zero weight switches a signal off.

Every signal function is monotone in what it measures, so with everything
else equal: a tier-1 account beats tier 2, more mutual connections beat
fewer, a deeper account beats a shallower one, an active project or a
certification 3 days ago beats one 400 days ago, and a 10 is at least a 9.
Who may be asked at all is not a weight: detractors never, passives only
when allowed (`Settings::may_ask`); exclusions happen when the candidates
are built.

[`rank`] is the cheap step: it scores every path of a [`CandidateSet`]
(numbers only: no allocation per path), sorts, and hands the order to
[`super::ask`] which assigns each target to one promoter and writes the
reasons and the emails for the asks it keeps. Nothing is re-imported.
*/

use serde::{Deserialize, Serialize};

use super::ask::{assemble, AskList};
use super::candidates::{CandidateSet, Path, Promoter, Target};
use super::dates::Date;
use super::seniority::Seniority;
use super::settings::{Persona, Settings};

/// How much each signal counts. Any non-negative numbers; only their
/// proportions matter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub icp_fit: f64,
    pub persona_fit: f64,
    pub strength: f64,
    pub depth: f64,
    pub alignment: f64,
    pub timing: f64,
    pub promoter: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            icp_fit: 3.0,
            persona_fit: 2.0,
            strength: 2.0,
            depth: 1.5,
            alignment: 1.0,
            timing: 2.0,
            promoter: 1.5,
        }
    }
}

impl Weights {
    /// In [`Signal::ALL`] order; negative or non-finite weights count as 0.
    pub fn as_array(&self) -> [f64; SIGNALS] {
        [
            self.icp_fit,
            self.persona_fit,
            self.strength,
            self.depth,
            self.alignment,
            self.timing,
            self.promoter,
        ]
        .map(|w| if w.is_finite() && w > 0.0 { w } else { 0.0 })
    }
}

/// How many signals there are.
pub const SIGNALS: usize = 7;

/// Where `s` is in [`Signal::ALL`].
fn signal_index(s: Signal) -> usize {
    Signal::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(usize::MAX)
}

/// One of the signals an introduction is scored on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    IcpFit,
    PersonaFit,
    Strength,
    Depth,
    Alignment,
    Timing,
    Promoter,
}

impl Signal {
    pub const ALL: [Signal; SIGNALS] = [
        Signal::IcpFit,
        Signal::PersonaFit,
        Signal::Strength,
        Signal::Depth,
        Signal::Alignment,
        Signal::Timing,
        Signal::Promoter,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Signal::IcpFit => "ICP fit",
            Signal::PersonaFit => "Persona fit",
            Signal::Strength => "Connection strength",
            Signal::Depth => "Depth at the account",
            Signal::Alignment => "Seniority alignment",
            Signal::Timing => "Timing",
            Signal::Promoter => "Promoter strength",
        }
    }
}

/// What made a promoter's moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Moment {
    ActiveProject,
    ProjectEnd,
    Event,
    NpsResponse,
}

impl Moment {
    pub fn label(self) -> &'static str {
        match self {
            Moment::ActiveProject => "project under way",
            Moment::ProjectEnd => "project ended",
            Moment::Event => "certification / event",
            Moment::NpsResponse => "NPS answer",
        }
    }
}

/// When to ask a promoter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    /// The moment is now: a project under way, or a moment ≤ 30 days ago.
    AskNow {
        moment: Moment,
        on: Date,
        days_ago: i64,
    },
    /// The moment has passed but is within a year.
    Fading {
        moment: Moment,
        on: Date,
        days_ago: i64,
    },
    /// Nothing within the last year.
    Stale {
        moment: Moment,
        on: Date,
        days_ago: i64,
    },
    /// Only an upcoming event: ask then.
    Upcoming { on: Date },
    /// No dated moment at all.
    Unknown,
}

/// A promoter's timing: its value (0..1), its label, and an upcoming
/// event to ask at ("ask at the certification on …"), if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PromoterTiming {
    pub value: f64,
    pub timing: Timing,
    pub upcoming: Option<Date>,
}

impl PromoterTiming {
    /// The badge the ask list shows for this promoter: a class name and a
    /// short text ("ask now · project under way", "certification in 5 days",
    /// "fading · NPS answer 3 months ago", "stale").
    pub fn badge(&self, today: Date) -> (&'static str, String) {
        if let Some(on) = self.upcoming {
            let days = on.days_since(today);
            if (0..=UPCOMING_DAYS).contains(&days) {
                let when = match days {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    d => format!("in {d} days"),
                };
                return ("upcoming", format!("certification {when} ({on})"));
            }
        }
        match &self.timing {
            Timing::AskNow { moment, .. } => ("ask-now", format!("ask now · {}", moment.label())),
            Timing::Fading {
                moment, days_ago, ..
            } => (
                "fading",
                format!("fading · {} {} ago", moment.label(), ago(*days_ago)),
            ),
            Timing::Stale {
                moment, days_ago, ..
            } => (
                "stale",
                format!("stale · {} {} ago", moment.label(), ago(*days_ago)),
            ),
            Timing::Upcoming { on } => ("upcoming", format!("event on {on}")),
            Timing::Unknown => ("unknown", "no date known".to_string()),
        }
    }
}

fn ago(days: i64) -> String {
    match days {
        d if d < 14 => format!("{d} days"),
        d if d < 60 => format!("{} weeks", d / 7),
        d if d < 730 => format!("{} months", d / 30),
        d => format!("{} years", d / 365),
    }
}

/// Days a moment counts as "now".
pub const ASK_NOW_DAYS: i64 = 30;
/// Past this many days a moment is stale.
pub const STALE_DAYS: i64 = 365;
/// An upcoming event this close is worth waiting for.
pub const UPCOMING_DAYS: i64 = 60;

/// The value of a moment `days_ago` days in the past (see the table).
pub fn timing_value(days_ago: i64) -> f64 {
    if days_ago <= ASK_NOW_DAYS {
        1.0
    } else if days_ago <= STALE_DAYS {
        1.0 - 0.8 * (days_ago - ASK_NOW_DAYS) as f64 / (STALE_DAYS - ASK_NOW_DAYS) as f64
    } else {
        0.0
    }
}

/// The promoter's moment as of `today`.
pub fn promoter_timing(p: &Promoter, today: Date) -> PromoterTiming {
    let upcoming = [p.event_on, p.project_start]
        .into_iter()
        .flatten()
        .filter(|d| *d > today && d.days_since(today) <= UPCOMING_DAYS)
        .min();
    // A project under way: started, and not ended (an open-ended project
    // counts for a year after its start).
    if let Some(start) = p.project_start.filter(|s| *s <= today) {
        let running = match p.project_end {
            Some(end) => end >= today,
            None => today.days_since(start) <= STALE_DAYS,
        };
        if running {
            return PromoterTiming {
                value: 1.0,
                timing: Timing::AskNow {
                    moment: Moment::ActiveProject,
                    on: start,
                    days_ago: today.days_since(start),
                },
                upcoming,
            };
        }
    }
    let latest = [
        (Moment::Event, p.event_on),
        (Moment::ProjectEnd, p.project_end),
        (Moment::NpsResponse, p.responded_on),
    ]
    .into_iter()
    .filter_map(|(m, d)| d.filter(|d| *d <= today).map(|d| (d, m)))
    .max_by_key(|(d, _)| *d);
    match latest {
        Some((on, moment)) => {
            let days_ago = today.days_since(on);
            let mut value = timing_value(days_ago);
            if upcoming.is_some() {
                value = value.max(0.8);
            }
            let timing = if days_ago <= ASK_NOW_DAYS {
                Timing::AskNow {
                    moment,
                    on,
                    days_ago,
                }
            } else if days_ago <= STALE_DAYS {
                Timing::Fading {
                    moment,
                    on,
                    days_ago,
                }
            } else {
                Timing::Stale {
                    moment,
                    on,
                    days_ago,
                }
            };
            PromoterTiming {
                value,
                timing,
                upcoming,
            }
        }
        None => match upcoming {
            Some(on) => PromoterTiming {
                value: 0.8,
                timing: Timing::Upcoming { on },
                upcoming,
            },
            None => PromoterTiming {
                value: 0.3,
                timing: Timing::Unknown,
                upcoming,
            },
        },
    }
}

/// ICP fit from the account's tier.
pub fn icp_fit(tier: Option<u8>) -> f64 {
    match tier {
        Some(t) => 1.0 / (1.0 + (t.max(1) as f64 - 1.0) / 2.0),
        None => 0.6,
    }
}

/// Persona fit of a target's title.
pub fn persona_fit(keyword_match: bool, seniority: Seniority, persona: &Persona) -> f64 {
    let v = 0.5 * if keyword_match { 1.0 } else { 0.3 } + 0.5 * seniority.weight();
    if seniority < persona.min_seniority {
        v * 0.4
    } else {
        v
    }
}

/// Connection strength: mutual connections when known, else how many
/// other uploaded networks hold the person.
pub fn strength(mutuals: Option<u32>, networks: u32) -> f64 {
    match mutuals {
        Some(m) => m as f64 / (m as f64 + 15.0),
        None => {
            let others = networks.saturating_sub(1) as f64;
            0.6 * others / (others + 2.0)
        }
    }
}

/// Depth at the account from the seniority-weighted count of people.
pub fn depth_fit(weighted_people: f64) -> f64 {
    let d = weighted_people.max(0.0);
    d / (d + 2.0)
}

/// Seniority alignment between promoter and target.
pub fn alignment(promoter: Seniority, target: Seniority) -> f64 {
    1.0 - (promoter.level() as f64 - target.level() as f64).abs() / 4.0
}

/// Promoter strength from their score and seniority.
pub fn promoter_strength(score: u8, seniority: Seniority) -> f64 {
    let s = match score {
        10.. => 1.0,
        9 => 0.8,
        8 => 0.45,
        7 => 0.35,
        _ => 0.0,
    };
    0.65 * s + 0.35 * seniority.weight()
}

/// The seven signal values of a path, in [`Signal::ALL`] order.
pub fn signals(
    set: &CandidateSet,
    path: &Path,
    timing: f64,
    settings: &Settings,
) -> [f64; SIGNALS] {
    let t = &set.targets[path.target as usize];
    let p = &set.promoters[path.promoter as usize];
    let a = &set.accounts[t.account as usize];
    [
        icp_fit(a.tier),
        persona_fit(t.persona_match, t.seniority, &settings.persona),
        strength(t.mutuals, t.networks),
        depth_fit(path.depth as f64),
        alignment(p.seniority, t.seniority),
        timing,
        promoter_strength(p.score, p.seniority),
    ]
}

/// The weighted mean of the signals, 0–100 (0 when every weight is 0).
pub fn score(values: &[f64; SIGNALS], weights: &[f64; SIGNALS]) -> f64 {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    100.0 * values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / total
}

/// One line of "why": a signal, the points it added, and a sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub signal: Signal,
    /// Points of the 0–100 score this signal added.
    pub points: f64,
    pub text: String,
}

/// The reasons for a path's score, largest contribution first.
pub fn reasons(
    set: &CandidateSet,
    path: &Path,
    timing: &PromoterTiming,
    weights: &Weights,
    settings: &Settings,
) -> Vec<Reason> {
    let w = weights.as_array();
    let total: f64 = w.iter().sum();
    let values = signals(set, path, timing.value, settings);
    let t = &set.targets[path.target as usize];
    let p = &set.promoters[path.promoter as usize];
    let a = &set.accounts[t.account as usize];
    let mut out: Vec<Reason> = Signal::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| w[*i] > 0.0)
        .map(|(i, s)| Reason {
            signal: *s,
            points: if total > 0.0 {
                round1(100.0 * w[i] * values[i] / total)
            } else {
                0.0
            },
            text: reason_text(*s, t, p, &a.name, a.tier, path, timing, settings),
        })
        .collect();
    // Ties keep signal order (`Signal::ALL` order), so the order is total.
    super::order::sort_by(&mut out, |x, y| {
        y.points
            .total_cmp(&x.points)
            .then_with(|| signal_index(x.signal).cmp(&signal_index(y.signal)))
    });
    out
}

#[allow(clippy::too_many_arguments)]
fn reason_text(
    s: Signal,
    t: &Target,
    p: &Promoter,
    account: &str,
    tier: Option<u8>,
    path: &Path,
    timing: &PromoterTiming,
    settings: &Settings,
) -> String {
    let first = p.first_name();
    match s {
        Signal::IcpFit => match tier {
            Some(t) => format!("{account} is a tier-{t} target account"),
            None => format!("{account} is a target account"),
        },
        Signal::PersonaFit => {
            let title = if t.title.is_empty() {
                "no title"
            } else {
                &t.title
            };
            let fit = if t.seniority < settings.persona.min_seniority {
                format!(
                    "below the persona's minimum seniority ({})",
                    settings.persona.min_seniority.label()
                )
            } else if settings
                .persona
                .title_keywords
                .iter()
                .any(|k| !k.trim().is_empty())
            {
                if t.persona_match {
                    "matches the buyer persona".to_string()
                } else {
                    "outside the persona's keywords".to_string()
                }
            } else {
                return format!("{title} ({})", t.seniority.label());
            };
            format!("{title}: {fit}")
        }
        Signal::Strength => match t.mutuals {
            Some(m) => format!("{m} mutual connections with us"),
            None if t.networks > 1 => {
                let o = t.networks - 1;
                format!(
                    "also in {o} other uploaded network{}",
                    if o == 1 { "" } else { "s" }
                )
            }
            None => "no sign of a shared network yet".to_string(),
        },
        Signal::Depth => {
            let n = path.depth_people;
            format!(
                "{first} knows {n} {} at {account}",
                if n == 1 { "person" } else { "people" }
            )
        }
        Signal::Alignment => format!(
            "{} promoter → {} target",
            p.seniority.label(),
            t.seniority.label()
        ),
        Signal::Timing => {
            let mut s = match &timing.timing {
                Timing::AskNow {
                    moment: Moment::ActiveProject,
                    on,
                    ..
                } => format!("ask now: project under way since {on}"),
                Timing::AskNow {
                    moment,
                    on,
                    days_ago,
                } => format!("ask now: {} {days_ago} days ago ({on})", moment.label()),
                Timing::Fading {
                    moment,
                    on,
                    days_ago,
                } => format!(
                    "{} {days_ago} days ago ({on}); the moment is fading",
                    moment.label()
                ),
                Timing::Stale {
                    moment,
                    on,
                    days_ago,
                } => format!("stale: {} {days_ago} days ago ({on})", moment.label()),
                Timing::Upcoming { on } => format!("ask at the certification / event on {on}"),
                Timing::Unknown => "no dated moment (project, event or NPS answer)".to_string(),
            };
            if let (Some(on), false) = (
                timing.upcoming,
                matches!(timing.timing, Timing::Upcoming { .. }),
            ) {
                s.push_str(&format!("; ask at the certification / event on {on}"));
            }
            s
        }
        Signal::Promoter => format!("{first} scored {} and is {}", p.score, p.seniority.label()),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A scored path: its score and its stable sort keys.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    pub score: f64,
    pub target: u32,
    pub promoter: u32,
    /// Index into [`CandidateSet::paths`].
    pub path: u32,
}

/// Score every path whose promoter may be asked, best first; ties by
/// target then promoter (both stable indices). Also returns each
/// promoter's timing.
pub fn score_paths(
    set: &CandidateSet,
    weights: &Weights,
    settings: &Settings,
    today: Date,
) -> (Vec<Scored>, Vec<PromoterTiming>) {
    let w = weights.as_array();
    let timings: Vec<PromoterTiming> = set
        .promoters
        .iter()
        .map(|p| promoter_timing(p, today))
        .collect();
    let may_ask: Vec<bool> = set
        .promoters
        .iter()
        .map(|p| settings.may_ask(p.score))
        .collect();
    let mut scored: Vec<Scored> = set
        .paths
        .iter()
        .enumerate()
        .filter(|(_, p)| may_ask[p.promoter as usize])
        .map(|(i, p)| Scored {
            score: score(
                &signals(set, p, timings[p.promoter as usize].value, settings),
                &w,
            ),
            target: p.target,
            promoter: p.promoter,
            path: i as u32,
        })
        .collect();
    scored.sort_unstable_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.target.cmp(&b.target))
            .then(a.promoter.cmp(&b.promoter))
    });
    (scored, timings)
}

/// Re-rank the candidates under `weights` and `settings` as of `today`:
/// the ask list, per promoter and per account. Cheap; call it on every
/// weight change.
pub fn rank(set: &CandidateSet, weights: &Weights, settings: &Settings, today: Date) -> AskList {
    let (scored, timings) = score_paths(set, weights, settings, today);
    assemble(set, &scored, &timings, weights, settings)
}

/*!
The ask list: from scored paths to the introductions each promoter is
asked for, the best way into each account, and the executive's email.

Assignment is greedy over the paths in score order (best first, ties by
target then promoter): a path is taken when its target is not yet
assigned and its promoter has fewer than `asks_per_promoter` asks. So each
target is asked of exactly one promoter — the best path whose promoter
still has room — and every other path to that target is listed as an
alternate. Per account, the best way in is the best path into it, whether
or not it made the list.

The executive's ask (the playbook's "C-level ask") is one email per
promoter naming the exact people — name, title, company, profile URL —
and why each one.
*/

use serde::{Deserialize, Serialize};

use super::candidates::CandidateSet;
use super::company::MatchTier;
use super::profile_url;
use super::rank::{reasons, PromoterTiming, Reason, Scored, Signal, Timing, Weights};
use super::settings::Settings;

/// Another promoter who could make the same introduction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alternate {
    /// Email, else name.
    pub promoter: String,
    pub promoter_name: String,
    pub score: f64,
}

/// One introduction to ask for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ask {
    /// 1 is the best ask on the list.
    pub rank: u32,
    /// The promoter's email, else name.
    pub promoter: String,
    pub promoter_name: String,
    /// The target's name.
    pub target: String,
    pub target_url: Option<String>,
    /// `target_url` when it is safe to link (https on a LinkedIn host).
    pub link: Option<String>,
    pub title: String,
    /// The account's name (from the target list).
    pub account: String,
    /// The company as the promoter's network wrote it.
    pub company: String,
    pub match_tier: MatchTier,
    pub match_confidence: f64,
    /// 0–100, one decimal.
    pub score: f64,
    pub reasons: Vec<Reason>,
    /// The best other promoters who could make it, at most
    /// [`MAX_ALTERNATES`], best first.
    pub alternates: Vec<Alternate>,
    /// How many more could (a person known by a hundred promoters is
    /// listed with five and "95 more").
    #[serde(default)]
    pub more_alternates: u32,
    pub timing: Timing,
}

/// Alternates listed per ask; the rest are counted.
pub const MAX_ALTERNATES: usize = 5;

/// The executive's email to one promoter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmailDraft {
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
}

/// One promoter's asks (indices into [`AskList::asks`]) and their email.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PromoterAsks {
    pub promoter: String,
    pub name: String,
    pub company: String,
    pub score: u8,
    pub timing: PromoterTiming,
    pub asks: Vec<u32>,
    pub email: EmailDraft,
}

/// The best way into one account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountWayIn {
    pub account: String,
    pub tier: Option<u8>,
    pub target: String,
    pub title: String,
    pub promoter: String,
    pub score: f64,
    /// The rank of this introduction on the ask list, when it is on it.
    pub ask_rank: Option<u32>,
    /// Paths into the account (all promoters, all targets).
    pub paths: u32,
}

/// Everything the ranking produces.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AskList {
    /// Best first.
    pub asks: Vec<Ask>,
    /// Promoters with at least one ask, in order of their best ask.
    pub promoters: Vec<PromoterAsks>,
    /// Accounts by their best way in, best first.
    pub accounts: Vec<AccountWayIn>,
    /// Paths scored (promoters who may be asked).
    pub paths_scored: u32,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Build the ask list from paths already sorted best first (see
/// [`super::rank::score_paths`]).
pub fn assemble(
    set: &CandidateSet,
    scored: &[Scored],
    timings: &[PromoterTiming],
    weights: &Weights,
    settings: &Settings,
) -> AskList {
    let cap = settings.asks_per_promoter;
    let mut assigned = vec![false; set.targets.len()];
    let mut load = vec![0usize; set.promoters.len()];
    let mut taken: Vec<&Scored> = Vec::new();
    if cap > 0 {
        for s in scored {
            if !assigned[s.target as usize] && load[s.promoter as usize] < cap {
                assigned[s.target as usize] = true;
                load[s.promoter as usize] += 1;
                taken.push(s);
            }
        }
    }

    // Scores by path, for alternates (NaN: not scored).
    let mut path_score = vec![f64::NAN; set.paths.len()];
    for s in scored {
        path_score[s.path as usize] = s.score;
    }

    let asks: Vec<Ask> = taken
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let path = &set.paths[s.path as usize];
            let t = &set.targets[s.target as usize];
            let p = &set.promoters[s.promoter as usize];
            let start = set.paths.partition_point(|x| x.target < s.target);
            let end = set.paths.partition_point(|x| x.target <= s.target);
            let mut alternates: Vec<(f64, u32)> = (start..end)
                .filter(|&j| j != s.path as usize && !path_score[j].is_nan())
                .map(|j| (path_score[j], set.paths[j].promoter))
                .collect();
            super::order::sort_by(&mut alternates, |a, b| {
                b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
            });
            Ask {
                rank: i as u32 + 1,
                promoter: p.key().to_string(),
                promoter_name: p.name.clone(),
                target: t.name.clone(),
                target_url: t.url.clone(),
                link: t.url.as_deref().and_then(profile_url::safe_link),
                title: t.title.to_string(),
                account: set.accounts[t.account as usize].name.clone(),
                company: t.company.to_string(),
                match_tier: t.match_tier,
                match_confidence: t.match_confidence,
                score: round1(s.score),
                reasons: reasons(set, path, &timings[s.promoter as usize], weights, settings),
                more_alternates: alternates.len().saturating_sub(MAX_ALTERNATES) as u32,
                alternates: alternates
                    .into_iter()
                    .take(MAX_ALTERNATES)
                    .map(|(score, pi)| {
                        let ap = &set.promoters[pi as usize];
                        Alternate {
                            promoter: ap.key().to_string(),
                            promoter_name: ap.name.clone(),
                            score: round1(score),
                        }
                    })
                    .collect(),
                timing: timings[s.promoter as usize].timing.clone(),
            }
        })
        .collect();

    // Per promoter, in order of their best ask.
    let mut order: Vec<u32> = Vec::new();
    let mut by_promoter: Vec<Vec<u32>> = vec![Vec::new(); set.promoters.len()];
    for (i, s) in taken.iter().enumerate() {
        if by_promoter[s.promoter as usize].is_empty() {
            order.push(s.promoter);
        }
        by_promoter[s.promoter as usize].push(i as u32);
    }
    let promoters = order
        .into_iter()
        .map(|pi| {
            let p = &set.promoters[pi as usize];
            let list = std::mem::take(&mut by_promoter[pi as usize]);
            let email = email_draft(
                p,
                &list.iter().map(|i| &asks[*i as usize]).collect::<Vec<_>>(),
                &timings[pi as usize],
                settings,
            );
            PromoterAsks {
                promoter: p.key().to_string(),
                name: p.name.clone(),
                company: p.company.clone(),
                score: p.score,
                timing: timings[pi as usize].clone(),
                asks: list,
                email,
            }
        })
        .collect();

    // Per account: the first (best) scored path into it.
    let mut ask_rank_of = vec![None; set.paths.len()];
    for (i, s) in taken.iter().enumerate() {
        ask_rank_of[s.path as usize] = Some(i as u32 + 1);
    }
    let mut paths_into = vec![0u32; set.accounts.len()];
    for s in scored {
        paths_into[set.targets[s.target as usize].account as usize] += 1;
    }
    let mut seen = vec![false; set.accounts.len()];
    let mut accounts = Vec::new();
    for s in scored {
        let t = &set.targets[s.target as usize];
        let a = t.account as usize;
        if seen[a] {
            continue;
        }
        seen[a] = true;
        accounts.push(AccountWayIn {
            account: set.accounts[a].name.clone(),
            tier: set.accounts[a].tier,
            target: t.name.clone(),
            title: t.title.to_string(),
            promoter: set.promoters[s.promoter as usize].key().to_string(),
            score: round1(s.score),
            ask_rank: ask_rank_of[s.path as usize],
            paths: paths_into[a],
        });
    }

    AskList {
        asks,
        promoters,
        accounts,
        paths_scored: scored.len() as u32,
    }
}

/// The executive's email to a promoter: the exact people, and why.
pub fn email_draft(
    p: &super::candidates::Promoter,
    asks: &[&Ask],
    timing: &PromoterTiming,
    settings: &Settings,
) -> EmailDraft {
    let first = p.first_name();
    let us = if settings.our_company.trim().is_empty() {
        "us"
    } else {
        settings.our_company.trim()
    };
    let grow = if us == "us" {
        "we grow".to_string()
    } else {
        format!("{us} grows")
    };
    let n = asks.len();
    let subject = format!(
        "{first}, {} introduction{} that would mean a lot to {us}",
        if n == 1 {
            "one".to_string()
        } else {
            n.to_string()
        },
        if n == 1 { "" } else { "s" }
    );
    let mut body = format!("Hi {first},\n\n");
    let thanks = match (&timing.timing, p.score) {
        (
            Timing::AskNow {
                moment: super::rank::Moment::ActiveProject,
                ..
            },
            _,
        ) => "Thank you for the work we are doing together right now".to_string(),
        (_, 10) => "Thank you for rating us a 10".to_string(),
        (_, s) => format!("Thank you for rating us a {s}"),
    };
    body.push_str(&format!(
        "{thanks} — it means a great deal. Referrals from customers like you are how {grow}, so I have a specific ask rather than a general one: would you introduce me to {}?\n\n",
        if n == 1 { "this person" } else { "these people" }
    ));
    for (i, a) in asks.iter().enumerate() {
        let title = if a.title.is_empty() {
            String::new()
        } else {
            format!(", {}", a.title)
        };
        body.push_str(&format!(
            "{}. {}{title} at {}\n",
            i + 1,
            a.target,
            a.account
        ));
        if let Some(url) = &a.target_url {
            body.push_str(&format!("   {url}\n"));
        }
        // Why this person: the target's own signals, not the promoter's timing.
        let why: Vec<&str> = a
            .reasons
            .iter()
            .filter(|r| {
                !matches!(
                    r.signal,
                    Signal::Timing | Signal::Promoter | Signal::Alignment
                )
            })
            .take(2)
            .map(|r| r.text.as_str())
            .collect();
        if !why.is_empty() {
            body.push_str(&format!("   Why: {}\n", why.join("; ")));
        }
    }
    if let Some(on) = timing.upcoming {
        body.push_str(&format!(
            "\nIf it is easier, we could talk about this at the event on {on}.\n"
        ));
    }
    body.push_str("\nA short note or a LinkedIn introduction is all it takes; I will take it from there.\n\nThank you,\n");
    if !settings.sender_name.trim().is_empty() {
        body.push_str(settings.sender_name.trim());
        body.push('\n');
    }
    EmailDraft {
        to: p.email.clone(),
        subject,
        body,
    }
}

//! The ask list: introductions grouped by promoter (or the best way into
//! each account), with the "why", a state per ask, search and paging.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::drawing::use_drawn_in_steps;
use super::state::AskKey;
use crate::core::ask::{AccountWayIn, Ask, AskList};
use crate::core::company::MatchTier;
use crate::core::dates::Date;
use crate::core::goal::AskState;

/// Promoter groups (or accounts) shown per page.
const PAGE: usize = 25;
/// Groups (or accounts) added per task while a page is being drawn: a new
/// list is drawn a few groups at a time, each in a task of its own, so no
/// task keeps the page busy for long.
const STEP: usize = 3;

#[derive(Properties, PartialEq)]
pub struct AskListProps {
    pub list: Rc<AskList>,
    /// The best way into each account (they arrive after the list, so
    /// they are apart: their arrival does not redraw the list).
    pub accounts: Rc<Vec<AccountWayIn>>,
    pub today: Date,
    pub on_state: Callback<(AskKey, AskState)>,
    pub on_veto: Callback<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum View {
    ByPromoter,
    ByAccount,
}

fn matches(ask: &Ask, q: &str) -> bool {
    q.is_empty()
        || [
            &ask.target,
            &ask.title,
            &ask.account,
            &ask.company,
            &ask.promoter_name,
            &ask.promoter,
        ]
        .iter()
        .any(|f| f.to_lowercase().contains(q))
}

pub fn ask_key(a: &Ask) -> AskKey {
    AskKey {
        promoter: a.promoter.clone(),
        target: a.target.clone(),
        target_url: a.target_url.clone(),
        account: a.account.clone(),
    }
}

/// "12 mutual connections · knows 4 people at Globex incl. the CFO · tier 1"
pub fn why(a: &Ask) -> String {
    a.reasons
        .iter()
        .filter(|r| r.points >= 0.05)
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
pub fn AskListView(props: &AskListProps) -> Html {
    let view = use_state(|| View::ByPromoter);
    let query = use_state(String::new);
    let shown = use_state(|| PAGE);
    let list = &props.list;
    let q = query.to_lowercase();

    // How much of the current page is drawn: STEP groups more per task.
    let limit = use_drawn_in_steps(Rc::as_ptr(list) as usize, *shown, STEP);

    let on_search = {
        let query = query.clone();
        let shown = shown.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            shown.set(PAGE);
        })
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    let set_view = |v: View| {
        let view = view.clone();
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            view.set(v);
            shown.set(PAGE);
        })
    };

    let body = match *view {
        View::ByPromoter => {
            let groups: Vec<_> = list
                .promoters
                .iter()
                .filter(|p| {
                    q.is_empty()
                        || p.asks
                            .iter()
                            .any(|i| list.asks.get(*i as usize).is_some_and(|a| matches(a, &q)))
                })
                .collect();
            let total = groups.len();
            html! {
                <>
                <div class="ask-list" data-testid="ask-list" aria-busy={(limit < (*shown).min(total)).then_some("true")}>
                    { for groups.iter().take(limit).map(|p| {
                        let (class, badge) = p.timing.badge(props.today);
                        html! {
                            <article class="promoter" data-testid="promoter-group" data-promoter={p.promoter.clone()}>
                                <header>
                                    <h3>{ &p.name }</h3>
                                    <span class="muted">{ &p.company }</span>
                                    <span class={classes!("nps-badge", if p.score >= 9 { "promoter" } else { "passive" })} title="NPS answer">{ format!("NPS {}", p.score) }</span>
                                    <span class={classes!("timing", class)} data-testid="timing-badge">{ badge }</span>
                                </header>
                                <ol class="asks">
                                    { for p.asks.iter().filter_map(|i| list.asks.get(*i as usize)).filter(|a| matches(a, &q)).map(|a| html! {
                                        <AskItem ask={a.clone()} on_state={props.on_state.clone()} on_veto={props.on_veto.clone()} />
                                    }) }
                                </ol>
                            </article>
                        }
                    }) }
                </div>
                if total > *shown {
                    <button type="button" class="secondary more" onclick={more}>{ format!("Show more ({} more promoters)", total - *shown) }</button>
                }
                </>
            }
        }
        View::ByAccount => {
            let rows: Vec<_> = props
                .accounts
                .iter()
                .filter(|a| {
                    q.is_empty()
                        || [&a.account, &a.target, &a.title, &a.promoter]
                            .iter()
                            .any(|f| f.to_lowercase().contains(&q))
                })
                .collect();
            let total = rows.len();
            html! {
                <>
                <table class="by-account" data-testid="by-account">
                    <thead><tr><th>{ "Account" }</th><th>{ "Tier" }</th><th>{ "Best way in" }</th><th>{ "Through" }</th><th class="num">{ "Score" }</th><th class="num">{ "Paths" }</th></tr></thead>
                    <tbody>
                    { for rows.iter().take(limit).map(|a| html! {
                        <tr data-testid="account-row" data-account={a.account.clone()}>
                            <td>{ &a.account }</td>
                            <td>{ a.tier.map_or("–".to_string(), |t| format!("Tier {t}")) }</td>
                            <td>{ &a.target }<span class="muted">{ format!(" · {}", a.title) }</span></td>
                            <td>{ &a.promoter }</td>
                            <td class="num">{ format!("{:.0}", a.score) }</td>
                            <td class="num">{ a.paths }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                if total > *shown {
                    <button type="button" class="secondary more" onclick={more}>{ format!("Show more ({} more accounts)", total - *shown) }</button>
                }
                </>
            }
        }
    };

    html! {
        <>
        <div class="toolbar" role="toolbar" aria-label="Ask list view">
            <input type="search" placeholder="Search people, titles, accounts, promoters" aria-label="Search the ask list"
                data-testid="ask-search" value={(*query).clone()} oninput={on_search} />
            <div class="segmented">
                <button type="button" aria-pressed={(*view == View::ByPromoter).to_string()} onclick={set_view(View::ByPromoter)} data-testid="view-by-promoter">{ "By promoter" }</button>
                <button type="button" aria-pressed={(*view == View::ByAccount).to_string()} onclick={set_view(View::ByAccount)} data-testid="view-by-account">{ "By account" }</button>
            </div>
            <span class="muted">{ format!("{} introductions from {} promoters · {} accounts", list.asks.len(), list.promoters.len(), props.accounts.len()) }</span>
        </div>
        { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct AskItemProps {
    pub ask: Ask,
    pub on_state: Callback<(AskKey, AskState)>,
    pub on_veto: Callback<String>,
}

#[component]
pub fn AskItem(props: &AskItemProps) -> Html {
    let a = &props.ask;
    let onchange = {
        let on_state = props.on_state.clone();
        let key = ask_key(a);
        Callback::from(move |e: Event| {
            if let Some(s) =
                AskState::parse(&e.target_unchecked_into::<HtmlSelectElement>().value())
            {
                on_state.emit((key.clone(), s));
            }
        })
    };
    let veto = {
        let on_veto = props.on_veto.clone();
        let company = a.company.clone();
        Callback::from(move |_: MouseEvent| on_veto.emit(company.clone()))
    };
    html! {
        <li class="ask" data-testid="ask"
            data-rank={a.rank.to_string()}
            data-promoter={a.promoter.clone()}
            data-target-url={a.target_url.clone().unwrap_or_default()}
            data-target={a.target.clone()}
            data-account={a.account.clone()}
            data-score={format!("{:.1}", a.score)}>
            <div class="who">
                <span class="rank">{ format!("#{}", a.rank) }</span>
                // Only https links on a LinkedIn host become links (core::profile_url::safe_link).
                if let Some(link) = &a.link {
                    <a href={link.clone()} target="_blank" rel="noopener noreferrer" class="target">{ &a.target }</a>
                } else {
                    <span class="target">{ &a.target }</span>
                }
                <span class="muted">{ format!(" · {} · {}", a.title, a.account) }</span>
                if a.match_tier != MatchTier::Exact {
                    <span class={classes!("match", format!("match-{}", a.match_tier.as_str()))}
                        title={format!("\"{}\" in the network matched \"{}\" ({} match, {:.0}% sure)", a.company, a.account, a.match_tier.as_str(), a.match_confidence * 100.0)}>
                        { format!("{} match", a.match_tier.as_str()) }
                        if a.match_tier == MatchTier::Fuzzy {
                            <button type="button" class="link" onclick={veto} aria-label={format!("Not the same company: {} is not {}", a.company, a.account)}>{ "veto" }</button>
                        }
                    </span>
                }
            </div>
            <div class="why">{ why(a) }</div>
            if !a.alternates.is_empty() {
                <div class="alternates muted">{ "Also via " }{ a.alternates.iter().map(|p| format!("{} ({:.0})", p.promoter_name, p.score)).collect::<Vec<_>>().join(", ") }
                    if a.more_alternates > 0 { { format!(" and {} more", a.more_alternates) } }
                </div>
            }
            <div class="side">
                <span class="score" title="Score (0–100)">{ format!("{:.0}", a.score) }</span>
                <select data-testid="ask-state" aria-label={format!("State of the introduction to {}", a.target)} {onchange}>
                    { for AskState::ALL.iter().map(|s| html! { <option value={s.as_str()} selected={*s == AskState::Suggested}>{ s.label() }</option> }) }
                </select>
            </div>
        </li>
    }
}

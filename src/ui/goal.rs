//! The goal: SQLs this fiscal year against the goal, the pace line, the
//! forecast, the funnel and coverage, drawn as accessible SVG; and the
//! tracked asks with their states.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::state::AskKey;
use crate::core::goal::{AskRecord, AskState, GoalReport};

#[derive(Properties, PartialEq)]
pub struct GoalProps {
    pub report: GoalReport,
}

#[component]
pub fn GoalView(props: &GoalProps) -> Html {
    let r = &props.report;
    let f = &r.funnel;
    let goal = r.sql_goal.max(1) as f64;
    let top = goal.max(r.forecast).max(f.sql as f64).max(1.0);
    let w = 600.0;
    let x = |v: f64| 10.0 + (w - 20.0) * (v / top).clamp(0.0, 1.0);
    let pace_label = if r.ahead_by >= 0.0 {
        format!("{:.1} ahead of pace", r.ahead_by)
    } else {
        format!("{:.1} behind pace", -r.ahead_by)
    };
    let summary = format!(
        "{}: {} SQLs of a goal of {}; {:.1} expected by today ({pace_label}); forecast {:.0} by year end.",
        r.fiscal_year.label(), f.sql, r.sql_goal, r.expected_by_today, r.forecast
    );
    let stages = [
        ("Suggested", f.suggested),
        ("Asked", f.asked),
        ("Introduced", f.introduced),
        ("Meeting", f.meeting),
        ("SQL", f.sql),
        ("Won", f.won),
        ("Lost", f.lost),
    ];
    let fmax = stages.iter().map(|s| s.1).max().unwrap_or(0).max(1) as f64;
    html! {
        <div class="goal">
            <p data-testid="goal-progress" data-sqls={f.sql.to_string()} data-goal={r.sql_goal.to_string()}
                data-expected={format!("{:.1}", r.expected_by_today)} data-forecast={format!("{:.1}", r.forecast)} class="goal-summary">
                <strong>{ format!("{} / {} SQLs", f.sql, r.sql_goal) }</strong>{ format!(" · {} · {pace_label} · forecast {:.0}", r.fiscal_year.label(), r.forecast) }
            </p>
            <svg viewBox="0 0 600 70" role="img" aria-label={summary.clone()} class="chart">
                <title>{ summary }</title>
                <rect x="10" y="20" width={(w - 20.0).to_string()} height="22" class="track" />
                <rect x="10" y="20" width={(x(r.forecast) - 10.0).to_string()} height="22" class="forecast" />
                <rect x="10" y="20" width={(x(f.sql as f64) - 10.0).to_string()} height="22" class="done" />
                <line x1={x(r.expected_by_today).to_string()} x2={x(r.expected_by_today).to_string()} y1="12" y2="50" class="pace" />
                <line x1={x(goal).to_string()} x2={x(goal).to_string()} y1="12" y2="50" class="goal-line" />
                <text x={x(r.expected_by_today).to_string()} y="62" class="label" text-anchor="middle">{ "pace" }</text>
                <text x={x(goal).to_string()} y="10" class="label" text-anchor="end">{ format!("goal {}", r.sql_goal) }</text>
            </svg>
            <div class="funnel" aria-label="Funnel">
                <svg viewBox="0 0 600 170" role="img" aria-label={stages.iter().map(|(n, v)| format!("{n} {v}")).collect::<Vec<_>>().join(", ")} class="chart">
                    { for stages.iter().enumerate().map(|(i, (name, v))| {
                        let y = 4.0 + i as f64 * 23.0;
                        let bw = 420.0 * (*v as f64 / fmax);
                        html! {
                            <g>
                                <text x="0" y={(y + 15.0).to_string()} class="label">{ *name }</text>
                                <rect x="100" y={y.to_string()} width={bw.max(1.0).to_string()} height="18" class={format!("stage stage-{}", i)} />
                                <text x={(106.0 + bw).to_string()} y={(y + 14.0).to_string()} class="label">{ v.to_string() }</text>
                            </g>
                        }
                    }) }
                </svg>
            </div>
            <p class="muted" data-testid="coverage">
                { format!("Coverage: {} of {} promoters asked ({:.0}%), {} introduced ({:.0}%).",
                    r.coverage.asked, r.coverage.promoters, r.coverage.asked_share * 100.0,
                    r.coverage.introduced, r.coverage.introduced_share * 100.0) }
                if let Some(c) = r.conversion { { format!(" Asked → SQL conversion so far: {:.0}%.", c * 100.0) } }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TrackingProps {
    pub asks: Vec<AskRecord>,
    pub on_state: Callback<(AskKey, AskState)>,
}

#[component]
pub fn TrackingView(props: &TrackingProps) -> Html {
    if props.asks.is_empty() {
        return html! { <p class="muted">{ "Mark an introduction as asked (or further) and it is tracked here." }</p> };
    }
    html! {
        <table class="tracked" data-testid="tracked-list">
            <thead><tr><th>{ "Introduction" }</th><th>{ "Introducer" }</th><th>{ "History" }</th><th>{ "State" }</th></tr></thead>
            <tbody>
            { for props.asks.iter().map(|r| {
                let key = AskKey { promoter: r.promoter.clone(), target: r.target.clone(), target_url: r.target_url.clone(), account: r.account.clone() };
                let on_state = props.on_state.clone();
                let onchange = Callback::from(move |e: Event| {
                    if let Some(s) = AskState::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()) {
                        on_state.emit((key.clone(), s));
                    }
                });
                let current = r.current();
                html! {
                    <tr data-testid="tracked-ask" data-target={r.target.clone()} data-state={current.as_str()}>
                        <td>{ &r.target }<span class="muted">{ format!(" · {}", r.account) }</span></td>
                        <td>{ &r.promoter }</td>
                        <td class="muted">{ r.changes.iter().map(|c| format!("{} {}", c.state.label(), c.on)).collect::<Vec<_>>().join(" → ") }</td>
                        <td>
                            <select data-testid="ask-state" aria-label={format!("State of the introduction to {}", r.target)} {onchange}>
                                { for AskState::ALL.iter().map(|s| html! { <option value={s.as_str()} selected={*s == current}>{ s.label() }</option> }) }
                            </select>
                        </td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}

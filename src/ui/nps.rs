//! NPS figures: the score, its 95% interval and the 0–10 distribution.

use yew::prelude::*;

use crate::core::nps::NpsReport;

#[derive(Properties, PartialEq)]
pub struct NpsProps {
    pub report: NpsReport,
}

#[component]
pub fn NpsView(props: &NpsProps) -> Html {
    let o = &props.report.overall;
    if o.responses == 0 {
        return html! { <p class="muted" data-testid="nps-empty">{ "Drop an NPS survey export to see the score." }</p> };
    }
    let interval = o.interval.as_ref().map_or(String::new(), |i| {
        format!("95% interval {:.0} to {:.0}", i.low, i.high)
    });
    let max = *o.distribution.iter().max().unwrap_or(&1).max(&1) as f64;
    let desc = o
        .distribution
        .iter()
        .enumerate()
        .map(|(s, n)| format!("{s}: {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <div class="nps">
            <div class="nps-figure">
                <span class="big" data-testid="nps-score">{ format!("{:.0}", o.score) }</span>
                <span class="muted">{ "NPS" }</span>
            </div>
            <div class="nps-detail">
                <p>{ format!("{} responses: {} promoters, {} passives, {} detractors", o.responses, o.promoters, o.passives, o.detractors) }</p>
                <p class="muted" data-testid="nps-interval">{ interval }</p>
                if !o.dropped.is_empty() {
                    <p class="muted">{ format!("{} rows not counted (see the file cards for why).", o.dropped.len()) }</p>
                }
            </div>
            <svg viewBox="0 0 330 120" role="img" aria-label={format!("Answers from 0 to 10: {desc}")} class="chart distribution">
                <title>{ format!("Answers from 0 to 10: {desc}") }</title>
                { for o.distribution.iter().enumerate().map(|(s, n)| {
                    let h = 90.0 * (*n as f64 / max);
                    let class = if s >= 9 { "promoter" } else if s >= 7 { "passive" } else { "detractor" };
                    html! {
                        <g>
                            <rect x={(s as f64 * 30.0 + 2.0).to_string()} y={(95.0 - h).to_string()} width="26" height={h.max(0.5).to_string()} class={class} />
                            <text x={(s as f64 * 30.0 + 15.0).to_string()} y="110" text-anchor="middle" class="label">{ s }</text>
                        </g>
                    }
                }) }
            </svg>
        </div>
    }
}

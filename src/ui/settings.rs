//! Settings: who counts as a promoter, the ICP and persona, the weights
//! (live re-rank, nothing re-imported), asks per promoter and the goal.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::rank::{Signal, Weights};
use crate::core::seniority::Seniority;
use crate::core::settings::{IcpMode, Settings};

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub settings: Settings,
    pub on_change: Callback<Settings>,
}

fn weight_mut(w: &mut Weights, s: Signal) -> &mut f64 {
    match s {
        Signal::IcpFit => &mut w.icp_fit,
        Signal::PersonaFit => &mut w.persona_fit,
        Signal::Strength => &mut w.strength,
        Signal::Depth => &mut w.depth,
        Signal::Alignment => &mut w.alignment,
        Signal::Timing => &mut w.timing,
        Signal::Promoter => &mut w.promoter,
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[component]
pub fn SettingsView(props: &SettingsProps) -> Html {
    let s = &props.settings;
    // Build a callback that edits a copy of the settings with the input's value.
    let edit = |f: fn(&mut Settings, String)| {
        let on_change = props.on_change.clone();
        let current = s.clone();
        move |value: String| {
            let mut next = current.clone();
            f(&mut next, value);
            on_change.emit(next);
        }
    };
    let input = |f: fn(&mut Settings, String)| {
        let apply = edit(f);
        Callback::from(move |e: Event| apply(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let select = |f: fn(&mut Settings, String)| {
        let apply = edit(f);
        Callback::from(move |e: Event| {
            apply(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let passives = {
        let on_change = props.on_change.clone();
        let current = s.clone();
        Callback::from(move |e: Event| {
            let mut next = current.clone();
            next.allow_passives = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_change.emit(next);
        })
    };
    let weights = s.weights.as_array();
    html! {
        <div class="settings">
            <fieldset>
                <legend>{ "Weights (re-rank live)" }</legend>
                { for Signal::ALL.iter().enumerate().map(|(i, sig)| {
                    let on_change = props.on_change.clone();
                    let current = s.clone();
                    let sig = *sig;
                    let oninput = Callback::from(move |e: InputEvent| {
                        let v: f64 = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0.0);
                        let mut next = current.clone();
                        *weight_mut(&mut next.weights, sig) = v;
                        on_change.emit(next);
                    });
                    let id = format!("weight-{i}");
                    html! {
                        <div class="weight">
                            <label for={id.clone()}>{ sig.label() }</label>
                            <input type="range" id={id} min="0" max="5" step="0.5" value={weights[i].to_string()}
                                data-testid={format!("weight-{}", sig_name(sig))} {oninput} />
                            <output>{ format!("{:.1}", weights[i]) }</output>
                        </div>
                    }
                }) }
            </fieldset>
            <fieldset>
                <legend>{ "Who to ask, and whom" }</legend>
                <label>{ "Promoters score at least " }
                    <select data-testid="threshold" onchange={select(|s, v| s.promoter_threshold = v.parse().unwrap_or(9))}>
                        { for (7..=10u8).map(|t| html! { <option value={t.to_string()} selected={t == s.promoter_threshold}>{ t }</option> }) }
                    </select>
                </label>
                <label class="check"><input type="checkbox" data-testid="allow-passives" checked={s.allow_passives} onchange={passives} />{ " Also ask passives (7–8)" }</label>
                <label>{ "Targets: " }
                    <select data-testid="icp-mode" onchange={select(|s, v| s.icp = if v == "any" { IcpMode::AnyCompany } else { IcpMode::AccountList })}>
                        <option value="list" selected={s.icp == IcpMode::AccountList}>{ "accounts on the ICP target list" }</option>
                        <option value="any" selected={s.icp == IcpMode::AnyCompany}>{ "any company, if the person fits the persona" }</option>
                    </select>
                </label>
                <label>{ "Persona title keywords " }
                    <input type="text" data-testid="persona-keywords" placeholder="sales, revenue, customer success"
                        value={s.persona.title_keywords.join(", ")}
                        onchange={input(|s, v| s.persona.title_keywords = v.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect())} />
                </label>
                <label>{ "Minimum seniority " }
                    <select data-testid="min-seniority" onchange={select(|s, v| s.persona.min_seniority = Seniority::parse(&v).unwrap_or_default())}>
                        { for Seniority::ALL.iter().map(|l| html! { <option value={l.as_str()} selected={*l == s.persona.min_seniority}>{ l.label() }</option> }) }
                    </select>
                </label>
                <label>{ "Introductions per promoter " }
                    <input type="number" min="1" max="50" data-testid="asks-per-promoter" value={s.asks_per_promoter.to_string()}
                        onchange={input(|s, v| s.asks_per_promoter = v.parse::<usize>().unwrap_or(5).clamp(1, 50))} />
                </label>
            </fieldset>
            <fieldset>
                <legend>{ "Goal and email" }</legend>
                <label>{ "SQL goal for the fiscal year " }
                    <input type="number" min="1" max="10000" data-testid="sql-goal" value={s.sql_goal.to_string()}
                        onchange={input(|s, v| s.sql_goal = v.parse::<u32>().unwrap_or(30).max(1))} />
                </label>
                <label>{ "Fiscal year starts " }
                    <select data-testid="fy-start" onchange={select(|s, v| { s.fiscal_year_start_month = v.parse().unwrap_or(8); s.fiscal_year_start_day = 1; })}>
                        { for (1..=12u32).map(|m| html! { <option value={m.to_string()} selected={m == s.fiscal_year_start_month}>{ format!("{} 1", MONTHS[m as usize - 1]) }</option> }) }
                    </select>
                </label>
                <label>{ "Signed by " }<input type="text" data-testid="sender-name" value={s.sender_name.clone()} onchange={input(|s, v| s.sender_name = v.trim().to_string())} /></label>
                <label>{ "Our company " }<input type="text" data-testid="our-company" value={s.our_company.clone()} onchange={input(|s, v| s.our_company = v.trim().to_string())} /></label>
            </fieldset>
            if !s.vetoed_matches.is_empty() {
                <p class="muted">{ format!("Vetoed company matches: {}", s.vetoed_matches.join(", ")) }</p>
            }
        </div>
    }
}

fn sig_name(s: Signal) -> &'static str {
    match s {
        Signal::IcpFit => "icp-fit",
        Signal::PersonaFit => "persona-fit",
        Signal::Strength => "strength",
        Signal::Depth => "depth",
        Signal::Alignment => "alignment",
        Signal::Timing => "timing",
        Signal::Promoter => "promoter",
    }
}

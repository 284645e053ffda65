//! One loaded file: what was detected, what was kept, what went wrong.

use yew::prelude::*;

use super::state::LoadedFile;
use crate::core::model::FileKind;

#[derive(Properties, PartialEq)]
pub struct FileCardProps {
    pub file: LoadedFile,
    pub on_remove: Callback<u32>,
}

#[component]
pub fn FileCard(props: &FileCardProps) -> Html {
    let f = &props.file.imported;
    let id = props.file.id;
    let ms = props.file.import_ms;
    let onclick = {
        let on_remove = props.on_remove.clone();
        Callback::from(move |_: MouseEvent| on_remove.emit(id))
    };
    let failed = f.rows == 0 && !f.problems.is_empty();
    let owner = f.owner.clone().unwrap_or_default();
    let timing = if ms >= 10.0 { format!("{ms:.0} ms") } else { format!("{ms:.1} ms") };
    html! {
        <article
            class={classes!("file-card", failed.then_some("failed"))}
            data-testid="file-card"
            data-file={f.file.clone()}
            data-kind={f.kind.as_str()}
            data-rows={f.rows.to_string()}
            data-skipped={f.skipped.to_string()}
            data-problems={f.problems.len().to_string()}
            data-owner={owner.clone()}
            data-import-ms={format!("{ms:.1}")}
        >
            <header>
                <h3 class="file-name">{ &f.file }</h3>
                <span class={classes!("kind", format!("kind-{}", f.kind.as_str()))}>{ f.kind.label() }</span>
                <button type="button" class="remove" aria-label={format!("Remove {}", f.file)} {onclick}>{ "Remove" }</button>
            </header>
            if f.kind != FileKind::Unknown || f.rows > 0 {
                <p class="summary">
                    <strong>{ f.rows }</strong>{ if f.rows == 1 { " row kept" } else { " rows kept" } }
                    { " · " }{ f.skipped }{ " skipped · " }{ f.problems.len() }{ if f.problems.len() == 1 { " problem" } else { " problems" } }
                    { " · read in " }{ timing }
                </p>
            }
            if !owner.is_empty() {
                <p class="owner">{ "Network of " }<strong>{ owner }</strong></p>
            }
            if let Some(company) = &f.owner_company {
                <p class="owner-company">{ "Works at " }{ company }</p>
            }
            if let (Some(enc), Some(delim)) = (f.encoding, &f.delimiter) {
                if f.kind != FileKind::Unknown {
                    <p class="detected">{ format!("{}, {}-separated, header on line {}", enc.label(), delim, f.header_line.unwrap_or(1)) }</p>
                }
            }
            { for f.notes.iter().map(|n| html! { <p class="note">{ n }</p> }) }
            if failed {
                <p class="error" role="alert">{ &f.problems[0].message }</p>
            }
            if !f.problems.is_empty() && !(failed && f.problems.len() == 1) {
                <details class="problems">
                    <summary>{ format!("{} problem{}", f.problems.len(), if f.problems.len() == 1 { "" } else { "s" }) }</summary>
                    <ul>
                        { for f.problems.iter().take(200).map(|p| html! {
                            <li>
                                if let Some(row) = p.row { <span class="row">{ format!("Row {row}: ") }</span> }
                                { &p.message }
                            </li>
                        }) }
                        if f.problems.len() > 200 {
                            <li>{ format!("… and {} more", f.problems.len() - 200) }</li>
                        }
                    </ul>
                </details>
            }
            if !f.columns.is_empty() && f.kind != FileKind::Unknown {
                <details class="columns">
                    <summary>{ "Columns" }</summary>
                    <ul>
                        { for f.columns.iter().map(|c| html! {
                            <li>
                                <span class="header">{ if c.header.is_empty() { "(blank)" } else { &c.header } }</span>
                                { " → " }
                                { c.role.map_or("not used", |r| r.label()) }
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </article>
    }
}

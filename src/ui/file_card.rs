//! One loaded file: what was detected, what was kept, what went wrong —
//! and the controls to correct what was detected (kind, list role, column
//! roles). A correction asks the engine to read the file again with the
//! user's mapping. Files being read show a progress bar.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::{LoadedFile, PendingFile};
use crate::core::columns::Role;
use crate::core::model::{AccountRole, FileKind};
use crate::core::ImportOptions;

#[derive(Properties, PartialEq)]
pub struct FileCardProps {
    pub file: LoadedFile,
    pub on_remove: Callback<u32>,
    /// Re-read file `id` with these options.
    pub on_reimport: Callback<(u32, ImportOptions)>,
    /// For a network: whose it is (the user's choice or the guess).
    #[prop_or_default]
    pub owner: Option<String>,
    /// NPS respondents (key, label) to choose the owner from.
    #[prop_or_default]
    pub respondents: Rc<Vec<(String, String)>>,
    pub on_owner: Callback<(u32, Option<String>)>,
    /// A new version of the file was picked.
    pub on_replace: Callback<(u32, web_sys::File)>,
    /// Set while the engine reads a new version of this file.
    #[prop_or_default]
    pub reading: Option<PendingFile>,
}

/// The owner choice that asks for the whole list of respondents.
const MORE: &str = "\u{1}more";

/// Percent of a file read, for its progress bar.
fn percent(p: &PendingFile) -> u64 {
    p.read * 100 / p.total.max(1)
}

#[derive(Properties, PartialEq)]
pub struct PendingProps {
    pub file: PendingFile,
}

/// A file the engine is reading: its name and a progress bar.
#[component]
pub fn PendingCard(props: &PendingProps) -> Html {
    let p = &props.file;
    html! {
        <article class="file-card pending" data-testid="file-pending" data-file={p.name.clone()}
            data-read={p.read.to_string()} data-total={p.total.to_string()} aria-busy="true">
            <header><h3 class="file-name">{ &p.name }</h3></header>
            <label class="progress">
                { format!("Reading… {}% of {}", percent(p), size_label(p.total)) }
                <progress max="100" value={percent(p).to_string()}></progress>
            </label>
        </article>
    }
}

/// "3.2 MB", "740 KB".
fn size_label(bytes: u64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

#[component]
pub fn FileCard(props: &FileCardProps) -> Html {
    let f = &props.file.imported;
    let id = props.file.id;
    let ms = props.file.import_ms;
    let options = props.file.options.clone();
    let onclick = {
        let on_remove = props.on_remove.clone();
        Callback::from(move |_: MouseEvent| on_remove.emit(id))
    };
    let on_kind = {
        let on_reimport = props.on_reimport.clone();
        let options = options.clone();
        Callback::from(move |e: Event| {
            let kind = FileKind::parse(&select_value(&e));
            // A new kind starts from detected columns again.
            let next = ImportOptions {
                kind,
                roles: None,
                account_role: options.account_role,
            };
            on_reimport.emit((id, next));
        })
    };
    let on_account_role = {
        let on_reimport = props.on_reimport.clone();
        let options = options.clone();
        Callback::from(move |e: Event| {
            let next = ImportOptions {
                account_role: AccountRole::parse(&select_value(&e)),
                ..options.clone()
            };
            on_reimport.emit((id, next));
        })
    };
    let current_roles = f.roles();
    let on_role = |col: usize| {
        let on_reimport = props.on_reimport.clone();
        let options = options.clone();
        let current = current_roles.clone();
        let kind = f.kind;
        Callback::from(move |e: Event| {
            let mut roles = current.clone();
            let role = Role::parse(&select_value(&e));
            // One column per role: taking a role frees it elsewhere.
            if let Some(r) = role {
                for other in roles.iter_mut() {
                    if *other == Some(r) {
                        *other = None;
                    }
                }
            }
            roles[col] = role;
            let next = ImportOptions {
                kind: Some(kind),
                roles: Some(roles),
                ..options.clone()
            };
            on_reimport.emit((id, next));
        })
    };

    // A card lists every respondent as a possible owner only when it needs
    // to (no owner yet, or the user reaches for the list): a hundred cards
    // of a hundred respondents would otherwise keep ten thousand options in
    // the page. The same goes for the column and problem lists, built when
    // opened. Options are ordinary elements: their text is never markup.
    let owner_open = use_state(|| false);
    let columns_open = use_state(|| false);
    let problems_open = use_state(|| false);
    let on_owner = {
        let cb = props.on_owner.clone();
        let owner_open = owner_open.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            if v == MORE {
                owner_open.set(true);
                return;
            }
            cb.emit((id, if v.is_empty() { None } else { Some(v) }));
        })
    };
    let open_owner = {
        let owner_open = owner_open.clone();
        Callback::from(move |_: FocusEvent| {
            if !*owner_open {
                owner_open.set(true);
            }
        })
    };
    let toggled = |flag: UseStateHandle<bool>| {
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            flag.set(open);
        })
    };
    let on_replace = {
        let cb = props.on_replace.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                cb.emit((id, file));
            }
            input.set_value("");
        })
    };
    let failed = f.rows == 0 && !f.problems.is_empty();
    let owner = props.owner.clone().unwrap_or_default();
    let owner_label = props
        .respondents
        .iter()
        .find(|(k, _)| *k == owner)
        .map_or(owner.clone(), |(_, l)| l.clone());
    let timing = if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    };
    // Files restored from a backup or storage keep their rows, not the file.
    let readable = f.encoding.is_some() && props.file.rereadable;
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
            data-account-role={f.account_role.map_or("", |r| r.as_str())}
            aria-busy={props.reading.is_some().then_some("true")}
        >
            <header>
                <h3 class="file-name">{ &f.file }</h3>
                <span class={classes!("kind", format!("kind-{}", f.kind.as_str()))}>{ f.kind.label() }</span>
                <label class="button remove" title="Load a newer version of this file in its place">
                    { "Replace…" }
                    <input type="file" class="visually-hidden" data-testid="replace-input" aria-label={format!("Replace {}", f.file)} onchange={on_replace} />
                </label>
                <button type="button" class="remove" aria-label={format!("Remove {}", f.file)} {onclick}>{ "Remove" }</button>
            </header>
            if let Some(p) = &props.reading {
                <label class="progress" data-testid="file-reading">
                    { format!("Reading the new version… {}%", percent(p)) }
                    <progress max="100" value={percent(p).to_string()}></progress>
                </label>
            }
            if f.kind != FileKind::Unknown || f.rows > 0 {
                <p class="summary">
                    <strong>{ f.rows }</strong>{ if f.rows == 1 { " row kept" } else { " rows kept" } }
                    { " · " }{ f.skipped }{ " skipped · " }{ f.problems.len() }{ if f.problems.len() == 1 { " problem" } else { " problems" } }
                </p>
                <p class="timing" data-testid="import-time">{ format!("{} rows in {timing}", f.rows) }</p>
            }
            if f.kind == FileKind::Connections {
                <p class="owner">
                    if owner.is_empty() {
                        <span class="warn">{ "Whose network is this? " }</span>
                    } else {
                        { "Network of " }<strong>{ owner_label.clone() }</strong>{ " " }
                    }
                    <select data-testid="owner-select" aria-label={format!("Owner of {}", f.file)} onchange={on_owner} onfocus={open_owner}>
                        <option value="" selected={owner.is_empty()}>{ "— choose the promoter (or leave: our team's network) —" }</option>
                        if owner.is_empty() || *owner_open {
                            if !owner.is_empty() && !props.respondents.iter().any(|(k, _)| *k == owner) {
                                <option value={owner.clone()} selected=true>{ owner.clone() }</option>
                            }
                            { for props.respondents.iter().map(|(k, l)| html! { <option value={k.clone()} selected={*k == owner}>{ l }</option> }) }
                        } else {
                            <option value={owner.clone()} selected=true>{ owner_label.clone() }</option>
                            <option value={MORE}>{ "Someone else…" }</option>
                        }
                    </select>
                </p>
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
            if readable {
                <div class="controls">
                    <label>
                        { "Read as " }
                        <select data-testid="kind-select" onchange={on_kind}>
                            { for FileKind::ALL.iter().map(|k| html! {
                                <option value={k.as_str()} selected={*k == f.kind}>{ k.label() }</option>
                            }) }
                        </select>
                    </label>
                    if f.kind == FileKind::Accounts {
                        <label>
                            { "This list is " }
                            <select data-testid="account-role-select" onchange={on_account_role}>
                                { for AccountRole::ALL.iter().map(|r| html! {
                                    <option value={r.as_str()} selected={Some(*r) == f.account_role}>{ r.label() }</option>
                                }) }
                            </select>
                        </label>
                    }
                </div>
            }
            if !f.problems.is_empty() && !(failed && f.problems.len() == 1) {
                <details class="problems" open={*problems_open} ontoggle={toggled(problems_open.clone())}>
                    <summary>{ format!("{} problem{}", f.problems.len(), if f.problems.len() == 1 { "" } else { "s" }) }</summary>
                    if *problems_open {
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
                    }
                </details>
            }
            if !f.columns.is_empty() && readable {
                <details class="columns" data-testid="columns" open={*columns_open} ontoggle={toggled(columns_open.clone())}>
                    <summary>{ format!("Columns ({} used)", f.columns.iter().filter(|c| c.role.is_some()).count()) }</summary>
                    if *columns_open {
                    <table>
                        <tbody>
                        { for f.columns.iter().enumerate().map(|(i, c)| html! {
                            <tr>
                                <th scope="row">{ if c.header.is_empty() { "(blank)" } else { &c.header } }</th>
                                <td>
                                    <select data-testid="role-select" data-column={i.to_string()}
                                        aria-label={format!("Role of column {}", if c.header.is_empty() { "(blank)" } else { &c.header })}
                                        onchange={on_role(i)}>
                                        <option value="" selected={c.role.is_none()}>{ "not used" }</option>
                                        { for Role::ALL.iter().map(|r| html! {
                                            <option value={r.as_str()} selected={Some(*r) == c.role}>{ r.label() }</option>
                                        }) }
                                    </select>
                                </td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    }
                </details>
            }
        </article>
    }
}

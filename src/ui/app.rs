//! The root component: loading files, the derived views (NPS, ask list,
//! emails, goal), settings, export, backup and this browser's storage.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use gloo::file::callbacks::{read_as_bytes, read_as_text, FileReader};
use serde::Serialize;
use web_sys::{DragEvent, Event, HtmlInputElement, IdbDatabase};
use yew::prelude::*;

use super::ask_list::{why, AskListView};
use super::browser;
use super::emails::EmailsView;
use super::file_card::FileCard;
use super::goal::{GoalView, TrackingView};
use super::nps::NpsView;
use super::sample;
use super::settings::SettingsView;
use super::state::{timed_import, Action, AskKey, LoadedFile, Notice, State};
use super::storage::{self, Saved};
use crate::core::ask::AskList;
use crate::core::backup::Backup;
use crate::core::candidates::{build_candidates, AccountList, CandidateSet, Dataset, Network};
use crate::core::dates::Date;
use crate::core::export::{asks_csv, ExportRow};
use crate::core::goal::{goal_report, AskState};
use crate::core::import::ImportedFile;
use crate::core::model::{AccountRole, NpsResponse, Problem, Records};
use crate::core::nps::nps_report;
use crate::core::rank::{rank, Weights};
use crate::core::settings::Settings;
use crate::core::ImportOptions;

/// Readers still reading, kept alive until they finish (dropping a gloo
/// reader aborts it). Finished ones are dropped at the next batch, never
/// from inside their own callback.
#[derive(Default)]
struct Readers {
    next: u64,
    active: HashMap<u64, FileReader>,
    finished: Vec<u64>,
}

impl Readers {
    fn sweep(&mut self) {
        for id in std::mem::take(&mut self.finished) {
            self.active.remove(&id);
        }
    }
}

/// Time the core's import of one file's bytes and hand the result to the state.
fn import_and_dispatch(name: &str, bytes: Rc<[u8]>, dispatch: &UseReducerDispatcher<State>) {
    let (imported, import_ms) = timed_import(name, &bytes, &ImportOptions::default());
    dispatch.dispatch(Action::Loaded {
        bytes,
        imported,
        import_ms,
    });
}

/// The dataset the ranking reads, borrowed from the state: each network
/// with its owner (chosen or guessed), each account list with its role.
fn dataset<'a>(state: &'a State) -> Dataset<'a> {
    let mut d = Dataset {
        history: &state.asks,
        ..Dataset::default()
    };
    for f in &state.files {
        match &f.imported.records {
            Records::Connections(rows) => d.networks.push(Network {
                owner: state.owner_of(f).unwrap_or_default(),
                owner_company: f.imported.owner_company.clone(),
                connections: rows,
            }),
            Records::Nps(rows) => d.nps.push(rows),
            Records::Leads(rows) => d.leads.push(rows),
            Records::Accounts(rows) => d.accounts.push(AccountList {
                role: f.imported.account_role.unwrap_or(AccountRole::Target),
                accounts: rows,
            }),
            Records::None => {}
        }
    }
    d
}

/// The borrowed shape of `core::backup::BackupFile`, to save a file without cloning it.
#[derive(Serialize)]
struct BackupFileRef<'a> {
    options: &'a ImportOptions,
    owner: &'a Option<String>,
    imported: &'a ImportedFile,
}

fn file_identity(f: &LoadedFile) -> usize {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (Rc::as_ptr(&f.imported) as usize).hash(&mut h);
    f.owner.hash(&mut h);
    format!("{:?}", f.options).hash(&mut h);
    h.finish() as usize
}

fn export_rows(list: &AskList, state: &State) -> Vec<ExportRow> {
    let mut rows: Vec<ExportRow> = list
        .asks
        .iter()
        .map(|a| {
            let (first_name, last_name) = ExportRow::split_name(&a.target);
            ExportRow {
                first_name,
                last_name,
                company: a.account.clone(),
                title: a.title.clone(),
                linkedin_url: a.target_url.clone().unwrap_or_default(),
                email: String::new(),
                introducer: a.promoter.clone(),
                score: Some(a.score),
                reasons: why(a),
                state: AskState::Suggested.as_str().to_string(),
            }
        })
        .collect();
    for r in &state.asks {
        let (first_name, last_name) = ExportRow::split_name(&r.target);
        rows.push(ExportRow {
            first_name,
            last_name,
            company: r.account.clone(),
            linkedin_url: r.target_url.clone().unwrap_or_default(),
            introducer: r.promoter.clone(),
            state: r.current().as_str().to_string(),
            ..ExportRow::default()
        });
    }
    rows
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let readers = use_mut_ref(Readers::default);
    let dragging = use_state(|| false);
    let db = use_mut_ref(|| None::<IdbDatabase>);
    let saved = use_mut_ref(Saved::default);
    let today: Date = *use_memo((), |_| browser::today());

    // Time to first render, for the benchmark and for anyone curious.
    use_effect_with((), |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("rr-first-render");
        }
    });

    // Load what this browser saved, once.
    {
        let dispatch = state.dispatcher();
        let db = db.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match storage::open().await {
                    Ok(handle) => {
                        match storage::load(&handle).await {
                            Ok(Some(backup)) => dispatch.dispatch(Action::Restore {
                                backup,
                                from_storage: true,
                            }),
                            Ok(None) => dispatch.dispatch(Action::StorageReady),
                            Err(e) => {
                                dispatch.dispatch(Action::StorageReady);
                                dispatch.dispatch(Action::Notice(Some(Notice::Storage(format!(
                                    "Your saved work could not be read ({e})"
                                )))));
                            }
                        }
                        *db.borrow_mut() = Some(handle);
                    }
                    Err(e) => {
                        dispatch.dispatch(Action::StorageReady);
                        dispatch.dispatch(Action::Notice(Some(Notice::Storage(format!(
                            "This browser cannot keep your work between visits ({e})"
                        )))));
                    }
                }
            });
        });
    }

    // Save every change (one transaction each; see storage.rs).
    {
        let state_now = state.clone();
        let dispatch = state.dispatcher();
        let db = db.clone();
        let saved = saved.clone();
        use_effect_with(state.revision, move |_| {
            let handle = db.borrow().clone();
            if let (true, Some(handle)) = (state_now.loaded, handle) {
                let files: Vec<(String, usize, String)> = {
                    let prev = saved.borrow();
                    state_now
                        .files
                        .iter()
                        .map(|f| {
                            let key = format!("file:{}", f.id);
                            let ident = file_identity(f);
                            // Serialise only what changed since the last save.
                            let json = if prev.files.get(&key) == Some(&ident) {
                                String::new()
                            } else {
                                serde_json::to_string(&BackupFileRef {
                                    options: &f.options,
                                    owner: &f.owner,
                                    imported: &f.imported,
                                })
                                .unwrap_or_default()
                            };
                            (key, ident, json)
                        })
                        .collect()
                };
                let settings = state_now.settings.clone();
                let asks = state_now.asks.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = storage::save(&handle, &settings, &asks, files, &saved).await {
                        dispatch.dispatch(Action::Notice(Some(Notice::Storage(format!(
                            "Your last change could not be saved in this browser ({e}). It is still on the page: download a backup to keep it."
                        )))));
                    }
                });
            }
        });
    }

    // Derived: candidates (expensive; not on weight changes), then the
    // ranking (cheap), NPS and the goal.
    // While a batch of files is being read, the derived views wait for the
    // whole batch: rebuilding after every file would cost one candidate
    // build per file instead of one.
    let settled = use_mut_ref(|| 0u64);
    if state.reading.done >= state.reading.total {
        *settled.borrow_mut() = state.data_version;
    }
    let version = *settled.borrow();
    let cand_settings = Settings {
        weights: Weights::default(),
        ..state.settings.clone()
    };
    let candidates: Rc<CandidateSet> = {
        let st = state.clone();
        use_memo((version, cand_settings.clone()), move |(_, settings)| {
            build_candidates(&dataset(&st), settings)
        })
    };
    let ask_list: Rc<AskList> = {
        let c = candidates.clone();
        let settings = state.settings.clone();
        use_memo(
            (
                version,
                cand_settings,
                state.settings.weights.clone(),
                today,
            ),
            move |(_, _, weights, today)| rank(&c, weights, &settings, *today),
        )
    };
    let nps = {
        let st = state.clone();
        use_memo(version, move |_| {
            let mut rows: Vec<NpsResponse> = Vec::new();
            let mut problems: Vec<Problem> = Vec::new();
            for f in &st.files {
                if let Records::Nps(r) = &f.imported.records {
                    rows.extend(r.iter().cloned());
                    problems.extend(f.imported.problems.iter().cloned());
                }
            }
            nps_report(&rows, &problems)
        })
    };
    let promoter_keys: Vec<String> = candidates
        .promoters
        .iter()
        .filter(|p| state.settings.may_ask(p.score))
        .map(|p| p.key().to_string())
        .collect();
    let goal = goal_report(
        &state.asks,
        &promoter_keys,
        state.settings.sql_goal,
        state.settings.fiscal_year_start_month,
        state.settings.fiscal_year_start_day,
        today,
    );
    let respondents = Rc::new(state.respondents());

    let read_files = {
        let dispatch = state.dispatcher();
        let readers = readers.clone();
        Callback::from(move |files: Option<web_sys::FileList>| {
            let Some(files) = files else { return };
            let mut r = readers.borrow_mut();
            r.sweep();
            let files = gloo::file::FileList::from(files);
            dispatch.dispatch(Action::Reading(files.len()));
            for file in files.iter() {
                r.next += 1;
                let id = r.next;
                let name = file.name();
                let dispatch = dispatch.clone();
                let done: Rc<RefCell<Readers>> = readers.clone();
                let task = read_as_bytes(file, move |result| {
                    match result {
                        Ok(bytes) => import_and_dispatch(&name, Rc::from(bytes), &dispatch),
                        Err(e) => {
                            let mut imported = ImportedFile {
                                file: name.clone(),
                                ..Default::default()
                            };
                            imported.problems.push(Problem::file(format!(
                                "The browser could not read {name} ({e}). Nothing was imported from it."
                            )));
                            dispatch.dispatch(Action::Loaded {
                                bytes: Rc::from(Vec::new()),
                                imported,
                                import_ms: 0.0,
                            });
                        }
                    }
                    done.borrow_mut().finished.push(id);
                });
                r.active.insert(id, task);
            }
        })
    };
    let on_replace = {
        let dispatch = state.dispatcher();
        let readers = readers.clone();
        Callback::from(move |(file_id, file): (u32, web_sys::File)| {
            let mut r = readers.borrow_mut();
            r.sweep();
            r.next += 1;
            let id = r.next;
            let file = gloo::file::File::from(file);
            let name = file.name();
            let dispatch = dispatch.clone();
            let done = readers.clone();
            let task = read_as_bytes(&file, move |result| {
                if let Ok(bytes) = result {
                    let bytes: Rc<[u8]> = Rc::from(bytes);
                    let (imported, import_ms) =
                        timed_import(&name, &bytes, &ImportOptions::default());
                    dispatch.dispatch(Action::Replace {
                        id: file_id,
                        bytes,
                        imported,
                        import_ms,
                    });
                }
                done.borrow_mut().finished.push(id);
            });
            r.active.insert(id, task);
        })
    };

    let ondrop = {
        let read_files = read_files.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            read_files.emit(e.data_transfer().and_then(|dt| dt.files()));
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let onchange = {
        let read_files = read_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            read_files.emit(input.files());
            // Let the same file be picked again after a fix.
            input.set_value("");
        })
    };
    let load_sample = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            for (name, bytes) in sample::files(today) {
                import_and_dispatch(name, Rc::from(bytes), &dispatch);
            }
        })
    };
    let on_remove = {
        let dispatch = state.dispatcher();
        Callback::from(move |id: u32| dispatch.dispatch(Action::Remove(id)))
    };
    let on_reimport = {
        let dispatch = state.dispatcher();
        Callback::from(move |(id, options): (u32, ImportOptions)| {
            dispatch.dispatch(Action::Reimport { id, options })
        })
    };
    let on_owner = {
        let dispatch = state.dispatcher();
        Callback::from(move |(id, owner): (u32, Option<String>)| {
            dispatch.dispatch(Action::SetOwner { id, owner })
        })
    };
    let on_settings = {
        let dispatch = state.dispatcher();
        Callback::from(move |s: Settings| dispatch.dispatch(Action::SetSettings(s)))
    };
    let on_state = {
        let dispatch = state.dispatcher();
        Callback::from(move |(ask, s): (AskKey, AskState)| {
            dispatch.dispatch(Action::SetAskState {
                ask,
                state: s,
                on: today,
            })
        })
    };
    let on_veto = {
        let dispatch = state.dispatcher();
        let settings = state.settings.clone();
        Callback::from(move |company: String| {
            let mut next = settings.clone();
            if !next.vetoed_matches.contains(&company) {
                next.vetoed_matches.push(company);
            }
            dispatch.dispatch(Action::SetSettings(next));
        })
    };
    let notify = {
        let dispatch = state.dispatcher();
        move |n: Notice| dispatch.dispatch(Action::Notice(Some(n)))
    };
    let export_csv = {
        let list = ask_list.clone();
        let state = state.clone();
        let notify = notify.clone();
        Callback::from(move |_: MouseEvent| {
            let csv = asks_csv(&export_rows(&list, &state));
            if let Err(e) = browser::download(
                &format!("referral-radar-asks-{today}.csv"),
                "text/csv;charset=utf-8",
                &csv,
            ) {
                notify(Notice::Error(format!("The CSV could not be saved ({e}).")));
            }
        })
    };
    let backup_export = {
        let state = state.clone();
        let notify = notify.clone();
        Callback::from(move |_: MouseEvent| {
            let json = state.to_backup(Some(today.to_string())).to_json();
            if let Err(e) = browser::download(
                &format!("referral-radar-backup-{today}.json"),
                "application/json",
                &json,
            ) {
                notify(Notice::Error(format!(
                    "The backup could not be saved ({e})."
                )));
            }
        })
    };
    let backup_import = {
        let dispatch = state.dispatcher();
        let readers = readers.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            input.set_value("");
            let mut r = readers.borrow_mut();
            r.sweep();
            r.next += 1;
            let id = r.next;
            let dispatch = dispatch.clone();
            let done = readers.clone();
            let task = read_as_text(&gloo::file::File::from(file), move |result| {
                let outcome = result
                    .map_err(|e| e.to_string())
                    .and_then(|text| Backup::from_json(&text).map_err(|e| e.to_string()));
                match outcome {
                    Ok(backup) => dispatch.dispatch(Action::Restore {
                        backup,
                        from_storage: false,
                    }),
                    Err(e) => dispatch.dispatch(Action::Notice(Some(Notice::Error(e)))),
                }
                done.borrow_mut().finished.push(id);
            });
            r.active.insert(id, task);
        })
    };
    let forget_all = {
        let dispatch = state.dispatcher();
        let db = db.clone();
        let saved = saved.clone();
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message("Forget everything on this device? Files, settings and tracked asks are removed from this browser. Download a backup first if you want to keep them.").ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            let dispatch = dispatch.clone();
            let handle = db.borrow().clone();
            let saved = saved.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(handle) = handle {
                    if let Err(e) = storage::clear(&handle).await {
                        dispatch.dispatch(Action::Notice(Some(Notice::Storage(format!(
                            "This browser's copy could not be removed ({e})"
                        )))));
                        return;
                    }
                }
                saved.borrow_mut().files.clear();
                dispatch.dispatch(Action::ForgetAll);
            });
        })
    };
    let cancel_reading = {
        let dispatch = state.dispatcher();
        let readers = readers.clone();
        Callback::from(move |_: MouseEvent| {
            // Dropping a reader aborts it; its callback never runs.
            let mut r = readers.borrow_mut();
            r.active.clear();
            r.finished.clear();
            dispatch.dispatch(Action::CancelReading);
        })
    };
    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Notice(None)))
    };

    let has_data = !state.files.is_empty();
    let tracked_count = state.asks.len();

    html! {
        <>
        <header class="top">
            <div class="brand">
                <h1>{ "Referral Radar" }</h1>
                <p class="tagline">{ "Find the introductions worth asking your promoters for. Your files are read on this computer and never leave it." }</p>
            </div>
            <nav aria-label="Sections">
                <a href="#files">{ "Files" }</a>
                <a href="#asks">{ "Ask list" }</a>
                <a href="#emails">{ "Executive's ask" }</a>
                <a href="#goal">{ "Goal" }</a>
                <a href="#settings">{ "Settings" }</a>
            </nav>
            <div class="actions">
                <button type="button" class="secondary" data-testid="export-csv" onclick={export_csv} disabled={ask_list.asks.is_empty() && tracked_count == 0}>{ "Export CSV" }</button>
                <button type="button" class="secondary" data-testid="backup-export" onclick={backup_export.clone()}>{ "Download backup" }</button>
                <label class="button secondary">
                    { "Restore backup…" }
                    <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="backup-import" onchange={backup_import} />
                </label>
                <button type="button" class="danger" data-testid="forget-all" onclick={forget_all}>{ "Forget everything on this device" }</button>
            </div>
        </header>
        if let Some(n) = &state.notice {
            { match n {
                Notice::Storage(msg) => html! {
                    <div class="notice error" role="alert" data-testid="storage-error">
                        <p>{ msg }</p>
                        <button type="button" data-testid="storage-error-backup" onclick={backup_export.clone()}>{ "Download a backup now" }</button>
                        <button type="button" class="link" onclick={dismiss.clone()}>{ "Dismiss" }</button>
                    </div>
                },
                Notice::Error(msg) => html! {
                    <div class="notice error" role="alert" data-testid="notice-error"><p>{ msg }</p><button type="button" class="link" onclick={dismiss.clone()}>{ "Dismiss" }</button></div>
                },
                Notice::Info(msg) => html! {
                    <div class="notice" role="status" data-testid="notice"><p>{ msg }</p><button type="button" class="link" onclick={dismiss.clone()}>{ "Dismiss" }</button></div>
                },
            } }
        }
        <section class="load" id="files" aria-labelledby="files-title">
            <h2 id="files-title">{ "1. Your files" }</h2>
            <div
                class={classes!("drop-zone", dragging.then_some("dragging"))}
                data-testid="drop-zone"
                {ondrop} {ondragover} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())} {ondragleave}
            >
                <p>{ "Drop your NPS survey export, your promoters' LinkedIn exports (Connections.csv or the whole ZIP), and your account lists (ICP targets, customers, open opportunities) here." }</p>
                <label class="button">
                    { "Choose files…" }
                    <input type="file" multiple=true data-testid="file-input" class="visually-hidden"
                        accept=".csv,.tsv,.txt,.zip,text/csv,text/tab-separated-values,application/zip"
                        {onchange} />
                </label>
                <button type="button" class="secondary" data-testid="sample-data" onclick={load_sample}>
                    { "Try it with sample data" }
                </button>
            </div>
            if state.reading.done < state.reading.total {
                <div class="reading" role="status" data-testid="import-progress"
                    data-done={state.reading.done.to_string()} data-total={state.reading.total.to_string()}>
                    <label>
                        { format!("Reading files: {} of {} done ", state.reading.done, state.reading.total) }
                        <progress max={state.reading.total.to_string()} value={state.reading.done.to_string()}></progress>
                    </label>
                    <button type="button" class="secondary" data-testid="cancel-import" onclick={cancel_reading}>{ "Cancel" }</button>
                </div>
            }
            <div class="cards" data-testid="file-cards">
                { for state.files.iter().map(|f| html! {
                    <FileCard key={f.id} file={f.clone()} on_remove={on_remove.clone()} on_reimport={on_reimport.clone()}
                        owner={state.owner_of(f)} respondents={respondents.clone()} on_owner={on_owner.clone()} on_replace={on_replace.clone()} />
                }) }
            </div>
            if !candidates.notes.is_empty() {
                <ul class="notes muted">{ for candidates.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
        </section>
        if has_data {
            <section id="nps" aria-labelledby="nps-title">
                <h2 id="nps-title">{ "2. NPS" }</h2>
                <NpsView report={(*nps).clone()} />
            </section>
            <section id="asks" aria-labelledby="asks-title">
                <h2 id="asks-title">{ "3. Ask list" }</h2>
                if ask_list.asks.is_empty() {
                    <p class="muted" data-testid="ask-list-empty">{ "No introductions yet: the list needs an NPS survey with promoters, their networks (choose each network's owner on its card), and an ICP target list (or Settings → any company)." }</p>
                }
                <AskListView list={ask_list.clone()} today={today} on_state={on_state.clone()} on_veto={on_veto} />
            </section>
            <section id="emails" aria-labelledby="emails-title">
                <h2 id="emails-title">{ "4. The executive's ask" }</h2>
                <EmailsView list={ask_list.clone()} />
            </section>
        }
        <section id="goal" aria-labelledby="goal-title">
            <h2 id="goal-title">{ "5. Goal and tracking" }</h2>
            <GoalView report={goal} />
            <TrackingView asks={state.asks.clone()} on_state={on_state} />
        </section>
        <section id="settings" aria-labelledby="settings-title">
            <h2 id="settings-title">{ "6. Settings" }</h2>
            <SettingsView settings={state.settings.clone()} on_change={on_settings} />
        </section>
        <footer class="muted">
            { "Referral Radar runs entirely in this browser tab: no server, no upload, no tracking. Your work is kept in this browser until you forget it." }
        </footer>
        </>
    }
}

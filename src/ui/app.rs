//! The root component: hands files to the engine, keeps what the user
//! decides, and renders what the engine derives (NPS, ask list, emails)
//! plus the goal, settings, export and backup.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DragEvent, Event, HtmlInputElement};
use yew::prelude::*;

use super::ask_list::{why, AskListView};
use super::browser;
use super::emails::EmailsView;
use super::engine_client::EngineClient;
use super::file_card::{FileCard, PendingCard};
use super::goal::{GoalView, TrackingView};
use super::nps::NpsView;
use super::sample;
use super::settings::SettingsView;
use super::state::{Action, AskKey, Notice, PendingFile, State};
use crate::core::ask::AskList;
use crate::core::dates::Date;
use crate::core::export::{asks_csv, ExportRow};
use crate::core::goal::{goal_report, AskState};
use crate::core::settings::Settings;
use crate::core::ImportOptions;
use crate::engine::protocol::{FromEngine, ToEngine};

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

/// Cards shown for files waiting to be read; the rest are counted. A
/// hundred cards with a bar each, laid out again at every file's progress,
/// kept the page busy for most of a batch's reading.
const PENDING_CARDS: usize = 8;

/// The batch read so far, in thousandths, by bytes.
fn overall_permille(state: &State) -> u64 {
    let r = &state.reading;
    let reading: u64 = state.pending.iter().map(|p| p.read).sum();
    (r.bytes_done + reading) * 1000 / r.bytes_total.max(1)
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let dragging = use_state(|| false);
    let today: Date = *use_memo((), |_| browser::today());

    // Time to first render, for the benchmark and for anyone curious.
    use_effect_with((), |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("rr-first-render");
        }
    });

    // The engine: a worker that reads, imports, ranks and stores. Its
    // answers become actions; a backup arrives as a Blob to download.
    let engine: Rc<Option<Rc<EngineClient>>> = {
        let dispatch = state.dispatcher();
        use_memo((), move |_| {
            let on_message = move |msg: FromEngine, attachment: JsValue| match msg {
                FromEngine::Ready => {
                    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                        let _ = p.mark("rr-engine-ready");
                    }
                    dispatch.dispatch(Action::EngineReady)
                }
                // Parts are put back together by the client.
                FromEngine::Asks(..) => {}
                FromEngine::Loaded(saved, problem) => {
                    dispatch.dispatch(Action::Loaded { saved, problem })
                }
                FromEngine::Queued(files) => dispatch.dispatch(Action::Queued(files)),
                FromEngine::Progress(id, read, total) => {
                    dispatch.dispatch(Action::Progress { id, read, total })
                }
                FromEngine::Imported(f) => dispatch.dispatch(Action::Imported(*f)),
                FromEngine::Cancelled(ids) => dispatch.dispatch(Action::Cancelled(ids)),
                FromEngine::View(v) => dispatch.dispatch(Action::View(Rc::new(*v))),
                FromEngine::Accounts(_, accounts, _) => {
                    dispatch.dispatch(Action::Accounts(accounts))
                }
                FromEngine::Respondents(r) => dispatch.dispatch(Action::Respondents(r)),
                FromEngine::Restored(snapshot) => dispatch.dispatch(Action::Restored(snapshot)),
                FromEngine::Forgotten => dispatch.dispatch(Action::Forgotten),
                FromEngine::Notice(storage, message) => {
                    dispatch.dispatch(Action::Notice(Some(if storage {
                        Notice::Storage(message)
                    } else {
                        Notice::Error(message)
                    })))
                }
                FromEngine::Backup => {
                    let saved = attachment
                        .dyn_into::<web_sys::Blob>()
                        .map_err(|_| "the engine sent no file".to_string())
                        .and_then(|blob| {
                            browser::download_blob(
                                &format!("referral-radar-backup-{today}.json"),
                                &blob,
                            )
                        });
                    if let Err(e) = saved {
                        dispatch.dispatch(Action::Notice(Some(Notice::Error(format!(
                            "The backup could not be saved ({e})."
                        )))));
                    }
                }
                FromEngine::Fatal(message) => super::panic::show(&message),
            };
            match EngineClient::spawn(on_message) {
                Ok(client) => {
                    client.send(&ToEngine::Start(today), None);
                    Some(client)
                }
                Err(e) => {
                    super::panic::show(&format!("the engine could not start ({e})"));
                    None
                }
            }
        })
    };
    let send = {
        let engine = engine.clone();
        Rc::new(move |msg: ToEngine, attachment: Option<JsValue>| {
            if let Some(e) = engine.as_ref() {
                e.send(&msg, attachment.as_ref());
            }
        })
    };

    // Every decision goes to the engine, which ranks again and saves it.
    {
        let send = send.clone();
        let state_now = state.clone();
        use_effect_with(state.revision, move |_| {
            if state_now.loaded {
                send(ToEngine::Sync(Box::new(state_now.sync_state(today))), None);
            }
        });
    }

    let ask_list: Rc<AskList> = {
        let view = state.view.clone();
        (*use_memo(state.view_seq, move |_| Rc::new(view.ask_list.clone()))).clone()
    };
    let promoter_keys: Vec<String> = state
        .view
        .promoters
        .iter()
        .filter(|(_, score)| state.settings.may_ask(*score))
        .map(|(k, _)| k.clone())
        .collect();
    let goal = goal_report(
        &state.asks,
        &promoter_keys,
        state.settings.sql_goal,
        state.settings.fiscal_year_start_month,
        state.settings.fiscal_year_start_day,
        today,
    );
    let respondents = state.respondents.clone();

    let read_files = {
        let send = send.clone();
        Callback::from(move |files: Option<web_sys::FileList>| {
            let Some(files) = files else { return };
            if files.length() == 0 {
                return;
            }
            let list = js_sys::Array::new();
            for i in 0..files.length() {
                if let Some(f) = files.get(i) {
                    list.push(&f);
                }
            }
            send(ToEngine::Import, Some(list.into()));
        })
    };
    let on_replace = {
        let send = send.clone();
        Callback::from(move |(id, file): (u32, web_sys::File)| {
            send(ToEngine::Replace(id), Some(file.into()));
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
    let notify = {
        let dispatch = state.dispatcher();
        move |n: Notice| dispatch.dispatch(Action::Notice(Some(n)))
    };
    let load_sample = {
        let send = send.clone();
        let notify = notify.clone();
        Callback::from(move |_: MouseEvent| {
            let list = js_sys::Array::new();
            for (name, bytes) in sample::files(today) {
                match browser::file_from_bytes(name, &bytes) {
                    Ok(f) => {
                        list.push(&f);
                    }
                    Err(e) => {
                        return notify(Notice::Error(format!(
                            "The sample data could not be prepared ({e})."
                        )))
                    }
                }
            }
            send(ToEngine::Import, Some(list.into()));
        })
    };
    let on_remove = {
        let dispatch = state.dispatcher();
        let send = send.clone();
        Callback::from(move |id: u32| {
            dispatch.dispatch(Action::Remove(id));
            send(ToEngine::Remove(id), None);
        })
    };
    let on_reimport = {
        let send = send.clone();
        Callback::from(move |(id, options): (u32, ImportOptions)| {
            send(ToEngine::Reimport(id, options), None)
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
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(ToEngine::Backup(today.to_string()), None))
    };
    let backup_import = {
        let send = send.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            input.set_value("");
            send(ToEngine::Restore, Some(file.into()));
        })
    };
    let forget_all = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message("Forget everything on this device? Files, settings and tracked asks are removed from this browser. Download a backup first if you want to keep them.").ok())
                .unwrap_or(false);
            if confirmed {
                send(ToEngine::Forget, None);
            }
        })
    };
    let cancel_reading = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(ToEngine::Cancel, None))
    };
    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Notice(None)))
    };

    let has_data = !state.files.is_empty();
    let tracked_count = state.asks.len();
    // Files queued but not yet read (a replaced file shows on its card).
    let waiting: Vec<&PendingFile> = state
        .pending
        .iter()
        .filter(|p| !state.files.iter().any(|f| f.id == p.id))
        .collect();

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
                data-testid="drop-zone" data-engine={if state.engine_ready { "ready" } else { "starting" }}
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
            if !state.loaded {
                <p class="reading muted" role="status" data-testid="restoring">
                    { if state.engine_ready { "Opening the work saved in this browser…" } else { "Starting…" } }
                </p>
            }
            if !state.pending.is_empty() {
                <div class="reading" role="status" data-testid="import-progress"
                    data-done={state.reading.done.to_string()} data-total={state.reading.total.to_string()}>
                    <label>
                        { format!("Reading files: {} of {} done ", state.reading.done, state.reading.total) }
                        <progress data-testid="import-progress-bar" max="1000" value={overall_permille(&state).to_string()}></progress>
                    </label>
                    <button type="button" class="secondary" data-testid="cancel-import" onclick={cancel_reading}>{ "Cancel" }</button>
                </div>
            }
            <div class="cards" data-testid="file-cards">
                { for state.files.iter().map(|f| html! {
                    <FileCard key={f.id} file={f.clone()} on_remove={on_remove.clone()} on_reimport={on_reimport.clone()}
                        owner={state.owner_of(f)} respondents={respondents.clone()} on_owner={on_owner.clone()} on_replace={on_replace.clone()}
                        reading={state.pending.iter().find(|p| p.id == f.id).cloned()} />
                }) }
                { for waiting.iter().take(PENDING_CARDS).map(|p| html! {
                    <PendingCard key={format!("pending-{}", p.id)} file={(*p).clone()} />
                }) }
            </div>
            if waiting.len() > PENDING_CARDS {
                <p class="muted" data-testid="more-waiting">
                    { format!("…and {} more files waiting to be read.", waiting.len() - PENDING_CARDS) }
                </p>
            }
            if !state.view.notes.is_empty() {
                <ul class="notes muted">{ for state.view.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
        </section>
        if has_data {
            <section id="nps" aria-labelledby="nps-title">
                <h2 id="nps-title">{ "2. NPS" }</h2>
                <NpsView report={state.view.nps.clone()} />
            </section>
            <section id="asks" aria-labelledby="asks-title">
                <h2 id="asks-title">{ "3. Ask list" }
                    if state.updating() {
                        <span class="updating muted" role="status" data-testid="updating">{ " updating…" }</span>
                    }
                </h2>
                if ask_list.asks.is_empty() {
                    <p class="muted" data-testid="ask-list-empty">{ "No introductions yet: the list needs an NPS survey with promoters, their networks (choose each network's owner on its card), and an ICP target list (or Settings → any company)." }</p>
                }
                <AskListView list={ask_list.clone()} accounts={state.accounts.clone()} today={today} on_state={on_state.clone()} on_veto={on_veto} />
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
            if state.view.rows > 0 {
                <p data-testid="engine-status" data-rows={state.view.rows.to_string()}
                    data-compute-ms={format!("{:.1}", state.view.compute_ms)}
                    data-memory-bytes={format!("{:.0}", state.view.memory_bytes)}>
                    { format!("{} rows held in this tab · last ranking {:.0} ms · {:.0} MB of memory",
                        state.view.rows, state.view.compute_ms, state.view.memory_bytes / 1_048_576.0) }
                </p>
            }
            { "Referral Radar runs entirely in this browser tab: no server, no upload, no tracking. Your work is kept in this browser until you forget it." }
        </footer>
        </>
    }
}

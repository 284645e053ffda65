//! The engine's event loop in the worker: messages in, one job at a time,
//! the view and a save once the queue is empty.
//!
//! Two cores: the engine starts a second worker, the *reader* (the same
//! `worker.js`, named `reader`, running [`start_reader`]). While files are
//! queued, the reader reads and imports the next one as the engine does
//! the one after; it sends its import back as one transferred buffer
//! ([`super::codec`]), which the engine decodes in a fraction of the time
//! importing takes. The engine keeps every file and decides everything;
//! the reader keeps nothing. Files are kept in the order they were dropped
//! whichever side finishes first. Should the reader not start or fail, the
//! engine does its job itself.
//!
//! Work is done in small steps, each its own task: reading and importing
//! one file, then yielding (through a `MessageChannel`, which is not
//! clamped like `setTimeout`) so a `Cancel` or a `Sync` from the page is
//! handled between files. The view is computed, and the state saved, only
//! when no file is waiting, so a batch of a hundred files costs one
//! candidate build, not a hundred.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, IdbDatabase, MessageEvent};

use super::codec;
use super::protocol::{
    summary, FileSummary, FromEngine, Pending, Snapshot, SyncState, ToEngine, View,
};
use super::storage::{self, Saved};
use crate::core::ask::AccountWayIn;
use crate::core::backup::{Backup, BackupFile, FORMAT, SCHEMA};
use crate::core::candidates::{asked_people, build_candidates, CandidateSet, Dataset};
use crate::core::dates::Date;
use crate::core::goal::AskRecord;
use crate::core::import::{import_file, ImportOptions, ImportedFile};
use crate::core::limits::MAX_FILE_BYTES;
use crate::core::model::{NpsResponse, Problem, Records};
use crate::core::nps::nps_report;
use crate::core::owners::{self, owner_of, respondents};
use crate::core::rank::{rank, Weights};
use crate::core::settings::Settings;

/// Bytes read per step while streaming a file in, so progress shows.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

struct EngineFile {
    id: u32,
    /// Its entry in this browser's storage (`file:…`), kept across visits.
    key: String,
    /// The file as the user picked it, to read again with corrections.
    /// `None` for files restored from storage or a backup.
    source: Option<File>,
    options: ImportOptions,
    owner: Option<String>,
    imported: ImportedFile,
    import_ms: f64,
    /// Bumped whenever what is saved of this file changes.
    generation: u64,
}

enum Job {
    Import { id: u32, file: File },
    Replace { id: u32, file: File },
}

impl Job {
    fn id(&self) -> u32 {
        match self {
            Job::Import { id, .. } | Job::Replace { id, .. } => *id,
        }
    }
}

#[derive(Default)]
struct Engine {
    files: Vec<EngineFile>,
    next_id: u32,
    generation: u64,
    queue: VecDeque<Job>,
    sync: Option<SyncState>,
    /// Storage is read (or failed); jobs wait until then.
    started: bool,
    db: Option<IdbDatabase>,
    saved: Rc<RefCell<Saved>>,
    saving: bool,
    save_dirty: bool,
    view_dirty: bool,
    /// Candidates are rebuilt only when the data or their settings change.
    data_version: u64,
    candidates: Option<(u64, Settings, Rc<CandidateSet>)>,
    step_scheduled: bool,
    channel: Option<web_sys::MessageChannel>,
    /// The page's today (it may be fixed for a demo or a test).
    today: Option<Date>,
    reader: Option<Reader>,
    /// `Ready` was posted.
    said_ready: bool,
    /// Imports the reader finished, waiting to be added (in arrival order).
    finished: VecDeque<(u32, File, ImportedFile, f64)>,
}

/// The reader worker, as the engine sees it.
struct Reader {
    worker: web_sys::Worker,
    /// It has loaded and takes jobs.
    ready: bool,
    /// The files it is importing, in order (kept to import them here if
    /// the reader fails), each with whether it was removed (or everything
    /// forgotten) meanwhile, so its import is dropped when it arrives. Up
    /// to [`READER_JOBS`]: the next is waiting when it finishes one.
    jobs: VecDeque<(u32, File, bool)>,
}

/// Files handed to the reader at a time.
const READER_JOBS: usize = 2;

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

fn post(msg: &FromEngine) {
    post_with(msg, None);
}

fn post_with(msg: &FromEngine, attachment: Option<&JsValue>) {
    let data = js_sys::Array::of1(&JsValue::from_str(&msg.to_json()));
    if let Some(a) = attachment {
        data.push(a);
    }
    let _ = scope().post_message(&data);
}

fn notice(storage: bool, message: String) {
    post(&FromEngine::Notice(storage, message));
}

/// A panic in this worker reaches whoever started it as `Fatal` (the page
/// shows it; the engine takes its reader's as the reader failing).
fn report_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        post(&FromEngine::Fatal(message));
    }));
}

/// Start the engine in this worker: handle messages, say we are ready.
pub fn start() {
    report_panics();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        let data: js_sys::Array = e.data().unchecked_into();
        let Some(json) = data.get(0).as_string() else {
            return;
        };
        match serde_json::from_str::<ToEngine>(&json) {
            Ok(msg) => handle(msg, data.get(1)),
            Err(e) => notice(
                false,
                format!("The engine got a message it cannot read ({e})."),
            ),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    // Steps are scheduled through a channel of our own.
    if let Ok(channel) = web_sys::MessageChannel::new() {
        let on_step = Closure::<dyn FnMut(MessageEvent)>::new(|_| step());
        channel
            .port1()
            .set_onmessage(Some(on_step.as_ref().unchecked_ref()));
        on_step.forget();
        ENGINE.with(|e| e.borrow_mut().channel = Some(channel));
    }
    // Ready once the reader is too (or has failed, or after 5 s without
    // it): everything the app fetches is fetched by then.
    if spawn_reader() {
        let give_up = Closure::once_into_js(|| {
            if ENGINE.with(|e| e.borrow().reader.as_ref().is_some_and(|r| !r.ready)) {
                reader_failed();
            }
        });
        let _ = scope()
            .set_timeout_with_callback_and_timeout_and_arguments_0(give_up.unchecked_ref(), 5000);
    } else {
        say_ready();
    }
}

/// Tell the page the engine is ready (once).
fn say_ready() {
    let first = ENGINE.with(|e| !std::mem::replace(&mut e.borrow_mut().said_ready, true));
    if first {
        post(&FromEngine::Ready);
    }
}

/// Start the reader worker (see the module docs); without one, the engine
/// imports everything itself. Whether one was started.
fn spawn_reader() -> bool {
    let href = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("location"))
        .and_then(|l| js_sys::Reflect::get(&l, &JsValue::from_str("href")))
        .ok()
        .and_then(|h| h.as_string());
    let Some(href) = href else {
        return false;
    };
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    options.set_name("reader");
    let Ok(worker) = web_sys::Worker::new_with_options(&href, &options) else {
        return false;
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        from_reader(e.data().unchecked_into());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_| reader_failed());
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    ENGINE.with(|e| {
        e.borrow_mut().reader = Some(Reader {
            worker,
            ready: false,
            jobs: VecDeque::new(),
        })
    });
    true
}

/// A message from the reader: ready, progress (passed on to the page), an
/// import, or anything else (it failed).
fn from_reader(data: js_sys::Array) {
    match data.get(0).as_string().as_deref() {
        Some("ready") => {
            ENGINE.with(|e| {
                if let Some(r) = &mut e.borrow_mut().reader {
                    r.ready = true;
                }
            });
            say_ready();
            schedule();
        }
        Some("done") => {
            let bytes = js_sys::Uint8Array::new(&data.get(2)).to_vec();
            let decoded = codec::decode(&bytes);
            drop(bytes);
            let failed = ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                let r = e.reader.as_mut()?;
                let (id, file, dropped) = r.jobs.pop_front()?;
                match decoded {
                    _ if dropped => None,
                    Ok((imported, ms)) => {
                        e.finished.push_back((id, file, imported, ms));
                        None
                    }
                    // Not expected; the file is imported here instead.
                    Err(_) => Some((id, file)),
                }
            });
            if let Some((id, file)) = failed {
                ENGINE.with(|e| e.borrow_mut().queue.push_front(Job::Import { id, file }));
            }
            schedule();
        }
        Some(json) if FromEngine::is_progress(json) => {
            let _ = scope().post_message(&data);
        }
        // A fatal error (its panic hook, or worker.js failing to load).
        _ => reader_failed(),
    }
}

/// The reader failed: stop it and do its job here.
fn reader_failed() {
    let job = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let r = e.reader.take()?;
        r.worker.terminate();
        Some(r.jobs)
    });
    for (id, file, dropped) in job.into_iter().flatten().rev() {
        if !dropped {
            ENGINE.with(|e| e.borrow_mut().queue.push_front(Job::Import { id, file }));
        }
    }
    say_ready();
    schedule();
}

/// The reader's side: import each file the engine sends and send the
/// import back; keep nothing.
pub fn start_reader() {
    report_panics();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        let data: js_sys::Array = e.data().unchecked_into();
        let id = data.get(0).as_f64().unwrap_or_default() as u32;
        let Ok(file) = data.get(1).dyn_into::<File>() else {
            return;
        };
        let (imported, ms) = read_and_import(id, &file, &ImportOptions::default());
        let bytes = js_sys::Uint8Array::from(codec::encode(imported, ms).as_slice());
        let msg = js_sys::Array::of3(&JsValue::from_str("done"), &JsValue::from(id), &bytes);
        let _ = scope().post_message_with_transfer(&msg, &js_sys::Array::of1(&bytes.buffer()));
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope().post_message(&js_sys::Array::of1(&JsValue::from_str("ready")));
}

fn schedule() {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        if e.step_scheduled {
            return;
        }
        e.step_scheduled = true;
        match &e.channel {
            Some(c) => {
                let _ = c.port2().post_message(&JsValue::NULL);
            }
            None => {
                // No MessageChannel: a timer does the same, a little slower.
                let f = Closure::once_into_js(step);
                let _ = scope()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
            }
        }
    });
}

fn handle(msg: ToEngine, attachment: JsValue) {
    match msg {
        ToEngine::Start(today) => {
            ENGINE.with(|e| e.borrow_mut().today = Some(today));
            wasm_bindgen_futures::spawn_local(load());
        }
        ToEngine::Import => {
            let files: js_sys::Array = if attachment.is_array() {
                attachment.unchecked_into()
            } else {
                js_sys::Array::of1(&attachment)
            };
            let mut queued = Vec::new();
            ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                for f in files.iter() {
                    let Ok(file) = f.dyn_into::<File>() else {
                        continue;
                    };
                    e.next_id += 1;
                    let id = e.next_id;
                    queued.push(Pending {
                        id,
                        name: file.name(),
                        bytes: file.size() as u64,
                    });
                    e.queue.push_back(Job::Import { id, file });
                }
            });
            post(&FromEngine::Queued(queued));
            schedule();
        }
        ToEngine::Replace(id) => {
            let Ok(file) = attachment.dyn_into::<File>() else {
                return;
            };
            post(&FromEngine::Queued(vec![Pending {
                id,
                name: file.name(),
                bytes: file.size() as u64,
            }]));
            ENGINE.with(|e| e.borrow_mut().queue.push_back(Job::Replace { id, file }));
            schedule();
        }
        ToEngine::Reimport(id, options) => {
            let source = ENGINE.with(|e| {
                e.borrow()
                    .files
                    .iter()
                    .find(|f| f.id == id)
                    .and_then(|f| f.source.clone())
            });
            let Some(file) = source else {
                return;
            };
            let (imported, ms) = read_and_import(id, &file, &options);
            store_reading(id, None, options, imported, ms);
            data_changed();
        }
        ToEngine::Remove(id) => {
            ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                e.files.retain(|f| f.id != id);
                e.queue.retain(|j| j.id() != id);
                e.finished.retain(|f| f.0 != id);
                if let Some(r) = &mut e.reader {
                    for j in r.jobs.iter_mut().filter(|j| j.0 == id) {
                        j.2 = true;
                    }
                }
            });
            data_changed();
        }
        ToEngine::Cancel => {
            let ids: Vec<u32> =
                ENGINE.with(|e| e.borrow_mut().queue.drain(..).map(|j| j.id()).collect());
            post(&FromEngine::Cancelled(ids));
        }
        ToEngine::Sync(sync) => {
            ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                let mut owners_changed = false;
                for (id, owner) in &sync.owners {
                    let Some(i) = e.files.iter().position(|f| f.id == *id) else {
                        continue;
                    };
                    if e.files[i].owner != *owner {
                        let generation = e.bump();
                        let f = &mut e.files[i];
                        f.owner = owner.clone();
                        f.generation = generation;
                        owners_changed = true;
                    }
                }
                // Candidates read only who was asked (`asked_people`): an
                // ask moving on from "asked" only re-ranks.
                let history_changed = e
                    .sync
                    .as_ref()
                    .is_none_or(|s| asked_people(&s.asks) != asked_people(&sync.asks));
                if owners_changed || history_changed {
                    e.data_version += 1;
                }
                e.today = Some(sync.today);
                e.sync = Some(*sync);
                e.view_dirty = true;
                e.save_dirty = true;
            });
            schedule();
        }
        ToEngine::Backup(saved_on) => backup(saved_on),
        ToEngine::Restore => {
            let Ok(file) = attachment.dyn_into::<File>() else {
                return;
            };
            restore(&file);
        }
        ToEngine::Forget => wasm_bindgen_futures::spawn_local(forget()),
    }
}

impl Engine {
    fn bump(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }
}

fn file_summary(f: &EngineFile) -> FileSummary {
    summary(
        f.id,
        &f.options,
        &f.owner,
        &f.imported,
        f.import_ms,
        f.source.is_some(),
    )
}

/// Every NPS response held, across files.
fn responses(files: &[EngineFile]) -> Vec<&NpsResponse> {
    owners::responses(files.iter().map(|f| &f.imported))
}

/// Tell the page file `id` was imported, with its owner guessed from the
/// responses held now; after a survey, the respondents too, so the cards
/// that follow show their owners before the next view.
fn announce(id: u32) {
    let (summary, respondents) = ENGINE.with(|e| {
        let e = e.borrow();
        let Some(f) = e.files.iter().find(|f| f.id == id) else {
            return (None, None);
        };
        let people = responses(&e.files);
        let mut s = file_summary(f);
        s.guessed_owner = owner_of(&f.imported, None, &people);
        let r = matches!(f.imported.records, Records::Nps(_)).then(|| respondents(people));
        (Some(s), r)
    });
    if let Some(s) = summary {
        post(&FromEngine::Imported(Box::new(s)));
    }
    if let Some(r) = respondents {
        post(&FromEngine::Respondents(r));
    }
}

fn data_changed() {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.data_version += 1;
        e.view_dirty = true;
        e.save_dirty = true;
    });
    schedule();
}

/// Read `file` in chunks (reporting progress as `id`) and import it.
/// Returns the import and the milliseconds from bytes to typed rows.
fn read_and_import(id: u32, file: &File, options: &ImportOptions) -> (ImportedFile, f64) {
    let name = file.name();
    let size = file.size();
    let failed = |why: String| {
        let mut imported = ImportedFile {
            file: name.clone(),
            ..ImportedFile::default()
        };
        imported.problems.push(Problem::file(why));
        (imported, 0.0)
    };
    if size > MAX_FILE_BYTES as f64 {
        return failed(format!(
            "{name} is {:.0} MB; Referral Radar reads files up to {} MB. Nothing was imported from it: split it or export less.",
            size / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    let reader = match FileReaderSync::new() {
        Ok(r) => r,
        Err(e) => return failed(format!("The browser could not read {name} ({e:?}).")),
    };
    let mut bytes = vec![0u8; size as usize];
    let mut at = 0f64;
    while at < size {
        let end = (at + CHUNK).min(size);
        let chunk = file
            .slice_with_f64_and_f64(at, end)
            .and_then(|blob| reader.read_as_array_buffer(&blob));
        match chunk {
            Ok(buf) => {
                js_sys::Uint8Array::new(&buf).copy_to(&mut bytes[at as usize..end as usize]);
            }
            Err(e) => {
                let why = e
                    .dyn_ref::<web_sys::DomException>()
                    .map_or_else(|| format!("{e:?}"), |x| x.message());
                return failed(format!(
                    "The browser could not read {name} ({why}). Nothing was imported from it: if the file was moved or changed, pick it again."
                ));
            }
        }
        at = end;
        post(&FromEngine::Progress(id, at as u64, size as u64));
    }
    let start = now_ms();
    let imported = import_file(&name, &bytes, options);
    (imported, now_ms() - start)
}

/// One step: an import the reader finished, else a file from the queue
/// (handing the reader the one before it when both can work), else the
/// view, else a save.
fn step() {
    let (finished, job) = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.step_scheduled = false;
        if !e.started {
            return (None, None);
        }
        if let Some(f) = e.finished.pop_front() {
            return (Some(f), None);
        }
        // Keep the reader supplied while at least one file is left here.
        while e
            .reader
            .as_ref()
            .is_some_and(|r| r.ready && r.jobs.len() < READER_JOBS)
            && e.queue.len() >= 2
            && matches!(e.queue.front(), Some(Job::Import { .. }))
        {
            let Some(Job::Import { id, file }) = e.queue.pop_front() else {
                break;
            };
            let r = e.reader.as_mut().expect("checked above");
            let sent = r
                .worker
                .post_message(&js_sys::Array::of2(&JsValue::from(id), &file));
            if sent.is_err() {
                e.queue.push_front(Job::Import { id, file });
                break;
            }
            r.jobs.push_back((id, file, false));
        }
        (None, e.queue.pop_front())
    });
    if let Some((id, file, imported, ms)) = finished {
        add_file(id, file, imported, ms);
        schedule();
        return;
    }
    if let Some(job) = job {
        run(job);
        schedule();
        return;
    }
    let (view, save) = ENGINE.with(|e| {
        let e = e.borrow();
        // Not while the reader still has a file of this batch.
        let reading = e.reader.as_ref().is_some_and(|r| !r.jobs.is_empty());
        (
            e.started && e.view_dirty && e.sync.is_some() && !reading,
            e.started && e.save_dirty && e.sync.is_some() && !e.saving && !reading,
        )
    });
    if view {
        post_view(compute_view());
    }
    if save {
        wasm_bindgen_futures::spawn_local(save_now());
    }
}

fn run(job: Job) {
    match job {
        Job::Import { id, file } => {
            let (imported, ms) = read_and_import(id, &file, &ImportOptions::default());
            add_file(id, file, imported, ms);
        }
        Job::Replace { id, file } => {
            let (imported, ms) = read_and_import(id, &file, &ImportOptions::default());
            store_reading(id, Some(file), ImportOptions::default(), imported, ms);
            data_changed();
        }
    }
}

/// A new file, in drop order (ids grow with it) whichever worker read it;
/// the page is told.
fn add_file(id: u32, file: File, imported: ImportedFile, ms: f64) {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let generation = e.bump();
        let f = EngineFile {
            id,
            key: new_key(id),
            source: Some(file),
            options: ImportOptions::default(),
            owner: None,
            imported,
            import_ms: ms,
            generation,
        };
        let at = e.files.partition_point(|f| f.id < id);
        e.files.insert(at, f);
    });
    announce(id);
    data_changed();
}

/// A new reading of file `id` takes the old one's place (with the new
/// `source` file, if any, and `options`); the page is told. Nothing
/// happens if the file was removed meanwhile.
fn store_reading(
    id: u32,
    source: Option<File>,
    options: ImportOptions,
    imported: ImportedFile,
    ms: f64,
) {
    let found = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let generation = e.bump();
        let f = e.files.iter_mut().find(|f| f.id == id)?;
        if source.is_some() {
            f.source = source;
        }
        f.imported = imported;
        f.import_ms = ms;
        f.options = options;
        f.generation = generation;
        Some(())
    });
    if found.is_some() {
        announce(id);
    }
}

/// Asks and accounts per message: a part the page reads in a few ms.
const ASKS_PER_PART: usize = 100;
const ACCOUNTS_PER_PART: usize = 1000;

/// Send a view in parts (see [`FromEngine::View`]).
fn post_view((mut view, accounts): (View, Vec<AccountWayIn>)) {
    let revision = view.revision;
    let asks = std::mem::take(&mut view.ask_list.asks);
    view.asks_total = asks.len();
    post(&FromEngine::View(Box::new(view)));
    let mut asks = asks.into_iter().peekable();
    while asks.peek().is_some() {
        let part: Vec<_> = asks.by_ref().take(ASKS_PER_PART).collect();
        post(&FromEngine::Asks(revision, part));
    }
    let mut accounts = accounts.into_iter().peekable();
    loop {
        let part: Vec<_> = accounts.by_ref().take(ACCOUNTS_PER_PART).collect();
        let done = accounts.peek().is_none();
        post(&FromEngine::Accounts(revision, part, done));
        if done {
            break;
        }
    }
}

/// Candidates (rebuilt only when needed), the ranking, NPS and owners.
fn compute_view() -> (View, Vec<AccountWayIn>) {
    let start = now_ms();
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.view_dirty = false;
        let sync = e.sync.clone().expect("a view is computed after a sync");
        let responses = responses(&e.files);
        let owners: Vec<(u32, Option<String>)> = e
            .files
            .iter()
            .map(|f| (f.id, owner_of(&f.imported, f.owner.as_deref(), &responses)))
            .collect();
        let respondents = respondents(responses.iter().copied());
        let cand_settings = Settings {
            weights: Weights::default(),
            ..sync.settings.clone()
        };
        let fresh = match &e.candidates {
            Some((v, s, c)) if *v == e.data_version && *s == cand_settings => Some(c.clone()),
            _ => None,
        };
        let candidates = match fresh {
            Some(c) => c,
            None => {
                let mut dataset = Dataset::with_owners(
                    e.files
                        .iter()
                        .zip(&owners)
                        .map(|(f, (_, o))| (&f.imported, o.clone())),
                );
                dataset.history = &sync.asks;
                Rc::new(build_candidates(&dataset, &cand_settings))
            }
        };
        let mut ask_list = rank(
            &candidates,
            &sync.settings.weights,
            &sync.settings,
            sync.today,
        );
        let accounts = std::mem::take(&mut ask_list.accounts);
        let mut rows: Vec<NpsResponse> = Vec::new();
        let mut problems: Vec<Problem> = Vec::new();
        for f in &e.files {
            if let Records::Nps(r) = &f.imported.records {
                rows.extend(r.iter().cloned());
                problems.extend(f.imported.problems.iter().cloned());
            }
        }
        let nps = nps_report(&rows, &problems);
        let view = View {
            revision: sync.revision,
            ask_list,
            nps,
            notes: candidates.notes.clone(),
            promoters: candidates
                .promoters
                .iter()
                .map(|p| (p.key().to_string(), p.score))
                .collect(),
            respondents,
            owners,
            compute_ms: 0.0,
            asks_total: 0,
            rows: e.files.iter().map(|f| f.imported.records.len()).sum(),
            memory_bytes: (core::arch::wasm32::memory_size(0) * 65536) as f64,
        };
        let version = e.data_version;
        e.candidates = Some((version, cand_settings, candidates));
        (
            View {
                compute_ms: now_ms() - start,
                ..view
            },
            accounts,
        )
    })
}

/// The borrowed shape of `BackupFile`, to save a file without cloning it.
#[derive(Serialize)]
struct BackupFileRef<'a> {
    options: &'a ImportOptions,
    owner: &'a Option<String>,
    imported: &'a ImportedFile,
}

/// The borrowed shape of `Backup`.
#[derive(Serialize)]
struct BackupRef<'a> {
    format: &'a str,
    schema: u32,
    saved_on: Option<String>,
    settings: &'a Settings,
    files: Vec<BackupFileRef<'a>>,
    asks: &'a [AskRecord],
}

/// Save what changed since the last save: each changed file's entry in
/// turn (only one file's JSON in memory at a time), then `meta`, the
/// commit point (see storage.rs).
async fn save_now() {
    let prepared = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let db = e.db.clone()?;
        e.sync.as_ref()?;
        e.saving = true;
        e.save_dirty = false;
        let saved = e.saved.borrow();
        let changed: Vec<String> = e
            .files
            .iter()
            .filter(|f| saved.files.get(&f.key) != Some(&f.generation))
            .map(|f| f.key.clone())
            .collect();
        drop(saved);
        Some((db, changed, e.saved.clone()))
    });
    let Some((db, changed, saved)) = prepared else {
        return;
    };
    let mut result = Ok(());
    for key in changed {
        // Serialised now, from the file as it is now (it may have gone).
        let json = ENGINE.with(|e| {
            let e = e.borrow();
            let f = e.files.iter().find(|f| f.key == key)?;
            Some((
                f.generation,
                serde_json::to_string(&BackupFileRef {
                    options: &f.options,
                    owner: &f.owner,
                    imported: &f.imported,
                }),
            ))
        });
        let Some((generation_now, json)) = json else {
            continue;
        };
        let json = match json {
            Ok(j) => j,
            Err(e) => {
                result = Err(e.to_string());
                break;
            }
        };
        if let Err(e) = storage::put_file(&db, &key, &json).await {
            result = Err(e);
            break;
        }
        saved.borrow_mut().files.insert(key, generation_now);
    }
    if result.is_ok() {
        // The state is the files whose entries are written, with the
        // settings and asks as they are now.
        let commit = ENGINE.with(|e| {
            let e = e.borrow();
            let saved = e.saved.borrow();
            let keys: Vec<String> = e
                .files
                .iter()
                .filter(|f| saved.files.contains_key(&f.key))
                .map(|f| f.key.clone())
                .collect();
            let all_written = keys.len() == e.files.len();
            e.sync
                .as_ref()
                .map(|s| (s.settings.clone(), s.asks.clone(), keys, all_written))
        });
        if let Some((settings, asks, keys, all_written)) = commit {
            result = storage::commit(&db, &settings, &asks, keys.clone()).await;
            if result.is_ok() {
                saved.borrow_mut().files.retain(|k, _| keys.contains(k));
            }
            if !all_written {
                ENGINE.with(|e| e.borrow_mut().save_dirty = true);
            }
        }
    }
    if let Err(e) = result {
        notice(true, format!(
            "Your last change could not be saved in this browser ({e}). It is still on the page: download a backup to keep it."
        ));
    }
    let again = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.saving = false;
        e.save_dirty
    });
    if again {
        schedule();
    }
}

/// Open storage, restore what it holds, then start taking jobs.
async fn load() {
    let mut problem = None;
    let mut snapshot = None;
    match storage::open().await {
        Ok(db) => match storage::load(&db).await {
            Ok(Some(loaded)) => {
                snapshot = Some(install(loaded.settings, loaded.asks, loaded.files, true));
                ENGINE.with(|e| e.borrow_mut().db = Some(db));
            }
            Ok(None) => ENGINE.with(|e| e.borrow_mut().db = Some(db)),
            // What could not be read is left untouched: no saving over it.
            Err(e) => {
                problem = Some(format!(
                    "Your saved work could not be read ({e}). It was left as it is; what you do now is not kept in this browser, so download a backup before you leave"
                ))
            }
        },
        Err(e) => {
            problem = Some(format!(
                "This browser cannot keep your work between visits ({e})"
            ))
        }
    }
    ENGINE.with(|e| e.borrow_mut().started = true);
    post(&FromEngine::Loaded(snapshot, problem));
    schedule();
}

/// A storage key no earlier visit used: ids restart at every visit.
fn new_key(id: u32) -> String {
    format!("file:{}-{id}", js_sys::Date::now() as u64)
}

/// Replace every file with `files` (from storage, with their keys, or from
/// a backup); returns what the page shows. Files from storage count as
/// saved; a backup's are saved next. Files waiting to be read stay queued.
fn install(
    settings: Settings,
    asks: Vec<AskRecord>,
    files: Vec<(String, BackupFile)>,
    from_storage: bool,
) -> Snapshot {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.files.clear();
        let mut saved = HashMap::new();
        for (key, f) in files {
            let generation = e.bump();
            e.next_id += 1;
            let id = e.next_id;
            let key = if from_storage {
                saved.insert(key.clone(), generation);
                key
            } else {
                new_key(id)
            };
            e.files.push(EngineFile {
                id,
                key,
                source: None,
                options: f.options,
                owner: f.owner,
                imported: f.imported,
                import_ms: 0.0,
                generation,
            });
        }
        // What is installed is what the user decided, until the page says more.
        let today = e.today.unwrap_or_else(|| Date::from_days(0));
        let revision = e.sync.as_ref().map_or(0, |s| s.revision);
        e.sync = Some(SyncState {
            settings: settings.clone(),
            asks: asks.clone(),
            owners: Vec::new(),
            today,
            revision,
        });
        if from_storage {
            e.saved.borrow_mut().files = saved;
        }
        e.data_version += 1;
        e.view_dirty = true;
        e.save_dirty = !from_storage;
        Snapshot {
            settings,
            asks,
            files: e.files.iter().map(file_summary).collect(),
        }
    })
}

/// Everything as a backup file, handed to the page as a `Blob`.
fn backup(saved_on: String) {
    let json = ENGINE.with(|e| {
        let e = e.borrow();
        let default = SyncState {
            settings: Settings::default(),
            asks: Vec::new(),
            owners: Vec::new(),
            today: Date::from_days(0),
            revision: 0,
        };
        let sync = e.sync.as_ref().unwrap_or(&default);
        serde_json::to_string(&BackupRef {
            format: FORMAT,
            schema: SCHEMA,
            saved_on: Some(saved_on),
            settings: &sync.settings,
            files: e
                .files
                .iter()
                .map(|f| BackupFileRef {
                    options: &f.options,
                    owner: &f.owner,
                    imported: &f.imported,
                })
                .collect(),
            asks: &sync.asks,
        })
    });
    let json = match json {
        Ok(j) => j,
        Err(e) => return notice(false, format!("The backup could not be written ({e}).")),
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(&json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    match web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        Ok(blob) => post_with(&FromEngine::Backup, Some(&blob)),
        Err(e) => notice(false, format!("The backup could not be written ({e:?}).")),
    }
}

/// Read a backup file and replace everything with it — or change nothing.
fn restore(file: &File) {
    let text = FileReaderSync::new().and_then(|r| r.read_as_text(file));
    let backup = match text {
        Ok(t) => Backup::from_json(&t).map_err(|e| e.to_string()),
        Err(e) => Err(format!(
            "The backup could not be read ({e:?}). Nothing was changed."
        )),
    };
    match backup {
        Ok(b) => {
            // A backup replaces everything, files still waiting included.
            let dropped: Vec<u32> =
                ENGINE.with(|e| e.borrow_mut().queue.drain(..).map(|j| j.id()).collect());
            if !dropped.is_empty() {
                post(&FromEngine::Cancelled(dropped));
            }
            let files = b.files.into_iter().map(|f| (String::new(), f)).collect();
            let snapshot = install(b.settings, b.asks, files, false);
            post(&FromEngine::Restored(snapshot));
            schedule();
        }
        Err(message) => notice(false, message),
    }
}

/// Clear storage, then everything held here.
async fn forget() {
    let db = ENGINE.with(|e| e.borrow().db.clone());
    if let Some(db) = db {
        if let Err(e) = storage::clear(&db).await {
            return notice(
                true,
                format!("This browser's copy could not be removed ({e})"),
            );
        }
    }
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.files.clear();
        e.queue.clear();
        e.finished.clear();
        if let Some(r) = &mut e.reader {
            for j in r.jobs.iter_mut() {
                j.2 = true;
            }
        }
        e.saved.borrow_mut().files.clear();
        e.candidates = None;
        e.data_version += 1;
        e.view_dirty = true;
        e.save_dirty = false;
    });
    post(&FromEngine::Forgotten);
}

/*!
The page's state and the actions that change it: a pure reducer, so the
rules for what happens on each action live in one place. Nothing here
parses or ranks: the engine (a Web Worker) does, and its answers arrive
as actions.

What the user decides — settings, the owner chosen for each network and
every ask's dated states — is kept here and sent to the engine whenever
`revision` moves. Files are summaries (what was detected and kept, never
the rows); the ask list, NPS and owners come from the engine's `View`.
*/

use std::rc::Rc;

use yew::Reducible;

use crate::core::ask::AccountWayIn;
use crate::core::dates::Date;
use crate::core::goal::{AskRecord, AskState, StateChange};
use crate::core::settings::Settings;
use crate::core::{ImportOptions, ImportedFile};
use crate::engine::protocol::{FileSummary, Pending, Snapshot, SyncState, View};

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub id: u32,
    /// The engine still has the file as dropped, so a correction (kind,
    /// column roles) can re-read it. False for files restored from a
    /// backup or from this browser's storage.
    pub rereadable: bool,
    /// The user's corrections so far.
    pub options: ImportOptions,
    /// For a network: the owner the user chose (promoter key), if any.
    pub owner: Option<String>,
    /// What was detected and kept; `records` stay in the engine.
    pub imported: Rc<ImportedFile>,
    /// Milliseconds from the file's bytes to typed rows, in the engine.
    pub import_ms: f64,
    /// The engine's guess at the owner when the file was imported.
    pub guessed_owner: Option<String>,
}

impl From<FileSummary> for LoadedFile {
    fn from(f: FileSummary) -> LoadedFile {
        LoadedFile {
            id: f.id,
            rereadable: f.rereadable,
            options: f.options,
            owner: f.owner,
            imported: Rc::new(f.imported),
            import_ms: f.import_ms,
            guessed_owner: f.guessed_owner,
        }
    }
}

/// A file the engine is reading.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingFile {
    pub id: u32,
    pub name: String,
    pub read: u64,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub files: Vec<LoadedFile>,
    /// Files the engine is reading, in order.
    pub pending: Vec<PendingFile>,
    pub settings: Settings,
    /// Every ask that left "suggested", with its dated changes.
    pub asks: Vec<AskRecord>,
    /// Bumped on every change the engine must hear of (and save).
    pub revision: u64,
    /// What the user must know now (a storage failure, a refused backup).
    pub notice: Option<Notice>,
    /// True once the engine runs (its worker and wasm are loaded).
    pub engine_ready: bool,
    /// True once the engine has read this browser's storage.
    pub loaded: bool,
    /// The current batch of files being read.
    pub reading: Reading,
    /// What the engine derived: ask list, NPS, owners.
    pub view: Rc<View>,
    /// Bumped with each new view, for memoised renders.
    pub view_seq: u64,
    /// The best way into each account (sent apart from the view).
    pub accounts: Rc<Vec<AccountWayIn>>,
    /// NPS respondents (key, label), to choose a network's owner from.
    pub respondents: Rc<Vec<(String, String)>>,
    /// A file arrived after the current view was computed; the engine's
    /// next view (it always follows, messages keep their order) has it.
    pub stale: bool,
}

/// Progress of the current batch (not saved).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reading {
    pub total: usize,
    pub done: usize,
    pub bytes_total: u64,
    /// Bytes of the files already done.
    pub bytes_done: u64,
}

impl Default for State {
    fn default() -> State {
        State {
            files: Vec::new(),
            pending: Vec::new(),
            settings: Settings::default(),
            asks: Vec::new(),
            revision: 0,
            notice: None,
            engine_ready: false,
            loaded: false,
            reading: Reading::default(),
            view: Rc::new(View::default()),
            view_seq: 0,
            accounts: Rc::new(Vec::new()),
            respondents: Rc::new(Vec::new()),
            stale: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Saving failed; the message says why. The backup button is offered.
    Storage(String),
    /// A message that is not an error.
    Info(String),
    Error(String),
}

/// The ask a state change is about.
#[derive(Clone, Debug, PartialEq)]
pub struct AskKey {
    pub promoter: String,
    pub target: String,
    pub target_url: Option<String>,
    pub account: String,
}

pub enum Action {
    /// The engine queued these files to read.
    Queued(Vec<Pending>),
    /// Bytes of a file read so far.
    Progress {
        id: u32,
        read: u64,
        total: u64,
    },
    /// A file was imported (new, replaced or re-read).
    Imported(FileSummary),
    /// These files were not read.
    Cancelled(Vec<u32>),
    View(Rc<View>),
    Accounts(Vec<AccountWayIn>),
    Respondents(Vec<(String, String)>),
    /// The engine read this browser's storage.
    Loaded {
        saved: Option<Snapshot>,
        problem: Option<String>,
    },
    /// A backup replaced everything.
    Restored(Snapshot),
    Forgotten,
    Remove(u32),
    SetOwner {
        id: u32,
        owner: Option<String>,
    },
    SetSettings(Settings),
    SetAskState {
        ask: AskKey,
        state: AskState,
        on: Date,
    },
    Notice(Option<Notice>),
    EngineReady,
}

impl State {
    fn touch(&mut self) {
        self.revision += 1;
    }

    /// What the engine needs of the user's decisions.
    pub fn sync_state(&self, today: Date) -> SyncState {
        SyncState {
            settings: self.settings.clone(),
            asks: self.asks.clone(),
            owners: self.files.iter().map(|f| (f.id, f.owner.clone())).collect(),
            today,
            revision: self.revision,
        }
    }

    /// Whose network a file is: the user's choice, else the engine's
    /// guess (from the ZIP's Profile.csv, the file name, the respondents).
    pub fn owner_of(&self, file: &LoadedFile) -> Option<String> {
        if let Some(o) = &file.owner {
            return Some(o.clone());
        }
        self.view
            .owners
            .iter()
            .find(|(id, _)| *id == file.id)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| file.guessed_owner.clone())
            .or_else(|| file.imported.owner.clone())
    }

    /// True while the engine has not answered the latest change.
    pub fn updating(&self) -> bool {
        self.loaded
            && (self.view.revision < self.revision || !self.pending.is_empty() || self.stale)
    }

    /// New respondents, keeping the same `Rc` when nothing changed (every
    /// card takes them; an unchanged list must not re-render a card).
    fn set_respondents(&mut self, r: Vec<(String, String)>) {
        if *self.respondents != r {
            self.respondents = Rc::new(r);
        }
    }

    fn install(&mut self, snapshot: Snapshot) {
        self.settings = snapshot.settings;
        self.asks = snapshot.asks;
        self.files = snapshot.files.into_iter().map(LoadedFile::from).collect();
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Queued(files) => {
                if s.pending.is_empty() {
                    s.reading = Reading::default();
                }
                for f in files {
                    s.reading.total += 1;
                    s.reading.bytes_total += f.bytes;
                    s.pending.retain(|p| p.id != f.id);
                    s.pending.push(PendingFile {
                        id: f.id,
                        name: f.name,
                        read: 0,
                        total: f.bytes,
                    });
                }
            }
            Action::Progress { id, read, total } => {
                let Some(p) = s.pending.iter_mut().find(|p| p.id == id) else {
                    return self;
                };
                p.read = read;
                p.total = total;
            }
            Action::Imported(summary) => {
                if let Some(i) = s.pending.iter().position(|p| p.id == summary.id) {
                    let p = s.pending.remove(i);
                    s.reading.done += 1;
                    s.reading.bytes_done += p.total;
                }
                let file = LoadedFile::from(summary);
                match s.files.iter_mut().find(|f| f.id == file.id) {
                    // Replaced or re-read: keep its place and its owner.
                    Some(f) => {
                        let owner = f.owner.take();
                        *f = LoadedFile { owner, ..file };
                    }
                    // In drop order (ids grow with it): the engine and its
                    // reader finish files in either order.
                    None => {
                        let at = s.files.partition_point(|f| f.id < file.id);
                        s.files.insert(at, file);
                    }
                }
                s.stale = true;
            }
            Action::Cancelled(ids) => {
                let left = s.pending.iter().filter(|p| ids.contains(&p.id)).count();
                s.pending.retain(|p| !ids.contains(&p.id));
                if s.pending.is_empty() {
                    s.reading = Reading::default();
                }
                if left > 0 {
                    s.notice = Some(Notice::Info(format!(
                        "Stopped reading {left} file{}.",
                        if left == 1 { "" } else { "s" }
                    )));
                }
            }
            Action::View(view) => {
                s.set_respondents(view.respondents.clone());
                s.view = view;
                s.view_seq += 1;
                s.stale = false;
            }
            Action::Accounts(accounts) => {
                s.accounts = Rc::new(accounts);
            }
            Action::Respondents(r) => s.set_respondents(r),
            Action::Loaded { saved, problem } => {
                s.loaded = true;
                if let Some(snapshot) = saved {
                    s.install(snapshot);
                }
                if let Some(p) = problem {
                    s.notice = Some(Notice::Storage(p));
                }
                s.touch();
            }
            Action::Restored(snapshot) => {
                s.install(snapshot);
                s.notice = Some(Notice::Info(format!(
                    "Backup restored: {} files, {} tracked asks.",
                    s.files.len(),
                    s.asks.len()
                )));
                s.touch();
            }
            Action::Forgotten => {
                let revision = s.revision + 1;
                s = State {
                    engine_ready: true,
                    loaded: true,
                    revision,
                    view_seq: s.view_seq,
                    view: s.view.clone(),
                    notice: Some(Notice::Info(
                        "Everything was removed from this browser.".into(),
                    )),
                    ..State::default()
                };
            }
            Action::Remove(id) => {
                s.files.retain(|f| f.id != id);
                s.pending.retain(|p| p.id != id);
                s.touch();
            }
            Action::SetOwner { id, owner } => {
                if let Some(f) = s.files.iter_mut().find(|f| f.id == id) {
                    f.owner = owner.filter(|o| !o.is_empty());
                }
                s.touch();
            }
            Action::SetSettings(settings) => {
                s.settings = settings;
                s.touch();
            }
            Action::SetAskState { ask, state, on } => {
                let existing = s.asks.iter_mut().find(|r| {
                    r.promoter == ask.promoter && r.target == ask.target && r.account == ask.account
                });
                match existing {
                    Some(r) => {
                        // One change per state per day: the latest choice wins.
                        r.changes.retain(|c| !(c.on == on && c.state > state));
                        if r.current() != state {
                            r.changes.push(StateChange { state, on });
                        }
                    }
                    None if state != AskState::Suggested => s.asks.push(AskRecord {
                        promoter: ask.promoter,
                        target: ask.target,
                        target_url: ask.target_url,
                        account: ask.account,
                        changes: vec![
                            StateChange {
                                state: AskState::Suggested,
                                on,
                            },
                            StateChange { state, on },
                        ],
                    }),
                    None => {}
                }
                s.touch();
            }
            Action::Notice(n) => s.notice = n,
            Action::EngineReady => s.engine_ready = true,
        }
        Rc::new(s)
    }
}

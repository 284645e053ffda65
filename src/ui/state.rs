/*!
The app's state and the actions that change it: a pure reducer, so the
rules for what happens on each action live in one place. Nothing here
ranks or parses by itself: it calls the core.

What the user gives — files (with their corrections and chosen owners),
settings and every ask's dated states — is the state. Everything shown
(candidates, the ask list, NPS and goal figures) is derived from it in
`app.rs`, so it can never go stale.
*/

use std::rc::Rc;

use yew::Reducible;

use crate::core::backup::{Backup, BackupFile};
use crate::core::company::fold;
use crate::core::dates::Date;
use crate::core::goal::{AskRecord, AskState, StateChange};
use crate::core::model::{FileKind, NpsResponse, Records};
use crate::core::owners::guess_owner_from_file_name;
use crate::core::settings::Settings;
use crate::core::{import_file, ImportOptions, ImportedFile};

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub id: u32,
    /// The file as dropped, kept so a correction (kind, column roles) can
    /// re-read it without asking for the file again. Empty for files
    /// restored from a backup or from this browser's storage.
    pub bytes: Rc<[u8]>,
    /// The user's corrections so far.
    pub options: ImportOptions,
    /// For a network: the owner the user chose (promoter key), if any.
    pub owner: Option<String>,
    pub imported: Rc<ImportedFile>,
    /// Milliseconds from the file's bytes to typed rows.
    pub import_ms: f64,
}

/// Import `bytes` with `options`, timing it.
pub fn timed_import(name: &str, bytes: &[u8], options: &ImportOptions) -> (ImportedFile, f64) {
    let start = super::now_ms();
    let imported = import_file(name, bytes, options);
    (imported, super::now_ms() - start)
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub files: Vec<LoadedFile>,
    next_id: u32,
    pub settings: Settings,
    /// Every ask that left "suggested", with its dated changes.
    pub asks: Vec<AskRecord>,
    /// Bumped whenever what the candidates are built from changes (files,
    /// owners, asks), so derived values know to recompute.
    pub data_version: u64,
    /// Bumped on every change that must be saved.
    pub revision: u64,
    /// What the user must know now (a storage failure, a refused backup).
    pub notice: Option<Notice>,
    /// True once the saved state was loaded (or there was none).
    pub loaded: bool,
    /// Files of the current batch being read, and how many are done.
    pub reading: Reading,
}

/// Progress of the files being read now (not saved).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reading {
    pub total: usize,
    pub done: usize,
}

impl Default for State {
    fn default() -> State {
        State {
            files: Vec::new(),
            next_id: 0,
            settings: Settings::default(),
            asks: Vec::new(),
            data_version: 0,
            revision: 0,
            notice: None,
            loaded: false,
            reading: Reading::default(),
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
    /// `n` more files started reading.
    Reading(usize),
    /// The files still being read were abandoned.
    CancelReading,
    Loaded {
        bytes: Rc<[u8]>,
        imported: ImportedFile,
        import_ms: f64,
    },
    /// Read a file again with the user's corrections.
    Reimport {
        id: u32,
        options: ImportOptions,
    },
    /// A new version of a file, keeping its place and its owner.
    Replace {
        id: u32,
        bytes: Rc<[u8]>,
        imported: ImportedFile,
        import_ms: f64,
    },
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
    /// Replace everything with a backup (or what this browser had saved).
    Restore {
        backup: Backup,
        from_storage: bool,
    },
    ForgetAll,
    Notice(Option<Notice>),
    /// Storage is ready (nothing saved, or its load failed).
    StorageReady,
}

impl State {
    fn touch(&mut self, data: bool) {
        self.revision += 1;
        if data {
            self.data_version += 1;
        }
    }

    fn push_file(
        &mut self,
        bytes: Rc<[u8]>,
        options: ImportOptions,
        owner: Option<String>,
        imported: ImportedFile,
        import_ms: f64,
    ) {
        self.next_id += 1;
        self.files.push(LoadedFile {
            id: self.next_id,
            bytes,
            options,
            owner,
            imported: Rc::new(imported),
            import_ms,
        });
    }

    /// Everything, as a backup (also what this browser stores).
    pub fn to_backup(&self, saved_on: Option<String>) -> Backup {
        let files = self
            .files
            .iter()
            .map(|f| BackupFile {
                options: f.options.clone(),
                owner: f.owner.clone(),
                imported: (*f.imported).clone(),
            })
            .collect();
        Backup::new(self.settings.clone(), files, self.asks.clone(), saved_on)
    }

    /// Every NPS response of every survey file.
    fn responses(&self) -> impl Iterator<Item = &NpsResponse> {
        self.files.iter().flat_map(|f| match &f.imported.records {
            Records::Nps(rows) => rows.as_slice(),
            _ => &[],
        })
    }

    /// The NPS respondents, as (key, label) for owner choices: key is the
    /// email, else the name, as the ranking names promoters.
    pub fn respondents(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for r in self.responses() {
            let key = respondent_key(r);
            if key.is_empty() || out.iter().any(|(k, _)| *k == key) {
                continue;
            }
            let label = if r.name.is_empty() {
                key.clone()
            } else {
                format!("{} — {} ({})", r.name, r.company, r.score)
            };
            out.push((key, label));
        }
        out.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()));
        out
    }

    /// Whose network a file is: the user's choice, else a guess from the
    /// ZIP's Profile.csv or the file name, matched to an NPS respondent.
    pub fn owner_of(&self, file: &LoadedFile) -> Option<String> {
        if file.imported.kind != FileKind::Connections {
            return None;
        }
        if let Some(o) = &file.owner {
            return Some(o.clone());
        }
        if let Some(name) = &file.imported.owner {
            let n = fold(name);
            return Some(
                self.responses()
                    .find(|r| fold(&r.name) == n)
                    .map_or_else(|| name.clone(), respondent_key),
            );
        }
        let respondents: Vec<(String, String, String)> = self
            .responses()
            .map(|r| {
                (
                    respondent_key(r),
                    r.name.clone(),
                    r.email.clone().unwrap_or_default(),
                )
            })
            .collect();
        guess_owner_from_file_name(&file.imported.file, &respondents)
    }
}

/// How the ranking names a promoter: the email, else the name.
fn respondent_key(r: &NpsResponse) -> String {
    r.email.clone().unwrap_or_else(|| r.name.clone())
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Reading(n) => {
                if s.reading.done >= s.reading.total {
                    s.reading = Reading::default();
                }
                s.reading.total += n;
                return Rc::new(s);
            }
            Action::CancelReading => {
                let left = s.reading.total - s.reading.done;
                s.reading = Reading::default();
                if left > 0 {
                    s.notice = Some(Notice::Info(format!(
                        "Stopped reading {left} file{}.",
                        if left == 1 { "" } else { "s" }
                    )));
                }
                return Rc::new(s);
            }
            Action::Loaded {
                bytes,
                imported,
                import_ms,
            } => {
                s.push_file(bytes, ImportOptions::default(), None, imported, import_ms);
                if s.reading.done < s.reading.total {
                    s.reading.done += 1;
                }
                s.touch(true);
            }
            Action::Reimport { id, options } => {
                if let Some(f) = s.files.iter_mut().find(|f| f.id == id) {
                    if f.bytes.is_empty() {
                        return self;
                    }
                    let (imported, ms) = timed_import(&f.imported.file, &f.bytes, &options);
                    f.imported = Rc::new(imported);
                    f.import_ms = ms;
                    f.options = options;
                }
                s.touch(true);
            }
            Action::Replace {
                id,
                bytes,
                imported,
                import_ms,
            } => {
                if let Some(f) = s.files.iter_mut().find(|f| f.id == id) {
                    f.bytes = bytes;
                    f.imported = Rc::new(imported);
                    f.import_ms = import_ms;
                    f.options = ImportOptions::default();
                }
                s.touch(true);
            }
            Action::Remove(id) => {
                s.files.retain(|f| f.id != id);
                s.touch(true);
            }
            Action::SetOwner { id, owner } => {
                if let Some(f) = s.files.iter_mut().find(|f| f.id == id) {
                    f.owner = owner.filter(|o| !o.is_empty());
                }
                s.touch(true);
            }
            Action::SetSettings(settings) => {
                s.settings = settings;
                s.touch(false);
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
                s.touch(true);
            }
            Action::Restore {
                backup,
                from_storage,
            } => {
                let mut fresh = State {
                    loaded: true,
                    ..State::default()
                };
                fresh.settings = backup.settings;
                fresh.asks = backup.asks;
                for f in backup.files {
                    fresh.push_file(Rc::from(Vec::new()), f.options, f.owner, f.imported, 0.0);
                }
                fresh.data_version = s.data_version + 1;
                // Restoring from this browser's own storage needs no new save.
                fresh.revision = if from_storage {
                    s.revision
                } else {
                    s.revision + 1
                };
                if !from_storage {
                    fresh.notice = Some(Notice::Info(format!(
                        "Backup restored: {} files, {} tracked asks.",
                        fresh.files.len(),
                        fresh.asks.len()
                    )));
                }
                return Rc::new(fresh);
            }
            Action::ForgetAll => {
                let mut fresh = State {
                    loaded: true,
                    ..State::default()
                };
                fresh.data_version = s.data_version + 1;
                fresh.revision = s.revision + 1;
                fresh.notice = Some(Notice::Info(
                    "Everything was removed from this browser.".into(),
                ));
                return Rc::new(fresh);
            }
            Action::Notice(n) => s.notice = n,
            Action::StorageReady => s.loaded = true,
        }
        Rc::new(s)
    }
}

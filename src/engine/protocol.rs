//! Messages between the page and the engine. Each message is a JSON
//! string, sometimes with an attachment (a `File`, a list of them, or a
//! `Blob`) passed alongside by `postMessage` — file contents are never
//! copied into a message.

use serde::{Deserialize, Serialize};

use crate::core::ask::{AccountWayIn, Ask, AskList};
use crate::core::dates::Date;
use crate::core::goal::AskRecord;
use crate::core::import::{ImportOptions, ImportedFile};
use crate::core::nps::NpsReport;
use crate::core::settings::Settings;

/// The page to the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToEngine {
    /// Open storage and answer [`FromEngine::Loaded`].
    /// (today)
    Start(Date),
    /// Import the files attached (an array of `File`), in order.
    Import,
    /// Read the attached `File` as the new version of file `id`.
    /// (file id)
    Replace(u32),
    /// Read file `id` again with the user's corrections.
    /// (file id, options)
    Reimport(u32, ImportOptions),
    /// (file id)
    Remove(u32),
    /// Drop every file still waiting to be read.
    Cancel,
    /// What the user decided; the engine saves it and ranks again.
    Sync(Box<SyncState>),
    /// Answer [`FromEngine::Backup`] with everything as a backup file.
    /// (saved on, YYYY-MM-DD)
    Backup(String),
    /// Replace everything with the attached backup `File`.
    Restore,
    /// Remove everything from this browser.
    Forget,
}

/// Everything the user decides that is not a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    pub settings: Settings,
    pub asks: Vec<AskRecord>,
    /// The owner chosen for each network (file id, promoter key), `None`
    /// when the user left the guess.
    pub owners: Vec<(u32, Option<String>)>,
    pub today: Date,
    /// The page's revision this state is, echoed in [`View::revision`].
    pub revision: u64,
}

/// One file as the page shows it: the import without its rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileSummary {
    pub id: u32,
    pub options: ImportOptions,
    pub owner: Option<String>,
    /// `records` is always empty here; `rows` says how many were kept.
    pub imported: ImportedFile,
    /// Milliseconds from the file's bytes to typed rows, in the engine.
    pub import_ms: f64,
    /// The engine still has the file and can read it again with corrections.
    pub rereadable: bool,
    /// For a network: whose it looked like when it was imported (until
    /// the next [`View`] says).
    #[serde(default)]
    pub guessed_owner: Option<String>,
}

/// A file waiting to be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub id: u32,
    pub name: String,
    pub bytes: u64,
}

/// What was saved, or restored from a backup.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub settings: Settings,
    pub asks: Vec<AskRecord>,
    pub files: Vec<FileSummary>,
}

/// Everything derived from the data, for the page to render.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// The [`SyncState::revision`] this was computed with.
    pub revision: u64,
    pub ask_list: AskList,
    pub nps: NpsReport,
    /// Things worth knowing about the data ("X is not in the NPS file").
    pub notes: Vec<String>,
    /// Every respondent who may be a promoter: (key, score).
    pub promoters: Vec<(String, u8)>,
    /// NPS respondents (key, label) to choose a network's owner from.
    pub respondents: Vec<(String, String)>,
    /// Each network's owner, chosen or guessed: (file id, promoter key).
    pub owners: Vec<(u32, Option<String>)>,
    /// Milliseconds the engine spent on this view (candidates and ranking).
    pub compute_ms: f64,
    /// `ask_list.asks` arrive after the view in [`FromEngine::Asks`]
    /// parts, this many in all (0: none, the view is whole).
    #[serde(default)]
    pub asks_total: usize,
    /// Rows the engine holds, across every file.
    pub rows: usize,
    /// Bytes of memory the engine's WebAssembly instance holds (it never
    /// shrinks, so this is also its peak).
    pub memory_bytes: f64,
}

/// The engine to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromEngine {
    /// The engine runs and takes messages.
    Ready,
    /// Storage was read: what was saved (if anything) and, if it could
    /// not be read or cannot keep anything, why.
    /// (what was saved, the problem)
    Loaded(Option<Snapshot>, Option<String>),
    /// Files now waiting to be read, in order.
    Queued(Vec<Pending>),
    /// Bytes of file `id` read so far.
    /// (file id, bytes read, bytes in all)
    Progress(u32, u64, u64),
    /// File `id` was imported (new, replaced or re-read).
    Imported(Box<FileSummary>),
    /// These files were not read (the user cancelled).
    Cancelled(Vec<u32>),
    /// The ask list, NPS and owners. A big view comes in parts, each read
    /// by the page in a task of its own: its asks follow in
    /// [`FromEngine::Asks`], then `ask_list.accounts` in
    /// [`FromEngine::Accounts`] (the last part says `done`).
    View(Box<View>),
    /// (revision, asks)
    Asks(u64, Vec<Ask>),
    /// (revision, accounts, done)
    Accounts(u64, Vec<AccountWayIn>, bool),
    /// The NPS respondents, sent after a survey is imported.
    Respondents(Vec<(String, String)>),
    /// A backup file was read and replaced everything.
    Restored(Snapshot),
    /// Everything was removed from this browser.
    Forgotten,
    /// Something the user must know; `storage` offers the backup download.
    /// (about storage, message)
    Notice(bool, String),
    /// The backup file, attached as a `Blob`.
    Backup,
    /// The engine hit an internal error and stopped.
    Fatal(String),
}

/// A view arriving in parts, put back together before the page sees it.
#[derive(Default)]
pub struct Assembly {
    view: Option<Box<View>>,
    accounts: Vec<AccountWayIn>,
}

impl Assembly {
    /// Take one message; return what the page should see now, if anything.
    pub fn take(&mut self, msg: FromEngine) -> Option<FromEngine> {
        match msg {
            FromEngine::View(v) if v.asks_total > 0 => {
                self.view = Some(v);
                None
            }
            FromEngine::Asks(revision, asks) => {
                let v = self.view.as_mut().filter(|v| v.revision == revision)?;
                v.ask_list.asks.extend(asks);
                if v.ask_list.asks.len() >= v.asks_total {
                    self.view.take().map(FromEngine::View)
                } else {
                    None
                }
            }
            FromEngine::Accounts(revision, accounts, done) => {
                self.accounts.extend(accounts);
                done.then(|| {
                    FromEngine::Accounts(revision, std::mem::take(&mut self.accounts), done)
                })
            }
            other => Some(other),
        }
    }
}

impl ToEngine {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl FromEngine {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Is `json` a [`FromEngine::Progress`]? (Read without decoding it: the
    /// engine passes the reader's progress on as it came.)
    pub fn is_progress(json: &str) -> bool {
        json.starts_with("{\"Progress\":")
    }
}

/// The file as the page keeps it: everything but the rows.
pub fn summary(
    id: u32,
    options: &ImportOptions,
    owner: &Option<String>,
    imported: &ImportedFile,
    import_ms: f64,
    rereadable: bool,
) -> FileSummary {
    FileSummary {
        id,
        options: options.clone(),
        owner: owner.clone(),
        imported: ImportedFile {
            file: imported.file.clone(),
            kind: imported.kind,
            owner: imported.owner.clone(),
            owner_company: imported.owner_company.clone(),
            account_role: imported.account_role,
            encoding: imported.encoding,
            delimiter: imported.delimiter.clone(),
            header_line: imported.header_line,
            columns: imported.columns.clone(),
            rows: imported.rows,
            skipped: imported.skipped,
            problems: imported.problems.clone(),
            notes: imported.notes.clone(),
            records: Default::default(),
        },
        import_ms,
        rereadable,
        guessed_owner: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{import_file, ImportOptions};

    #[test]
    fn messages_round_trip_as_json() {
        let imported = import_file(
            "ana_Connections.csv",
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\nLi,Wei,,,Globex,CFO,07 Feb 2026\n",
            &ImportOptions::default(),
        );
        let s = summary(3, &ImportOptions::default(), &None, &imported, 1.5, true);
        assert_eq!(s.imported.rows, 1);
        assert!(matches!(
            s.imported.records,
            crate::core::model::Records::None
        ));
        let msgs = vec![
            FromEngine::Imported(Box::new(s.clone())),
            FromEngine::Loaded(
                Some(Snapshot {
                    files: vec![s],
                    ..Snapshot::default()
                }),
                None,
            ),
            FromEngine::View(Box::default()),
            FromEngine::Progress(1, 10, 20),
        ];
        for m in msgs {
            let back: FromEngine = serde_json::from_str(&m.to_json()).unwrap();
            assert_eq!(back, m);
            // Progress is told apart without decoding; nothing else passes.
            assert_eq!(
                FromEngine::is_progress(&m.to_json()),
                matches!(m, FromEngine::Progress(..))
            );
        }
        assert!(!FromEngine::is_progress(
            &FromEngine::Fatal("{\"Progress\":".into()).to_json()
        ));
        let sync = ToEngine::Sync(Box::new(SyncState {
            owners: vec![(1, Some("ana@x.com".into())), (2, None)],
            revision: 7,
            settings: Settings::default(),
            asks: Vec::new(),
            today: Date::new(2026, 12, 4).unwrap(),
        }));
        assert_eq!(
            serde_json::from_str::<ToEngine>(&sync.to_json()).unwrap(),
            sync
        );
    }

    fn ask(rank: u32) -> Ask {
        Ask {
            rank,
            promoter: "p@x.com".into(),
            promoter_name: "P".into(),
            target: format!("T{rank}"),
            target_url: None,
            link: None,
            title: String::new(),
            account: "Globex".into(),
            company: "Globex".into(),
            match_tier: crate::core::company::MatchTier::Exact,
            match_confidence: 1.0,
            score: 50.0,
            reasons: Vec::new(),
            alternates: Vec::new(),
            more_alternates: 0,
            timing: crate::core::rank::Timing::Unknown,
        }
    }

    #[test]
    fn a_view_in_parts_is_whole_again() {
        let mut a = Assembly::default();
        let view = View {
            revision: 3,
            asks_total: 3,
            ..View::default()
        };
        assert_eq!(a.take(FromEngine::View(Box::new(view))), None);
        // A part of an older revision is ignored.
        let old = FromEngine::Asks(2, vec![ask(9)]);
        assert_eq!(a.take(old), None);
        assert_eq!(a.take(FromEngine::Asks(3, vec![ask(1), ask(2)])), None);
        let Some(FromEngine::View(v)) = a.take(FromEngine::Asks(3, vec![ask(3)])) else {
            panic!("the view is whole after its last part");
        };
        assert_eq!(
            v.ask_list.asks.iter().map(|a| a.rank).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        // A view without asks passes straight through; so do other messages.
        let empty = FromEngine::View(Box::default());
        assert_eq!(a.take(empty.clone()), Some(empty));
        assert_eq!(a.take(FromEngine::Forgotten), Some(FromEngine::Forgotten));
        // Accounts arrive when the last part does.
        let acc = |n: &str| AccountWayIn {
            account: n.into(),
            tier: None,
            target: String::new(),
            title: String::new(),
            promoter: String::new(),
            score: 0.0,
            ask_rank: None,
            paths: 1,
        };
        assert_eq!(a.take(FromEngine::Accounts(3, vec![acc("A")], false)), None);
        let Some(FromEngine::Accounts(_, accounts, true)) =
            a.take(FromEngine::Accounts(3, vec![acc("B")], true))
        else {
            panic!("accounts after the last part");
        };
        assert_eq!(accounts.len(), 2);
    }
}

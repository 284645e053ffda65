/*!
The app's state and the actions that change it: a pure reducer, so the
rules for what happens on each action live in one place.
*/

use std::rc::Rc;

use yew::Reducible;

use crate::core::{import_file, ImportOptions, ImportedFile};

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub id: u32,
    /// The file as dropped, kept so a correction (kind, column roles) can
    /// re-read it without asking for the file again.
    pub bytes: Rc<[u8]>,
    /// The user's corrections so far.
    pub options: ImportOptions,
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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub files: Vec<LoadedFile>,
    next_id: u32,
}

pub enum Action {
    Loaded { bytes: Rc<[u8]>, imported: ImportedFile, import_ms: f64 },
    /// Read a file again with the user's corrections.
    Reimport { id: u32, options: ImportOptions },
    Remove(u32),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Loaded { bytes, imported, import_ms } => {
                s.next_id += 1;
                s.files.push(LoadedFile {
                    id: s.next_id,
                    bytes,
                    options: ImportOptions::default(),
                    imported: Rc::new(imported),
                    import_ms,
                });
            }
            Action::Reimport { id, options } => {
                if let Some(f) = s.files.iter_mut().find(|f| f.id == id) {
                    let (imported, ms) = timed_import(&f.imported.file, &f.bytes, &options);
                    f.imported = Rc::new(imported);
                    f.import_ms = ms;
                    f.options = options;
                }
            }
            Action::Remove(id) => s.files.retain(|f| f.id != id),
        }
        Rc::new(s)
    }
}

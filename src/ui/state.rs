/*!
The app's state and the actions that change it: a pure reducer, so the
rules for what happens on each action live in one place.
*/

use std::rc::Rc;

use yew::Reducible;

use crate::core::ImportedFile;

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub id: u32,
    pub imported: Rc<ImportedFile>,
    /// Milliseconds from the file's bytes to typed rows.
    pub import_ms: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub files: Vec<LoadedFile>,
    next_id: u32,
}

pub enum Action {
    Loaded { imported: ImportedFile, import_ms: f64 },
    Remove(u32),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Loaded { imported, import_ms } => {
                s.next_id += 1;
                s.files.push(LoadedFile { id: s.next_id, imported: Rc::new(imported), import_ms });
            }
            Action::Remove(id) => s.files.retain(|f| f.id != id),
        }
        Rc::new(s)
    }
}

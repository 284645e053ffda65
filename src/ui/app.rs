//! The root component: the drop zone, the file picker and the file cards.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::file::callbacks::{read_as_bytes, FileReader};
use web_sys::{DragEvent, Event, HtmlInputElement};
use yew::prelude::*;

use super::file_card::FileCard;
use super::sample;
use super::state::{timed_import, Action, State};
use crate::core::{ImportOptions, ImportedFile, Problem};

/// Readers still reading, kept alive until they finish (dropping a gloo
/// reader aborts it). Finished ones are dropped at the next batch, never
/// from inside their own callback.
#[derive(Default)]
struct Readers {
    next: u64,
    active: HashMap<u64, FileReader>,
    finished: Vec<u64>,
}

/// Time the core's import of one file's bytes and hand the result to the state.
fn import_and_dispatch(name: &str, bytes: Rc<[u8]>, dispatch: &UseReducerDispatcher<State>) {
    let (imported, import_ms) = timed_import(name, &bytes, &ImportOptions::default());
    dispatch.dispatch(Action::Loaded { bytes, imported, import_ms });
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    // Time to first render, for the benchmark and for anyone curious.
    use_effect_with((), |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("rr-first-render");
        }
    });
    let readers = use_mut_ref(Readers::default);
    let dragging = use_state(|| false);

    let read_files = {
        let dispatch = state.dispatcher();
        let readers = readers.clone();
        Callback::from(move |files: Option<web_sys::FileList>| {
            let Some(files) = files else { return };
            let mut r = readers.borrow_mut();
            let finished = std::mem::take(&mut r.finished);
            for id in finished {
                r.active.remove(&id);
            }
            for file in gloo::file::FileList::from(files).iter() {
                r.next += 1;
                let id = r.next;
                let name = file.name();
                let dispatch = dispatch.clone();
                let done: Rc<RefCell<Readers>> = readers.clone();
                let task = read_as_bytes(file, move |result| {
                    match result {
                        Ok(bytes) => import_and_dispatch(&name, Rc::from(bytes), &dispatch),
                        Err(e) => {
                            let mut imported = ImportedFile { file: name.clone(), ..Default::default() };
                            imported.problems.push(Problem::file(format!(
                                "The browser could not read {name} ({e}). Nothing was imported from it."
                            )));
                            dispatch.dispatch(Action::Loaded { bytes: Rc::from(Vec::new()), imported, import_ms: 0.0 });
                        }
                    }
                    done.borrow_mut().finished.push(id);
                });
                r.active.insert(id, task);
            }
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
            for (name, bytes) in sample::FILES {
                import_and_dispatch(name, Rc::from(*bytes), &dispatch);
            }
        })
    };
    let on_remove = {
        let dispatch = state.dispatcher();
        Callback::from(move |id: u32| dispatch.dispatch(Action::Remove(id)))
    };
    let on_reimport = {
        let dispatch = state.dispatcher();
        Callback::from(move |(id, options): (u32, ImportOptions)| dispatch.dispatch(Action::Reimport { id, options }))
    };

    html! {
        <>
        <header class="top">
            <h1>{ "Referral Radar" }</h1>
            <p class="tagline">{ "Find the introductions worth asking your promoters for. Your files are read on this computer and never leave it." }</p>
        </header>
        <section class="load" aria-labelledby="load-title">
            <h2 id="load-title">{ "Your files" }</h2>
            <div
                class={classes!("drop-zone", dragging.then_some("dragging"))}
                data-testid="drop-zone"
                {ondrop} {ondragover} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())} {ondragleave}
            >
                <p>{ "Drop LinkedIn exports (Connections.csv or the whole ZIP), NPS survey exports and account lists here." }</p>
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
            <div class="cards" data-testid="file-cards">
                { for state.files.iter().map(|f| html! {
                    <FileCard key={f.id} file={f.clone()} on_remove={on_remove.clone()} on_reimport={on_reimport.clone()} />
                }) }
            </div>
        </section>
        </>
    }
}

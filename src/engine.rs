/*!
The engine: import, candidates, ranking and this browser's storage, run in
a Web Worker so the page never waits on them.

The page (`ui`) keeps what the user decides — settings, tracked asks, the
owner chosen for each network — and a summary of each file (what was
detected and kept, never the rows). The engine keeps the rows: it reads
the `File` handles the page passes it (in chunks, reporting progress),
imports them with the core, persists them to IndexedDB, builds candidates
and ranks, and answers with a [`protocol::View`]: the ask list, NPS and
what the page needs to show owners.

Both sides are the same `app.js` / `app_bg.wasm`: `worker.js` loads it in
a module worker, and `main()` starts the engine when there is no window.

[`protocol`] is plain data (serde, JSON over `postMessage`) and compiles
natively, so its round trips are tested there.
*/

pub mod codec;
pub mod protocol;

#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod storage;

#[cfg(target_arch = "wasm32")]
pub use runtime::{start, start_reader};

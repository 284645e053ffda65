/*!
Referral Radar: find the introductions worth asking your promoters for.

The crate is split in two:

* [`core`] is pure: bytes in, values out. It imports exports (LinkedIn,
  NPS surveys, account lists, lead lists), and never touches the network,
  the file system or the DOM. It runs unchanged natively (tests, the
  command-line tool) and in the browser.
* [`engine`] runs the core in a Web Worker: it reads the files the user
  drops, imports, ranks and stores them, and answers the page with
  summaries and the ranked view. Its message types compile everywhere.
* `ui` (wasm32 only) is the Yew app. It hands files to the engine and
  renders what the engine returns.
*/

pub mod core;
pub mod engine;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;

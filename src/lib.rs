/*!
Referral Radar: find the introductions worth asking your promoters for.

The crate is split in two:

* [`core`] is pure: bytes in, values out. It imports exports (LinkedIn,
  NPS surveys, account lists, lead lists), and never touches the network,
  the file system or the DOM. It runs unchanged natively (tests, the
  command-line tool) and in the browser.
* `ui` (wasm32 only) is the Yew app. It reads files the user drops, hands
  their bytes to the core and renders what the core returns.
*/

pub mod core;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;

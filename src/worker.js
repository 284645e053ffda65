// The engine's worker. It loads the same app.js / app_bg.wasm as the page
// (one download, one bundle); the wasm's main() finds no window and starts
// the engine (src/engine/runtime.rs), which then takes the page's messages.
// Same origin only: the page's policy allows workers from 'self' and
// nothing else, and the engine makes no request but for these files.

import init from './app.js';

init({ module_or_path: new URL('app_bg.wasm', import.meta.url) }).catch((e) => {
  self.postMessage([JSON.stringify({ Fatal: `the engine could not start (${e})` })]);
});

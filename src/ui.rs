/*!
The Yew app: renders what the core returns, holds no import or ranking
logic. Browser APIs (file reading, timers) stay in callbacks and effects.
*/

mod app;
mod ask_list;
#[cfg(feature = "bench")]
pub mod bench;
mod browser;
mod emails;
mod file_card;
mod goal;
mod nps;
mod panic;
pub mod sample;
mod settings;
mod state;
mod storage;

pub use app::App;

/// Install the panic hook and mount the app on `<main id="app">`.
pub fn start() {
    panic::install();
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has <main id=\"app\">");
    yew::Renderer::<App>::with_root(root).render();
}

/// Milliseconds from a monotonic clock, for "read in N ms".
pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

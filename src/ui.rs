/*!
The Yew app: hands files to the engine (a Web Worker, see `engine`),
keeps what the user decides, and renders what the engine returns. It holds
no import or ranking logic, and never the rows of a file.
*/

mod app;
mod ask_list;
#[cfg(feature = "bench")]
pub mod bench;
mod browser;
mod drawing;
mod emails;
mod engine_client;
mod file_card;
mod goal;
mod nps;
mod panic;
pub mod sample;
mod settings;
mod state;

pub use app::App;

/// Install the panic hook and mount the app on `<main id="app">`.
pub fn start() {
    panic::install();
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has <main id=\"app\">");
    yew::Renderer::<App>::with_root(root).render();
}

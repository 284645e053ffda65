//! The browser app's entry point (built for wasm32 by Trunk). The same
//! module runs twice: on the page (the Yew app) and in the worker that
//! `worker.js` starts (the engine, and the engine's reader worker), told
//! apart by whether there is a window and the worker's name.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    if web_sys::window().is_some() {
        referral_radar::ui::start();
    } else if js_sys::global()
        .dyn_into::<web_sys::DedicatedWorkerGlobalScope>()
        .is_ok_and(|w| w.name() == "reader")
    {
        referral_radar::engine::start_reader();
    } else {
        referral_radar::engine::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The browser app is built for wasm32 by Trunk: run scripts/serve.sh");
    std::process::exit(2);
}

//! The browser app's entry point (built for wasm32 by Trunk). The same
//! module runs twice: on the page (the Yew app) and in the worker that
//! `worker.js` starts (the engine), told apart by whether there is a window.

#[cfg(target_arch = "wasm32")]
fn main() {
    if web_sys::window().is_some() {
        referral_radar::ui::start();
    } else {
        referral_radar::engine::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The browser app is built for wasm32 by Trunk: run scripts/serve.sh");
    std::process::exit(2);
}

//! The browser app's entry point (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    referral_radar::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The browser app is built for wasm32 by Trunk: run scripts/serve.sh");
    std::process::exit(2);
}

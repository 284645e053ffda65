/*!
A panic must not leave a dead page: show what happened, in words, with a
way to reload. (Nothing is sent anywhere; the message stays on the page.)
*/

use std::panic;

pub fn install() {
    panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        show(&message);
    }));
}

/// Show the internal error `message` instead of the page's content.
pub fn show(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(el) = doc.get_element_by_id("fatal") else {
        return;
    };
    let _ = el.set_attribute("role", "alert");
    let _ = el.set_attribute("data-testid", "fatal-error");
    el.set_text_content(Some(&format!(
        "Referral Radar hit an internal error and stopped: {message}. Your files never left this computer. Reload the page to start again."
    )));
    let _ = el.remove_attribute("hidden");
}

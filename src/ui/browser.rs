//! Small browser services the views need: today's date, saving a file to
//! the user's disk, the clipboard, printing. All local; nothing is sent.

use wasm_bindgen::JsCast;

use crate::core::dates::Date;

/// Today in the user's time zone.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|| Date::from_days(0))
}

/// Offer `text` as a download named `name` (a Blob URL, revoked after).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| format!("{e:?}"))?;
    download_blob(name, &blob)
}

/// Offer `blob` as a download named `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| format!("{e:?}"))?;
    let doc = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = doc.body().ok_or("no <body>")?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A `File` holding `bytes`, as if the user had picked it (the sample data).
pub fn file_from_bytes(name: &str, bytes: &[u8]) -> Result<web_sys::File, String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    web_sys::File::new_with_u8_array_sequence(&parts, name).map_err(|e| format!("{e:?}"))
}

/// Copy text to the clipboard (a promise; failures are reported to `done`).
pub fn copy(text: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let r = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(r.map(|_| ()).map_err(|e| format!("{e:?}")));
    });
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// A `mailto:` link with the subject and body filled in.
pub fn mailto(to: Option<&str>, subject: &str, body: &str) -> String {
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    format!(
        "mailto:{}?subject={}&body={}",
        to.map(enc).unwrap_or_default(),
        enc(subject),
        enc(body)
    )
}

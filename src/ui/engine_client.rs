//! The page's side of the engine: starts the worker (`worker.js`, same
//! origin, a module worker loading this same wasm) and passes messages.
//! Messages sent before the engine says it is ready wait here.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::engine::protocol::{Assembly, FromEngine, ToEngine};

pub struct EngineClient {
    worker: Worker,
    state: RefCell<Outbox>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

#[derive(Default)]
struct Outbox {
    ready: bool,
    waiting: Vec<js_sys::Array>,
}

impl PartialEq for EngineClient {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl EngineClient {
    /// Start the engine; `on_message` gets each message and its attachment.
    pub fn spawn(
        on_message: impl Fn(FromEngine, JsValue) + 'static,
    ) -> Result<Rc<EngineClient>, String> {
        let on_message = Rc::new(on_message);
        let assembly = RefCell::new(Assembly::default());
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker =
            Worker::new_with_options("./worker.js", &options).map_err(|e| format!("{e:?}"))?;
        let outbox: Rc<RefCell<Weak<EngineClient>>> = Rc::new(RefCell::new(Weak::new()));
        let me = outbox.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data: js_sys::Array = e.data().unchecked_into();
            let Some(json) = data.get(0).as_string() else {
                return;
            };
            let msg = match serde_json::from_str::<FromEngine>(&json) {
                Ok(m) => m,
                Err(e) => {
                    FromEngine::Fatal(format!("the page could not read the engine's answer ({e})"))
                }
            };
            let Some(msg) = assembly.borrow_mut().take(msg) else {
                return;
            };
            if msg == FromEngine::Ready {
                if let Some(client) = me.borrow().upgrade() {
                    client.flush();
                }
            }
            // Handled in a task of its own: reading a big message and
            // rendering what it changes are two tasks, not one long one.
            let attachment = data.get(1);
            let on_message = on_message.clone();
            gloo::timers::callback::Timeout::new(0, move || on_message(msg, attachment)).forget();
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let detail = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "the worker could not start".into());
            web_sys::console::error_1(&format!("engine: {detail}").into());
            super::panic::show(&format!("the engine stopped ({detail})"));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let client = Rc::new(EngineClient {
            worker,
            state: RefCell::new(Outbox::default()),
            _on_message: on_message,
            _on_error: on_error,
        });
        *outbox.borrow_mut() = Rc::downgrade(&client);
        Ok(client)
    }

    fn flush(&self) {
        let waiting = {
            let mut s = self.state.borrow_mut();
            s.ready = true;
            std::mem::take(&mut s.waiting)
        };
        for m in waiting {
            let _ = self.worker.post_message(&m);
        }
    }

    /// Send `msg`, with `attachment` (a `File`, an array of them) if any.
    pub fn send(&self, msg: &ToEngine, attachment: Option<&JsValue>) {
        let data = js_sys::Array::of1(&JsValue::from_str(&msg.to_json()));
        if let Some(a) = attachment {
            data.push(a);
        }
        let mut s = self.state.borrow_mut();
        if s.ready {
            drop(s);
            let _ = self.worker.post_message(&data);
        } else {
            s.waiting.push(data);
        }
    }
}

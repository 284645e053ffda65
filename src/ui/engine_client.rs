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

/// Progress and arrivals waiting to be passed on together.
#[derive(Default)]
struct Batch {
    items: Vec<(FromEngine, JsValue)>,
    scheduled: bool,
}

/// How often batched messages are passed on, in ms.
const BATCH_MS: u32 = 100;

/// Pass on every batched message, in order, in this one task.
fn deliver(batch: &RefCell<Batch>, on_message: &dyn Fn(FromEngine, JsValue)) {
    let items = {
        let mut b = batch.borrow_mut();
        b.scheduled = false;
        std::mem::take(&mut b.items)
    };
    for (msg, attachment) in items {
        on_message(msg, attachment);
    }
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
        let batch: Rc<RefCell<Batch>> = Rc::default();
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
            let attachment = data.get(1);
            // A file's progress and its arrival come several times a second
            // while a batch is read: they are passed on together every
            // `BATCH_MS` (one render, not one per message).
            if matches!(msg, FromEngine::Progress(..) | FromEngine::Imported(_)) {
                let mut b = batch.borrow_mut();
                b.items.push((msg, attachment));
                if !b.scheduled {
                    b.scheduled = true;
                    let (batch, on_message) = (batch.clone(), on_message.clone());
                    gloo::timers::callback::Timeout::new(BATCH_MS, move || {
                        deliver(&batch, &*on_message)
                    })
                    .forget();
                }
                return;
            }
            // Anything else is handled in a task of its own (reading a big
            // message and rendering what it changes are two tasks, not one
            // long one), after what is batched, so the order holds.
            let (batch, on_message) = (batch.clone(), on_message.clone());
            gloo::timers::callback::Timeout::new(0, move || {
                deliver(&batch, &*on_message);
                on_message(msg, attachment)
            })
            .forget();
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

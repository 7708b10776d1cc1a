//! The page's side of the Web Worker: sends typed engine requests and routes
//! each reply to the callback that asked for it.
//!
//! The worker is a classic worker (`worker_loader.js`); messages posted before
//! it says `Ready` would be lost, so they are queued here until then. A
//! user's file goes as a `File` handle that the worker reads itself, so the
//! page's thread never touches its bytes.

use js_sys::Array;
use mlops_engine::api::{Envelope, Request, Response, WorkerMessage, PROTOCOL_VERSION};
use mlops_engine::EngineError;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

type Callback = Box<dyn FnOnce(Response)>;

/// A file sent beside a request.
pub enum Payload {
    /// A user's file, as a handle: the worker reads it itself (its stream),
    /// so the page's thread never holds its bytes.
    File(web_sys::File),
}

struct Client {
    worker: Worker,
    ready: bool,
    queued: Vec<(Vec<u8>, Option<Payload>)>,
    next_id: u64,
    pending: HashMap<u64, Callback>,
    on_busy: Box<dyn Fn(Option<f64>)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Starts the worker. `on_busy` hears `Some(progress)` while requests are
/// pending and `None` when all are answered.
pub fn start(on_busy: impl Fn(Option<f64>) + 'static) -> Result<(), String> {
    let url = worker_url();
    // The worker index.html started early (start_worker.js), if it has the
    // same URL; else a new one.
    let (worker, early) = match adopt_early_worker(&url) {
        Some(started) => started,
        None => (
            Worker::new(&url).map_err(|e| format!("the engine's worker could not start: {e:?}"))?,
            js_sys::Array::new(),
        ),
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        match event.data().dyn_into::<js_sys::Uint8Array>() {
            Ok(bytes) => on_message(&bytes.to_vec()),
            Err(_) => fail_all("the engine's worker sent something that is not a message"),
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
        fail_all(&format!("the engine's worker failed: {}", event.message()));
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    CLIENT.with(|c| {
        *c.borrow_mut() = Some(Client {
            worker,
            ready: false,
            queued: Vec::new(),
            next_id: 1,
            pending: HashMap::new(),
            on_busy: Box::new(on_busy),
        })
    });
    // What the early worker said before the page listened (its `Ready`).
    for event in early.iter() {
        if let Ok(bytes) = js_sys::Reflect::get(&event, &"data".into())
            .and_then(|d| d.dyn_into::<js_sys::Uint8Array>())
        {
            on_message(&bytes.to_vec());
        }
    }
    Ok(())
}

/// The worker `start_worker.js` started, and the message events it got
/// before the page listened, if its URL is `url` (else it is stopped).
fn adopt_early_worker(url: &str) -> Option<(Worker, js_sys::Array)> {
    let global = js_sys::global();
    let key = JsValue::from_str("__mlopsWorker");
    let started = js_sys::Reflect::get(&global, &key).ok()?;
    if started.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    let get = |name: &str| js_sys::Reflect::get(&started, &name.into()).ok();
    let worker: Worker = get("worker")?.dyn_into().ok()?;
    if get("url")?.as_string().as_deref() != Some(url) {
        worker.terminate();
        return None;
    }
    let early: js_sys::Array = get("early")?.dyn_into().ok()?;
    Some((worker, early))
}

/// The worker's URL: the version in it keeps a cached worker of another
/// version from being paired with this page.
pub fn worker_url() -> String {
    format!(
        "./worker_loader.js?v={}-{PROTOCOL_VERSION}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Sends a request (with a file's bytes, transferred) and calls `reply` with
/// the answer. Without a worker, `reply` gets an error response at once.
pub fn send(request: Request, bytes: Option<Payload>, reply: impl FnOnce(Response) + 'static) {
    let outcome = CLIENT.with(|c| {
        let mut guard = c.borrow_mut();
        let Some(client) = guard.as_mut() else {
            return Err((reply, "the engine's worker is not running".to_string()));
        };
        let id = client.next_id;
        client.next_id += 1;
        let text = match crate::wire::encode(&Envelope { id, request }) {
            Ok(bytes) => bytes,
            Err(e) => return Err((reply, e)),
        };
        client.pending.insert(id, Box::new(reply));
        if client.ready {
            post(&client.worker, &text, bytes);
        } else {
            client.queued.push((text, bytes));
        }
        (client.on_busy)(Some(0.0));
        Ok(())
    });
    if let Err((reply, message)) = outcome {
        reply(Response::Error(EngineError::unavailable(message)));
    }
}

fn post(worker: &Worker, envelope: &[u8], bytes: Option<Payload>) {
    let message = Array::new();
    message.push(&js_sys::Uint8Array::from(envelope));
    let result = match bytes {
        Some(Payload::File(file)) => {
            message.push(&file);
            worker.post_message(&message)
        }
        None => worker.post_message(&message),
    };
    if let Err(e) = result {
        fail_all(&format!("could not reach the engine's worker: {e:?}"));
    }
}

fn on_message(bytes: &[u8]) {
    let message: WorkerMessage = match crate::wire::decode(bytes) {
        Ok(m) => m,
        Err(e) => {
            fail_all(&format!(
                "the engine's worker sent an unreadable answer: {e}"
            ));
            return;
        }
    };
    match message {
        WorkerMessage::Ready { protocol } if protocol != PROTOCOL_VERSION => fail_all(&format!(
            "the engine's worker speaks protocol {protocol}, this page {PROTOCOL_VERSION}: reload the page"
        )),
        WorkerMessage::Ready { .. } => CLIENT.with(|c| {
            if let Some(client) = c.borrow_mut().as_mut() {
                client.ready = true;
                for (text, bytes) in std::mem::take(&mut client.queued) {
                    post(&client.worker, &text, bytes);
                }
            }
        }),
        WorkerMessage::Progress { fraction, .. } => CLIENT.with(|c| {
            if let Some(client) = c.borrow().as_ref() {
                (client.on_busy)(Some(fraction.clamp(0.0, 1.0)));
            }
        }),
        WorkerMessage::Reply { id, response } => {
            // Take the callback out before calling it: it may send again.
            let callback = CLIENT.with(|c| {
                let mut guard = c.borrow_mut();
                let client = guard.as_mut()?;
                let cb = client.pending.remove(&id);
                if client.pending.is_empty() {
                    (client.on_busy)(None);
                }
                cb
            });
            if let Some(cb) = callback {
                cb(*response);
            }
        }
    }
}

/// Answers every pending request with an error (the worker is gone).
fn fail_all(message: &str) {
    let callbacks: Vec<Callback> = CLIENT.with(|c| {
        let mut guard = c.borrow_mut();
        match guard.as_mut() {
            Some(client) => {
                (client.on_busy)(None);
                client.pending.drain().map(|(_, cb)| cb).collect()
            }
            None => Vec::new(),
        }
    });
    for cb in callbacks {
        cb(Response::Error(EngineError::unavailable(message)));
    }
}

#[cfg(test)]
mod tests {
    /// index.html's early worker (start_worker.js) has the URL the page
    /// adopts; bump it there with the protocol version.
    #[test]
    fn the_early_worker_has_the_pages_url() {
        let js = include_str!("../../start_worker.js");
        let line = format!("var url = \"{}\";", super::worker_url());
        assert!(js.contains(&line), "start_worker.js must hold: {line}");
    }
}

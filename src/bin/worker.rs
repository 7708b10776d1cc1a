//! The Web Worker: owns the loaded tables and answers engine requests, so the
//! page's thread never parses, profiles or splits anything.
//!
//! Protocol (see `mlops_engine::api`): the page posts a JS array
//! `[envelope_json, bytes?]` where `bytes` is a transferred `ArrayBuffer`;
//! the worker posts JSON strings of `WorkerMessage`: `Ready` once, then
//! `Progress` and `Reply` messages tagged with the request id.

#[cfg(target_arch = "wasm32")]
mod web {
    use js_sys::{Array, ArrayBuffer, Uint8Array};
    use mlops_engine::api::{Envelope, Request, Response, WorkerMessage};
    use mlops_engine::session::{parse_delimiter, Session};
    use mlops_engine::table::{CsvLoader, CsvOptions};
    use mlops_playground::wire;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Bytes copied into wasm memory and parsed per step; progress is posted
    /// after each.
    const CHUNK: u32 = 1 << 20;

    thread_local! {
        static SESSION: RefCell<Session> = RefCell::new(Session::new());
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(message: &WorkerMessage) {
        let bytes = wire::encode(message).or_else(|e| {
            wire::encode(&WorkerMessage::Reply {
                id: 0,
                response: Box::new(Response::Error {
                    message: e,
                    usage: false,
                }),
            })
        });
        // A failed post has nowhere to be reported; the page's request stays
        // pending and its busy bar says so.
        if let Ok(bytes) = bytes {
            let _ = scope().post_message(&Uint8Array::from(&bytes[..]));
        }
    }

    pub fn start() {
        console_error_panic_hook::set_once();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            on_message(event.data());
        });
        scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        post(&WorkerMessage::Ready {
            protocol: mlops_engine::api::PROTOCOL_VERSION,
        });
    }

    fn on_message(data: JsValue) {
        let parts: Array = data.unchecked_into();
        let message = parts
            .get(0)
            .dyn_into::<Uint8Array>()
            .map(|a| a.to_vec())
            .unwrap_or_default();
        let envelope: Envelope = match wire::decode(&message) {
            Ok(e) => e,
            Err(e) => {
                let response = Response::Error {
                    message: format!("the page sent a request the worker cannot read: {e}"),
                    usage: true,
                };
                post(&WorkerMessage::Reply {
                    id: 0,
                    response: Box::new(response),
                });
                return;
            }
        };
        let id = envelope.id;
        // A user's file comes as a handle: read it here, off the page's thread.
        let attached = parts.get(1);
        let bytes = match attached.dyn_into::<web_sys::File>() {
            Ok(file) => match web_sys::FileReaderSync::new()
                .and_then(|reader| reader.read_as_array_buffer(&file))
            {
                Ok(buffer) => JsValue::from(buffer),
                Err(e) => {
                    let response = Response::Error {
                        message: format!("{}: could not be read: {e:?}", file.name()),
                        usage: false,
                    };
                    post(&WorkerMessage::Reply {
                        id,
                        response: Box::new(response),
                    });
                    return;
                }
            },
            Err(other) => other,
        };
        let response = match (envelope.request, bytes.dyn_into::<ArrayBuffer>()) {
            (Request::LoadCsv { name, delimiter }, Ok(buffer)) => {
                load_streaming(id, name, delimiter.as_deref(), &buffer)
            }
            // Other requests that carry a file (split exports re-read it).
            (request, Ok(buffer)) => {
                let bytes = Uint8Array::new(&buffer).to_vec();
                SESSION.with(|s| s.borrow_mut().handle(request, Some(&bytes)))
            }
            (request, Err(_)) => SESSION.with(|s| s.borrow_mut().handle(request, None)),
        };
        post(&WorkerMessage::Reply {
            id,
            response: Box::new(response),
        });
    }

    /// Parses a transferred file in 1 MiB slices, posting progress after each.
    fn load_streaming(
        id: u64,
        name: String,
        delimiter: Option<&str>,
        buffer: &ArrayBuffer,
    ) -> Response {
        let delimiter = match parse_delimiter(delimiter) {
            Ok(d) => d,
            Err(e) => return Response::from_error(&e),
        };
        let total = buffer.byte_length();
        let mut loader = CsvLoader::new(CsvOptions { name, delimiter });
        let mut slice = vec![0u8; CHUNK.min(total) as usize];
        let mut offset = 0u32;
        while offset < total {
            let len = CHUNK.min(total - offset);
            let view = Uint8Array::new_with_byte_offset_and_length(buffer, offset, len);
            let dst = &mut slice[..len as usize];
            view.copy_to(dst);
            if let Err(e) = loader.push(dst) {
                return Response::from_error(&e);
            }
            offset += len;
            // Reading is 90% of the work; profiling the rest.
            post(&WorkerMessage::Progress {
                id,
                fraction: 0.9 * f64::from(offset) / f64::from(total.max(1)),
            });
        }
        drop(slice);
        match loader.finish() {
            Ok(table) => SESSION.with(|s| {
                s.borrow_mut().adopt_with_progress(table, &mut |f| {
                    post(&WorkerMessage::Progress {
                        id,
                        fraction: 0.9 + 0.1 * f,
                    });
                })
            }),
            Err(e) => Response::from_error(&e),
        }
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}

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
    /// after each. Each `FileReaderSync` call has a fixed cost: at 1 MiB,
    /// reading the file took longer than parsing it; 4 MiB halves that
    /// (tests/bench/csv-browser.mjs) and still moves the bar every few MB.
    const CHUNK: u64 = 4 << 20;

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
        let attached = parts.get(1);
        let source = if let Some(file) = attached.dyn_ref::<web_sys::File>() {
            Some(Source::File(file.clone()))
        } else {
            attached
                .dyn_ref::<ArrayBuffer>()
                .cloned()
                .map(Source::Bytes)
        };
        let response = match (envelope.request, source) {
            (Request::LoadCsv { name, delimiter }, Some(source)) => {
                load_streaming(id, name, delimiter.as_deref(), &source)
            }
            // Other requests that carry a file (split exports re-read it).
            (request, Some(source)) => match source.read_all() {
                Ok(bytes) => SESSION.with(|s| s.borrow_mut().handle(request, Some(&bytes))),
                Err(message) => Response::Error {
                    message,
                    usage: false,
                },
            },
            (request, None) => SESSION.with(|s| s.borrow_mut().handle(request, None)),
        };
        post(&WorkerMessage::Reply {
            id,
            response: Box::new(response),
        });
    }

    /// A file's content beside a request: transferred bytes, or a user's
    /// `File` that the worker reads itself, slice by slice (`FileReaderSync`
    /// exists only in workers), so neither thread holds a whole copy of a
    /// large file.
    enum Source {
        Bytes(ArrayBuffer),
        File(web_sys::File),
    }

    impl Source {
        fn len(&self) -> u64 {
            match self {
                Source::Bytes(b) => u64::from(b.byte_length()),
                Source::File(f) => f.size() as u64,
            }
        }

        /// Copies bytes `offset..offset + dst.len()` into `dst`.
        fn read_into(&self, offset: u64, dst: &mut [u8]) -> Result<(), String> {
            let end = offset + dst.len() as u64;
            match self {
                Source::Bytes(b) => {
                    let view = Uint8Array::new_with_byte_offset_and_length(
                        b,
                        offset as u32,
                        dst.len() as u32,
                    );
                    view.copy_to(dst);
                    Ok(())
                }
                Source::File(f) => {
                    let read = f
                        .slice_with_f64_and_f64(offset as f64, end as f64)
                        .and_then(|blob| {
                            web_sys::FileReaderSync::new()
                                .and_then(|r| r.read_as_array_buffer(&blob))
                        })
                        .map_err(|e| format!("{}: could not be read: {e:?}", f.name()))?;
                    let view = Uint8Array::new(&read);
                    if view.length() as usize != dst.len() {
                        return Err(format!("{}: changed while it was being read", f.name()));
                    }
                    view.copy_to(dst);
                    Ok(())
                }
            }
        }

        fn read_all(&self) -> Result<Vec<u8>, String> {
            let mut bytes = vec![0u8; self.len() as usize];
            self.read_into(0, &mut bytes)?;
            Ok(bytes)
        }
    }

    /// Parses a file in [`CHUNK`] slices, posting progress after each.
    fn load_streaming(id: u64, name: String, delimiter: Option<&str>, source: &Source) -> Response {
        let delimiter = match parse_delimiter(delimiter) {
            Ok(d) => d,
            Err(e) => return Response::from_error(&e),
        };
        let total = source.len();
        let mut loader = CsvLoader::new(CsvOptions { name, delimiter });
        let mut slice = vec![0u8; CHUNK.min(total) as usize];
        let mut offset = 0u64;
        while offset < total {
            let len = CHUNK.min(total - offset) as usize;
            let dst = &mut slice[..len];
            if let Err(message) = source.read_into(offset, dst) {
                return Response::Error {
                    message,
                    usage: false,
                };
            }
            if let Err(e) = loader.push(dst) {
                return Response::from_error(&e);
            }
            offset += len as u64;
            // Reading is 90% of the work; profiling the rest.
            post(&WorkerMessage::Progress {
                id,
                fraction: 0.9 * offset as f64 / total.max(1) as f64,
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

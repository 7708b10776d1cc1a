//! The Web Worker: owns the loaded dataset and answers engine requests, so
//! the page's thread never parses, profiles or splits anything.
//!
//! Protocol (see `mlops_engine::api`): the page posts a JS array
//! `[envelope, file?]`, the envelope as postcard bytes and the file a
//! user's `File`; the worker
//! posts postcard bytes of `WorkerMessage`: `Ready` once, then `Progress`
//! and `Reply` messages tagged with the request id.
//!
//! A user's file is read from `File.stream()`, chunk by chunk, into a
//! [`CsvLoad`]: the browser reads ahead while the engine parses, where
//! `FileReaderSync` made the two take turns (and was a third of the load's
//! time). While a file streams in, later messages wait in a queue and are
//! answered in order once it is in, so requests see the datasets in the
//! order the page sent them.

#[cfg(target_arch = "wasm32")]
mod web {
    use js_sys::{Array, Uint8Array};
    use mlops_engine::api::{Envelope, Request, Response, WorkerMessage};
    use mlops_engine::data::{self, CsvLoad};
    use mlops_engine::{EngineError, Session};
    use mlops_playground::wire;
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use wasm_bindgen::prelude::*;
    use web_sys::{
        DedicatedWorkerGlobalScope, MessageEvent, ReadableStreamDefaultReader,
        ReadableStreamReadResult,
    };

    /// The worker's clock in ms (the model service's latency statistics).
    fn now_ms() -> f64 {
        js_sys::global()
            .dyn_into::<DedicatedWorkerGlobalScope>()
            .ok()
            .and_then(|g| g.performance())
            .map_or(0.0, |p| p.now())
    }

    /// Reads of a `File`'s stream kept outstanding (see `ask_ahead`).
    const READ_AHEAD: u32 = 4;
    /// Progress is posted about this many times while a file is read.
    const PROGRESS_STEPS: u64 = 100;

    thread_local! {
        static SESSION: RefCell<Session> = RefCell::new(Session {
            clock: Some(now_ms),
            ..Session::new()
        });
        /// The file streaming in, if any.
        static LOADING: RefCell<Option<Streaming>> = const { RefCell::new(None) };
        /// Messages that arrived while a file was streaming in.
        static WAITING: RefCell<VecDeque<JsValue>> = const { RefCell::new(VecDeque::new()) };
        /// The stream's two callbacks, made once for the worker's lifetime.
        static PUMP: RefCell<Option<Pump>> = const { RefCell::new(None) };
    }

    /// A user's file being read into the session.
    struct Streaming {
        id: u64,
        name: String,
        load: CsvLoad,
        reader: ReadableStreamDefaultReader,
        read: u64,
        total: u64,
        reported: u64,
        /// The current chunk, copied out of JS (reused between chunks).
        buffer: Vec<u8>,
        /// The answer once the file proved broken; sent when the stream,
        /// cancelled, has settled.
        failed: Option<Response>,
        /// Reads asked of the stream and not yet answered.
        pending: u32,
        /// The stream has ended (or the load failed): no more reads.
        ended: bool,
    }

    struct Pump {
        on_chunk: Closure<dyn FnMut(JsValue)>,
        on_error: Closure<dyn FnMut(JsValue)>,
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(message: &WorkerMessage) {
        let bytes = wire::encode(message).or_else(|e| {
            wire::encode(&WorkerMessage::Reply {
                id: 0,
                response: Box::new(Response::Error(EngineError::unavailable(e))),
            })
        });
        // A failed post has nowhere to be reported; the page's request stays
        // pending and its busy bar says so.
        if let Ok(bytes) = bytes {
            let _ = scope().post_message(&Uint8Array::from(&bytes[..]));
        }
    }

    fn reply(id: u64, response: Response) {
        post(&WorkerMessage::Reply {
            id,
            response: Box::new(response),
        });
    }

    pub fn start() {
        // A panic is logged (the engine never panics; this is for bugs).
        std::panic::set_hook(Box::new(|info| {
            mlops_playground::browser_log::error(&info.to_string())
        }));
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            if LOADING.with(|l| l.borrow().is_some()) {
                WAITING.with(|w| w.borrow_mut().push_back(event.data()));
            } else {
                on_message(event.data());
            }
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
                let message = format!("the page sent a request the worker cannot read: {e}");
                reply(0, Response::Error(EngineError::unavailable(message)));
                return;
            }
        };
        let id = envelope.id;
        let attached = parts.get(1);
        let file = attached.dyn_ref::<web_sys::File>().cloned();
        match (envelope.request, file) {
            (Request::Data(data::Request::LoadCsv { name, delimiter }), Some(file)) => {
                match CsvLoad::begin(name.clone(), delimiter.as_deref()) {
                    Ok(load) => start_streaming(id, name, load, &file),
                    Err(e) => reply(id, Response::Error(e)),
                }
            }
            // Other requests that carry a file (split exports re-read it).
            (request, Some(file)) => {
                let response = match read_file(&file) {
                    Ok(bytes) => SESSION.with(|s| s.borrow_mut().handle(request, Some(&bytes))),
                    Err(message) => Response::Error(EngineError::unavailable(message)),
                };
                reply(id, response);
            }
            (request, None) => {
                // Long work (training, sweeps) reports its progress.
                let response = SESSION.with(|s| {
                    s.borrow_mut()
                        .handle_with_progress(request, None, &mut |fraction| {
                            post(&WorkerMessage::Progress { id, fraction })
                        })
                });
                reply(id, response);
            }
        }
    }

    /// The end of every load: the table becomes the working dataset, with
    /// progress 0.9..1 while it is profiled.
    fn finish(id: u64, load: CsvLoad) -> Response {
        SESSION.with(|s| {
            s.borrow_mut().finish_load(load, &mut |f| {
                post(&WorkerMessage::Progress {
                    id,
                    fraction: 0.9 + 0.1 * f,
                })
            })
        })
    }

    /// A whole file, for requests that re-read the source (exports).
    fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
        let buffer = web_sys::FileReaderSync::new()
            .and_then(|r| r.read_as_array_buffer(file))
            .map_err(|e| format!("{}: could not be read: {e:?}", file.name()))?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    fn start_streaming(id: u64, name: String, load: CsvLoad, file: &web_sys::File) {
        let reader: ReadableStreamDefaultReader = file.stream().get_reader().unchecked_into();
        let mut streaming = Streaming {
            id,
            name,
            load,
            reader,
            read: 0,
            total: file.size() as u64,
            reported: 0,
            buffer: Vec::new(),
            failed: None,
            pending: 0,
            ended: false,
        };
        ask_ahead(&mut streaming);
        LOADING.with(|l| *l.borrow_mut() = Some(streaming));
    }

    /// Keeps [`READ_AHEAD`] reads outstanding until the stream ends, so the
    /// browser reads the next chunks while this one is parsed. Reads are
    /// answered in order, and all of them belong to the file in `LOADING`:
    /// it is cleared only when every read has settled.
    fn ask_ahead(s: &mut Streaming) {
        while !s.ended && s.pending < READ_AHEAD {
            let promise = s.reader.read();
            s.pending += 1;
            PUMP.with(|p| {
                let mut p = p.borrow_mut();
                let pump = p.get_or_insert_with(|| Pump {
                    on_chunk: Closure::new(on_chunk),
                    on_error: Closure::new(on_error),
                });
                let _ = promise.then2(&pump.on_chunk, &pump.on_error);
            });
        }
    }

    fn on_chunk(result: JsValue) {
        let result: ReadableStreamReadResult = result.unchecked_into();
        let done = result.get_done().unwrap_or(false);
        let progress = LOADING.with(|l| {
            let mut guard = l.borrow_mut();
            let s = guard.as_mut()?;
            s.pending = s.pending.saturating_sub(1);
            if done {
                s.ended = true;
            }
            if s.ended || s.failed.is_some() {
                return None;
            }
            let chunk: Uint8Array = result.get_value().unchecked_into();
            let n = chunk.length() as usize;
            if s.buffer.len() < n {
                s.buffer.resize(n, 0);
            }
            chunk.copy_to(&mut s.buffer[..n]);
            ask_ahead(s);
            s.read += n as u64;
            if let Err(e) = s.load.push(&s.buffer[..n]) {
                s.failed = Some(Response::Error(e));
                s.ended = true;
                let _ = s.reader.cancel(); // the outstanding reads end
                return None;
            }
            (s.read - s.reported >= s.total / PROGRESS_STEPS).then(|| {
                s.reported = s.read;
                (s.id, s.read as f64 / s.total.max(1) as f64)
            })
        });
        if let Some((id, share)) = progress {
            post(&WorkerMessage::Progress {
                id,
                fraction: 0.9 * share,
            });
        }
        end_when_settled();
    }

    /// A read failed: the load ends (once every read has settled) and the
    /// previous dataset stays.
    fn on_error(error: JsValue) {
        LOADING.with(|l| {
            if let Some(s) = l.borrow_mut().as_mut() {
                s.pending = s.pending.saturating_sub(1);
                s.ended = true;
                if s.failed.is_none() {
                    s.failed = Some(Response::Error(EngineError::unusable(
                        s.name.clone(),
                        format!("could not be read: {error:?}"),
                    )));
                }
            }
        });
        end_when_settled();
    }

    /// Once the stream has ended and no read is outstanding: the answer
    /// (the new dataset, or why the file was not read), then the messages
    /// that waited.
    fn end_when_settled() {
        let settled = LOADING.with(|l| {
            let mut guard = l.borrow_mut();
            match guard.as_ref() {
                Some(s) if s.ended && s.pending == 0 => guard.take(),
                _ => None,
            }
        });
        let Some(s) = settled else {
            return;
        };
        let response = match s.failed {
            Some(failure) => failure,
            None => finish(s.id, s.load),
        };
        reply(s.id, response);
        answer_waiting();
    }

    /// Answers the messages that waited, in order, until one starts another
    /// file (the rest wait for that one).
    fn answer_waiting() {
        while LOADING.with(|l| l.borrow().is_none()) {
            let Some(next) = WAITING.with(|w| w.borrow_mut().pop_front()) else {
                return;
            };
            on_message(next);
        }
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}

//! The one door to the engine.
//!
//! Every capability is a [`Request`] answered by [`Session::handle`] with a
//! [`Response`]. Each lab's folder owns its own request and response types,
//! its own state and its `handle` function ([`crate::data`],
//! [`crate::split`], ...); these enums only name the lab, and [`Session`]
//! only holds each lab's state and dispatches. This module is the top of
//! the engine: it imports the labs, and nothing imports it. The browser's
//! Web Worker receives requests as postcard bytes from the page, the
//! `mlops` CLI builds them from its arguments (and prints JSON of the same
//! types), and tests build them directly, so each capability is written
//! once and reached three ways.
//! Enums are serde's externally tagged form (`{"split": {...}}`): it
//! deserializes without buffering, which keeps both wasm binaries smaller.
//! File bytes travel beside a request (a user's `File`
//! in the browser, a file read in the CLI), never inside it.

use crate::basics::error::EngineError;
use crate::data::CsvLoad;
use crate::model::ModelStore;
use crate::state::Datasets;
use serde::{Deserialize, Serialize};

/// The engine's state between requests: the datasets by role and each
/// lab's own state. The browser's worker keeps one `Session` for the page's
/// lifetime; the CLI makes one per command.
#[derive(Debug, Default)]
pub struct Session {
    pub datasets: Datasets,
    pub models: ModelStore,
    pub stream: crate::drift::Stream,
    /// The Deploy lab's model service: the requests it has answered.
    pub service: crate::rollout::Service,
    /// A clock in ms for the service's latency statistics (the CLI's and
    /// the worker's); without one they read 0. Nothing else reads time.
    pub clock: Option<fn() -> f64>,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers a request; `bytes` carries a file's content where one is
    /// needed (`LoadCsv`, split exports).
    pub fn handle(&mut self, request: Request, bytes: Option<&[u8]>) -> Response {
        self.handle_with_progress(request, bytes, &mut |_| {})
    }

    /// [`Session::handle`], telling `progress` (0..1) how far long work
    /// (training, sweeps, learning curves) has got: the worker posts it to
    /// the page's busy bar.
    pub fn handle_with_progress(
        &mut self,
        request: Request,
        bytes: Option<&[u8]>,
        progress: &mut dyn FnMut(f64),
    ) -> Response {
        let datasets = &mut self.datasets;
        let answer = match request {
            Request::Data(r) => crate::data::handle(datasets, r, bytes).map(Response::Data),
            Request::Split(r) => crate::split::handle(datasets, r, bytes).map(Response::Split),
            Request::Metrics(r) => crate::metrics::handle(datasets, r).map(Response::Metrics),
            Request::Model(r) => {
                crate::model::handle(&mut self.models, datasets, r, bytes, progress)
                    .map(Response::Model)
            }
            Request::Drift(r) => {
                crate::drift::handle(&mut self.stream, datasets, &self.models, r, bytes)
                    .map(Response::Drift)
            }
            Request::Rollout(r) => {
                let clock = self.clock;
                let now = move || clock.map_or(0.0, |c| c());
                crate::rollout::handle(&self.models, datasets, &mut self.service, &now, r, bytes)
                    .map(Response::Rollout)
            }
        };
        answer.unwrap_or_else(Response::Error)
    }

    /// Asks one lab's request and gets its typed answer (see [`Ask`]).
    pub fn ask<Q: Ask>(
        &mut self,
        request: Q,
        bytes: Option<&[u8]>,
    ) -> Result<Q::Answer, EngineError> {
        Q::answer(self.handle(request.into(), bytes))
    }

    /// Ends a streamed load (the worker's `File` chunks) as the working
    /// dataset: the Data lab's answer, or the error.
    pub fn finish_load(&mut self, load: CsvLoad, progress: &mut dyn FnMut(f64)) -> Response {
        match crate::data::load::finish(&mut self.datasets, load, None, progress) {
            Ok(r) => Response::Data(r),
            Err(e) => Response::Error(e),
        }
    }
}

/// What the page, the CLI or a test asks of the engine: one lab's request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    Data(crate::data::Request),
    Split(crate::split::Request),
    Metrics(crate::metrics::Request),
    Model(crate::model::Request),
    Drift(crate::drift::Request),
    Rollout(crate::rollout::Request),
}

/// What the engine answers: one lab's answer, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Data(crate::data::Response),
    Split(crate::split::Response),
    Metrics(crate::metrics::Response),
    Model(crate::model::Response),
    Drift(crate::drift::Response),
    Rollout(crate::rollout::Response),
    /// The request could not be answered, and why (with the file, line
    /// and field, the setting or the dataset's role it is about).
    Error(EngineError),
}

impl Response {
    /// Which lab answered (`"split"`), or `"error"`: what a message about an
    /// unexpected answer names. The page says this rather than printing the
    /// reply with `Debug`, which would link every reply type's `Debug` code
    /// into its wasm (about 4 KiB gzip).
    pub fn lab(&self) -> &'static str {
        match self {
            Response::Data(_) => "data",
            Response::Split(_) => "split",
            Response::Metrics(_) => "metrics",
            Response::Model(_) => "model",
            Response::Drift(_) => "drift",
            Response::Rollout(_) => "rollout",
            Response::Error(_) => "error",
        }
    }
}

/// A lab's request tied to its answer: whoever asks with a `Q` gets a
/// `Q::Answer` or the engine's error, and never has to match another lab's
/// reply (the page's `ask::<Q>`, the CLI's commands, the tests).
pub trait Ask: Into<Request> {
    /// The lab's answer type.
    type Answer;

    /// The lab's answer in `response`, or the error it carries (another
    /// lab's answer is an [`EngineError::Unavailable`]: it cannot happen
    /// through [`Session::handle`]).
    fn answer(response: Response) -> Result<Self::Answer, EngineError>;
}

/// `Ask` and `From<lab::Request> for Request` for each lab.
macro_rules! labs {
    ($($variant:ident => $lab:ident),* $(,)?) => {$(
        impl From<crate::$lab::Request> for Request {
            fn from(r: crate::$lab::Request) -> Request {
                Request::$variant(r)
            }
        }

        impl Ask for crate::$lab::Request {
            type Answer = crate::$lab::Response;

            fn answer(response: Response) -> Result<Self::Answer, EngineError> {
                match response {
                    Response::$variant(answer) => Ok(answer),
                    Response::Error(e) => Err(e),
                    other => Err(EngineError::unavailable(format!(
                        "the engine answered a {} request with a {} answer",
                        stringify!($lab),
                        other.lab()
                    ))),
                }
            }
        }
    )*};
}

labs!(
    Data => data,
    Split => split,
    Metrics => metrics,
    Model => model,
    Drift => drift,
    Rollout => rollout,
);

/// The version of the page ↔ worker protocol. The page loads the worker with
/// it in the URL (so a browser never pairs a new page with a cached old
/// worker), and the worker says it in `Ready`. Bump it whenever a `Request`,
/// `Response` or `WorkerMessage` changes shape.
pub const PROTOCOL_VERSION: u32 = 6;

/// What the worker posts to the page: a reply to request `id`, or progress
/// of the request being worked on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerMessage {
    /// The worker's wasm is loaded; requests sent before this are lost.
    Ready { protocol: u32 },
    /// Progress 0..1 of request `id`.
    Progress { id: u64, fraction: f64 },
    /// The answer to request `id`.
    Reply { id: u64, response: Box<Response> },
}

/// What the page posts to the worker (postcard bytes; a file rides beside).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: u64,
    pub request: Request,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_sample_is_an_error_response() {
        let mut s = Session::new();
        let r = s.handle(
            Request::Data(crate::data::Request::LoadSample { id: "nope".into() }),
            None,
        );
        assert!(
            matches!(r, Response::Error(ref e) if !e.is_usage()),
            "{r:?}"
        );
    }

    #[test]
    fn requests_without_data_say_so() {
        let mut s = Session::new();
        match s.handle(Request::Data(crate::data::Request::Profile), None) {
            Response::Error(e) => assert_eq!(
                e,
                EngineError::NoDataset {
                    role: "working".into()
                }
            ),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn request_json_shape_is_stable() {
        let r = Request::Data(crate::data::Request::LoadSample {
            id: "sample-defects".into(),
        });
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"data":{"load_sample":{"id":"sample-defects"}}}"#);
        let back: Request = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let p: Request = serde_json::from_str(r#"{"data":"profile"}"#).unwrap();
        assert_eq!(p, Request::Data(crate::data::Request::Profile));
    }
}

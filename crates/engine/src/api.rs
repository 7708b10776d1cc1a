//! The one door to the engine.
//!
//! Every capability is a [`Request`] answered by [`Session::handle`] with a
//! [`Response`]. Each lab's folder owns its own request and response types
//! and its `handle` function ([`crate::data`], [`crate::split`]); these
//! enums only name the lab. The browser's Web Worker receives requests as
//! postcard bytes from the page, the `mlops` CLI builds them from its
//! arguments (and prints JSON of the same types), and tests build them
//! directly, so each capability is written once and reached three ways.
//! Enums are serde's externally tagged form (`{"split": {...}}`): it
//! deserializes without buffering, which keeps both wasm binaries smaller.
//! File bytes travel beside a request (a user's `File`
//! in the browser, a file read in the CLI), never inside it.
//!
//! [`Session::handle`]: crate::session::Session::handle

use serde::{Deserialize, Serialize};

/// What the page, the CLI or a test asks of the engine: one lab's request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    Data(crate::data::Request),
    Split(crate::split::Request),
    Metrics(crate::metrics::Request),
    Model(crate::model::Request),
    #[cfg(feature = "drift")]
    Drift(crate::drift::Request),
}

/// What the engine answers: one lab's answer, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Data(crate::data::Response),
    Split(crate::split::Response),
    Metrics(crate::metrics::Response),
    Model(crate::model::Response),
    #[cfg(feature = "drift")]
    Drift(crate::drift::Response),
    /// The request could not be answered; `usage` is true when the request
    /// itself was wrong rather than the data.
    Error {
        message: String,
        usage: bool,
    },
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
            #[cfg(feature = "drift")]
            Response::Drift(_) => "drift",
            Response::Error { .. } => "error",
        }
    }

    pub fn from_error(e: &crate::EngineError) -> Self {
        Response::Error {
            message: e.to_string(),
            usage: e.is_usage(),
        }
    }
}

/// The version of the page ↔ worker protocol. The page loads the worker with
/// it in the URL (so a browser never pairs a new page with a cached old
/// worker), and the worker says it in `Ready`. Bump it whenever a `Request`,
/// `Response` or `WorkerMessage` changes shape.
pub const PROTOCOL_VERSION: u32 = 4;

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

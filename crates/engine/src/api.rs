//! The one door to the engine.
//!
//! Every capability is a [`Request`] answered by [`crate::session::Session::handle`]
//! with a [`Response`]. The browser's Web Worker receives requests as JSON from
//! the page, the `mlops` CLI builds them from its arguments, and tests build
//! them directly, so each capability is written once and reached three ways.
//! Enums are serde's externally tagged form (`{"split": {...}}`): it
//! deserializes without buffering, which keeps both wasm binaries smaller.
//! File bytes travel beside a request (a transferred `ArrayBuffer` in the
//! browser, a file read in the CLI), never inside the JSON.

use crate::agreement::AgreementReport;
use crate::split::lottery::LotteryReport;
use crate::split::{SplitReport, SplitRequest};
use crate::table::{ColumnKind, ProfileReport};
use crate::what_if::LeakageReport;
use serde::{Deserialize, Serialize};

/// What the page, the CLI or a test asks of the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Make a built-in dataset the working dataset.
    LoadSample { id: String },
    /// Read CSV bytes (sent beside the request) as the working dataset.
    LoadCsv {
        name: String,
        /// One character, or `tab`; `None` detects it.
        #[serde(default)]
        delimiter: Option<String>,
    },
    /// Profile the working dataset.
    Profile,
    /// Label agreement between label columns of the working dataset.
    Agreement { raters: Vec<String> },
    /// Label agreement between `target` and the columns that look like its
    /// annotators ([`crate::suggest::raters`]); `None` when there are none.
    LabelCheck { target: String },
    /// Split the working dataset.
    Split(SplitRequest),
    /// The split lottery for the working dataset's target: how random splits
    /// over `seeds` seeds spread each class, at the dataset's own size or at
    /// `rows` rows with the same class balance.
    Lottery {
        target: String,
        ratios: Vec<u32>,
        seeds: u32,
        base_seed: u64,
        #[serde(default)]
        rows: Option<u64>,
    },
    /// Each split as a CSV file, every field as in the source. The source's
    /// bytes ride beside the request (a built-in sample needs none).
    ExportSplits(SplitRequest),
    /// Z-score scaling of `column` fitted on train only vs on all rows.
    Leakage { split: SplitRequest, column: String },
}

/// A loaded dataset, as the header and the Data lab show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetSummary {
    pub name: String,
    pub rows: u64,
    pub columns: Vec<ColumnInfo>,
    /// `,` `;` `\t` or `|`.
    pub delimiter: String,
    pub encoding: String,
    pub bytes: u64,
    /// The first rows as text (missing = `""`), for the preview table.
    pub preview: Vec<Vec<String>>,
    /// The target a lab starts with (see [`crate::suggest::target`]).
    pub suggested_target: Option<String>,
    /// Columns that could be raters' labels ([`crate::suggest::label_columns`]).
    pub label_columns: Vec<String>,
    pub warnings: Vec<String>,
}

/// A column's name and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub name: String,
    pub kind: ColumnKind,
}

/// One exported split file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedFile {
    /// `train.csv`, `dev.csv` or `test.csv`.
    pub name: String,
    /// The file's text (UTF-8).
    pub csv: String,
}

/// What the engine answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// A dataset became the working dataset; its profile comes along so the
    /// Data lab needs no second round trip.
    Loaded {
        dataset: DatasetSummary,
        profile: ProfileReport,
    },
    Profile(ProfileReport),
    Agreement(AgreementReport),
    /// The answer to `LabelCheck`.
    LabelCheck {
        report: Option<AgreementReport>,
    },
    Split(SplitReport),
    Lottery {
        report: LotteryReport,
        /// Class labels, indexing the report's classes.
        labels: Vec<String>,
        /// The positive class's index in `labels` (the spec's rule).
        positive: Option<usize>,
    },
    Exported {
        files: Vec<ExportedFile>,
    },
    Leakage(LeakageReport),
    /// The request could not be answered; `usage` is true when the request
    /// itself was wrong rather than the data.
    Error {
        message: String,
        usage: bool,
    },
}

impl Response {
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
pub const PROTOCOL_VERSION: u32 = 1;

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

/// What the page posts to the worker (as JSON; bytes ride beside it).
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
        let r = Request::LoadSample {
            id: "sample-defects".into(),
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"load_sample":{"id":"sample-defects"}}"#);
        let back: Request = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let p: Request = serde_json::from_str(r#""profile""#).unwrap();
        assert_eq!(p, Request::Profile);
    }
}

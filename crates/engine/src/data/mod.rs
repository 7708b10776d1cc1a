//! The Data lab: bring a dataset in (a CSV read chunk by chunk, or a
//! built-in sample), describe and profile it, suggest its target and label
//! columns, and measure how far its labellers agree.
//!
//! Files: [`load`] (the one path of every load), [`summary`] (what the header
//! and the lab show of a dataset), [`agreement`] (Cohen's and Fleiss' kappa),
//! [`suggest`] (target and rater columns), [`samples`] (built-in datasets).
//! The profile itself lives in [`crate::table`], beside the columns it reads.

pub mod agreement;
pub mod load;
pub mod samples;
pub mod suggest;
pub mod summary;

pub use load::{parse_delimiter, CsvLoad};
pub use summary::{summarize, ColumnInfo, DatasetSummary, PREVIEW_ROWS};

use crate::basics::error::{EngineError, Result};
use crate::state::Datasets;
use crate::table::{profile, ProfileReport};
use agreement::AgreementReport;
use serde::{Deserialize, Serialize};

/// What the Data lab asks.
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
    /// annotators ([`suggest::raters`]); `None` when there are none.
    LabelCheck { target: String },
}

/// What the Data lab is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// A dataset became the working dataset; its profile comes along so the
    /// lab needs no second round trip.
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
}

/// Answers a Data lab request. `bytes` carries a file's content for
/// `LoadCsv`.
pub fn handle(datasets: &mut Datasets, request: Request, bytes: Option<&[u8]>) -> Result<Response> {
    match request {
        Request::LoadSample { id } => {
            let csv = samples::csv(&id)
                .ok_or_else(|| EngineError::UnknownDataset { name: id.clone() })?;
            let mut load = CsvLoad::begin(id.clone(), None)?;
            load.push(csv.as_bytes())?;
            load::finish(datasets, load, Some(id), &mut |_| {})
        }
        Request::LoadCsv { name, delimiter } => {
            let bytes = bytes.ok_or_else(|| {
                EngineError::bad_request(format!("{name}: no file content was sent"))
            })?;
            let mut load = CsvLoad::begin(name, delimiter.as_deref())?;
            load.push(bytes)?;
            load::finish(datasets, load, None, &mut |_| {})
        }
        Request::Profile => Ok(Response::Profile(profile(datasets.working()?))),
        Request::Agreement { raters } => Ok(Response::Agreement(agreement::agreement(
            datasets.working()?,
            &raters,
        )?)),
        Request::LabelCheck { target } => {
            let table = datasets.working()?;
            table.column(&target)?;
            let raters = suggest::raters(table, &target);
            let report = if raters.len() >= 2 {
                Some(agreement::agreement(table, &raters)?)
            } else {
                None
            };
            Ok(Response::LabelCheck { report })
        }
    }
}

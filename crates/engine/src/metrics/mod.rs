//! Metrics: how good predictions are, with scikit-learn's definitions to
//! the last bit that matters (1e-9), edge cases included.
//!
//! Why our own and not a port: the lab slides a threshold over a million
//! scores at 60 frames a second, so the scores are sorted once into a
//! [`threshold_table::ThresholdTable`] with cumulative counts, and everything that depends on
//! a threshold (the confusion matrix, precision, recall, F1) is a binary
//! search, while ROC AUC, average precision and both curves are one pass.
//!
//! Files: [`bootstrap`] (seeded 95% intervals), [`counts`] (everything from a confusion matrix), [`sweep`],
//! [`curves`] (ROC, PR, calibration), [`probability`] (log loss, Brier),
//! [`regression`], [`outcomes`] (columns → codes), [`report`]
//! ([`evaluate`], the `mlops metrics` computation), [`spec_json`] (its
//! JSON contract).

pub mod automation;
pub mod bootstrap;
pub mod counts;
pub mod curves;
pub mod fields;
pub mod outcomes;
pub mod probability;
pub mod regression;
pub mod report;
pub mod spec_json;
pub mod threshold_table;

pub use report::{evaluate, MetricsBody, MetricsReport, MetricsRequest, Task};
pub use spec_json::spec_json;

use crate::basics::error::Result;
use crate::state::Datasets;
use serde::{Deserialize, Serialize};

/// What the Model lab asks of metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// `mlops metrics` on the working dataset's columns.
    Metrics(MetricsRequest),
}

/// What it is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Metrics(MetricsReport),
}

/// Answers a metrics request on the working dataset.
pub fn handle(datasets: &Datasets, request: Request) -> Result<Response> {
    let table = datasets.working()?;
    match request {
        Request::Metrics(req) => Ok(Response::Metrics(evaluate(table, &req)?)),
    }
}

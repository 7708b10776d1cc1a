//! The Split lab's requests and answers, and [`handle`], the lab's door.

use super::leakage::{leakage, scale_counts, LeakageReport};
use super::lottery::LotteryReport;
use super::{export_splits, split_names, split_table, SplitReport, SplitRequest};
use crate::basics::error::{EngineError, Result};
use crate::data::samples;
use crate::state::{Datasets, Role};
use crate::table::positive_index;
use serde::{Deserialize, Serialize};

/// What the Split lab asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
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
    Export(SplitRequest),
    /// Z-score scaling of `column` fitted on train only vs on all rows.
    Leakage { split: SplitRequest, column: String },
}

/// One exported split file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedFile {
    /// `train.csv`, `dev.csv` or `test.csv`.
    pub name: String,
    /// The file's bytes: every field as in the source, in its encoding.
    pub bytes: Vec<u8>,
}

/// What the Split lab is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Split(SplitReport),
    Lottery {
        report: LotteryReport,
        /// Class labels, indexing the report's classes.
        labels: Vec<String>,
        /// The positive class's index in `labels` (the spec's rule).
        positive: Option<usize>,
    },
    /// The split's report and its files.
    Exported {
        report: SplitReport,
        files: Vec<ExportedFile>,
    },
    Leakage(LeakageReport),
}

/// Answers a Split lab request on the working dataset. `bytes` carries the
/// source file for `Export` (a built-in sample needs none).
pub fn handle(datasets: &Datasets, request: Request, bytes: Option<&[u8]>) -> Result<Response> {
    let table = datasets.working()?;
    match request {
        Request::Split(req) => Ok(Response::Split(split_table(table, &req)?.report)),
        Request::Lottery {
            target,
            ratios,
            seeds,
            base_seed,
            rows,
        } => {
            let classes = table.column(&target)?.class_index();
            let counts: Vec<u64> = classes.counts().iter().map(|&c| c as u64).collect();
            let counts = match rows {
                Some(rows) => scale_counts(&counts, rows),
                None => counts,
            };
            let report = super::lottery::lottery(&counts, &ratios, seeds, base_seed)?;
            Ok(Response::Lottery {
                report,
                positive: positive_index(&classes.labels),
                labels: classes.labels,
            })
        }
        Request::Export(req) => {
            let sample = datasets.dataset(Role::Working)?.sample.as_deref();
            let sample_text;
            let source: &[u8] = match (bytes, sample) {
                (Some(b), _) => b,
                (None, Some(id)) => {
                    sample_text = samples::csv(id).unwrap_or_default();
                    sample_text.as_bytes()
                }
                (None, None) => {
                    return Err(EngineError::bad_request(format!(
                        "{}: the file's content is needed to write the splits",
                        table.name
                    )))
                }
            };
            let outcome = split_table(table, &req)?;
            let n = outcome.report.splits.len();
            let files = export_splits(source, table, &outcome.assignment, n)?;
            let files = split_names(n)
                .iter()
                .zip(files)
                .map(|(name, bytes)| ExportedFile {
                    name: format!("{name}.csv"),
                    bytes,
                })
                .collect();
            Ok(Response::Exported {
                report: outcome.report,
                files,
            })
        }
        Request::Leakage { split: req, column } => {
            let outcome = split_table(table, &req)?;
            let names = split_names(outcome.report.splits.len());
            Ok(Response::Leakage(leakage(
                table,
                &column,
                &outcome.assignment,
                names,
            )?))
        }
    }
}

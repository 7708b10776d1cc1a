//! The Drift lab's requests: load a reference or a current file (or take
//! the working dataset, a split of it, a simulated batch), compare them
//! (`mlops drift`), simulate and monitor a stream, turn the sample-size dial.

use super::monitor::{monitor, MonitorReport, MonitorRequest};
use super::report::{compare, DriftReport, DriftRequest};
use super::sample_size::{sample_size_dial, DialPoint};
use super::simulate::{simulate, SimulateReport, SimulateRequest};
use super::what_changed::{what_changed, WhatChanged};
use crate::basics::error::{EngineError, Result};
use crate::model::ModelStore;
use crate::state::{Datasets, Role};
use crate::table::Table;
use serde::{Deserialize, Serialize};

/// The Drift lab's own state: the simulated stream (name, table), batch 1
/// first, kept for `UseBatch` and `Monitor`, and the batch its change
/// began at.
#[derive(Debug, Default)]
pub struct Stream {
    pub batches: Vec<(String, Table)>,
    pub change_at: Option<u32>,
}

/// Which of the two datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Reference,
    Current,
}

impl Side {
    fn role(self) -> Role {
        match self {
            Side::Reference => Role::Reference,
            Side::Current => Role::Current,
        }
    }
}

/// What the Drift lab asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Read the CSV riding beside the request as the reference or current
    /// dataset.
    Load {
        side: Side,
        name: String,
        delimiter: Option<String>,
    },
    /// Compare the current dataset with the reference.
    Compare(DriftRequest),
    /// Simulate a stream of batches from the reference; with `files`, also
    /// each batch as CSV (the reference's source rides beside). The batches
    /// are kept in the lab's [`Stream`] (for `UseBatch` and `Monitor`).
    Simulate {
        request: SimulateRequest,
        files: bool,
    },
    /// Make the working dataset, or the rows of one split of a kept model's
    /// run (`model`, `split`: e.g. the test split), one side.
    UseWorking {
        side: Side,
        model: Option<u32>,
        split: Option<String>,
    },
    /// Split the working dataset as the Split lab does: its first split
    /// (train) becomes the reference, its last (test) the current dataset.
    UseSplit(crate::split::SplitRequest),
    /// Read the CSV riding beside the request as the stream's next batch
    /// (`mlops monitor`'s batch files, in name order).
    AddBatch {
        name: String,
        delimiter: Option<String>,
    },
    /// Make kept batch `index` (0-based) the current dataset.
    UseBatch { index: u32 },
    /// Watch the kept batches against the reference, with a kept model;
    /// without a `change_at`, the simulated stream's own change point.
    Monitor {
        request: MonitorRequest,
        model: Option<u32>,
    },
    /// What the simulated stream's change did to `feature` and to the
    /// label's rate across its bins (the reference before, the batches from
    /// the change point on after).
    WhatChanged {
        feature: String,
        target: Option<String>,
    },
    /// The simulated stream as one CSV with a `batch` column.
    StreamCsv,
    /// The stream `base` under each scenario, monitored with a kept model:
    /// each scenario's detections (the kept stream is left as it is).
    CompareScenarios {
        base: SimulateRequest,
        request: MonitorRequest,
        model: Option<u32>,
    },
    /// The sample-size dial on a reference column.
    SampleSizes {
        column: String,
        shift: f64,
        sizes: Vec<u32>,
        seed: u64,
    },
}

impl Request {
    /// The whole working dataset as the reference (what the simulated
    /// stream is drawn from and watched against).
    pub fn working_as_reference() -> Request {
        Request::UseWorking {
            side: Side::Reference,
            model: None,
            split: None,
        }
    }
}

/// What the Drift lab is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Loaded {
        side: Side,
        name: String,
        rows: u64,
        columns: Vec<String>,
        warnings: Vec<String>,
    },
    Compared(DriftReport),
    Simulated {
        report: SimulateReport,
        files: Vec<Vec<u8>>,
    },
    Monitored(MonitorReport),
    WhatChanged(WhatChanged),
    /// CSV text.
    Csv(String),
    Scenarios(Vec<super::scenarios::ScenarioRun>),
    Dial(Vec<DialPoint>),
}

/// Answers a Drift lab request: `datasets` holds the reference and current
/// sides, `stream` the simulated batches, `models` the Model lab's models.
pub fn handle(
    stream: &mut Stream,
    datasets: &mut Datasets,
    models: &ModelStore,
    request: Request,
    bytes: Option<&[u8]>,
) -> Result<Response> {
    match request {
        Request::Load {
            side,
            name,
            delimiter,
        } => {
            let bytes = bytes.ok_or_else(|| {
                EngineError::bad_request(format!("{name}: no file content was sent"))
            })?;
            let options = crate::table::CsvOptions {
                name,
                delimiter: crate::data::parse_delimiter(delimiter.as_deref())?,
            };
            let table = crate::table::read_csv(bytes, &options)?;
            let answer = loaded(side, &table);
            datasets.put(side.role(), table, None);
            Ok(answer)
        }
        Request::Compare(r) => {
            let reference = datasets.dataset(Role::Reference)?;
            let current = datasets.dataset(Role::Current)?;
            let (rt, ct) = (&reference.table, &current.table);
            Ok(Response::Compared(compare(
                (rt, &rt.name),
                (ct, &ct.name),
                &r,
            )?))
        }
        Request::Simulate { request, files } => {
            let reference = datasets.dataset(Role::Reference)?;
            let table = &reference.table;
            let (report, batches) = simulate(table, &request)?;
            let files = match (files, bytes) {
                (false, _) => Vec::new(),
                (true, Some(source)) => super::batch_io::batch_files(source, table, &batches)?,
                (true, None) => {
                    return Err(EngineError::bad_request(
                        "writing batch files needs the reference's source",
                    ))
                }
            };
            stream.batches = super::batch_io::named_batches(table, &batches);
            stream.change_at = Some(report.change_at);
            Ok(Response::Simulated { report, files })
        }
        Request::UseWorking { side, model, split } => {
            let working = datasets.working()?;
            let table = match (model, split) {
                (Some(id), Some(name)) => {
                    let run = models.kept(id)?.run.as_ref().ok_or_else(|| {
                        EngineError::bad_request(format!(
                            "model {id} was not trained here: it has no splits"
                        ))
                    })?;
                    let k = run
                        .split_names
                        .iter()
                        .position(|s| *s == name)
                        .ok_or_else(|| {
                            EngineError::bad_request(format!(
                                "model {id}'s run has no split '{name}' (it has {})",
                                run.split_names.join(", ")
                            ))
                        })?;
                    rows_of_split(working, &run.assignment, k, &name)
                }
                _ => working.clone(),
            };
            let answer = loaded(side, &table);
            datasets.put(side.role(), table, None);
            Ok(answer)
        }
        Request::UseSplit(split) => {
            let working = datasets.working()?;
            let outcome = crate::split::split_table(working, &split)?;
            let names: Vec<&str> = outcome
                .report
                .splits
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            let (Some(first), Some(last)) = (names.first(), names.last()) else {
                return Err(EngineError::bad_request("the split made no splits"));
            };
            let reference = rows_of_split(working, &outcome.assignment, 0, first);
            let current = rows_of_split(working, &outcome.assignment, names.len() - 1, last);
            datasets.put(Role::Reference, reference, None);
            let answer = loaded(Side::Current, &current);
            datasets.put(Role::Current, current, None);
            Ok(answer)
        }
        Request::AddBatch { name, delimiter } => {
            let bytes = bytes.ok_or_else(|| {
                EngineError::bad_request(format!("{name}: no file content was sent"))
            })?;
            let options = crate::table::CsvOptions {
                name: name.clone(),
                delimiter: crate::data::parse_delimiter(delimiter.as_deref())?,
            };
            let table = crate::table::read_csv(bytes, &options)?;
            let answer = loaded(Side::Current, &table);
            stream.batches.push((name, table));
            Ok(answer)
        }
        Request::UseBatch { index } => {
            let (_, t) = stream.batches.get(index as usize).ok_or_else(|| {
                EngineError::bad_request(format!(
                    "there is no batch {} (the stream has {})",
                    index + 1,
                    stream.batches.len()
                ))
            })?;
            let table = t.clone();
            let answer = loaded(Side::Current, &table);
            datasets.put(Role::Current, table, None);
            Ok(answer)
        }
        Request::Monitor { request, model } => {
            let reference = &datasets.dataset(Role::Reference)?.table;
            let model = model.map(|id| models.model(id)).transpose()?;
            let request = MonitorRequest {
                change_at: request.change_at.or(stream.change_at),
                ..request
            };
            Ok(Response::Monitored(monitor(
                reference,
                &stream.batches,
                model,
                &request,
            )?))
        }
        Request::WhatChanged { feature, target } => {
            let reference = &datasets.dataset(Role::Reference)?.table;
            let change_at = stream.change_at.ok_or_else(|| {
                EngineError::bad_request("no stream is simulated yet: simulate one first")
            })?;
            Ok(Response::WhatChanged(what_changed(
                reference,
                &stream.batches,
                change_at,
                &feature,
                target.as_deref(),
            )?))
        }
        Request::CompareScenarios {
            base,
            request,
            model,
        } => {
            let reference = &datasets.dataset(Role::Reference)?.table;
            let model = model.map(|id| models.model(id)).transpose()?;
            Ok(Response::Scenarios(super::scenarios::compare_scenarios(
                reference, &base, &request, model,
            )))
        }
        Request::StreamCsv => {
            if stream.batches.is_empty() {
                return Err(EngineError::bad_request(
                    "no stream is simulated yet: simulate one first",
                ));
            }
            Ok(Response::Csv(super::stream_csv::stream_csv(
                &stream.batches,
            )))
        }
        Request::SampleSizes {
            column,
            shift,
            sizes,
            seed,
        } => {
            let reference = &datasets.dataset(Role::Reference)?.table;
            Ok(Response::Dial(sample_size_dial(
                reference.column(&column)?,
                shift,
                &sizes,
                seed,
            )?))
        }
    }
}

/// The rows of split `k` in `assignment`, as a table named after `name`.
fn rows_of_split(working: &Table, assignment: &[u8], k: usize, name: &str) -> Table {
    let rows = assignment
        .iter()
        .enumerate()
        .filter(|(_, &a)| usize::from(a) == k)
        .map(|(r, _)| r as u32)
        .collect();
    let batch = super::simulate::Batch {
        rows,
        ..Default::default()
    };
    super::batch_io::batch_table(working, &batch, format!("{} ({name})", working.name))
}

fn loaded(side: Side, table: &crate::table::Table) -> Response {
    Response::Loaded {
        side,
        name: table.name.clone(),
        rows: table.n_rows as u64,
        columns: table.column_names(),
        warnings: table.warnings.clone(),
    }
}

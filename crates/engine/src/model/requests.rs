//! The Model lab's requests and answers, and [`handle`], the lab's door.

use super::experiments::{self, DataCentric, Point};
use super::fitted::ModelInfo;
use super::slices::{slices, Slice};
use super::store::{Kept, ModelStore, Run};
use super::train::{self, measure_at};
use super::{FittedModel, SplitMetrics, TrainRequest};
use crate::basics::error::{EngineError, Result};
use crate::metrics::MetricsReport;
use crate::state::{Datasets, Role};
use serde::{Deserialize, Serialize};

/// What the Model lab asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Train on the working dataset; the model is kept under a new id.
    Train(TrainRequest),
    /// The metrics of a kept model's run on one split (`train`, `dev`,
    /// `test`) at a decision threshold (binary models; 0.5 when `None`).
    Evaluate {
        id: u32,
        split: String,
        threshold: Option<f64>,
        /// The seed of bootstrap intervals, if wanted.
        #[serde(default)]
        intervals: Option<u64>,
    },
    /// Train and dev metrics per value of a parameter (`C`, `max_depth`).
    Sweep {
        base: TrainRequest,
        param: String,
        values: Vec<f64>,
    },
    /// The dev metric training on 10%, ..., 100% of the train split.
    LearningCurve { base: TrainRequest, seed: u64 },
    /// Retrain with the train rows `annotator` disagrees on relabelled by
    /// it, or left out.
    DataCentric {
        base: TrainRequest,
        annotator: String,
    },
    /// Error analysis of a kept model's run on `split`, by `column`; the
    /// human error per slice from `annotator`, else `hlp`.
    Slices {
        id: u32,
        split: String,
        column: String,
        annotator: Option<String>,
        hlp: Option<f64>,
    },
    /// A kept model as `mlops-model/1` JSON.
    ModelJson { id: u32 },
    /// Keep a model read from `mlops-model/1` JSON, the file `name`'s
    /// bytes riding beside the request.
    ImportModel { name: String },
    /// Score the working dataset with a kept model (its metrics when the
    /// target is there).
    Score { id: u32 },
    /// Degrees of automation on a kept binary model's run: the share of
    /// `split`'s rows it is confident enough to decide alone at each bar,
    /// and its error rate on them (`mlops metrics --automation` on the
    /// run's scores; threshold 0.5 when `None`).
    Automation {
        id: u32,
        split: String,
        threshold: Option<f64>,
    },
    /// The working dataset's CSV (its source riding beside) with a kept
    /// model's predictions appended: `split`, `prediction`, `score` of its
    /// run (`splits`, what `mlops train --predictions-out` writes), else
    /// `prediction`, `score` of the model on every row (`mlops predict`).
    PredictionsCsv { id: u32, splits: bool },
}

/// A trained model's summary for the lab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainedSummary {
    pub id: u32,
    /// The model's description (the model itself stays in the session).
    pub info: ModelInfo,
    pub splits: Vec<SplitMetrics>,
    pub warnings: Vec<String>,
}

/// What it is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Trained(Box<TrainedSummary>),
    Evaluated(MetricsReport),
    Sweep {
        param: String,
        points: Vec<Point>,
    },
    LearningCurve {
        points: Vec<Point>,
    },
    DataCentric(Box<DataCentric>),
    Slices {
        column: String,
        slices: Vec<Slice>,
    },
    ModelJson {
        text: String,
    },
    Imported {
        id: u32,
        info: ModelInfo,
    },
    Scored {
        id: u32,
        metrics: Option<MetricsReport>,
        rows: u64,
    },
    /// CSV bytes.
    Csv(Vec<u8>),
    Automation(Vec<crate::metrics::automation::AutomationPoint>),
}

/// Answers a Model lab request; `bytes` carries the model file of
/// `ImportModel`.
pub fn handle(
    models: &mut ModelStore,
    datasets: &Datasets,
    request: Request,
    bytes: Option<&[u8]>,
    progress: &mut dyn FnMut(f64),
) -> Result<Response> {
    match request {
        Request::Train(req) => {
            let generation = datasets.dataset(Role::Working)?.generation;
            // Progress: split and checked, then fitted and measured.
            let table = datasets.working()?;
            let plan = train::plan(table, &req)?;
            progress(0.2);
            let trained = train::run(table, &plan, &plan.fit, &plan.train_rows())?;
            progress(1.0);
            let run = Run {
                generation,
                assignment: trained.assignment,
                split_names: trained.splits.iter().map(|s| s.name.clone()).collect(),
                predictions: trained.predictions,
            };
            let id = models.keep(trained.model.clone(), Some(run));
            Ok(Response::Trained(Box::new(TrainedSummary {
                id,
                info: trained.model.info(),
                splits: trained.splits,
                warnings: trained.warnings,
            })))
        }
        Request::Evaluate {
            id,
            split,
            threshold,
            intervals,
        } => {
            let (table, kept, run) = run_of(datasets, models, id)?;
            let rows = split_rows(table, kept, run, &split)?;
            Ok(Response::Evaluated(measure_at(
                table,
                &kept.model,
                &run.predictions,
                &rows,
                threshold,
                intervals,
            )?))
        }
        Request::Sweep {
            base,
            param,
            values,
        } => {
            let points = experiments::sweep(datasets.working()?, &base, &param, &values, progress)?;
            Ok(Response::Sweep { param, points })
        }
        Request::LearningCurve { base, seed } => Ok(Response::LearningCurve {
            points: experiments::learning_curve(datasets.working()?, &base, seed, progress)?,
        }),
        Request::DataCentric { base, annotator } => Ok(Response::DataCentric(Box::new(
            experiments::data_centric(datasets.working()?, &base, &annotator, progress)?,
        ))),
        Request::Slices {
            id,
            split,
            column,
            annotator,
            hlp,
        } => {
            let (table, kept, run) = run_of(datasets, models, id)?;
            let rows = split_rows(table, kept, run, &split)?;
            let target = table.column(&kept.model.target)?;
            let correct: Vec<bool> = rows
                .iter()
                .map(|&r| {
                    run.predictions.labels.get(r).map(String::as_str) == target.text(r).as_deref()
                })
                .collect();
            let human: Option<Vec<bool>> = match &annotator {
                Some(a) => {
                    let a = table.column(a)?;
                    Some(rows.iter().map(|&r| a.text(r) == target.text(r)).collect())
                }
                None => None,
            };
            let slices = slices(table, &column, &rows, &correct, human.as_deref(), hlp)?;
            Ok(Response::Slices { column, slices })
        }
        Request::Automation {
            id,
            split,
            threshold,
        } => {
            let (table, kept, run) = run_of(datasets, models, id)?;
            let rows = split_rows(table, kept, run, &split)?;
            let kind = kept.model.model.as_str();
            let (Some(scores), Some(positive)) = (&run.predictions.scores, &kept.model.positive)
            else {
                return Err(EngineError::bad_request(format!(
                    "the {kind} model gives no probability of a positive class: automation by confidence needs a binary target and a model with scores"
                )));
            };
            let target = table.column(&kept.model.target)?;
            let s: Vec<f64> = rows
                .iter()
                .filter_map(|&r| scores.get(r).copied())
                .collect();
            let truth: Vec<bool> = rows
                .iter()
                .map(|&r| target.text(r).as_deref() == Some(positive.as_str()))
                .collect();
            Ok(Response::Automation(
                crate::metrics::automation::automation_curve(&s, &truth, threshold.unwrap_or(0.5)),
            ))
        }
        Request::PredictionsCsv { id, splits } => {
            let source = bytes.ok_or_else(|| {
                EngineError::bad_request("the working dataset's source is needed to write its rows")
            })?;
            let score_text = |scores: &[f64]| scores.iter().map(|s| format!("{s}")).collect();
            let (table, headers, columns) = if splits {
                let (table, _, run) = run_of(datasets, models, id)?;
                let split: Vec<String> = run
                    .assignment
                    .iter()
                    .map(|&k| run.split_names.get(k as usize).cloned().unwrap_or_default())
                    .collect();
                let mut columns = vec![split, run.predictions.labels.clone()];
                let mut headers = vec!["split", "prediction"];
                if let Some(scores) = &run.predictions.scores {
                    columns.push(score_text(scores));
                    headers.push("score");
                }
                (table, headers, columns)
            } else {
                let table = datasets.working()?;
                let rows: Vec<usize> = (0..table.n_rows).collect();
                let p = models.model(id)?.predict(table, &rows)?;
                let mut columns = vec![p.labels];
                let mut headers = vec!["prediction"];
                if let Some(scores) = &p.scores {
                    columns.push(score_text(scores));
                    headers.push("score");
                }
                (table, headers, columns)
            };
            Ok(Response::Csv(crate::split::append_columns(
                source, table, &headers, &columns,
            )?))
        }
        Request::ModelJson { id } => Ok(Response::ModelJson {
            text: models.model(id)?.to_json(),
        }),
        Request::ImportModel { name } => {
            let bytes = bytes.ok_or_else(|| {
                EngineError::bad_request(format!("{name}: the model file's content is needed"))
            })?;
            let text = std::str::from_utf8(bytes)
                .map_err(|_| EngineError::unusable(&name, "a model file is UTF-8 JSON text"))?;
            let model = FittedModel::from_json(text, &name)?;
            let info = model.info();
            let id = models.keep(model, None);
            Ok(Response::Imported { id, info })
        }
        Request::Score { id } => {
            let table = datasets.working()?;
            let model = models.model(id)?;
            let rows: Vec<usize> = (0..table.n_rows).collect();
            let predictions = model.predict(table, &rows)?;
            let metrics = match table.column(&model.target) {
                Ok(target) => {
                    let with: Vec<usize> = rows
                        .iter()
                        .copied()
                        .filter(|&r| !target.is_missing(r))
                        .collect();
                    Some(train::measure(table, model, &predictions, &with)?)
                }
                Err(_) => None,
            };
            Ok(Response::Scored {
                id,
                metrics,
                rows: table.n_rows as u64,
            })
        }
    }
}

/// The working table, a kept model and its run on that table.
fn run_of<'a>(
    datasets: &'a Datasets,
    models: &'a ModelStore,
    id: u32,
) -> Result<(&'a crate::table::Table, &'a Kept, &'a Run)> {
    let dataset = datasets.dataset(Role::Working)?;
    let kept = models.kept(id)?;
    let run = kept
        .run
        .as_ref()
        .filter(|r| r.generation == dataset.generation)
        .ok_or_else(|| {
            EngineError::bad_request(format!(
                "model {id} was not trained on the working dataset: train it again"
            ))
        })?;
    Ok((&dataset.table, kept, run))
}

/// The rows of `split` in a run that have a target.
fn split_rows(
    table: &crate::table::Table,
    kept: &Kept,
    run: &Run,
    split: &str,
) -> Result<Vec<usize>> {
    let index = run
        .split_names
        .iter()
        .position(|s| s == split)
        .ok_or_else(|| {
            EngineError::bad_request(format!(
                "no split \"{split}\" (the splits are {})",
                run.split_names.join(", ")
            ))
        })?;
    let target = table.column(&kept.model.target)?;
    Ok((0..table.n_rows)
        .filter(|&r| run.assignment.get(r) == Some(&(index as u8)) && !target.is_missing(r))
        .collect())
}

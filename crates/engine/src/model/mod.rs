//! Models: baselines trained on the Split lab's train rows, exactly as
//! `shared/spec/cli.md` (`train`) defines them, kept in the session by id
//! so the Drift and Deploy labs use the model trained here.
//!
//! Why our own estimators and not linfa: scikit-learn is the reference, and
//! each estimator here is the textbook algorithm in under 200 lines, which
//! costs the worker tens of kilobytes where linfa's three crates cost 108
//! KiB gzip (`shared/design/worker-and-linfa.md`), and keeps every number
//! ours to check: [`logistic`] on [`lbfgs`] reaches the convex optimum,
//! [`naive_bayes`] and [`tree`] follow scikit-learn's formulas and stopping
//! rules, [`linear`] is ridge by Cholesky. [`features`] is the
//! preprocessing (fitted on train only), [`fitted`] the model and its
//! `mlops-model/1` JSON, [`train`] the `mlops train` computation.

pub mod features;
pub mod fitted;
pub mod lbfgs;
pub mod linear;
pub mod logistic;
pub mod naive_bayes;
pub mod train;
pub mod tree;

pub use fitted::{FittedModel, ModelKind, ModelTask, Predictions};
pub use train::{train, SplitMetrics, TrainRequest, Trained};

use crate::basics::error::{EngineError, Result};
use crate::session::Session;
use serde::{Deserialize, Serialize};

/// What the Model lab asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Train on the working dataset; the model is kept under a new id.
    Train(TrainRequest),
    /// A kept model as `mlops-model/1` JSON.
    ModelJson { id: u32 },
    /// Keep a model read from `mlops-model/1` JSON.
    ImportModel { json: String, name: String },
    /// Score the working dataset with a kept model (its metrics when the
    /// target is there).
    Score { id: u32 },
}

/// A trained model's summary for the lab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainedSummary {
    pub id: u32,
    pub model: FittedModel,
    pub splits: Vec<SplitMetrics>,
    pub warnings: Vec<String>,
}

/// What it is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Trained(Box<TrainedSummary>),
    ModelJson {
        text: String,
    },
    Imported {
        id: u32,
        model: FittedModel,
    },
    Scored {
        id: u32,
        metrics: Option<crate::metrics::MetricsReport>,
        rows: u64,
    },
}

/// Answers a Model lab request.
pub fn handle(session: &mut Session, request: Request) -> Result<Response> {
    match request {
        Request::Train(req) => {
            let trained = train(session.working()?, &req)?;
            let id = session.keep_model(trained.model.clone());
            Ok(Response::Trained(Box::new(TrainedSummary {
                id,
                model: trained.model,
                splits: trained.splits,
                warnings: trained.warnings,
            })))
        }
        Request::ModelJson { id } => Ok(Response::ModelJson {
            text: session.model(id)?.to_json(),
        }),
        Request::ImportModel { json, name } => {
            let model = FittedModel::from_json(&json, &name)?;
            let id = session.keep_model(model.clone());
            Ok(Response::Imported { id, model })
        }
        Request::Score { id } => {
            let table = session.working()?;
            let model = session.model(id)?;
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

/// The error for an unknown model id.
pub fn unknown_model(id: u32) -> EngineError {
    EngineError::bad_request(format!(
        "no model with id {id} in this session (train one first)"
    ))
}

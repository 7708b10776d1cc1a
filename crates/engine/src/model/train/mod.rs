//! `mlops train`: split as `mlops split` would, fit preprocessing and a
//! model on the train rows, and measure every split with `mlops metrics`'
//! own functions.

//!
//! Three steps, a file each: [`plan`] checks the request and splits the
//! table (here), [`fit::fit_model`] fits preprocessing and the model on the
//! train rows, [`measure::measure`] scores every split.

mod fit;
mod measure;

pub use fit::{fit_model, FitSpec};
pub use measure::{measure, measure_at};

use super::fitted::{FittedModel, ModelKind, Predictions};
use super::hyper::Hyperparameters;
use crate::basics::error::{EngineError, Result};
use crate::metrics::outcomes::sorted_distinct;
use crate::metrics::MetricsReport;
use crate::split::{split_names, split_table, SplitRequest};
use crate::table::Table;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What `mlops train` is asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainRequest {
    pub model: ModelKind,
    /// `C`, `max_depth`, `min_samples_leaf`, `var_smoothing`.
    pub params: BTreeMap<String, f64>,
    /// The feature columns; `None` takes every column but the target and `by`.
    pub features: Option<Vec<String>>,
    /// The split (its `target` is the model's target).
    pub split: SplitRequest,
}

/// One split's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitMetrics {
    pub name: String,
    pub metrics: MetricsReport,
}

/// What training gives: the model, its metrics per split, and every row's
/// prediction and split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trained {
    pub model: FittedModel,
    pub splits: Vec<SplitMetrics>,
    /// Per row: 0 train, 1 dev, 2 test (the last split is test).
    pub assignment: Vec<u8>,
    pub predictions: Predictions,
    pub warnings: Vec<String>,
}

/// Trains on `table` as `req` says.
pub fn train(table: &Table, req: &TrainRequest) -> Result<Trained> {
    let plan = plan(table, req)?;
    let rows = plan.train_rows();
    run(table, &plan, &plan.fit, &rows)
}

/// Everything decided before fitting: the split, the classes, the
/// features, the parameters, and the warnings so far.
#[derive(Debug, Clone)]
pub struct Plan {
    /// What to fit.
    pub fit: FitSpec,
    /// Per row: its split (0 train, 1 dev, 2 test).
    pub assignment: Vec<u8>,
    pub n_splits: usize,
    /// Rows that have a target.
    pub with_target: Vec<usize>,
    pub warnings: Vec<String>,
}

impl Plan {
    /// The rows of split `index` that have a target.
    pub fn rows_of(&self, index: u8) -> Vec<usize> {
        self.with_target
            .iter()
            .copied()
            .filter(|&r| self.assignment.get(r) == Some(&index))
            .collect()
    }

    pub fn train_rows(&self) -> Vec<usize> {
        self.rows_of(0)
    }

    /// The index of split `name` (`train`, `dev`, `test`).
    pub fn split_index(&self, name: &str) -> Option<u8> {
        split_names(self.n_splits)
            .iter()
            .position(|s| *s == name)
            .map(|i| i as u8)
    }
}

/// Checks `req` against `table` and splits it.
pub fn plan(table: &Table, req: &TrainRequest) -> Result<Plan> {
    let target_name = &req.split.target;
    let target = table.column(target_name)?;
    let mut warnings = table.warnings.clone();
    let with_target: Vec<usize> = (0..table.n_rows)
        .filter(|&r| !target.is_missing(r))
        .collect();
    let texts: Vec<_> = with_target
        .iter()
        .map(|&r| target.text(r).unwrap_or_default())
        .collect();
    let labels = sorted_distinct(&texts.iter().map(|s| s.as_ref()).collect::<Vec<_>>());
    let regression = super::fitted::is_regression_target(target.kind(), labels.len());
    let allowed = ModelKind::fitting(regression);
    if !allowed.contains(&req.model) {
        return Err(EngineError::bad_setting(
            "model",
            format!(
                "{} does not fit a {} target (use {})",
                req.model.as_str(),
                if regression {
                    "numeric (regression)"
                } else {
                    "class"
                },
                allowed
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let hyper = Hyperparameters::check(req.model, &req.params)?;
    let outcome = split_table(table, &req.split)?;
    warnings.extend(outcome.report.warnings.iter().cloned());
    let missing = table.n_rows - with_target.len();
    if missing > 0 {
        warnings.push(format!(
            "{missing} row(s) with no \"{target_name}\" are left out of fitting and metrics"
        ));
    }
    let features: Vec<String> = match &req.features {
        Some(f) => f.clone(),
        None => table
            .column_names()
            .into_iter()
            .filter(|c| c != target_name && Some(c) != req.split.by.as_ref())
            .collect(),
    };
    if features.iter().any(|f| f == target_name) {
        return Err(EngineError::bad_request(format!(
            "the target \"{target_name}\" cannot be a feature"
        )));
    }
    let plan = Plan {
        fit: FitSpec {
            target: target_name.clone(),
            hyper,
            features,
            labels: if regression { Vec::new() } else { labels },
            regression,
        },
        n_splits: outcome.report.splits.len(),
        assignment: outcome.assignment,
        with_target,
        warnings,
    };
    if plan.train_rows().is_empty() {
        return Err(EngineError::unusable(
            &table.name,
            "the train split holds no rows with a target",
        ));
    }
    Ok(plan)
}

/// Fits `spec` on `train_rows` and measures every split of `plan`.
pub fn run(table: &Table, plan: &Plan, spec: &FitSpec, train_rows: &[usize]) -> Result<Trained> {
    let mut warnings = plan.warnings.clone();
    let model = fit_model(table, spec, train_rows, &mut warnings)?;
    let all: Vec<usize> = (0..table.n_rows).collect();
    let predictions = model.predict(table, &all)?;
    let splits = split_names(plan.n_splits)
        .iter()
        .enumerate()
        .map(|(i, name)| {
            Ok(SplitMetrics {
                name: name.to_string(),
                metrics: measure(table, &model, &predictions, &plan.rows_of(i as u8))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Trained {
        model,
        splits,
        assignment: plan.assignment.clone(),
        predictions,
        warnings,
    })
}

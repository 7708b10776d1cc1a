//! `mlops train`: split as `mlops split` would, fit preprocessing and a
//! model on the train rows, and measure every split with `mlops metrics`'
//! own functions.

use super::features::Preprocessor;
use super::fitted::{Estimator, FittedModel, ModelKind, ModelTask, Predictions, FORMAT};
use super::{linear, logistic, naive_bayes, tree};
use crate::basics::error::{EngineError, Result};
use crate::metrics::outcomes::{codes_of, sorted_distinct};
use crate::metrics::regression::regression_metrics;
use crate::metrics::report::{from_labels, from_scores, Context, MetricsBody, MetricsReport};
use crate::split::{split_names, split_table, SplitRequest};
use crate::table::{positive_index, Table};
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

/// The parameters a model takes, with scikit-learn's defaults.
fn params_for(kind: ModelKind, given: &BTreeMap<String, f64>) -> Result<BTreeMap<String, f64>> {
    let defaults: &[(&str, f64)] = match kind {
        ModelKind::Logistic => &[("C", 1.0)],
        ModelKind::Tree => &[("max_depth", 5.0), ("min_samples_leaf", 1.0)],
        ModelKind::NaiveBayes => &[("var_smoothing", 1e-9)],
        ModelKind::Ridge => &[("alpha", 1.0)],
        ModelKind::Majority | ModelKind::Mean => &[],
    };
    let mut out: BTreeMap<String, f64> =
        defaults.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    for (k, &v) in given {
        match out.get_mut(k) {
            Some(slot) if v.is_finite() && v > 0.0 => *slot = v,
            Some(_) => {
                return Err(EngineError::bad_setting(
                    "param",
                    format!("{k}={v}: it must be a positive number"),
                ))
            }
            None => {
                return Err(EngineError::bad_setting(
                    "param",
                    format!(
                        "{k}: {} takes {}",
                        kind.as_str(),
                    if defaults.is_empty() {
                        "no parameters".to_string()
                    } else {
                        defaults.iter().map(|d| d.0).collect::<Vec<_>>().join(", ")
                    }
                    ),
                ))
            }
        }
    }
    Ok(out)
}

/// Trains on `table` as `req` says.
pub fn train(table: &Table, req: &TrainRequest) -> Result<Trained> {
    let plan = plan(table, req)?;
    let rows = plan.train_rows();
    run(table, &plan, &plan.spec(), &rows)
}

/// Everything decided before fitting: the split, the classes, the
/// features, the parameters, and the warnings so far.
#[derive(Debug, Clone)]
pub struct Plan {
    pub target: String,
    pub kind: ModelKind,
    pub params: BTreeMap<String, f64>,
    pub features: Vec<String>,
    pub labels: Vec<String>,
    pub regression: bool,
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

    pub fn spec(&self) -> FitSpec<'_> {
        FitSpec {
            target: &self.target,
            kind: self.kind,
            params: self.params.clone(),
            features: self.features.clone(),
            labels: &self.labels,
            regression: self.regression,
        }
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
    let params = params_for(req.model, &req.params)?;
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
        target: target_name.clone(),
        kind: req.model,
        params,
        features,
        labels: if regression { Vec::new() } else { labels },
        regression,
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
pub fn run(
    table: &Table,
    plan: &Plan,
    spec: &FitSpec<'_>,
    train_rows: &[usize],
) -> Result<Trained> {
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

/// What to fit: the target, the model and its parameters, the features,
/// the target's classes in label order (unused for regression).
pub struct FitSpec<'a> {
    pub target: &'a str,
    pub kind: ModelKind,
    pub params: BTreeMap<String, f64>,
    pub features: Vec<String>,
    pub labels: &'a [String],
    pub regression: bool,
}

/// Fits preprocessing and the model on `train_rows` of `table` (rows that
/// have a target).
pub fn fit_model(
    table: &Table,
    spec: &FitSpec<'_>,
    train_rows: &[usize],
    warnings: &mut Vec<String>,
) -> Result<FittedModel> {
    let target = table.column(spec.target)?;
    let pre = Preprocessor::fit(
        table,
        &spec.features,
        train_rows,
        spec.kind.standardizes(),
        warnings,
    )?;
    let x = pre.transform(table, train_rows)?;
    let p = |k: &str| spec.params.get(k).copied().unwrap_or(1.0);
    let (task, estimator, positive) = if spec.regression {
        let y: Vec<f64> = train_rows
            .iter()
            .map(|&r| target.number(r).unwrap_or(0.0))
            .collect();
        let estimator = match spec.kind {
            ModelKind::Mean => Estimator::Mean {
                value: y.iter().sum::<f64>() / y.len() as f64,
            },
            ModelKind::Ridge => Estimator::Ridge(linear::fit(&x, &y, p("alpha"))),
            _ => Estimator::Tree(tree::fit(
                &x,
                tree::Target::Values(&y),
                p("max_depth") as usize,
                p("min_samples_leaf") as usize,
            )),
        };
        (ModelTask::Regression, estimator, None)
    } else {
        let texts: Vec<_> = train_rows
            .iter()
            .map(|&r| target.text(r).unwrap_or_default())
            .collect();
        let y = codes_of(
            &texts.iter().map(|s| s.as_ref()).collect::<Vec<_>>(),
            spec.labels,
        );
        let k = spec.labels.len();
        let mut present = vec![0usize; k];
        y.iter().for_each(|&c| present[c as usize] += 1);
        if spec.kind != ModelKind::Majority {
            if k < 2 {
                return Err(EngineError::unusable(
                    &table.name,
                    format!(
                        "\"{}\" has one class; {} needs two",
                        target.name,
                        spec.kind.as_str()
                    ),
                ));
            }
            if let Some(c) = present.iter().position(|&n| n == 0) {
                return Err(EngineError::unusable(
                    &table.name,
                    format!("the train split holds no row of class \"{}\" of \"{}\"; {} needs every class in train (try --strategy stratified)", spec.labels[c], target.name, spec.kind.as_str()),
                ));
            }
        }
        let estimator = match spec.kind {
            ModelKind::Majority => Estimator::Majority {
                class: present
                    .iter()
                    .enumerate()
                    .fold(0, |b, (i, &n)| if n > present[b] { i } else { b }),
            },
            ModelKind::Logistic => Estimator::Logistic(logistic::fit(&x, &y, k, p("C"))),
            ModelKind::NaiveBayes => {
                Estimator::NaiveBayes(naive_bayes::fit(&x, &y, k, p("var_smoothing")))
            }
            _ => Estimator::Tree(tree::fit(
                &x,
                tree::Target::Classes { y: &y, k },
                p("max_depth") as usize,
                p("min_samples_leaf") as usize,
            )),
        };
        let task = if k == 2 {
            ModelTask::Binary
        } else {
            ModelTask::Multiclass
        };
        let positive = (k == 2)
            .then(|| positive_index(spec.labels).map(|i| spec.labels[i].clone()))
            .flatten();
        (task, estimator, positive)
    };
    Ok(FittedModel {
        format: FORMAT.into(),
        model: spec.kind,
        params: spec.params.clone(),
        target: target.name.clone(),
        task,
        labels: if spec.regression {
            Vec::new()
        } else {
            spec.labels.to_vec()
        },
        positive,
        features: spec.features.clone(),
        preprocessing: pre,
        estimator,
    })
}

/// `mlops metrics` of `predictions` on `rows` (which have a target): with
/// the scores for a binary model (and its positive label), the labels
/// otherwise.
pub fn measure(
    table: &Table,
    model: &FittedModel,
    predictions: &Predictions,
    rows: &[usize],
) -> Result<MetricsReport> {
    measure_at(table, model, predictions, rows, None, None)
}

/// [`measure`] with a decision threshold for a binary model's scores
/// (`--threshold`; 0.5 when `None`).
pub fn measure_at(
    table: &Table,
    model: &FittedModel,
    predictions: &Predictions,
    rows: &[usize],
    threshold: Option<f64>,
    intervals: Option<u64>,
) -> Result<MetricsReport> {
    let target = table.column(&model.target)?;
    let mut warnings = Vec::new();
    let ctx = Context {
        file: &table.name,
        target: &model.target,
        intervals,
    };
    let body = if model.task == ModelTask::Regression {
        let y: Vec<f64> = rows
            .iter()
            .map(|&r| target.number(r).unwrap_or(f64::NAN))
            .collect();
        let values = predictions.values.as_deref().unwrap_or(&[]);
        let p: Vec<f64> = rows
            .iter()
            .map(|&r| values.get(r).copied().unwrap_or(f64::NAN))
            .collect();
        match regression_metrics(&y, &p) {
            Some(m) => MetricsBody::Regression(m),
            None => {
                return Ok(MetricsReport {
                    rows: 0,
                    body: MetricsBody::Regression(empty_regression()),
                    warnings: vec!["no rows".into()],
                })
            }
        }
    } else {
        let texts: Vec<_> = rows
            .iter()
            .map(|&r| target.text(r).unwrap_or_default())
            .collect();
        let truth: Vec<&str> = texts.iter().map(|s| s.as_ref()).collect();
        match &predictions.scores {
            Some(scores) => {
                let s: Vec<f64> = rows
                    .iter()
                    .map(|&r| scores.get(r).copied().unwrap_or(0.0))
                    .collect();
                MetricsBody::Classification(Box::new(from_scores(
                    &ctx,
                    &truth,
                    &s,
                    model.positive.as_deref(),
                    threshold,
                    &mut warnings,
                )?))
            }
            None => {
                let pred: Vec<&str> = rows
                    .iter()
                    .map(|&r| predictions.labels.get(r).map_or("", String::as_str))
                    .collect();
                MetricsBody::Classification(Box::new(from_labels(
                    &ctx,
                    &truth,
                    &pred,
                    model.positive.as_deref(),
                    &mut warnings,
                )?))
            }
        }
    };
    Ok(MetricsReport {
        rows: rows.len() as u64,
        body,
        warnings,
    })
}

fn empty_regression() -> crate::metrics::regression::RegressionMetrics {
    crate::metrics::regression::RegressionMetrics {
        mae: f64::NAN,
        mse: f64::NAN,
        rmse: f64::NAN,
        r2: f64::NAN,
        mape: f64::NAN,
    }
}

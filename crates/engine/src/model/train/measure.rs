//! Measuring: a fitted model's predictions scored by `mlops metrics`' own
//! functions.

use crate::basics::error::Result;
use crate::metrics::regression::regression_metrics;
use crate::metrics::report::{from_labels, from_scores, Context, MetricsBody, MetricsReport};
use crate::model::fitted::{FittedModel, ModelTask, Predictions};
use crate::table::Table;

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

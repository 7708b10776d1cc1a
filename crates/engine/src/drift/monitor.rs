//! `mlops monitor`: a stream of batches watched the way a production model
//! is, with Evidently's drift tests and NannyML's chunk bounds side by side.
//!
//! Per batch: every input's drift test ([`super::compare`]) and the
//! dataset-drift flag; input statistics (missing share, mean, and the
//! Jensen–Shannon distance to the reference with bins fitted on the
//! reference); with a model, output statistics (predicted-positive share,
//! mean score), the estimated performance ([`super::cbpe`]) and, where the
//! batch has the target, the realized one. Alerts: the drift tests' own
//! verdicts, and NannyML's rule for every other number: the reference is
//! cut into consecutive chunks of the batch size (at least five), each
//! number is computed on every chunk, and a batch alerts when its value
//! leaves the chunks' mean ± 3 standard deviations (a distance only
//! upwards, performance only downwards; shares stay within 0..1).

use super::batch_io::batch_table;
use super::cbpe::{expected_accuracy, expected_accuracy_multiclass, expected_roc_auc};
use super::monitor_stats::{fit_bins, js_to_reference, RefBins};
use super::report::{compare_cached, ColumnDrift, DriftRequest, SortedCache};
use super::simulate::Batch;
use crate::basics::error::{EngineError, Result};
use crate::basics::stats::{mean, sample_std};
use crate::metrics::sweep::Sweep;
use crate::model::{FittedModel, ModelTask};
use crate::table::Table;
use serde::{Deserialize, Serialize};

/// What to watch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct MonitorRequest {
    /// The drift tests' settings (methods, thresholds, the share rule).
    pub drift: DriftRequest,
    /// The label column (default: the model's target).
    pub target: Option<String>,
    /// The batch (1-based) the change began at, when known (a simulation's
    /// `change_at`): detections then report delays and false alarms.
    pub change_at: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputStats {
    pub name: String,
    pub missing_share: f64,
    pub mean: Option<f64>,
    pub js: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Performance {
    pub accuracy: Option<f64>,
    pub roc_auc: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputStats {
    pub predicted_positive_share: Option<f64>,
    pub mean_score: Option<f64>,
}

/// A number that left its bounds, or a drift test that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub metric: String,
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// A number's bounds from the reference chunks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    pub metric: String,
    pub mean: f64,
    pub std: f64,
    pub lower: f64,
    pub upper: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchMonitor {
    pub batch: String,
    pub rows: u64,
    pub dataset_drift: bool,
    pub drifted_columns: u64,
    pub share: f64,
    pub columns: Vec<ColumnDrift>,
    pub inputs: Vec<InputStats>,
    pub outputs: Option<OutputStats>,
    pub estimated: Option<Performance>,
    pub realized: Option<Performance>,
    pub alerts: Vec<Alert>,
}

/// `mlops monitor --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonitorReport {
    pub reference_rows: u64,
    pub chunk_rows: u64,
    pub chunks: u64,
    pub inputs: Vec<String>,
    pub target: Option<String>,
    pub bounds: Vec<Bound>,
    pub batches: Vec<BatchMonitor>,
    /// Which numbers alerted, first and how soon after the change.
    pub detections: Vec<super::detection::Detection>,
    pub warnings: Vec<String>,
}

/// The numbers of one table, in a fixed order, with the parts they fill.
struct Snapshot {
    values: Vec<(String, Option<f64>)>,
    inputs: Vec<InputStats>,
    outputs: Option<OutputStats>,
    estimated: Option<Performance>,
    realized: Option<Performance>,
}

fn snapshot(
    t: &Table,
    inputs: &[(String, RefBins)],
    model: Option<&FittedModel>,
    target: Option<&str>,
) -> Result<Snapshot> {
    let mut values = Vec::new();
    let mut stats = Vec::new();
    for (name, bins) in inputs {
        let Ok(c) = t.column(name) else { continue };
        let missing_share = if t.n_rows == 0 {
            0.0
        } else {
            c.missing_count() as f64 / t.n_rows as f64
        };
        let nums: Vec<f64> = (0..t.n_rows).filter_map(|r| c.number(r)).collect();
        let m = if nums.is_empty() { None } else { mean(&nums) };
        let js = js_to_reference(bins, c);
        values.push((format!("missing.{name}"), Some(missing_share)));
        if m.is_some() {
            values.push((format!("mean.{name}"), m));
        }
        values.push((format!("js.{name}"), js));
        stats.push(InputStats {
            name: name.clone(),
            missing_share,
            mean: m,
            js,
        });
    }
    let (mut outputs, mut estimated, mut realized) = (None, None, None);
    if let Some(model) = model {
        let rows: Vec<usize> = (0..t.n_rows).collect();
        let p = model.predict(t, &rows)?;
        let positive = model.positive.as_deref();
        let share = positive.map(|pos| {
            p.labels.iter().filter(|l| l.as_str() == pos).count() as f64
                / p.labels.len().max(1) as f64
        });
        let mean_score = p.scores.as_deref().and_then(mean);
        outputs = Some(OutputStats {
            predicted_positive_share: share,
            mean_score,
        });
        let est = match (&p.scores, &p.proba) {
            (Some(s), _) => Performance {
                accuracy: expected_accuracy(s, 0.5),
                roc_auc: expected_roc_auc(s),
            },
            (None, Some(pr)) => Performance {
                accuracy: expected_accuracy_multiclass(pr),
                roc_auc: None,
            },
            _ => Performance {
                accuracy: None,
                roc_auc: None,
            },
        };
        values.push(("output.predicted_positive_share".into(), share));
        values.push(("output.mean_score".into(), mean_score));
        if model.task != ModelTask::Regression {
            values.push(("estimated.accuracy".into(), est.accuracy));
            values.push(("estimated.roc_auc".into(), est.roc_auc));
            estimated = Some(est);
        }
        if let (Some(target), true) = (
            target.and_then(|n| t.column(n).ok()),
            model.task != ModelTask::Regression,
        ) {
            let with: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&r| !target.is_missing(r))
                .collect();
            let truth: Vec<String> = with
                .iter()
                .map(|&r| target.text(r).map(|s| s.into_owned()).unwrap_or_default())
                .collect();
            let accuracy = (!with.is_empty()).then(|| {
                with.iter()
                    .zip(&truth)
                    .filter(|(&r, y)| p.labels[r] == **y)
                    .count() as f64
                    / with.len() as f64
            });
            let roc_auc = match (&p.scores, positive) {
                (Some(s), Some(pos)) => {
                    let scores: Vec<f64> = with.iter().map(|&r| s[r]).collect();
                    let flags: Vec<bool> = truth.iter().map(|y| y == pos).collect();
                    Sweep::new(&scores, &flags).roc_auc()
                }
                _ => None,
            };
            values.push(("realized.accuracy".into(), accuracy));
            values.push(("realized.roc_auc".into(), roc_auc));
            realized = Some(Performance { accuracy, roc_auc });
        }
    }
    Ok(Snapshot {
        values,
        inputs: stats,
        outputs,
        estimated,
        realized,
    })
}

/// Watches `batches` (name, table) against `reference`.
pub fn monitor(
    reference: &Table,
    batches: &[(String, Table)],
    model: Option<&FittedModel>,
    request: &MonitorRequest,
) -> Result<MonitorReport> {
    if batches.is_empty() {
        return Err(EngineError::bad_request("no batches to monitor"));
    }
    if reference.n_rows < 2 {
        return Err(EngineError::unusable(
            &reference.name,
            "the reference needs at least two rows",
        ));
    }
    let target = request
        .target
        .clone()
        .or_else(|| model.map(|m| m.target.clone()));
    let mut warnings = Vec::new();
    let input_names: Vec<String> = match (&request.drift.columns, model) {
        (Some(c), _) => c.clone(),
        (None, Some(m)) => m.features.clone(),
        (None, None) => reference
            .column_names()
            .into_iter()
            .filter(|n| Some(n) != target.as_ref())
            .collect(),
    };
    let mut inputs = Vec::new();
    for name in &input_names {
        inputs.push((name.clone(), fit_bins(reference.column(name)?)));
    }
    let batch_rows = batches[0].1.n_rows.max(1);
    let chunks = (reference.n_rows / batch_rows).max(5).min(reference.n_rows);
    let chunk_rows = reference.n_rows / chunks;
    if chunk_rows < batch_rows {
        warnings.push(format!("the reference holds fewer than 5 batches of {batch_rows} rows: its bounds come from {chunks} chunks of {chunk_rows} rows"));
    }
    let mut chunk_values: Vec<Vec<(String, Option<f64>)>> = Vec::new();
    for k in 0..chunks {
        let rows = ((k * chunk_rows) as u32..((k + 1) * chunk_rows) as u32).collect();
        let t = batch_table(
            reference,
            &Batch {
                rows,
                ..Batch::default()
            },
            format!("chunk {}", k + 1),
        );
        chunk_values.push(snapshot(&t, &inputs, model, target.as_deref())?.values);
    }
    let bounds = bounds_of(&chunk_values);
    let mut drift_request = request.drift.clone();
    drift_request.columns = Some(input_names.clone());
    let mut out = Vec::new();
    let mut sorted = SortedCache::new();
    for (name, t) in batches {
        let d = compare_cached(
            (reference, &reference.name),
            (t, name),
            &drift_request,
            &mut sorted,
        )?;
        let s = snapshot(t, &inputs, model, target.as_deref())?;
        let mut alerts: Vec<Alert> = Vec::new();
        if d.dataset_drift {
            alerts.push(Alert {
                metric: "dataset_drift".into(),
                value: d.share,
                lower: None,
                upper: None,
            });
        }
        for c in d.columns.iter().filter(|c| c.drifted) {
            alerts.push(Alert {
                metric: format!("drift.{}", c.name),
                value: c.score.unwrap_or(f64::NAN),
                lower: None,
                upper: None,
            });
        }
        for (metric, value) in &s.values {
            let (Some(v), Some(b)) = (value, bounds.iter().find(|b| &b.metric == metric)) else {
                continue;
            };
            if *v < b.lower || *v > b.upper {
                alerts.push(Alert {
                    metric: metric.clone(),
                    value: *v,
                    lower: Some(b.lower),
                    upper: Some(b.upper),
                });
            }
        }
        warnings.extend(d.warnings.iter().map(|w| format!("{name}: {w}")));
        out.push(BatchMonitor {
            batch: name.clone(),
            rows: t.n_rows as u64,
            dataset_drift: d.dataset_drift,
            drifted_columns: d.drifted_columns,
            share: d.share,
            columns: d.columns,
            inputs: s.inputs,
            outputs: s.outputs,
            estimated: s.estimated,
            realized: s.realized,
            alerts,
        });
    }
    warnings.dedup();
    Ok(MonitorReport {
        reference_rows: reference.n_rows as u64,
        chunk_rows: chunk_rows as u64,
        chunks: chunks as u64,
        inputs: input_names,
        target,
        bounds,
        detections: super::detection::detections(&out, request.change_at),
        batches: out,
        warnings,
    })
}

/// Mean ± 3σ of each number over the reference chunks (numbers present in
/// at least two chunks), kept inside [0, 1] for shares and scores.
fn bounds_of(chunks: &[Vec<(String, Option<f64>)>]) -> Vec<Bound> {
    let Some(first) = chunks.first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter_map(|(metric, _)| {
            let vals: Vec<f64> = chunks
                .iter()
                .filter_map(|c| c.iter().find(|(m, _)| m == metric).and_then(|(_, v)| *v))
                .collect();
            if vals.len() < 2 {
                return None;
            }
            let (m, sd) = (mean(&vals)?, sample_std(&vals)?);
            let unit = !metric.starts_with("mean.");
            let (mut lower, mut upper) = (m - 3.0 * sd, m + 3.0 * sd);
            if unit {
                (lower, upper) = (lower.max(0.0), upper.min(1.0));
            }
            // A distance alerts only upwards, performance only downwards.
            if metric.starts_with("js.") {
                lower = 0.0;
            }
            if metric.starts_with("estimated.") || metric.starts_with("realized.") {
                upper = 1.0;
            }
            Some(Bound {
                metric: metric.clone(),
                mean: m,
                std: sd,
                lower,
                upper,
            })
        })
        .collect()
}

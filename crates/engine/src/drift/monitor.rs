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
use super::monitor_snapshot::{bounds_of, snapshot};
use super::monitor_stats::fit_bins;
use super::report::{compare_cached, ColumnDrift, DriftRequest, SortedCache};
use super::simulate::Batch;
use crate::basics::error::{EngineError, Result};
use crate::model::FittedModel;
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
    if let Some(w) = target
        .as_deref()
        .and_then(|t| super::reference_check::unlike_chunks(reference, t, chunks, chunk_rows))
    {
        warnings.push(w);
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

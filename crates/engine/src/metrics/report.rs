//! [`evaluate`]: the `mlops metrics` computation, and the report it gives
//! (everything the CLI prints, plus the curves and the threshold table the
//! Model lab draws and slides over).

use super::bootstrap::{intervals, Interval, Sample, RESAMPLES};
use super::counts::{count_metrics, CountMetrics};
use super::curves::{calibration, pr_curve, roc_curve, thin, CalibrationBin, PrCurve, RocCurve};
use super::outcomes::{self, Outcomes};
use super::probability::{brier, log_loss};
use super::regression::{regression_metrics, RegressionMetrics};
use super::threshold_table::{BinaryCounts, ThresholdTable};
use crate::basics::error::{EngineError, Result};
use crate::table::{ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// Most points a curve keeps in a report (charts need no more).
pub const CURVE_POINTS: usize = 1000;
/// Steps of the threshold table (1001 thresholds).
pub const THRESHOLD_STEPS: usize = 1000;

/// `classification` or `regression` (`--task`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    Classification,
    Regression,
}

/// What `mlops metrics` is asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct MetricsRequest {
    pub target: String,
    pub pred: Option<String>,
    pub score: Option<String>,
    pub threshold: Option<f64>,
    pub positive: Option<String>,
    pub task: Option<Task>,
    /// Bootstrap intervals of the headline metrics with this seed
    /// ([`super::bootstrap`]); `None` computes none.
    #[serde(default)]
    pub intervals: Option<u64>,
}

/// Score-based metrics and what the lab draws of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    pub roc_auc: Option<f64>,
    pub average_precision: f64,
    pub log_loss: Option<f64>,
    pub brier: Option<f64>,
    /// Thinned to at most [`CURVE_POINTS`] points.
    pub roc: RocCurve,
    pub pr: PrCurve,
    pub calibration: Vec<CalibrationBin>,
    /// The confusion counts at evenly spaced thresholds (0, 0.001, ..., 1
    /// for probabilities): the slider reads them, no round trip.
    pub thresholds: Vec<f64>,
    pub counts: Vec<BinaryCounts>,
}

/// A classification's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassificationReport {
    pub labels: Vec<String>,
    /// The positive label's index (binary targets).
    pub positive: Option<usize>,
    pub threshold: Option<f64>,
    pub confusion_matrix: Vec<Vec<u64>>,
    pub counts: CountMetrics,
    pub scores: Option<ScoreReport>,
    /// Bootstrap 95% intervals, when asked for.
    pub intervals: Vec<Interval>,
}

/// What a metrics request is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricsBody {
    Classification(Box<ClassificationReport>),
    Regression(RegressionMetrics),
}

/// The metrics of one set of rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricsReport {
    pub rows: u64,
    pub body: MetricsBody,
    pub warnings: Vec<String>,
}

/// The metrics of `table`'s columns as `req` names them.
pub fn evaluate(table: &Table, req: &MetricsRequest) -> Result<MetricsReport> {
    let target = table.column(&req.target)?;
    let source = match (&req.pred, &req.score) {
        (Some(p), None) => table.column(p)?,
        (None, Some(s)) => table.column(s)?,
        _ => {
            return Err(EngineError::bad_setting(
                "pred",
                "give exactly one prediction column or one score column",
            ))
        }
    };
    let mut warnings = table.warnings.clone();
    let rows = outcomes::usable_rows(&[target, source], table.n_rows, &mut warnings);
    let regression = match req.task {
        Some(Task::Regression) => true,
        Some(Task::Classification) => false,
        None => {
            req.pred.is_some()
                && target.kind() == ColumnKind::Numeric
                && source.kind() == ColumnKind::Numeric
                && outcomes::truth_labels(target, &rows).0.len() > 20
        }
    };
    if regression {
        let y = outcomes::numbers(table, target, &rows, "the target")?;
        let p = outcomes::numbers(table, source, &rows, "the prediction")?;
        let m = regression_metrics(&y, &p).ok_or_else(|| {
            EngineError::unusable(&table.name, "no rows with both a target and a prediction")
        })?;
        return Ok(MetricsReport {
            rows: rows.len() as u64,
            body: MetricsBody::Regression(m),
            warnings,
        });
    }
    let truth_text: Vec<_> = rows
        .iter()
        .map(|&r| target.text(r).unwrap_or_default())
        .collect();
    let truth: Vec<&str> = truth_text.iter().map(|t| t.as_ref()).collect();
    let ctx = Context {
        file: &table.name,
        target: &req.target,
        intervals: req.intervals,
    };
    let report = match &req.score {
        Some(_) => {
            let scores = outcomes::numbers(table, source, &rows, "the score")?;
            from_scores(
                &ctx,
                &truth,
                &scores,
                req.positive.as_deref(),
                req.threshold,
                &mut warnings,
            )?
        }
        None => {
            let pred_text: Vec<_> = rows
                .iter()
                .map(|&r| source.text(r).unwrap_or_default())
                .collect();
            let pred: Vec<&str> = pred_text.iter().map(|t| t.as_ref()).collect();
            from_labels(&ctx, &truth, &pred, req.positive.as_deref(), &mut warnings)?
        }
    };
    Ok(MetricsReport {
        rows: rows.len() as u64,
        body: MetricsBody::Classification(Box::new(report)),
        warnings,
    })
}

/// Names for error messages: the file and the target column.
pub struct Context<'a> {
    pub file: &'a str,
    pub target: &'a str,
    /// The seed of bootstrap intervals, if wanted.
    pub intervals: Option<u64>,
}

/// Metrics of hard predictions `pred` for truths `truth` (label texts).
pub fn from_labels(
    ctx: &Context<'_>,
    truth: &[&str],
    pred: &[&str],
    positive: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<ClassificationReport> {
    let all: Vec<&str> = truth.iter().chain(pred).copied().collect();
    let labels = outcomes::sorted_distinct(&all);
    let positive = (labels.len() == 2)
        .then(|| outcomes::choose_positive(&labels, positive, ctx.target, ctx.file))
        .transpose()?;
    let o = Outcomes {
        truth: outcomes::codes_of(truth, &labels),
        predicted: outcomes::codes_of(pred, &labels),
        labels,
    };
    Ok(classification(ctx, o, positive, None, None, warnings))
}

/// Metrics of binary scores: predictions are `score >= threshold` (0.5 by
/// default).
pub fn from_scores(
    ctx: &Context<'_>,
    truth_text: &[&str],
    scores: &[f64],
    positive: Option<&str>,
    threshold: Option<f64>,
    warnings: &mut Vec<String>,
) -> Result<ClassificationReport> {
    let mut labels = outcomes::sorted_distinct(truth_text);
    if labels.len() > 2 {
        return Err(EngineError::unusable(
            ctx.file,
            format!(
                "a score column needs a binary target; \"{}\" has {} classes (use a prediction column)",
                ctx.target,
                labels.len()
            ),
        ));
    }
    if let (true, Some(p)) = (labels.is_empty(), positive) {
        labels.push(p.to_string());
    }
    let threshold = threshold.unwrap_or(0.5);
    let any_negative = scores.iter().any(|&s| s < threshold);
    if labels.len() == 1 && (any_negative || positive.is_some_and(|p| p != labels[0])) {
        // One class present and the other one predicted: the other is the
        // asked-for positive, or a stand-in (`0` beside `1`, ...).
        let other = match positive {
            Some(p) if p != labels[0] => p.to_string(),
            _ => other_label(&labels[0]),
        };
        labels.push(other);
        labels = outcomes::sorted_distinct(&labels.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let truth = outcomes::codes_of(truth_text, &labels);
    let pos = outcomes::choose_positive(&labels, positive, ctx.target, ctx.file)?;
    let neg = if labels.len() == 2 {
        1 - pos.min(1)
    } else {
        pos
    };
    let positive: Vec<bool> = truth.iter().map(|&t| t as usize == pos).collect();
    let predicted = scores
        .iter()
        .map(|&s| {
            if s >= threshold {
                pos as u32
            } else {
                neg as u32
            }
        })
        .collect();
    let o = Outcomes {
        labels,
        truth,
        predicted,
    };
    let sweep = ThresholdTable::new(scores, &positive);
    let score_report = score_report(&sweep, scores, &positive, warnings);
    Ok(classification(
        ctx,
        o,
        Some(pos),
        Some(threshold),
        Some((score_report, scores)),
        warnings,
    ))
}

/// The label standing in for the absent class of a one-class target.
fn other_label(present: &str) -> String {
    match present {
        "1" => "0".into(),
        "0" => "1".into(),
        "true" => "false".into(),
        "false" => "true".into(),
        "yes" => "no".into(),
        "no" => "yes".into(),
        other => format!("not {other}"),
    }
}

fn classification(
    ctx: &Context<'_>,
    o: Outcomes,
    positive: Option<usize>,
    threshold: Option<f64>,
    scores: Option<(ScoreReport, &[f64])>,
    warnings: &mut Vec<String>,
) -> ClassificationReport {
    let cm = o.confusion();
    let counts = count_metrics(&cm, &o.labels, warnings);
    let (scores, raw) = match scores {
        Some((report, raw)) => (Some(report), Some(raw)),
        None => (None, None),
    };
    let binary = o.labels.len() == 2;
    let intervals = ctx
        .intervals
        .map(|seed| {
            let sample = Sample {
                truth: &o.truth,
                predicted: &o.predicted,
                k: o.labels.len(),
                positive: positive.filter(|_| binary),
                scores: raw.filter(|_| binary),
            };
            intervals(&sample, seed, RESAMPLES)
        })
        .unwrap_or_default();
    ClassificationReport {
        intervals,
        labels: o.labels,
        positive,
        threshold,
        confusion_matrix: cm,
        counts,
        scores,
    }
}

/// Everything from the scores: AUC, AP, log loss, Brier, curves, and the
/// threshold table.
pub fn score_report(
    sweep: &ThresholdTable,
    scores: &[f64],
    positive: &[bool],
    warnings: &mut Vec<String>,
) -> ScoreReport {
    let roc_auc = sweep.roc_auc();
    if roc_auc.is_none() {
        warnings.push("ROC AUC is undefined: the target holds only one class".into());
    }
    if sweep.positives == 0 {
        warnings.push(
            "no positive rows: recall is 1.0 at every threshold and average precision 0.0".into(),
        );
    }
    let (log_loss, brier) = (log_loss(scores, positive), brier(scores, positive));
    if log_loss.is_none() && !scores.is_empty() {
        warnings
            .push("scores outside [0, 1] are not probabilities: no log loss or Brier score".into());
    }
    let roc = roc_curve(sweep);
    let keep = thin(roc.fpr.len(), CURVE_POINTS);
    let roc = RocCurve {
        fpr: keep.iter().map(|&i| roc.fpr[i]).collect(),
        tpr: keep.iter().map(|&i| roc.tpr[i]).collect(),
        thresholds: keep.iter().map(|&i| roc.thresholds[i]).collect(),
    };
    let pr = pr_curve(sweep);
    let keep = thin(pr.precision.len(), CURVE_POINTS);
    let pr = PrCurve {
        precision: keep.iter().map(|&i| pr.precision[i]).collect(),
        recall: keep.iter().map(|&i| pr.recall[i]).collect(),
        thresholds: keep
            .iter()
            .filter_map(|&i| pr.thresholds.get(i).copied())
            .collect(),
    };
    let thresholds = threshold_grid(sweep);
    ScoreReport {
        roc_auc,
        average_precision: sweep.average_precision(),
        log_loss,
        brier,
        roc,
        pr,
        calibration: calibration(scores, positive),
        counts: thresholds.iter().map(|&t| sweep.at(t)).collect(),
        thresholds,
    }
}

/// 0, 0.001, ..., 1 when the scores are probabilities, else the same number
/// of steps from the lowest score to the highest.
fn threshold_grid(sweep: &ThresholdTable) -> Vec<f64> {
    let (hi, lo) = (sweep.scores.first().copied(), sweep.scores.last().copied());
    let (lo, hi) = match (lo, hi) {
        (Some(lo), Some(hi)) if lo < 0.0 || hi > 1.0 => (lo, hi),
        _ => (0.0, 1.0),
    };
    let steps = THRESHOLD_STEPS as f64;
    (0..=THRESHOLD_STEPS)
        .map(|i| {
            if i == THRESHOLD_STEPS {
                hi
            } else {
                lo + (hi - lo) * (i as f64 / steps)
            }
        })
        .collect()
}

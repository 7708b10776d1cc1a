//! The numbers the monitor watches on one table (a batch or a reference
//! chunk), in a fixed order, and their bounds over the reference chunks
//! (NannyML's mean ± 3σ rule).

use super::cbpe::{expected_accuracy, expected_accuracy_multiclass, expected_roc_auc};
use super::monitor::{Bound, InputStats, OutputStats, Performance};
use super::monitor_stats::{js_to_reference, RefBins};
use crate::basics::error::Result;
use crate::basics::stats::{mean, sample_std};
use crate::metrics::threshold_table::ThresholdTable;
use crate::model::{FittedModel, ModelTask};
use crate::table::Table;

/// The numbers of one table, in a fixed order, with the parts they fill.
pub struct Snapshot {
    /// Every number by name (`missing.<col>`, `mean.<col>`, `js.<col>`,
    /// `output.*`, `estimated.*`, `realized.*`).
    pub values: Vec<(String, Option<f64>)>,
    pub inputs: Vec<InputStats>,
    pub outputs: Option<OutputStats>,
    pub estimated: Option<Performance>,
    pub realized: Option<Performance>,
}

/// The numbers of table `t`: its inputs' statistics and, with a model, its
/// outputs and estimated (and, with the target, realized) performance.
pub fn snapshot(
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
                    ThresholdTable::new(&scores, &flags).roc_auc()
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

/// Mean ± 3σ of each number over the reference chunks (numbers present in
/// at least two chunks), kept inside [0, 1] for shares and scores.
pub fn bounds_of(chunks: &[Vec<(String, Option<f64>)>]) -> Vec<Bound> {
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

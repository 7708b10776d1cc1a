//! Bootstrap 95% intervals for the headline metrics, which scikit-learn
//! does not give (its issue #21007): `RESAMPLES` resamples of the rows with
//! replacement, drawn with the engine's seeded integer draws (so the CLI
//! and the browser agree), each metric recomputed on each, and the 2.5th
//! and 97.5th percentiles (numpy's linear interpolation) reported.
//!
//! Each resample is one pass: the draws count how often each row is taken;
//! count metrics add those weights per confusion cell, and ROC AUC walks the
//! rows in the score order sorted once, so a resample costs O(n).

use crate::basics::rng::{below, seeded};
use crate::basics::sort::{f64_order_key, order_by_key};
use crate::basics::stats::quantile_sorted;
use serde::{Deserialize, Serialize};

/// Resamples drawn.
pub const RESAMPLES: usize = 1000;

/// One metric's interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub metric: String,
    /// `None` when the metric is undefined in too many resamples (a class
    /// missing from them): more than 5% of them.
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// What to resample: class codes of truth and prediction (`k` classes), the
/// positive class for binary metrics, and the scores for ROC AUC.
pub struct Sample<'a> {
    pub truth: &'a [u32],
    pub predicted: &'a [u32],
    pub k: usize,
    pub positive: Option<usize>,
    pub scores: Option<&'a [f64]>,
}

/// The intervals of accuracy, balanced accuracy, and (binary) precision,
/// recall, F1 and ROC AUC.
pub fn intervals(sample: &Sample<'_>, seed: u64, resamples: usize) -> Vec<Interval> {
    let n = sample.truth.len();
    let k = sample.k.max(1);
    let mut names = vec!["accuracy", "balanced_accuracy"];
    if sample.positive.is_some() {
        names.extend(["precision", "recall", "f1"]);
    }
    let order = sample.scores.map(|s| {
        order_by_key(
            &s.iter()
                .map(|&x| !f64_order_key(x + 0.0))
                .collect::<Vec<_>>(),
        )
    });
    if order.is_some() {
        names.push("roc_auc");
    }
    let mut values: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples); names.len()];
    let mut rng = seeded(seed);
    let mut weight = vec![0u32; n];
    let mut cells = vec![0u64; k * k];
    for _ in 0..resamples {
        weight.iter_mut().for_each(|w| *w = 0);
        for _ in 0..n {
            weight[below(&mut rng, n as u64) as usize] += 1;
        }
        cells.iter_mut().for_each(|c| *c = 0);
        for (i, &w) in weight.iter().enumerate() {
            let (t, p) = (sample.truth[i] as usize, sample.predicted[i] as usize);
            if let Some(c) = cells.get_mut(t * k + p) {
                *c += u64::from(w);
            }
        }
        let cell = |t: usize, p: usize| cells[t * k + p] as f64;
        let total = n as f64;
        let correct: f64 = (0..k).map(|i| cell(i, i)).sum();
        let mut out = vec![Some(correct / total)];
        let recalls: Vec<f64> = (0..k)
            .filter_map(|t| {
                let support: f64 = (0..k).map(|p| cell(t, p)).sum();
                (support > 0.0).then(|| cell(t, t) / support)
            })
            .collect();
        out.push((!recalls.is_empty()).then(|| recalls.iter().sum::<f64>() / recalls.len() as f64));
        if let Some(pos) = sample.positive {
            let tp = cell(pos, pos);
            let predicted: f64 = (0..k).map(|t| cell(t, pos)).sum();
            let actual: f64 = (0..k).map(|p| cell(pos, p)).sum();
            out.push((predicted > 0.0).then(|| tp / predicted));
            out.push((actual > 0.0).then(|| tp / actual));
            out.push((predicted + actual > 0.0).then(|| 2.0 * tp / (predicted + actual)));
        }
        if let (Some(order), Some(scores), Some(pos)) = (&order, sample.scores, sample.positive) {
            out.push(weighted_auc(
                order,
                scores,
                sample.truth,
                pos as u32,
                &weight,
            ));
        }
        for (slot, v) in values.iter_mut().zip(out) {
            if let Some(v) = v {
                slot.push(v);
            }
        }
    }
    names
        .iter()
        .zip(values)
        .map(|(name, mut v)| {
            crate::basics::sort::sort_f64(&mut v);
            let enough = v.len() * 20 >= resamples * 19 && !v.is_empty();
            Interval {
                metric: name.to_string(),
                low: quantile_sorted(&v, 0.025).filter(|_| enough),
                high: quantile_sorted(&v, 0.975).filter(|_| enough),
            }
        })
        .collect()
}

/// ROC AUC with row weights (how often each row was drawn), ties as one
/// threshold, as the unweighted [`super::threshold_table::ThresholdTable`] does.
fn weighted_auc(
    order: &[usize],
    scores: &[f64],
    truth: &[u32],
    pos: u32,
    weight: &[u32],
) -> Option<f64> {
    let (mut tp, mut fp, mut prev_tp, mut prev_fp, mut area) = (0u64, 0u64, 0u64, 0u64, 0.0);
    for (i, &row) in order.iter().enumerate() {
        let w = u64::from(weight[row]);
        if truth[row] == pos {
            tp += w;
        } else {
            fp += w;
        }
        let last = order
            .get(i + 1)
            .is_none_or(|&next| scores[next] != scores[row]);
        if last {
            area += (fp - prev_fp) as f64 * (tp + prev_tp) as f64;
            prev_tp = tp;
            prev_fp = fp;
        }
    }
    (tp > 0 && fp > 0).then(|| area / 2.0 / (tp as f64 * fp as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_hold_the_point_estimate_and_are_seeded() {
        let truth: Vec<u32> = (0..200).map(|i| u32::from(i % 3 == 0)).collect();
        let predicted: Vec<u32> = truth
            .iter()
            .enumerate()
            .map(|(i, &t)| if i % 7 == 0 { 1 - t } else { t })
            .collect();
        let scores: Vec<f64> = (0..200)
            .map(|i| (i % 17) as f64 / 17.0 + f64::from(truth[i]) * 0.3)
            .collect();
        let s = Sample {
            truth: &truth,
            predicted: &predicted,
            k: 2,
            positive: Some(1),
            scores: Some(&scores),
        };
        let a = intervals(&s, 7, 300);
        assert_eq!(a, intervals(&s, 7, 300));
        assert_ne!(a, intervals(&s, 8, 300));
        let acc = truth.iter().zip(&predicted).filter(|(t, p)| t == p).count() as f64 / 200.0;
        let i = &a[0];
        assert!(
            i.low.unwrap_or(1.0) < acc && acc < i.high.unwrap_or(0.0),
            "{i:?} {acc}"
        );
        assert_eq!(a.len(), 6);
        assert!(a.iter().all(|i| i.low <= i.high));
    }

    #[test]
    fn weights_of_one_give_the_plain_auc() {
        let s = [0.1, 0.4, 0.35, 0.8];
        let y = [0, 0, 1, 1];
        let order = order_by_key(&s.iter().map(|&x| !f64_order_key(x)).collect::<Vec<_>>());
        assert_eq!(weighted_auc(&order, &s, &y, 1, &[1, 1, 1, 1]), Some(0.75));
    }
}

//! The threshold sweep: binary scores sorted once, with cumulative counts at
//! every distinct score, so that the confusion matrix at any threshold is a
//! binary search (O(log n)) and ROC AUC, average precision and both curves
//! are one pass.
//!
//! The sweep follows scikit-learn's `_binary_clf_curve`: scores in descending
//! order; at the k-th distinct score `s_k`, `tp_k` and `fp_k` count the
//! positives and negatives scoring `>= s_k`. Predicting positive when
//! `score >= t` gives `tp = tp_k` for the smallest `s_k >= t`.

use crate::basics::sort::{f64_order_key, order_by_key};
use serde::{Deserialize, Serialize};

/// Sorted distinct scores and the cumulative counts at each.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThresholdTable {
    /// Distinct scores, descending.
    pub scores: Vec<f64>,
    /// Positives scoring `>= scores[k]`.
    pub tp: Vec<u64>,
    /// Negatives scoring `>= scores[k]`.
    pub fp: Vec<u64>,
    pub positives: u64,
    pub negatives: u64,
}

/// The binary confusion counts at one threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BinaryCounts {
    pub tp: u64,
    pub fp: u64,
    pub tn: u64,
    pub fn_: u64,
}

impl BinaryCounts {
    /// `tp / (tp + fp)`, 0.0 when nothing is predicted positive.
    pub fn precision(&self) -> f64 {
        frac(self.tp, self.tp + self.fp)
    }
    /// `tp / (tp + fn)`, 0.0 when there are no positives.
    pub fn recall(&self) -> f64 {
        frac(self.tp, self.tp + self.fn_)
    }
    /// `2tp / (2tp + fp + fn)`, 0.0 when that is 0/0.
    pub fn f1(&self) -> f64 {
        frac(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    /// `(tp + tn) / n`, 0.0 with no rows.
    pub fn accuracy(&self) -> f64 {
        frac(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

fn frac(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl ThresholdTable {
    /// Builds the sweep of finite `scores` with truths `positive`.
    pub fn new(scores: &[f64], positive: &[bool]) -> ThresholdTable {
        // `+ 0.0` makes -0.0 equal to 0.0; `!` makes the order descending.
        let keys: Vec<u64> = scores.iter().map(|&s| !f64_order_key(s + 0.0)).collect();
        let order = order_by_key(&keys);
        let mut sweep = ThresholdTable::default();
        let (mut tp, mut fp) = (0u64, 0u64);
        for (i, &row) in order.iter().enumerate() {
            if positive.get(row).copied().unwrap_or(false) {
                tp += 1;
            } else {
                fp += 1;
            }
            let s = scores[row];
            let last = order.get(i + 1).is_none_or(|&next| scores[next] != s);
            if last {
                sweep.scores.push(s);
                sweep.tp.push(tp);
                sweep.fp.push(fp);
            }
        }
        sweep.positives = tp;
        sweep.negatives = fp;
        sweep
    }

    /// The confusion counts when `score >= threshold` is predicted positive.
    pub fn at(&self, threshold: f64) -> BinaryCounts {
        // Number of distinct scores >= threshold (they come first).
        let k = self.scores.partition_point(|&s| s >= threshold);
        let (tp, fp) = match k.checked_sub(1) {
            Some(i) => (self.tp[i], self.fp[i]),
            None => (0, 0),
        };
        BinaryCounts {
            tp,
            fp,
            tn: self.negatives - fp,
            fn_: self.positives - tp,
        }
    }

    /// ROC AUC by the trapezoidal rule over every distinct threshold;
    /// `None` when one class is absent.
    pub fn roc_auc(&self) -> Option<f64> {
        if self.positives == 0 || self.negatives == 0 {
            return None;
        }
        let (mut area, mut prev_tp, mut prev_fp) = (0.0, 0u64, 0u64);
        for (&tp, &fp) in self.tp.iter().zip(&self.fp) {
            area += (fp - prev_fp) as f64 * (tp + prev_tp) as f64;
            prev_tp = tp;
            prev_fp = fp;
        }
        Some(area / 2.0 / (self.positives as f64 * self.negatives as f64))
    }

    /// Average precision, `Σ (R_k − R_{k−1}) P_k` over thresholds in
    /// descending order, without interpolation. With no positives,
    /// scikit-learn's recall is 1 everywhere, which makes it 0.0.
    pub fn average_precision(&self) -> f64 {
        if self.positives == 0 {
            return 0.0;
        }
        let p = self.positives as f64;
        let (mut ap, mut prev_recall) = (0.0, 0.0);
        for (&tp, &fp) in self.tp.iter().zip(&self.fp) {
            let recall = tp as f64 / p;
            let precision = tp as f64 / (tp + fp) as f64;
            ap += (recall - prev_recall) * precision;
            prev_recall = recall;
        }
        ap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_at_thresholds() {
        let s = [0.1, 0.4, 0.35, 0.8];
        let y = [false, false, true, true];
        let sw = ThresholdTable::new(&s, &y);
        assert_eq!(sw.scores, vec![0.8, 0.4, 0.35, 0.1]);
        assert_eq!(
            sw.at(0.5),
            BinaryCounts {
                tp: 1,
                fp: 0,
                tn: 2,
                fn_: 1
            }
        );
        assert_eq!(
            sw.at(0.35),
            BinaryCounts {
                tp: 2,
                fp: 1,
                tn: 1,
                fn_: 0
            }
        );
        assert_eq!(sw.at(0.0).tp + sw.at(0.0).fp, 4);
        assert_eq!(sw.at(2.0).tp + sw.at(2.0).fp, 0);
        // scikit-learn's roc_auc_score example: 0.75.
        assert_eq!(sw.roc_auc(), Some(0.75));
        // average_precision_score example: 0.8333...
        assert!((sw.average_precision() - 0.833_333_333_333_333_4).abs() < 1e-15);
    }

    #[test]
    fn ties_count_as_one_threshold() {
        let sw = ThresholdTable::new(&[0.5, 0.5, 0.5], &[true, false, true]);
        assert_eq!(sw.scores, vec![0.5]);
        assert_eq!(sw.roc_auc(), Some(0.5));
    }

    #[test]
    fn one_class_has_no_auc() {
        let sw = ThresholdTable::new(&[0.2, 0.9], &[true, true]);
        assert_eq!(sw.roc_auc(), None);
        assert_eq!(sw.average_precision(), 1.0);
    }
}

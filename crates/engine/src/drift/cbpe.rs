//! Performance without labels: confidence-based estimation (the idea of
//! NannyML's CBPE) from a classifier's own scores.
//!
//! If the scores are calibrated, a row scored `p` is positive with
//! probability `p`, so every confusion count has an expected value:
//!
//! ```text
//! E[accuracy] = (1/n) Σ (ŷᵢ = 1 ? pᵢ : 1 − pᵢ)        (binary, ŷ = p ≥ t)
//! E[accuracy] = (1/n) Σ max_k p_ik                     (multiclass, ŷ = argmax)
//! E[TP(s)] = Σ_{pᵢ ≥ s} pᵢ,   E[FP(s)] = Σ_{pᵢ ≥ s} (1 − pᵢ)
//! E[ROC AUC] = trapezoids over (E[FP]/Σ(1−p), E[TP]/Σp) at every distinct score
//! ```
//!
//! Under covariate shift (inputs move, `P(y|x)` stays) the estimate follows
//! the realized performance; under concept drift (`P(y|x)` changes) the
//! scores do not know, and the estimate stays where it was. The lab shows
//! both lines for that reason. The scores are used as the model gives them
//! (NannyML would first calibrate them on the reference).

use crate::basics::sort::{f64_order_key, order_by_key};

/// Expected accuracy of binary scores at `threshold`; `None` for no rows.
pub fn expected_accuracy(scores: &[f64], threshold: f64) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    let sum: f64 = scores
        .iter()
        .map(|&p| if p >= threshold { p } else { 1.0 - p })
        .sum();
    Some(sum / scores.len() as f64)
}

/// Expected accuracy of multiclass probabilities (the argmax predicted).
pub fn expected_accuracy_multiclass(proba: &[Vec<f64>]) -> Option<f64> {
    if proba.is_empty() {
        return None;
    }
    let sum: f64 = proba
        .iter()
        .map(|row| row.iter().copied().fold(0.0, f64::max))
        .sum();
    Some(sum / proba.len() as f64)
}

/// Expected ROC AUC of binary scores; `None` when the scores expect no
/// positives or no negatives (all 0 or all 1).
pub fn expected_roc_auc(scores: &[f64]) -> Option<f64> {
    let keys: Vec<u64> = scores.iter().map(|&s| !f64_order_key(s + 0.0)).collect();
    let order = order_by_key(&keys);
    let (total_p, total_n) = scores
        .iter()
        .fold((0.0, 0.0), |(a, b), &p| (a + p, b + 1.0 - p));
    if total_p <= 0.0 || total_n <= 0.0 {
        return None;
    }
    let (mut tp, mut fp, mut prev_tp, mut prev_fp, mut area) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (i, &row) in order.iter().enumerate() {
        let p = scores[row];
        tp += p;
        fp += 1.0 - p;
        let last = order.get(i + 1).is_none_or(|&next| scores[next] != p);
        if last {
            area += (fp - prev_fp) * (tp + prev_tp);
            prev_tp = tp;
            prev_fp = fp;
        }
    }
    Some((area / 2.0 / (total_p * total_n)).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certain_scores_give_perfect_estimates() {
        assert_eq!(expected_accuracy(&[1.0, 0.0, 1.0], 0.5), Some(1.0));
        assert_eq!(expected_roc_auc(&[1.0, 0.0, 1.0]), Some(1.0));
        assert_eq!(expected_accuracy(&[], 0.5), None);
        assert_eq!(expected_roc_auc(&[0.0, 0.0]), None);
    }

    #[test]
    fn uncertain_scores_expect_chance() {
        // Every row at 0.5: accuracy 0.5 and AUC 0.5 are expected.
        assert_eq!(expected_accuracy(&[0.5; 4], 0.5), Some(0.5));
        assert_eq!(expected_roc_auc(&[0.5; 4]), Some(0.5));
        assert_eq!(
            expected_accuracy_multiclass(&[vec![0.2, 0.8], vec![0.6, 0.4]]),
            Some(0.7)
        );
    }
}

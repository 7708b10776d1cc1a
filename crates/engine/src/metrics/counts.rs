//! Metrics of hard predictions, all from one confusion matrix, with
//! scikit-learn's definitions (`sklearn.metrics`, version 1.7).
//!
//! With `C[t][p]` the rows of true class `t` predicted as `p`, `n = ΣC`:
//! - accuracy `= Σ C[k][k] / n`;
//! - per class: precision `tp / (tp + fp)`, recall `tp / (tp + fn)`,
//!   F1 `= 2tp / (2tp + fp + fn)`; a zero denominator gives 0.0 and a
//!   warning (scikit-learn's `zero_division="warn"`);
//! - balanced accuracy: the mean recall over classes that occur in the truth;
//! - macro: the mean over classes; weighted: by support; micro: from the
//!   summed counts;
//! - MCC `= (c·n − t·p) / √((n² − p·p)(n² − t·t))` with `t`, `p` the true and
//!   predicted class totals, and 0.0 when the denominator is 0;
//! - Cohen's κ `= 1 − Σ_{i≠j} C / Σ_{i≠j} E`, `E = outer(p, t) / n`; `None`
//!   when the denominator is 0 (scikit-learn returns NaN).

use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one averaging.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// One class's row of the classification report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: u64,
}

/// Every metric of hard predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountMetrics {
    pub accuracy: f64,
    pub balanced_accuracy: f64,
    pub macro_avg: Prf,
    pub micro_avg: Prf,
    pub weighted_avg: Prf,
    pub per_class: Vec<ClassMetrics>,
    pub mcc: f64,
    pub cohen_kappa: Option<f64>,
}

/// `num / den`, or 0.0 (and `zero` set) when `den` is 0.
fn ratio(num: f64, den: f64, zero: &mut bool) -> f64 {
    if den == 0.0 {
        *zero = true;
        0.0
    } else {
        num / den
    }
}

/// The metrics of confusion matrix `cm` (rows true, columns predicted, in
/// `labels` order). Warnings name the metric and the labels concerned.
pub fn count_metrics(
    cm: &[Vec<u64>],
    labels: &[String],
    warnings: &mut Vec<String>,
) -> CountMetrics {
    let k = labels.len();
    let cell = |t: usize, p: usize| cm.get(t).and_then(|r| r.get(p)).copied().unwrap_or(0) as f64;
    let true_tot: Vec<f64> = (0..k).map(|t| (0..k).map(|p| cell(t, p)).sum()).collect();
    let pred_tot: Vec<f64> = (0..k).map(|p| (0..k).map(|t| cell(t, p)).sum()).collect();
    let n: f64 = true_tot.iter().sum();
    let correct: f64 = (0..k).map(|i| cell(i, i)).sum();

    let (mut zero_p, mut zero_r, mut zero_f) = (Vec::new(), Vec::new(), Vec::new());
    let mut per_class = Vec::with_capacity(k);
    for (i, label) in labels.iter().enumerate() {
        let tp = cell(i, i);
        let (mut zp, mut zr, mut zf) = (false, false, false);
        let precision = ratio(tp, pred_tot[i], &mut zp);
        let recall = ratio(tp, true_tot[i], &mut zr);
        let f1 = ratio(2.0 * tp, pred_tot[i] + true_tot[i], &mut zf);
        for (z, list) in [(zp, &mut zero_p), (zr, &mut zero_r), (zf, &mut zero_f)] {
            if z {
                list.push(label.as_str());
            }
        }
        per_class.push(ClassMetrics {
            label: label.clone(),
            precision,
            recall,
            f1,
            support: true_tot[i] as u64,
        });
    }
    for (what, list, why) in [
        ("precision", &zero_p, "no predicted samples"),
        ("recall", &zero_r, "no true samples"),
        ("F1", &zero_f, "no true nor predicted samples"),
    ] {
        if !list.is_empty() {
            warnings.push(format!(
                "{what} is ill-defined and set to 0.0 for label(s) {} ({why})",
                quoted(list)
            ));
        }
    }

    let kf = k.max(1) as f64;
    let mean = |f: fn(&ClassMetrics) -> f64| per_class.iter().map(f).sum::<f64>() / kf;
    let macro_avg = Prf {
        precision: mean(|c| c.precision),
        recall: mean(|c| c.recall),
        f1: mean(|c| c.f1),
    };
    let mut zero_w = false;
    let weighted = |f: fn(&ClassMetrics) -> f64, z: &mut bool| {
        ratio(
            per_class.iter().map(|c| f(c) * c.support as f64).sum(),
            n,
            z,
        )
    };
    let weighted_avg = Prf {
        precision: weighted(|c| c.precision, &mut zero_w),
        recall: weighted(|c| c.recall, &mut zero_w),
        f1: weighted(|c| c.f1, &mut zero_w),
    };
    let mut zero_m = false;
    let micro = ratio(correct, n, &mut zero_m);
    let micro_avg = Prf {
        precision: micro,
        recall: micro,
        f1: ratio(2.0 * correct, 2.0 * n, &mut zero_m),
    };

    let present: Vec<f64> = (0..k)
        .filter(|&i| true_tot[i] > 0.0)
        .map(|i| cell(i, i) / true_tot[i])
        .collect();
    if present.len() < k {
        warnings.push(
            "predictions hold classes that are not in the truth; balanced accuracy leaves them out"
                .into(),
        );
    }
    let balanced_accuracy = if present.is_empty() {
        0.0
    } else {
        present.iter().sum::<f64>() / present.len() as f64
    };

    CountMetrics {
        accuracy: if n > 0.0 { correct / n } else { 0.0 },
        balanced_accuracy,
        macro_avg,
        micro_avg,
        weighted_avg,
        per_class,
        mcc: mcc(&true_tot, &pred_tot, correct, n),
        cohen_kappa: kappa(cm, &true_tot, &pred_tot, n),
    }
}

fn quoted(labels: &[&str]) -> String {
    labels
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Matthews correlation coefficient, scikit-learn's multiclass form.
fn mcc(true_tot: &[f64], pred_tot: &[f64], correct: f64, n: f64) -> f64 {
    let cov_tp = correct * n - dot(true_tot, pred_tot);
    let cov_pp = n * n - dot(pred_tot, pred_tot);
    let cov_tt = n * n - dot(true_tot, true_tot);
    if cov_pp * cov_tt == 0.0 {
        0.0
    } else {
        cov_tp / (cov_tt * cov_pp).sqrt()
    }
}

/// Cohen's kappa of a confusion matrix (unweighted).
fn kappa(cm: &[Vec<u64>], true_tot: &[f64], pred_tot: &[f64], n: f64) -> Option<f64> {
    if n == 0.0 {
        return None;
    }
    let k = true_tot.len();
    let (mut observed, mut expected) = (0.0, 0.0);
    for (t, &tt) in true_tot.iter().enumerate().take(k) {
        for (p, &pt) in pred_tot.iter().enumerate() {
            if t != p {
                observed += cm.get(t).and_then(|r| r.get(p)).copied().unwrap_or(0) as f64;
                expected += pt * tt / n;
            }
        }
    }
    (expected != 0.0).then(|| 1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| i.to_string()).collect()
    }

    #[test]
    fn the_course_example_binary() {
        // 100 rows: 30 positive; 24 caught, 6 missed, 7 false alarms.
        let cm = vec![vec![63, 7], vec![6, 24]];
        let mut w = Vec::new();
        let m = count_metrics(&cm, &labels(2), &mut w);
        assert!(w.is_empty());
        assert!((m.accuracy - 0.87).abs() < 1e-15);
        assert!((m.per_class[1].precision - 24.0 / 31.0).abs() < 1e-15);
        assert!((m.per_class[1].recall - 0.8).abs() < 1e-15);
        assert!((m.per_class[1].f1 - 48.0 / 61.0).abs() < 1e-15);
        assert_eq!(m.per_class[1].support, 30);
    }

    #[test]
    fn never_predicting_a_class_is_zero_with_a_warning() {
        let cm = vec![vec![70, 0], vec![30, 0]];
        let mut w = Vec::new();
        let m = count_metrics(&cm, &labels(2), &mut w);
        assert_eq!(m.per_class[1].precision, 0.0);
        assert_eq!(m.per_class[1].f1, 0.0);
        assert_eq!(m.mcc, 0.0);
        assert_eq!(m.cohen_kappa, Some(0.0));
        assert!(w.iter().any(|s| s.contains("precision")), "{w:?}");
    }

    #[test]
    fn empty_matrix_is_all_zero_not_nan() {
        let mut w = Vec::new();
        let m = count_metrics(&[], &[], &mut w);
        assert_eq!(m.accuracy, 0.0);
        assert_eq!(m.cohen_kappa, None);
        assert!(m.mcc.is_finite());
    }

    #[test]
    fn perfect_agreement_on_one_class_has_undefined_kappa() {
        let mut w = Vec::new();
        let m = count_metrics(&[vec![5]], &labels(1), &mut w);
        assert_eq!(m.accuracy, 1.0);
        assert_eq!(m.cohen_kappa, None);
    }
}

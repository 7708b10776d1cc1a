//! Gaussian naive Bayes, scikit-learn's `GaussianNB(var_smoothing)`:
//! per class the prior `n_c / n`, the mean `θ_cj` and the population
//! variance `σ²_cj + ε` of each feature, `ε = var_smoothing × max_j Var(x_j)`
//! over all train rows; the joint log-likelihood
//! `ln π_c − ½ Σ_j ln(2π σ²_cj) − ½ Σ_j (x_j − θ_cj)² / σ²_cj`,
//! normalized by the largest (a softmax). When every feature is constant (ε would be
//! 0 and the variances 0), ε is `var_smoothing` itself, so nothing divides
//! by zero.

use crate::basics::math::{exp, ln};
use ndarray::Array2;
use serde::{Deserialize, Serialize};

/// Fitted class statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NaiveBayes {
    pub prior: Vec<f64>,
    pub theta: Vec<Vec<f64>>,
    pub var: Vec<Vec<f64>>,
}

/// Fits on `x` with class codes `y` in `0..k`.
pub fn fit(x: &Array2<f64>, y: &[u32], k: usize, var_smoothing: f64) -> NaiveBayes {
    let (n, d) = x.dim();
    let column_var = |j: usize, keep: &dyn Fn(usize) -> bool| -> (f64, f64, usize) {
        let vals: Vec<f64> = (0..n).filter(|&i| keep(i)).map(|i| x[[i, j]]).collect();
        let m = vals.len();
        if m == 0 {
            return (0.0, 0.0, 0);
        }
        let mean = vals.iter().sum::<f64>() / m as f64;
        let var = vals.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / m as f64;
        (mean, var, m)
    };
    let max_var = (0..d)
        .map(|j| column_var(j, &|_| true).1)
        .fold(0.0, f64::max);
    let eps = if max_var > 0.0 {
        var_smoothing * max_var
    } else {
        var_smoothing
    };
    let mut model = NaiveBayes {
        prior: Vec::new(),
        theta: Vec::new(),
        var: Vec::new(),
    };
    for c in 0..k {
        let in_class = |i: usize| y.get(i).copied() == Some(c as u32);
        let count = (0..n).filter(|&i| in_class(i)).count();
        model.prior.push(count as f64 / n.max(1) as f64);
        let stats: Vec<(f64, f64, usize)> = (0..d).map(|j| column_var(j, &in_class)).collect();
        model.theta.push(stats.iter().map(|s| s.0).collect());
        model.var.push(stats.iter().map(|s| s.1 + eps).collect());
    }
    model
}

impl NaiveBayes {
    /// Class probabilities per row.
    pub fn predict_proba(&self, x: &Array2<f64>) -> Vec<Vec<f64>> {
        let two_pi = 2.0 * std::f64::consts::PI;
        x.rows()
            .into_iter()
            .map(|xi| {
                let jll: Vec<f64> = (0..self.prior.len())
                    .map(|c| {
                        let mut s = ln(self.prior[c]);
                        let mut norm = 0.0;
                        let mut dist = 0.0;
                        for (j, v) in xi.iter().enumerate() {
                            let var = self.var[c][j];
                            norm += ln(two_pi * var);
                            let d = v - self.theta[c][j];
                            dist += d * d / var;
                        }
                        s += -0.5 * norm - 0.5 * dist;
                        s
                    })
                    .collect();
                let m = jll.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
                if !m.is_finite() {
                    return vec![1.0 / jll.len().max(1) as f64; jll.len()];
                }
                // exp(jll − max) / Σ: scikit-learn's exp(jll − logsumexp)
                // to the last digits, and it sums to 1 even when the
                // log-likelihoods are huge (near-constant features).
                let e: Vec<f64> = jll.iter().map(|v| exp(v - m)).collect();
                let sum: f64 = e.iter().sum();
                e.iter().map(|v| v / sum).collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_features_do_not_divide_by_zero() {
        let x = Array2::<f64>::zeros((4, 2));
        let m = fit(&x, &[0, 0, 0, 1], 2, 1e-9);
        let p = m.predict_proba(&x);
        assert!((p[0][0] - 0.75).abs() < 1e-12, "{p:?}");
    }
}

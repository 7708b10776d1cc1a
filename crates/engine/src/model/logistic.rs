//! L2-regularized logistic regression, scikit-learn's
//! `LogisticRegression(C, solver="lbfgs")`: binary with one weight vector,
//! multinomial (softmax, one vector per class) for more than two classes;
//! the intercepts are not penalized.
//!
//! The objective, divided by `n` as scikit-learn's is (same optimum):
//! `f(W, b) = (1/n) Σ_i ℓ_i + ‖W‖² / (2 C n)`, with
//! `ℓ_i = ln(1 + e^{z_i}) − y_i z_i`, `z_i = x_i·w + b` (binary) or
//! `ℓ_i = ln Σ_k e^{z_ik} − z_{i,y_i}` (multinomial). It is strictly convex,
//! so any method that converges reaches the optimum scikit-learn's tightly
//! converged fit reaches: Newton's method ([`super::newton`]) for a binary
//! target with at most 63 features, else [`super::lbfgs`] driven to a
//! gradient of 1e-10.

use super::lbfgs;
use crate::basics::math::{exp, ln, ln_1p};
use ndarray::Array2;
use serde::{Deserialize, Serialize};

/// Fitted coefficients: `coef[k]` and `intercept[k]` per class score
/// (one row for a binary model: the positive class's log-odds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logistic {
    pub coef: Vec<Vec<f64>>,
    pub intercept: Vec<f64>,
    pub iterations: usize,
}

/// `ln(1 + e^z)` without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + ln_1p(exp(-z))
    } else {
        ln_1p(exp(z))
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + exp(-z))
    } else {
        let e = exp(z);
        e / (1.0 + e)
    }
}

/// Fits on `x` with classes `y` (codes `0..k`; `k = 2` is binary with class
/// 1 positive).
pub fn fit(x: &Array2<f64>, y: &[u32], k: usize, c: f64) -> Logistic {
    let (n, d) = x.dim();
    let rows = k.max(2) - usize::from(k <= 2);
    let width = d + 1;
    let nf = n.max(1) as f64;
    let penalty = 1.0 / (c * nf);
    if rows == 1 && width <= super::newton::MAX_NEWTON_WIDTH {
        let positive: Vec<bool> = (0..n).map(|i| y.get(i) == Some(&1)).collect();
        let (p, steps) = super::newton::fit(x, &positive, penalty);
        return Logistic {
            coef: vec![p[..d].to_vec()],
            intercept: vec![p[d]],
            iterations: steps,
        };
    }
    let mut params = vec![0.0; rows * width];
    let mut z = vec![0.0; rows];
    let mut objective = |p: &[f64], g: &mut [f64]| -> f64 {
        g.iter_mut().for_each(|v| *v = 0.0);
        let mut loss = 0.0;
        for (i, xi) in x.rows().into_iter().enumerate() {
            for (r, zr) in z.iter_mut().enumerate() {
                let w = &p[r * width..r * width + d];
                *zr = p[r * width + d] + xi.iter().zip(w).map(|(a, b)| a * b).sum::<f64>();
            }
            let yi = y.get(i).copied().unwrap_or(0) as usize;
            if rows == 1 {
                let t = if yi == 1 { 1.0 } else { 0.0 };
                loss += softplus(z[0]) - t * z[0];
                let err = sigmoid(z[0]) - t;
                for (gj, xj) in g[..d].iter_mut().zip(xi.iter()) {
                    *gj += err * xj;
                }
                g[d] += err;
            } else {
                let m = z.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
                let sum: f64 = z.iter().map(|v| exp(v - m)).sum();
                loss += m + ln(sum) - z[yi.min(rows - 1)];
                for r in 0..rows {
                    let err = exp(z[r] - m) / sum - if r == yi { 1.0 } else { 0.0 };
                    let gr = &mut g[r * width..(r + 1) * width];
                    for (gj, xj) in gr[..d].iter_mut().zip(xi.iter()) {
                        *gj += err * xj;
                    }
                    gr[d] += err;
                }
            }
        }
        let mut reg = 0.0;
        for r in 0..rows {
            for j in 0..width {
                let at = r * width + j;
                g[at] /= nf;
                if j < d {
                    reg += p[at] * p[at];
                    g[at] += penalty * p[at];
                }
            }
        }
        loss / nf + 0.5 * penalty * reg
    };
    let out = lbfgs::minimize(&mut params, &mut objective, 1e-10, 15_000);
    Logistic {
        coef: (0..rows)
            .map(|r| params[r * width..r * width + d].to_vec())
            .collect(),
        intercept: (0..rows).map(|r| params[r * width + d]).collect(),
        iterations: out.iterations,
    }
}

impl Logistic {
    /// Class probabilities per row (binary: `[1 − p, p]`).
    pub fn predict_proba(&self, x: &Array2<f64>) -> Vec<Vec<f64>> {
        x.rows()
            .into_iter()
            .map(|xi| {
                let z: Vec<f64> = self
                    .coef
                    .iter()
                    .zip(&self.intercept)
                    .map(|(w, b)| b + xi.iter().zip(w).map(|(a, c)| a * c).sum::<f64>())
                    .collect();
                if z.len() == 1 {
                    let p = sigmoid(z[0]);
                    vec![1.0 - p, p]
                } else {
                    let m = z.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
                    let e: Vec<f64> = z.iter().map(|v| exp(v - m)).collect();
                    let s: f64 = e.iter().sum();
                    e.iter().map(|v| v / s).collect()
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separable_data_stays_finite_with_l2() {
        let x = Array2::from_shape_vec((4, 1), vec![-2.0, -1.0, 1.0, 2.0]).unwrap_or_default();
        let m = fit(&x, &[0, 0, 1, 1], 2, 1.0);
        let p = m.predict_proba(&x);
        assert!(m.coef[0][0].is_finite() && m.coef[0][0] > 0.0);
        assert!(p[0][1] < 0.5 && p[3][1] > 0.5);
    }

    #[test]
    fn no_features_gives_the_class_share() {
        let x = Array2::<f64>::zeros((4, 0));
        let m = fit(&x, &[0, 1, 1, 1], 2, 1.0);
        let p = m.predict_proba(&x)[0][1];
        assert!((p - 0.75).abs() < 1e-9, "{p}");
    }
}

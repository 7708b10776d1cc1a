//! Ridge regression, scikit-learn's `Ridge(alpha)` with an intercept:
//! centre `X` and `y` on their train means, solve
//! `(XcᵀXc + αI) w = Xcᵀyc` by Cholesky, and `b = ȳ − x̄·w`.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

/// Fitted weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ridge {
    pub coef: Vec<f64>,
    pub intercept: f64,
}

/// Fits on `x`, `y` with penalty `alpha > 0`.
pub fn fit(x: &Array2<f64>, y: &[f64], alpha: f64) -> Ridge {
    let (n, d) = x.dim();
    let nf = n.max(1) as f64;
    let x_mean: Vec<f64> = (0..d).map(|j| x.column(j).sum() / nf).collect();
    let y_mean = y.iter().sum::<f64>() / nf;
    let mut a = vec![0.0; d * d];
    let mut rhs = vec![0.0; d];
    for (i, xi) in x.rows().into_iter().enumerate() {
        let xc: Vec<f64> = xi.iter().zip(&x_mean).map(|(v, m)| v - m).collect();
        let yc = y.get(i).copied().unwrap_or(0.0) - y_mean;
        for p in 0..d {
            rhs[p] += xc[p] * yc;
            for q in 0..=p {
                a[p * d + q] += xc[p] * xc[q];
            }
        }
    }
    for p in 0..d {
        a[p * d + p] += alpha;
        for q in 0..p {
            a[q * d + p] = a[p * d + q];
        }
    }
    let coef = cholesky_solve(&mut a, &rhs, d);
    let intercept = y_mean - coef.iter().zip(&x_mean).map(|(w, m)| w * m).sum::<f64>();
    Ridge { coef, intercept }
}

/// Solves `A w = b` for symmetric positive definite `A` (overwritten).
pub(crate) fn cholesky_solve(a: &mut [f64], b: &[f64], d: usize) -> Vec<f64> {
    for j in 0..d {
        let mut s = a[j * d + j];
        for k in 0..j {
            s -= a[j * d + k] * a[j * d + k];
        }
        let l = s.max(1e-300).sqrt();
        a[j * d + j] = l;
        for i in j + 1..d {
            let mut s = a[i * d + j];
            for k in 0..j {
                s -= a[i * d + k] * a[j * d + k];
            }
            a[i * d + j] = s / l;
        }
    }
    let mut z = vec![0.0; d];
    for i in 0..d {
        let s: f64 = (0..i).map(|k| a[i * d + k] * z[k]).sum();
        z[i] = (b[i] - s) / a[i * d + i];
    }
    let mut w = vec![0.0; d];
    for i in (0..d).rev() {
        let s: f64 = (i + 1..d).map(|k| a[k * d + i] * w[k]).sum();
        w[i] = (z[i] - s) / a[i * d + i];
    }
    w
}

impl Ridge {
    pub fn predict(&self, x: &Array2<f64>) -> Vec<f64> {
        x.rows()
            .into_iter()
            .map(|xi| self.intercept + xi.iter().zip(&self.coef).map(|(a, b)| a * b).sum::<f64>())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_closed_form_in_one_dimension() {
        // x = 1, 2, 3; y = 2, 4, 6: w = Sxy / (Sxx + α) = 4 / 3, b = 4 − 2w.
        let x = Array2::from_shape_vec((3, 1), vec![1.0, 2.0, 3.0]).unwrap_or_default();
        let m = fit(&x, &[2.0, 4.0, 6.0], 1.0);
        assert!((m.coef[0] - 4.0 / 3.0).abs() < 1e-12);
        assert!((m.intercept - (4.0 - 8.0 / 3.0)).abs() < 1e-12);
    }
}

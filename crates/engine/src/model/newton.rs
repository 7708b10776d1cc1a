//! Newton's method for binary logistic regression (iteratively reweighted
//! least squares), used when there are few features (at most
//! [`MAX_NEWTON_WIDTH`] columns): each step solves `H δ = −g` with the
//! exact Hessian `H = XᵀWX / n + λI` (`W = p(1 − p)`, λ only on the
//! weights), so it reaches the optimum in a handful of steps, to the last
//! digits, where L-BFGS needs dozens.

use super::linear::cholesky_solve;
use crate::basics::math::{exp, ln_1p};
use ndarray::Array2;

/// Widest input (features + intercept) solved by Newton's method.
pub const MAX_NEWTON_WIDTH: usize = 64;

/// `x · w` in four independent sums (a fixed order: the same bits on every
/// platform), faster than one chain.
pub fn dot(x: &[f64], w: &[f64]) -> f64 {
    let (mut a, mut b, mut c, mut d) = (0.0, 0.0, 0.0, 0.0);
    let chunks = x.len() / 4;
    for i in 0..chunks {
        let j = 4 * i;
        a += x[j] * w[j];
        b += x[j + 1] * w[j + 1];
        c += x[j + 2] * w[j + 2];
        d += x[j + 3] * w[j + 3];
    }
    for j in 4 * chunks..x.len().min(w.len()) {
        a += x[j] * w[j];
    }
    (a + b) + (c + d)
}

/// The objective at `p` (weights then intercept) and, per row, `σ(z)`.
fn objective(x: &Array2<f64>, y: &[bool], p: &[f64], penalty: f64, probs: &mut [f64]) -> f64 {
    let d = x.ncols();
    let mut loss = 0.0;
    for (i, xi) in x.rows().into_iter().enumerate() {
        let z = p[d]
            + xi.as_slice().map_or_else(
                || xi.iter().zip(p).map(|(a, b)| a * b).sum(),
                |s| dot(s, &p[..d]),
            );
        // One exp per row: e = e^{−|z|}.
        let e = exp(-z.abs());
        let softplus = z.max(0.0) + ln_1p(e);
        loss += softplus - if y[i] { z } else { 0.0 };
        probs[i] = if z >= 0.0 {
            1.0 / (1.0 + e)
        } else {
            e / (1.0 + e)
        };
    }
    let reg: f64 = p[..d].iter().map(|w| w * w).sum();
    loss / x.nrows().max(1) as f64 + 0.5 * penalty * reg
}

/// Fits weights and intercept (`d + 1` numbers) by damped Newton steps;
/// returns them and the number of steps.
pub fn fit(x: &Array2<f64>, y: &[bool], penalty: f64) -> (Vec<f64>, usize) {
    let (n, d) = x.dim();
    let nf = n.max(1) as f64;
    let width = d + 1;
    let mut p = vec![0.0; width];
    let mut probs = vec![0.0; n];
    let mut trial = vec![0.0; n];
    let mut value = objective(x, y, &p, penalty, &mut probs);
    let mut steps = 0;
    let mut last_gmax = f64::INFINITY;
    for _ in 0..100 {
        let mut g = vec![0.0; width];
        let mut h = vec![0.0; width * width];
        let mut row = vec![0.0; width];
        for (i, xi) in x.rows().into_iter().enumerate() {
            row[..d]
                .iter_mut()
                .zip(xi.iter())
                .for_each(|(r, v)| *r = *v);
            row[d] = 1.0;
            let err = probs[i] - f64::from(u8::from(y[i]));
            let w = probs[i] * (1.0 - probs[i]);
            for a in 0..width {
                g[a] += err * row[a];
                let wa = w * row[a];
                for b in 0..=a {
                    h[a * width + b] += wa * row[b];
                }
            }
        }
        for a in 0..width {
            g[a] /= nf;
            for b in 0..=a {
                h[a * width + b] /= nf;
                h[b * width + a] = h[a * width + b];
            }
            if a < d {
                g[a] += penalty * p[a];
                h[a * width + a] += penalty;
            }
        }
        let gmax = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if gmax <= 1e-14 {
            break;
        }
        let minus_g: Vec<f64> = g.iter().map(|v| -v).collect();
        let delta = cholesky_solve(&mut h, &minus_g, width);
        let slope: f64 = delta.iter().zip(&g).map(|(a, b)| a * b).sum();
        steps += 1;
        if -slope <= 1e-13 * value.abs().max(1.0) {
            // The decrease left is below rounding: the objective cannot
            // judge the step, the gradient can. Take full steps while it
            // falls (quadratic convergence), and stop when it does not.
            if gmax >= last_gmax {
                break;
            }
            last_gmax = gmax;
            p.iter_mut().zip(&delta).for_each(|(a, b)| *a += b);
            value = objective(x, y, &p, penalty, &mut probs);
            continue;
        }
        last_gmax = gmax;
        let mut step = 1.0;
        let mut moved = false;
        for _ in 0..40 {
            let candidate: Vec<f64> = p.iter().zip(&delta).map(|(a, b)| a + step * b).collect();
            let v = objective(x, y, &candidate, penalty, &mut trial);
            if v.is_finite() && v <= value + 1e-4 * step * slope {
                moved = true;
                p = candidate;
                value = v;
                std::mem::swap(&mut probs, &mut trial);
                break;
            }
            step *= 0.5;
        }
        if !moved {
            break;
        }
    }
    (p, steps)
}

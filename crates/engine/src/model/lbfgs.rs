//! Limited-memory BFGS for smooth convex objectives (Nocedal & Wright,
//! algorithm 7.4: two-loop recursion, ten pairs), with a backtracking
//! Armijo line search. It stops when the largest gradient component is at
//! most `gtol`, the objective stops moving, or after `max_iter` steps.
//!
//! Why our own: the logistic loss is strictly convex with L2, so any
//! descent method that converges reaches scikit-learn's optimum; this one
//! is about 150 lines instead of a dependency of many kilobytes of wasm.

/// What the minimizer did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub iterations: usize,
    pub value: f64,
    pub max_gradient: f64,
}

const HISTORY: usize = 10;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// Minimizes `f` from `x` (overwritten with the minimizer). `f` returns the
/// value and writes the gradient into its second argument.
pub fn minimize(
    x: &mut [f64],
    f: &mut dyn FnMut(&[f64], &mut [f64]) -> f64,
    gtol: f64,
    max_iter: usize,
) -> Outcome {
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut value = f(x, &mut g);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut rho: Vec<f64> = Vec::new();
    let mut d = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut iterations = 0;
    while iterations < max_iter && max_abs(&g) > gtol {
        iterations += 1;
        // Two-loop recursion: d = −H g.
        d.iter_mut().zip(&g).for_each(|(d, g)| *d = -g);
        let k = s_hist.len();
        let mut alpha = vec![0.0; k];
        for i in (0..k).rev() {
            alpha[i] = rho[i] * dot(&s_hist[i], &d);
            d.iter_mut()
                .zip(&y_hist[i])
                .for_each(|(d, y)| *d -= alpha[i] * y);
        }
        let gamma = match k.checked_sub(1) {
            Some(last) => dot(&s_hist[last], &y_hist[last]) / dot(&y_hist[last], &y_hist[last]),
            None => 1.0 / max_abs(&g).max(1.0),
        };
        d.iter_mut().for_each(|d| *d *= gamma);
        for i in 0..k {
            let beta = rho[i] * dot(&y_hist[i], &d);
            d.iter_mut()
                .zip(&s_hist[i])
                .for_each(|(d, s)| *d += (alpha[i] - beta) * s);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction (numerical trouble): steepest descent.
            d.iter_mut().zip(&g).for_each(|(d, g)| *d = -g);
            s_hist.clear();
            y_hist.clear();
            rho.clear();
            slope = -dot(&g, &g);
        }
        // Backtracking line search with the Armijo condition.
        let mut step = 1.0;
        let mut accepted = false;
        let mut new_value = value;
        for _ in 0..60 {
            for i in 0..n {
                x_new[i] = x[i] + step * d[i];
            }
            new_value = f(&x_new, &mut g_new);
            if new_value.is_finite() && new_value <= value + 1e-4 * step * slope {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            break;
        }
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy = dot(&s, &y);
        x.copy_from_slice(&x_new);
        std::mem::swap(&mut g, &mut g_new);
        let moved = (value - new_value).abs();
        value = new_value;
        if sy > 1e-300 {
            if s_hist.len() == HISTORY {
                s_hist.remove(0);
                y_hist.remove(0);
                rho.remove(0);
            }
            rho.push(1.0 / sy);
            s_hist.push(s);
            y_hist.push(y);
        }
        if moved <= f64::EPSILON * value.abs().max(1e-300) && max_abs(&g) <= gtol.max(1e-7) {
            break;
        }
    }
    Outcome {
        iterations,
        value,
        max_gradient: max_abs(&g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_quadratic() {
        // f = (x0 − 3)² + 10 (x1 + 1)²
        let mut f = |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * (x[0] - 3.0);
            g[1] = 20.0 * (x[1] + 1.0);
            (x[0] - 3.0).powi(2) + 10.0 * (x[1] + 1.0).powi(2)
        };
        let mut x = vec![0.0, 0.0];
        let out = minimize(&mut x, &mut f, 1e-12, 200);
        assert!(
            (x[0] - 3.0).abs() < 1e-10 && (x[1] + 1.0).abs() < 1e-10,
            "{x:?} {out:?}"
        );
    }

    #[test]
    fn rosenbrock_converges() {
        let mut f = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let mut x = vec![-1.2, 1.0];
        minimize(&mut x, &mut f, 1e-10, 5000);
        assert!(
            (x[0] - 1.0).abs() < 1e-6 && (x[1] - 1.0).abs() < 1e-6,
            "{x:?}"
        );
    }
}

//! Metrics of predicted probabilities of the positive class, as
//! scikit-learn 1.7 defines them.
//!
//! - log loss `= −(1/n) Σ ln q_i`, where `q_i` is the probability given to
//!   the row's true class after scikit-learn's steps: the pair
//!   `(1 − p, p)` is divided by its sum, then clipped to
//!   `[ε, 1 − ε]` with `ε = f64::EPSILON` (`np.finfo(float64).eps`);
//! - Brier score `= (1/n) Σ (y_i − p_i)²`.
//!
//! Both need probabilities: a score outside [0, 1] makes them `None`.

/// Log loss of probabilities `p` of the positive class; `None` when a
/// probability is outside [0, 1] or there are no rows.
pub fn log_loss(p: &[f64], positive: &[bool]) -> Option<f64> {
    if p.is_empty() || !within_unit(p) {
        return None;
    }
    let eps = f64::EPSILON;
    let total: f64 = p
        .iter()
        .zip(positive)
        .map(|(&p, &y)| {
            let (q0, q1) = (1.0 - p, p);
            let sum = q0 + q1;
            let q = if y { q1 / sum } else { q0 / sum };
            -crate::basics::math::ln(q.clamp(eps, 1.0 - eps))
        })
        .sum();
    Some(total / p.len() as f64)
}

/// Brier score; `None` when a probability is outside [0, 1] or no rows.
pub fn brier(p: &[f64], positive: &[bool]) -> Option<f64> {
    if p.is_empty() || !within_unit(p) {
        return None;
    }
    let total: f64 = p
        .iter()
        .zip(positive)
        .map(|(&p, &y)| {
            let d = f64::from(u8::from(y)) - p;
            d * d
        })
        .sum();
    Some(total / p.len() as f64)
}

/// True when every value is a probability.
pub fn within_unit(p: &[f64]) -> bool {
    p.iter().all(|&x| (0.0..=1.0).contains(&x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_loss_of_the_sklearn_example() {
        // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
        let l = log_loss(&[0.9, 0.1, 0.2, 0.65], &[true, false, false, true]);
        assert!((l.unwrap_or(0.0) - 0.216_161_874_680_579_1).abs() < 1e-12);
    }

    #[test]
    fn certain_mistakes_are_clipped_not_infinite() {
        let l = log_loss(&[0.0, 1.0], &[true, false]).unwrap_or(f64::NAN);
        assert!((l - -(f64::EPSILON.ln())).abs() < 1e-12, "{l}");
    }

    #[test]
    fn brier_and_ranges() {
        assert_eq!(brier(&[1.0, 0.0], &[true, false]), Some(0.0));
        assert_eq!(brier(&[0.5], &[true]), Some(0.25));
        assert_eq!(brier(&[1.5], &[true]), None);
        assert_eq!(log_loss(&[], &[]), None);
    }
}

//! Regression metrics, scikit-learn's definitions:
//! MAE `= mean|y − ŷ|`, MSE `= mean (y − ŷ)²`, RMSE `= √MSE`,
//! R² `= 1 − SS_res / SS_tot` (1.0 for a perfect fit of a constant target,
//! 0.0 for an imperfect one: `force_finite=True`), MAPE `= mean |y − ŷ| /
//! max(|y|, ε)` with `ε = f64::EPSILON`.

use serde::{Deserialize, Serialize};

/// The regression metrics of `mlops metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RegressionMetrics {
    pub mae: f64,
    pub mse: f64,
    pub rmse: f64,
    pub r2: f64,
    pub mape: f64,
}

/// Metrics of predictions `pred` for truths `y` (same length, at least one).
pub fn regression_metrics(y: &[f64], pred: &[f64]) -> Option<RegressionMetrics> {
    if y.is_empty() || y.len() != pred.len() {
        return None;
    }
    let n = y.len() as f64;
    let (mut abs, mut sq, mut pct) = (0.0, 0.0, 0.0);
    for (&t, &p) in y.iter().zip(pred) {
        let e = t - p;
        abs += e.abs();
        sq += e * e;
        pct += e.abs() / t.abs().max(f64::EPSILON);
    }
    let mean = y.iter().sum::<f64>() / n;
    let ss_tot: f64 = y.iter().map(|&t| (t - mean) * (t - mean)).sum();
    let r2 = if ss_tot != 0.0 {
        1.0 - sq / ss_tot
    } else if sq == 0.0 {
        1.0
    } else {
        0.0
    };
    let mse = sq / n;
    Some(RegressionMetrics {
        mae: abs / n,
        mse,
        rmse: mse.sqrt(),
        r2,
        mape: pct / n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sklearn_examples() {
        let m = regression_metrics(&[3.0, -0.5, 2.0, 7.0], &[2.5, 0.0, 2.0, 8.0]);
        let m = m.unwrap_or(RegressionMetrics {
            mae: 0.0,
            mse: 0.0,
            rmse: 0.0,
            r2: 0.0,
            mape: 0.0,
        });
        assert_eq!(m.mae, 0.5);
        assert_eq!(m.mse, 0.375);
        assert!((m.r2 - 0.948_608_137_044_967_9).abs() < 1e-15);
        assert!((m.mape - 0.327_380_952_380_952_3).abs() < 1e-15);
    }

    #[test]
    fn constant_target() {
        let perfect = regression_metrics(&[2.0, 2.0], &[2.0, 2.0]).map(|m| m.r2);
        let off = regression_metrics(&[2.0, 2.0], &[1.0, 2.0]).map(|m| m.r2);
        assert_eq!((perfect, off), (Some(1.0), Some(0.0)));
        assert_eq!(regression_metrics(&[], &[]), None);
    }
}

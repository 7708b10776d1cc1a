//! Degrees of automation: let the model decide only when it is confident,
//! and send the rest to people (the course's partial automation).
//!
//! For a binary score p, the model's confidence is `max(p, 1 − p)`. At a
//! confidence bar c, the automated rows are those with confidence ≥ c; the
//! curve gives, for c = 0.50, 0.55, …, 1.00, the share of rows automated
//! and the error rate on them (predicting positive when `p ≥ threshold`).
//! A higher bar automates fewer cases and errs less on them.

use crate::basics::error::{EngineError, Result};
use crate::table::{positive_index, Table};
use serde::{Deserialize, Serialize};

/// One confidence bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutomationPoint {
    pub confidence: f64,
    pub automated: u64,
    pub automated_share: f64,
    /// `None` when nothing is automated at this bar.
    pub error_rate: Option<f64>,
}

/// The curve from truths (`positive[i]`) and scores.
pub fn automation_curve(scores: &[f64], positive: &[bool], threshold: f64) -> Vec<AutomationPoint> {
    let n = scores.len().min(positive.len());
    (0..=10)
        .map(|k| {
            let c = 0.5 + 0.05 * f64::from(k);
            let (mut automated, mut wrong) = (0u64, 0u64);
            for i in 0..n {
                let p = scores[i];
                if p.max(1.0 - p) >= c - 1e-12 {
                    automated += 1;
                    wrong += u64::from((p >= threshold) != positive[i]);
                }
            }
            AutomationPoint {
                confidence: (c * 100.0).round() / 100.0,
                automated,
                automated_share: if n == 0 {
                    0.0
                } else {
                    automated as f64 / n as f64
                },
                error_rate: (automated > 0).then(|| wrong as f64 / automated as f64),
            }
        })
        .collect()
}

/// The curve for a file's binary target and score column (the rows with
/// both), the positive label as `mlops metrics` picks it.
pub fn automation(
    table: &Table,
    target: &str,
    score: &str,
    positive: Option<&str>,
    threshold: f64,
) -> Result<Vec<AutomationPoint>> {
    let t = table.column(target)?;
    let s = table.column(score)?;
    let index = t.class_index();
    let labels: Vec<String> = index
        .labels
        .iter()
        .filter(|l| !l.is_empty())
        .cloned()
        .collect();
    let pos = match positive {
        Some(p) => p.to_string(),
        None => positive_index(&labels)
            .and_then(|i| labels.get(i).cloned())
            .unwrap_or_default(),
    };
    if labels.len() > 2 {
        return Err(EngineError::bad_setting(
            "automation",
            format!(
                "needs a binary target; '{target}' has {} classes",
                labels.len()
            ),
        ));
    }
    let (mut scores, mut truth) = (Vec::new(), Vec::new());
    for row in 0..table.n_rows {
        if let (Some(label), Some(p)) = (t.text(row), s.number(row)) {
            if p.is_finite() {
                scores.push(p);
                truth.push(label == pos.as_str());
            }
        }
    }
    Ok(automation_curve(&scores, &truth, threshold))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_bars_automate_fewer_rows_and_err_less() {
        let scores = [0.95, 0.9, 0.6, 0.55, 0.4, 0.3, 0.05, 0.52];
        let truth = [true, true, false, true, true, false, false, false];
        let c = automation_curve(&scores, &truth, 0.5);
        assert_eq!(c.len(), 11);
        assert_eq!(
            (c[0].confidence, c[0].automated, c[0].error_rate),
            (0.5, 8, Some(3.0 / 8.0))
        );
        assert_eq!(
            (c[8].confidence, c[8].automated, c[8].error_rate),
            (0.9, 3, Some(0.0))
        );
        assert_eq!(c[10].error_rate, None);
        assert!(c.windows(2).all(|w| w[1].automated <= w[0].automated));
    }
}

//! Bias and variance against human-level performance, as the course
//! teaches error analysis: avoidable bias `= train error − HLP error`,
//! variance `= dev error − train error`; whichever is larger says where to
//! work next.

use serde::{Deserialize, Serialize};

/// Which gap is larger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    /// Training error is far above human level: fit better.
    Bias,
    /// Dev error is far above training error: generalize better.
    Variance,
    /// Both gaps are small (under one point).
    Neither,
}

/// The two gaps and what they advise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub avoidable_bias: f64,
    pub variance: f64,
    pub focus: Focus,
    pub bias_advice: String,
    pub variance_advice: String,
}

/// Diagnoses errors given as shares (0..1).
pub fn diagnose(train_error: f64, dev_error: f64, hlp_error: f64) -> Diagnosis {
    let avoidable_bias = train_error - hlp_error;
    let variance = dev_error - train_error;
    let small = 0.01;
    let focus = if avoidable_bias.max(variance) < small {
        Focus::Neither
    } else if avoidable_bias >= variance {
        Focus::Bias
    } else {
        Focus::Variance
    };
    Diagnosis {
        avoidable_bias,
        variance,
        focus,
        bias_advice: if avoidable_bias >= small {
            "Avoidable bias: train a bigger model, train longer, or add features (or fix the labels, if humans disagree)."
        } else {
            "Little avoidable bias: the model fits the training data about as well as people label it."
        }
        .into(),
        variance_advice: if variance >= small {
            "Variance: get more data (or augment it), regularize more, or simplify the model."
        } else {
            "Little variance: the model does about as well on new data as on its training data."
        }
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_courses_two_examples() {
        // HLP 1%, train 8%, dev 10%: avoidable bias 7 points → bias.
        let d = diagnose(0.08, 0.10, 0.01);
        assert!((d.avoidable_bias - 0.07).abs() < 1e-12 && d.focus == Focus::Bias);
        // HLP 7.5%, train 8%, dev 10%: variance 2 points → variance.
        let d = diagnose(0.08, 0.10, 0.075);
        assert_eq!(d.focus, Focus::Variance);
        assert!(diagnose(0.05, 0.055, 0.05).focus == Focus::Neither);
    }
}

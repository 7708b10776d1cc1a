//! Each model kind's hyperparameters, checked once (linfa's checked
//! params): every path that fits a model (train, sweep, learning curve)
//! turns the `name=value` pairs it was given into a [`Hyperparameters`]
//! through [`Hyperparameters::check`], so an unknown name, a value ≤ 0 or a
//! fractional depth is an error naming it, never a silent default or a
//! truncation.
//!
//! | kind | parameters (default) | meaning |
//! |---|---|---|
//! | logistic | `C` (1) | inverse L2 strength: the loss is `Σ log-loss + ‖w‖² / (2C)` |
//! | naive-bayes | `var_smoothing` (1e-9) | `ε = var_smoothing · max_j Var(x_j)` is added to every variance |
//! | tree | `max_depth` (5), `min_samples_leaf` (1) | whole numbers ≥ 1 |
//! | ridge | `alpha` (1) | the loss is `‖y − Xw − b‖² + α‖w‖²` |
//! | majority, mean | none | |

use super::fitted::ModelKind;
use crate::basics::error::{EngineError, Result};
use std::collections::BTreeMap;

/// A model kind with its checked hyperparameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Hyperparameters {
    Majority,
    Mean,
    Logistic {
        c: f64,
    },
    NaiveBayes {
        var_smoothing: f64,
    },
    Tree {
        max_depth: usize,
        min_samples_leaf: usize,
    },
    Ridge {
        alpha: f64,
    },
}

impl Hyperparameters {
    /// `kind` with its defaults (scikit-learn's, but `max_depth` 5).
    pub fn defaults(kind: ModelKind) -> Hyperparameters {
        match kind {
            ModelKind::Majority => Hyperparameters::Majority,
            ModelKind::Mean => Hyperparameters::Mean,
            ModelKind::Logistic => Hyperparameters::Logistic { c: 1.0 },
            ModelKind::NaiveBayes => Hyperparameters::NaiveBayes {
                var_smoothing: 1e-9,
            },
            ModelKind::Tree => Hyperparameters::Tree {
                max_depth: 5,
                min_samples_leaf: 1,
            },
            ModelKind::Ridge => Hyperparameters::Ridge { alpha: 1.0 },
        }
    }

    /// `kind`'s defaults with `given` set over them, each checked.
    pub fn check(kind: ModelKind, given: &BTreeMap<String, f64>) -> Result<Hyperparameters> {
        given
            .iter()
            .try_fold(Hyperparameters::defaults(kind), |h, (name, &value)| {
                h.with(name, value)
            })
    }

    /// The same model with `name` set to `value`, checked.
    pub fn with(&self, name: &str, value: f64) -> Result<Hyperparameters> {
        let positive = || {
            if value.is_finite() && value > 0.0 {
                Ok(value)
            } else {
                Err(bad(format!("{name}={value}: it must be a positive number")))
            }
        };
        let whole = || {
            if value.is_finite() && value >= 1.0 && value.fract() == 0.0 && value <= 1e9 {
                Ok(value as usize)
            } else {
                Err(bad(format!(
                    "{name}={value}: it must be a whole number ≥ 1"
                )))
            }
        };
        let mut h = self.clone();
        match (&mut h, name) {
            (Hyperparameters::Logistic { c }, "C") => *c = positive()?,
            (Hyperparameters::NaiveBayes { var_smoothing }, "var_smoothing") => {
                *var_smoothing = positive()?
            }
            (Hyperparameters::Tree { max_depth, .. }, "max_depth") => *max_depth = whole()?,
            (
                Hyperparameters::Tree {
                    min_samples_leaf, ..
                },
                "min_samples_leaf",
            ) => *min_samples_leaf = whole()?,
            (Hyperparameters::Ridge { alpha }, "alpha") => *alpha = positive()?,
            _ => {
                let names = Hyperparameters::names(self.kind());
                return Err(bad(format!(
                    "{name}: {} takes {}",
                    self.kind().as_str(),
                    if names.is_empty() {
                        "no parameters".to_string()
                    } else {
                        names.join(", ")
                    }
                )));
            }
        }
        Ok(h)
    }

    /// The kind these parameters are for.
    pub fn kind(&self) -> ModelKind {
        match self {
            Hyperparameters::Majority => ModelKind::Majority,
            Hyperparameters::Mean => ModelKind::Mean,
            Hyperparameters::Logistic { .. } => ModelKind::Logistic,
            Hyperparameters::NaiveBayes { .. } => ModelKind::NaiveBayes,
            Hyperparameters::Tree { .. } => ModelKind::Tree,
            Hyperparameters::Ridge { .. } => ModelKind::Ridge,
        }
    }

    /// The names `kind` takes.
    pub fn names(kind: ModelKind) -> &'static [&'static str] {
        match kind {
            ModelKind::Majority | ModelKind::Mean => &[],
            ModelKind::Logistic => &["C"],
            ModelKind::NaiveBayes => &["var_smoothing"],
            ModelKind::Tree => &["max_depth", "min_samples_leaf"],
            ModelKind::Ridge => &["alpha"],
        }
    }

    /// Name → value, as `mlops-model/1` JSON and the reports write them.
    pub fn to_map(&self) -> BTreeMap<String, f64> {
        let pairs: Vec<(&str, f64)> = match *self {
            Hyperparameters::Majority | Hyperparameters::Mean => vec![],
            Hyperparameters::Logistic { c } => vec![("C", c)],
            Hyperparameters::NaiveBayes { var_smoothing } => {
                vec![("var_smoothing", var_smoothing)]
            }
            Hyperparameters::Tree {
                max_depth,
                min_samples_leaf,
            } => vec![
                ("max_depth", max_depth as f64),
                ("min_samples_leaf", min_samples_leaf as f64),
            ],
            Hyperparameters::Ridge { alpha } => vec![("alpha", alpha)],
        };
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

fn bad(message: String) -> EngineError {
    EngineError::bad_setting("param", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn given_values_override_the_defaults() {
        let h = Hyperparameters::check(ModelKind::Tree, &given(&[("max_depth", 3.0)]));
        assert_eq!(
            h.ok(),
            Some(Hyperparameters::Tree {
                max_depth: 3,
                min_samples_leaf: 1
            })
        );
        let h = Hyperparameters::defaults(ModelKind::Logistic);
        assert_eq!(h.to_map(), given(&[("C", 1.0)]));
        assert_eq!(
            Hyperparameters::names(ModelKind::Tree),
            ["max_depth", "min_samples_leaf"]
        );
        assert!(Hyperparameters::names(ModelKind::Mean).is_empty());
    }

    #[test]
    fn bad_values_and_names_are_errors_naming_them() {
        let e = |kind, pairs: &[(&str, f64)]| {
            Hyperparameters::check(kind, &given(pairs))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(e(ModelKind::Tree, &[("max_depth", 2.5)]).contains("whole number"));
        assert!(e(ModelKind::Tree, &[("depth", 3.0)]).contains("max_depth, min_samples_leaf"));
        assert!(e(ModelKind::Logistic, &[("C", -1.0)]).contains("C=-1"));
        assert!(e(ModelKind::Logistic, &[("C", f64::NAN)]).contains("positive"));
        assert!(e(ModelKind::Majority, &[("C", 1.0)]).contains("no parameters"));
        for kind in ModelKind::CLASSIFIERS
            .into_iter()
            .chain(ModelKind::REGRESSORS)
        {
            let h = Hyperparameters::defaults(kind);
            assert_eq!(h.kind(), kind);
            assert_eq!(Hyperparameters::check(kind, &h.to_map()).ok(), Some(h));
        }
    }
}

//! A fitted model, preprocessing included: what `--model-out` writes as
//! `mlops-model/1` JSON, what `mlops predict` reads, and what the session
//! keeps by id for the Drift and Deploy labs.

use super::features::Preprocessor;
use super::{linear::Ridge, logistic::Logistic, naive_bayes::NaiveBayes, tree::Tree};
use crate::basics::error::{EngineError, Result};
use crate::table::Table;
use serde::{Deserialize, Serialize};

/// The format tag of the model JSON.
pub const FORMAT: &str = "mlops-model/1";

/// The model families of `mlops train --model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelKind {
    Majority,
    Logistic,
    NaiveBayes,
    Tree,
    Mean,
    Ridge,
}

impl ModelKind {
    pub const CLASSIFIERS: [ModelKind; 4] = [
        ModelKind::Majority,
        ModelKind::Logistic,
        ModelKind::NaiveBayes,
        ModelKind::Tree,
    ];
    pub const REGRESSORS: [ModelKind; 3] = [ModelKind::Mean, ModelKind::Ridge, ModelKind::Tree];

    /// The models that fit a target (see [`is_regression_target`]).
    pub fn fitting(regression: bool) -> &'static [ModelKind] {
        if regression {
            &ModelKind::REGRESSORS
        } else {
            &ModelKind::CLASSIFIERS
        }
    }

    /// The baseline a model is compared with: the mean for a numeric
    /// target, the majority class otherwise.
    pub fn baseline(regression: bool) -> ModelKind {
        if regression {
            ModelKind::Mean
        } else {
            ModelKind::Majority
        }
    }

    /// The model a lab trains when none fitting was chosen.
    pub fn default_for(regression: bool) -> ModelKind {
        if regression {
            ModelKind::Ridge
        } else {
            ModelKind::Logistic
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ModelKind::Majority => "majority",
            ModelKind::Logistic => "logistic",
            ModelKind::NaiveBayes => "naive-bayes",
            ModelKind::Tree => "tree",
            ModelKind::Mean => "mean",
            ModelKind::Ridge => "ridge",
        }
    }

    /// Whether its numeric features are standardized.
    pub fn standardizes(self) -> bool {
        matches!(
            self,
            ModelKind::Logistic | ModelKind::NaiveBayes | ModelKind::Ridge
        )
    }
}

impl std::str::FromStr for ModelKind {
    type Err = EngineError;
    fn from_str(s: &str) -> Result<Self> {
        [ModelKind::Majority, ModelKind::Logistic, ModelKind::NaiveBayes, ModelKind::Tree, ModelKind::Mean, ModelKind::Ridge]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| EngineError::bad_request(format!("unknown model \"{s}\" (majority, logistic, naive-bayes, tree; mean, ridge, tree for regression)")))
    }
}

/// The fitted estimator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Estimator {
    /// Always the class `class` (an index into `labels`).
    Majority {
        class: usize,
    },
    Logistic(Logistic),
    NaiveBayes(NaiveBayes),
    Tree(Tree),
    /// Always `value`.
    Mean {
        value: f64,
    },
    Ridge(Ridge),
}

/// `binary`, `multiclass` or `regression`.
/// Whether a target is modelled as regression: a numeric column with more
/// than 20 distinct values (`distinct`, missing values not counted); the
/// rule of `mlops train`, and of the Model lab's model choice.
pub fn is_regression_target(kind: crate::table::ColumnKind, distinct: usize) -> bool {
    kind == crate::table::ColumnKind::Numeric && distinct > 20
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelTask {
    Binary,
    Multiclass,
    Regression,
}

impl ModelTask {
    pub const ALL: [ModelTask; 3] = [
        ModelTask::Binary,
        ModelTask::Multiclass,
        ModelTask::Regression,
    ];

    /// The task's name in `mlops-model/1` JSON and the reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelTask::Binary => "binary",
            ModelTask::Multiclass => "multiclass",
            ModelTask::Regression => "regression",
        }
    }

    pub fn parse(text: &str) -> Option<ModelTask> {
        ModelTask::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// A model with everything needed to score new rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedModel {
    pub format: String,
    pub model: ModelKind,
    pub params: std::collections::BTreeMap<String, f64>,
    pub target: String,
    pub task: ModelTask,
    /// Class labels in label order (empty for regression).
    pub labels: Vec<String>,
    /// The positive label (binary).
    pub positive: Option<String>,
    /// The input columns, in the order given.
    pub features: Vec<String>,
    pub preprocessing: Preprocessor,
    pub estimator: Estimator,
}

/// A model's description, without its numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    pub kind: ModelKind,
    pub params: std::collections::BTreeMap<String, f64>,
    pub target: String,
    pub task: ModelTask,
    pub labels: Vec<String>,
    pub positive: Option<String>,
    pub features: Vec<String>,
}

/// What a model says about rows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Predictions {
    /// Predicted labels (classification) or values as text (regression).
    pub labels: Vec<String>,
    /// The positive class's probability (binary).
    pub scores: Option<Vec<f64>>,
    /// The predicted values (regression).
    pub values: Option<Vec<f64>>,
    /// Every class's probability per row (multiclass).
    pub proba: Option<Vec<Vec<f64>>>,
}

impl FittedModel {
    /// Reads `mlops-model/1` JSON; `name` is the file, for errors.
    pub fn from_json(text: &str, name: &str) -> Result<FittedModel> {
        super::model_json::from_json(text, name)
    }

    /// The model as `mlops-model/1` JSON ([`super::model_json`]).
    pub fn to_json(&self) -> String {
        super::model_json::to_json(self)
    }

    /// What the page shows of the model (the model itself stays in the
    /// worker).
    pub fn info(&self) -> ModelInfo {
        ModelInfo {
            kind: self.model,
            params: self.params.clone(),
            target: self.target.clone(),
            task: self.task,
            labels: self.labels.clone(),
            positive: self.positive.clone(),
            features: self.features.clone(),
        }
    }

    /// Class probabilities (classification) or values (regression) of rows.
    fn raw(&self, table: &Table, rows: &[usize]) -> Result<Vec<Vec<f64>>> {
        let x = self.preprocessing.transform(table, rows)?;
        let k = self.labels.len();
        Ok(match &self.estimator {
            Estimator::Majority { class } => {
                let mut p = vec![0.0; k];
                if let Some(v) = p.get_mut(*class) {
                    *v = 1.0;
                }
                vec![p; rows.len()]
            }
            Estimator::Logistic(m) => m.predict_proba(&x),
            Estimator::NaiveBayes(m) => m.predict_proba(&x),
            Estimator::Tree(t) => t.predict(&x),
            Estimator::Mean { value } => vec![vec![*value]; rows.len()],
            Estimator::Ridge(m) => m.predict(&x).into_iter().map(|v| vec![v]).collect(),
        })
    }

    /// Predictions for `rows` of `table` (the spec's rules: binary →
    /// positive when `score >= 0.5`; multiclass → the most probable label,
    /// ties to the first).
    pub fn predict(&self, table: &Table, rows: &[usize]) -> Result<Predictions> {
        for f in &self.features {
            table.column(f)?;
        }
        let raw = self.raw(table, rows)?;
        if self.task == ModelTask::Regression {
            let values: Vec<f64> = raw
                .iter()
                .map(|v| v.first().copied().unwrap_or(f64::NAN))
                .collect();
            return Ok(Predictions {
                labels: values.iter().map(|v| format!("{v}")).collect(),
                scores: None,
                values: Some(values),
                proba: None,
            });
        }
        let pos = self
            .positive
            .as_ref()
            .and_then(|p| self.labels.iter().position(|l| l == p));
        let label = |i: usize| self.labels.get(i).cloned().unwrap_or_default();
        match (self.task, pos) {
            (ModelTask::Binary, Some(pos)) => {
                let neg = 1 - pos.min(1);
                let scores: Vec<f64> = raw
                    .iter()
                    .map(|p| p.get(pos).copied().unwrap_or(0.0))
                    .collect();
                Ok(Predictions {
                    labels: scores
                        .iter()
                        .map(|&s| label(if s >= 0.5 { pos } else { neg }))
                        .collect(),
                    scores: Some(scores),
                    values: None,
                    proba: None,
                })
            }
            _ => Ok(Predictions {
                labels: raw
                    .iter()
                    .map(|p| {
                        let best = p
                            .iter()
                            .enumerate()
                            .fold(0, |b, (i, &v)| if v > p[b] { i } else { b });
                        label(best)
                    })
                    .collect(),
                scores: None,
                values: None,
                proba: Some(raw),
            }),
        }
    }
}

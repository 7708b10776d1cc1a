//! Fitting: preprocessing and the model on the train rows, by the checked
//! hyperparameters' kind.

use crate::basics::error::{EngineError, Result};
use crate::metrics::outcomes::codes_of;
use crate::model::features::Preprocessor;
use crate::model::fitted::{Estimator, FittedModel, ModelKind, ModelTask, FORMAT};
use crate::model::hyper::Hyperparameters;
use crate::model::{linear, logistic, naive_bayes, tree};
use crate::table::{positive_index, Table};

/// What to fit: the target, the model and its checked parameters, the
/// features, the target's classes in label order (empty for regression).
#[derive(Debug, Clone)]
pub struct FitSpec {
    pub target: String,
    pub hyper: Hyperparameters,
    pub features: Vec<String>,
    pub labels: Vec<String>,
    pub regression: bool,
}

/// Fits preprocessing and the model on `train_rows` of `table` (rows that
/// have a target).
pub fn fit_model(
    table: &Table,
    spec: &FitSpec,
    train_rows: &[usize],
    warnings: &mut Vec<String>,
) -> Result<FittedModel> {
    let kind = spec.hyper.kind();
    let does_not_fit = || {
        EngineError::bad_setting(
            "model",
            format!(
                "{} does not fit a {} target",
                kind.as_str(),
                if spec.regression { "numeric" } else { "class" }
            ),
        )
    };
    let target = table.column(&spec.target)?;
    let pre = Preprocessor::fit(
        table,
        &spec.features,
        train_rows,
        kind.standardizes(),
        warnings,
    )?;
    let x = pre.transform(table, train_rows)?;
    let (task, estimator, positive) = if spec.regression {
        let y: Vec<f64> = train_rows
            .iter()
            .map(|&r| target.number(r).unwrap_or(0.0))
            .collect();
        let estimator = match spec.hyper {
            Hyperparameters::Mean => Estimator::Mean {
                value: y.iter().sum::<f64>() / y.len() as f64,
            },
            Hyperparameters::Ridge { alpha } => Estimator::Ridge(linear::fit(&x, &y, alpha)),
            Hyperparameters::Tree {
                max_depth,
                min_samples_leaf,
            } => Estimator::Tree(tree::fit(
                &x,
                tree::Target::Values(&y),
                max_depth,
                min_samples_leaf,
            )),
            Hyperparameters::Majority
            | Hyperparameters::Logistic { .. }
            | Hyperparameters::NaiveBayes { .. } => return Err(does_not_fit()),
        };
        (ModelTask::Regression, estimator, None)
    } else {
        let texts: Vec<_> = train_rows
            .iter()
            .map(|&r| target.text(r).unwrap_or_default())
            .collect();
        let y = codes_of(
            &texts.iter().map(|s| s.as_ref()).collect::<Vec<_>>(),
            &spec.labels,
        );
        let k = spec.labels.len();
        let mut present = vec![0usize; k];
        y.iter().for_each(|&c| present[c as usize] += 1);
        if kind != ModelKind::Majority {
            if k < 2 {
                return Err(EngineError::unusable(
                    &table.name,
                    format!(
                        "\"{}\" has one class; {} needs two",
                        target.name,
                        kind.as_str()
                    ),
                ));
            }
            if let Some(c) = present.iter().position(|&n| n == 0) {
                return Err(EngineError::unusable(
                    &table.name,
                    format!("the train split holds no row of class \"{}\" of \"{}\"; {} needs every class in train (try the stratified split)", spec.labels[c], target.name, kind.as_str()),
                ));
            }
        }
        let estimator = match spec.hyper {
            Hyperparameters::Majority => Estimator::Majority {
                class: present
                    .iter()
                    .enumerate()
                    .fold(0, |b, (i, &n)| if n > present[b] { i } else { b }),
            },
            Hyperparameters::Logistic { c } => Estimator::Logistic(logistic::fit(&x, &y, k, c)),
            Hyperparameters::NaiveBayes { var_smoothing } => {
                Estimator::NaiveBayes(naive_bayes::fit(&x, &y, k, var_smoothing))
            }
            Hyperparameters::Tree {
                max_depth,
                min_samples_leaf,
            } => Estimator::Tree(tree::fit(
                &x,
                tree::Target::Classes { y: &y, k },
                max_depth,
                min_samples_leaf,
            )),
            Hyperparameters::Mean | Hyperparameters::Ridge { .. } => return Err(does_not_fit()),
        };
        let task = if k == 2 {
            ModelTask::Binary
        } else {
            ModelTask::Multiclass
        };
        let positive = (k == 2)
            .then(|| positive_index(&spec.labels).map(|i| spec.labels[i].clone()))
            .flatten();
        (task, estimator, positive)
    };
    Ok(FittedModel {
        format: FORMAT.into(),
        model: kind,
        params: spec.hyper.to_map(),
        target: target.name.clone(),
        task,
        labels: if spec.regression {
            Vec::new()
        } else {
            spec.labels.clone()
        },
        positive,
        features: spec.features.clone(),
        preprocessing: pre,
        estimator,
    })
}

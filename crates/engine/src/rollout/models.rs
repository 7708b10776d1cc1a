//! A model as a rollout's error source: its real errors on the rows of a
//! dataset (the Model lab's test split, or a file), so each simulated
//! request is a row and an error is the model being wrong on it.

use crate::basics::error::{EngineError, Result};
use crate::model::{FittedModel, ModelTask};
use crate::table::Table;

/// Whether each model is wrong on each row of `table` that has both
/// models' targets, for the rows kept (the same rows for both).
pub fn wrong_on_rows(table: &Table, models: &[&FittedModel]) -> Result<Vec<Vec<bool>>> {
    for m in models {
        if m.task == ModelTask::Regression {
            return Err(EngineError::bad_request(format!(
                "a rollout judges error rates: the {} model predicts numbers (regression)",
                m.model.as_str()
            )));
        }
    }
    let mut keep: Vec<usize> = (0..table.n_rows).collect();
    for m in models {
        let target = table.column(&m.target)?;
        keep.retain(|&r| !target.is_missing(r));
    }
    if keep.is_empty() {
        return Err(EngineError::unusable(
            &table.name,
            "no row has the target: nothing to judge the models on",
        ));
    }
    models
        .iter()
        .map(|m| {
            let p = m.predict(table, &keep)?;
            let target = table.column(&m.target)?;
            Ok(keep
                .iter()
                .zip(&p.labels)
                .map(|(&r, label)| target.text(r).is_none_or(|t| t != label.as_str()))
                .collect())
        })
        .collect()
}

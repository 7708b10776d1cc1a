//! The Model lab's state: fitted models by id, each with the run that
//! trained it, so the Drift and Deploy labs use the model trained here and
//! any split is measured at any threshold without training again.

use super::{FittedModel, Predictions};
use crate::basics::error::{EngineError, Result};

/// A kept model, and the run that trained it on the working dataset (its
/// split and every row's prediction), if it was trained here.
#[derive(Debug)]
pub struct Kept {
    pub model: FittedModel,
    pub run: Option<Run>,
}

/// What a training run left: which dataset, each row's split and prediction.
#[derive(Debug)]
pub struct Run {
    /// The working dataset's generation it was trained on.
    pub generation: u64,
    pub assignment: Vec<u8>,
    pub split_names: Vec<String>,
    pub predictions: Predictions,
}

/// Fitted models by id (ids are 1, 2, ... in training order).
#[derive(Debug, Default)]
pub struct ModelStore {
    models: Vec<Kept>,
}

impl ModelStore {
    /// Keeps a fitted model; returns its id.
    pub fn keep(&mut self, model: FittedModel, run: Option<Run>) -> u32 {
        self.models.push(Kept { model, run });
        u32::try_from(self.models.len()).unwrap_or(u32::MAX)
    }

    /// The model kept under `id`, with its run.
    pub fn kept(&self, id: u32) -> Result<&Kept> {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.models.get(i))
            .ok_or_else(|| unknown_model(id))
    }

    /// The model kept under `id`.
    pub fn model(&self, id: u32) -> Result<&FittedModel> {
        self.kept(id).map(|k| &k.model)
    }
}

/// The error for an unknown model id.
pub fn unknown_model(id: u32) -> EngineError {
    EngineError::bad_request(format!(
        "no model with id {id} in this session (train one first)"
    ))
}

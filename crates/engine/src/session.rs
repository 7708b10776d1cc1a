//! The engine's state between requests: datasets by role, and dispatch.
//!
//! The browser's worker keeps one `Session` for the page's lifetime; the CLI
//! makes one per command. The session holds the working dataset (the Drift
//! lab will add a reference and a current one; the Model lab, fitted models
//! by id) and sends each lab's request to that lab's `handle`. A failed load
//! leaves the previous dataset in place, so a bad file never costs the user
//! their data.

use crate::api::{Request, Response};
use crate::basics::error::{EngineError, Result};
use crate::table::Table;
use std::collections::BTreeMap;

/// What a dataset is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The dataset every lab works on (loaded in the Data lab).
    Working,
    /// The Drift lab's reference and current datasets.
    Reference,
    Current,
}

/// A loaded dataset.
#[derive(Debug)]
pub struct Dataset {
    pub table: Table,
    /// The built-in sample it is, if any (its text is the source for
    /// exports).
    pub sample: Option<String>,
    /// Changes on every load (see `DatasetSummary::generation`).
    pub generation: u64,
}

/// A kept model, and the run that trained it on the working dataset (its
/// split and every row's prediction), so the lab can measure any split at
/// any threshold without training again.
#[derive(Debug)]
pub struct Kept {
    pub model: crate::model::FittedModel,
    pub run: Option<Run>,
}

/// What a training run left: which dataset, each row's split and prediction.
#[derive(Debug)]
pub struct Run {
    pub generation: u64,
    pub assignment: Vec<u8>,
    pub split_names: Vec<String>,
    pub predictions: crate::model::Predictions,
}

/// Loaded datasets, by role.
#[derive(Debug, Default)]
pub struct Session {
    datasets: BTreeMap<Role, Dataset>,
    loads: u64,
    /// Fitted models by id (ids are 1, 2, ... in training order).
    models: Vec<Kept>,
    /// The Drift lab's simulated stream (name, table), batch 1 first.
    #[cfg(feature = "drift")]
    pub batches: Vec<(String, Table)>,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers a request; `bytes` carries a file's content where one is
    /// needed (`LoadCsv`, split exports).
    pub fn handle(&mut self, request: Request, bytes: Option<&[u8]>) -> Response {
        self.handle_with_progress(request, bytes, &mut |_| {})
    }

    /// [`Session::handle`], telling `progress` (0..1) how far long work
    /// (training, sweeps, learning curves) has got: the worker posts it to
    /// the page's busy bar.
    pub fn handle_with_progress(
        &mut self,
        request: Request,
        bytes: Option<&[u8]>,
        progress: &mut dyn FnMut(f64),
    ) -> Response {
        let answer = match request {
            Request::Data(r) => crate::data::handle(self, r, bytes).map(Response::Data),
            Request::Split(r) => crate::split::handle(self, r, bytes).map(Response::Split),
            Request::Metrics(r) => crate::metrics::handle(self, r).map(Response::Metrics),
            Request::Model(r) => {
                crate::model::handle(self, r, bytes, progress).map(Response::Model)
            }
            #[cfg(feature = "drift")]
            Request::Drift(r) => crate::drift::handle(self, r, bytes).map(Response::Drift),
        };
        answer.unwrap_or_else(|e| Response::from_error(&e))
    }

    /// Keeps a fitted model; returns its id.
    pub fn keep_model(&mut self, model: crate::model::FittedModel, run: Option<Run>) -> u32 {
        self.models.push(Kept { model, run });
        self.models.len() as u32
    }

    /// The model kept under `id`, with its run.
    pub fn kept(&self, id: u32) -> Result<&Kept> {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.models.get(i))
            .ok_or_else(|| crate::model::unknown_model(id))
    }

    /// The model kept under `id`.
    pub fn model(&self, id: u32) -> Result<&crate::model::FittedModel> {
        self.kept(id).map(|k| &k.model)
    }

    /// The dataset in `role`.
    pub fn dataset(&self, role: Role) -> Result<&Dataset> {
        self.datasets
            .get(&role)
            .ok_or_else(|| EngineError::UnknownDataset {
                name: "(none loaded)".into(),
            })
    }

    /// The working dataset's table.
    pub fn working(&self) -> Result<&Table> {
        self.dataset(Role::Working).map(|d| &d.table)
    }

    /// Puts `table` in `role` under a new generation, replacing what was
    /// there.
    pub fn put(&mut self, role: Role, table: Table, sample: Option<String>) -> &Dataset {
        self.loads += 1;
        let dataset = Dataset {
            table,
            sample,
            generation: self.loads,
        };
        match self.datasets.entry(role) {
            std::collections::btree_map::Entry::Occupied(mut e) => {
                e.insert(dataset);
                e.into_mut()
            }
            std::collections::btree_map::Entry::Vacant(e) => e.insert(dataset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;

    #[test]
    fn unknown_sample_is_an_error_response() {
        let mut s = Session::new();
        let r = s.handle(
            Request::Data(data::Request::LoadSample { id: "nope".into() }),
            None,
        );
        assert!(matches!(r, Response::Error { usage: false, .. }));
    }

    #[test]
    fn requests_without_data_say_so() {
        let mut s = Session::new();
        match s.handle(Request::Data(data::Request::Profile), None) {
            Response::Error { message, .. } => assert!(message.contains("no dataset")),
            other => panic!("unexpected {other:?}"),
        }
    }
}

//! The datasets the engine holds between requests, by role.
//!
//! This is the one piece of state every lab shares, so it sits below the
//! labs: it knows tables, not lab types, and it dispatches nothing (that is
//! [`crate::api`]'s job). A lab's own state (the Model lab's fitted models,
//! the Drift lab's simulated stream) lives in that lab's folder. A failed
//! load never reaches here, so a bad file never costs the user their data.

use crate::basics::error::{EngineError, Result};
use crate::table::Table;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a dataset is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The dataset every lab works on (loaded in the Data lab).
    Working,
    /// The Drift lab's reference dataset.
    Reference,
    /// The Drift lab's current dataset.
    Current,
}

impl Role {
    /// The role's name in messages (`working`, `reference`, `current`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Working => "working",
            Role::Reference => "reference",
            Role::Current => "current",
        }
    }
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

/// Loaded datasets, by role; each load gets a new generation.
#[derive(Debug, Default)]
pub struct Datasets {
    by_role: BTreeMap<Role, Dataset>,
    loads: u64,
}

impl Datasets {
    /// The dataset in `role`, or [`EngineError::NoDataset`] naming the role.
    pub fn dataset(&self, role: Role) -> Result<&Dataset> {
        self.by_role.get(&role).ok_or(EngineError::NoDataset {
            role: role.as_str().into(),
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
        match self.by_role.entry(role) {
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

    #[test]
    fn a_missing_dataset_names_its_role() {
        let d = Datasets::default();
        let e = d.dataset(Role::Reference).unwrap_err();
        assert_eq!(e.to_string(), "no reference dataset is loaded");
        assert_eq!(
            d.working().unwrap_err().to_string(),
            "no working dataset is loaded: load a file or a sample first"
        );
    }

    #[test]
    fn every_put_is_a_new_generation() {
        let mut d = Datasets::default();
        let t = crate::table::read_csv(b"x\n1\n", &Default::default()).unwrap();
        let first = d.put(Role::Working, t.clone(), None).generation;
        let second = d.put(Role::Working, t, None).generation;
        assert!(second > first);
    }
}

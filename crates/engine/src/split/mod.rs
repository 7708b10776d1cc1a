//! Train/dev/test splits (`mlops split`) and the split lottery.
//! (Stub: the strategies arrive with the Split lab.)

use crate::error::{EngineError, Result};
use crate::table::Table;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How rows are assigned to splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    #[default]
    Random,
    Stratified,
    Group,
    Time,
}

/// A validated split request (`mlops split` and the Split lab).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitRequest {
    pub target: String,
    pub strategy: Strategy,
    /// Two or three whole percentages summing to 100.
    pub ratios: Vec<u32>,
    pub seed: u64,
    /// The group or time column.
    #[serde(default)]
    pub by: Option<String>,
}

/// One split's size and class counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitSummary {
    pub name: String,
    pub rows: u64,
    /// Every class of the target, zeros included, keyed by label.
    pub class_counts: BTreeMap<String, u64>,
}

/// `mlops split --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitReport {
    pub strategy: Strategy,
    pub seed: u64,
    pub rows: u64,
    pub target: String,
    pub splits: Vec<SplitSummary>,
    /// Class labels in the spec's order (an addition: `class_counts` is a
    /// JSON object, whose key order readers may not keep).
    #[serde(default)]
    pub labels: Vec<String>,
    pub warnings: Vec<String>,
}

/// A report plus the split index (0 = train, 1 = dev, 2 = test; `test` is 1
/// with two ratios) of every row.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitOutcome {
    pub report: SplitReport,
    pub assignment: Vec<u8>,
}

/// The names of the splits for a number of ratios.
pub fn split_names(n: usize) -> &'static [&'static str] {
    if n == 2 {
        &["train", "test"]
    } else {
        &["train", "dev", "test"]
    }
}

/// Splits a table.
pub fn split_table(table: &Table, request: &SplitRequest) -> Result<SplitOutcome> {
    table.column(&request.target)?;
    Err(EngineError::unusable(&table.name, "splits not built yet"))
}

/// Writes each split's rows as CSV, re-reading the source so every field keeps
/// exactly its input text (`shared/spec/cli.md`, `--out`). Returns one file's
/// bytes per split, in split order.
pub fn export_splits(
    source: &[u8],
    table: &Table,
    assignment: &[u8],
    n_splits: usize,
) -> Result<Vec<Vec<u8>>> {
    let _ = (source, assignment, n_splits);
    Err(EngineError::unusable(
        &table.name,
        "split export not built yet",
    ))
}

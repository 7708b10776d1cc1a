//! Column profiles (`mlops profile`), with histograms for the Data lab's cards.
//! (Stub: statistics arrive with the Data lab.)

use super::{ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// One of the most frequent values of a categorical or boolean column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopValue {
    pub value: String,
    pub count: u64,
}

/// Equal-width histogram of a numeric column: `counts[i]` values fall in
/// `[edges[i], edges[i+1])`, the last bin closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
}

/// The profile of one column; numeric statistics are `None` (JSON `null`)
/// for non-numeric columns and where undefined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub name: String,
    pub kind: ColumnKind,
    pub missing: u64,
    pub distinct: u64,
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub max: Option<f64>,
    pub top: Vec<TopValue>,
    /// Numeric columns only (an addition to the spec's fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub histogram: Option<Histogram>,
    /// Value counts of a categorical/boolean column, all values by count
    /// descending, capped at 50 (an addition to the spec's fields).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_counts: Vec<TopValue>,
}

/// `mlops profile --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileReport {
    pub rows: u64,
    pub columns: Vec<ColumnProfile>,
    pub warnings: Vec<String>,
}

/// Profiles every column of a table.
pub fn profile(table: &Table) -> ProfileReport {
    ProfileReport {
        rows: table.n_rows as u64,
        columns: table
            .columns
            .iter()
            .map(|c| ColumnProfile {
                name: c.name.clone(),
                kind: c.kind(),
                missing: c.missing_count() as u64,
                distinct: 0,
                mean: None,
                std: None,
                min: None,
                p25: None,
                p50: None,
                p75: None,
                max: None,
                top: vec![],
                histogram: None,
                value_counts: vec![],
            })
            .collect(),
        warnings: table.warnings.clone(),
    }
}

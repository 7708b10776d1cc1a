//! What the header and the Data lab show of a dataset: its shape, how it
//! was read, its first rows, and the columns a lab starts with.

use crate::table::{ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// Rows shown in the Data lab's preview.
pub const PREVIEW_ROWS: usize = 10;

/// A loaded dataset, as the header and the Data lab show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetSummary {
    pub name: String,
    /// Changes on every load, even of the same file: labs key their
    /// requests on it, so an edited file of the same size is asked again.
    pub generation: u64,
    pub rows: u64,
    pub columns: Vec<ColumnInfo>,
    /// `,` `;` `\t` or `|`.
    pub delimiter: String,
    pub encoding: String,
    pub bytes: u64,
    /// The first rows as text (missing = `""`), for the preview table.
    pub preview: Vec<Vec<String>>,
    /// The target a lab starts with (see [`crate::data::suggest::target`]).
    pub suggested_target: Option<String>,
    /// Columns that could be raters' labels ([`crate::data::suggest::label_columns`]).
    pub label_columns: Vec<String>,
    pub warnings: Vec<String>,
}

/// A column's name and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub name: String,
    pub kind: ColumnKind,
}

/// The header's and the Data lab's description of a table.
pub fn summarize(table: &Table, generation: u64) -> DatasetSummary {
    let rows = table.n_rows.min(PREVIEW_ROWS);
    DatasetSummary {
        name: table.name.clone(),
        generation,
        rows: table.n_rows as u64,
        columns: table
            .columns
            .iter()
            .map(|c| ColumnInfo {
                name: c.name.clone(),
                kind: c.kind(),
            })
            .collect(),
        delimiter: (table.source.delimiter as char).to_string(),
        encoding: table.source.encoding.clone(),
        bytes: table.source.bytes,
        preview: (0..rows)
            .map(|r| {
                table
                    .columns
                    .iter()
                    .map(|c| c.text(r).map(|t| t.into_owned()).unwrap_or_default())
                    .collect()
            })
            .collect(),
        suggested_target: crate::data::suggest::target(table),
        label_columns: crate::data::suggest::label_columns(table),
        warnings: table.warnings.clone(),
    }
}

//! Typed, columnar tables: what a CSV becomes once it is read.
//!
//! Why columnar and typed: a 100 MB CSV must fit in a browser tab next to
//! everything else, so the original text is not kept. Numbers are `f64` with a
//! missing mask, text is dictionary-encoded (`u32` codes plus the distinct
//! strings), booleans are one byte. Where the original text is needed (split
//! exports), the source is read again.

mod bitmap;
mod labels;

pub use bitmap::Bitmap;
pub use labels::{positive_index, sort_labels, ClassIndex};

use crate::basics::error::{EngineError, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The code of a missing value in a categorical column.
pub const MISSING_CODE: u32 = u32::MAX;
/// The byte of a missing value in a boolean column (0 = false, 1 = true).
pub const MISSING_BOOL: u8 = 2;

/// The kind a column was inferred to be (`docs/cli.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    Numeric,
    Categorical,
    Boolean,
}

impl ColumnKind {
    /// Its name, as serde writes it (`numeric`, `categorical`, `boolean`).
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnKind::Numeric => "numeric",
            ColumnKind::Categorical => "categorical",
            ColumnKind::Boolean => "boolean",
        }
    }
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// `values[i]` is meaningful only where `missing` is unset (it is NaN there).
    Numeric { values: Vec<f64>, missing: Bitmap },
    /// `codes[i]` indexes `dictionary`, or is [`MISSING_CODE`].
    Categorical {
        codes: Vec<u32>,
        dictionary: Vec<String>,
    },
    /// 0 = false, 1 = true, [`MISSING_BOOL`] = missing.
    Boolean { values: Vec<u8> },
}

/// A named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub data: ColumnData,
}

impl Column {
    pub fn kind(&self) -> ColumnKind {
        match self.data {
            ColumnData::Numeric { .. } => ColumnKind::Numeric,
            ColumnData::Categorical { .. } => ColumnKind::Categorical,
            ColumnData::Boolean { .. } => ColumnKind::Boolean,
        }
    }

    pub fn len(&self) -> usize {
        match &self.data {
            ColumnData::Numeric { values, .. } => values.len(),
            ColumnData::Categorical { codes, .. } => codes.len(),
            ColumnData::Boolean { values } => values.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_missing(&self, row: usize) -> bool {
        match &self.data {
            ColumnData::Numeric { missing, .. } => missing.get(row),
            ColumnData::Categorical { codes, .. } => codes.get(row) == Some(&MISSING_CODE),
            ColumnData::Boolean { values } => values.get(row) == Some(&MISSING_BOOL),
        }
    }

    /// The value of a row as text, `None` when missing. Numbers are written in
    /// their shortest round-trip form (`1` for `1.0`); booleans as
    /// `true`/`false`; categories exactly as read.
    pub fn text(&self, row: usize) -> Option<Cow<'_, str>> {
        if row >= self.len() || self.is_missing(row) {
            return None;
        }
        match &self.data {
            ColumnData::Numeric { values, .. } => Some(Cow::Owned(format_number(values[row]))),
            ColumnData::Categorical { codes, dictionary } => dictionary
                .get(codes[row] as usize)
                .map(|s| Cow::Borrowed(s.as_str())),
            ColumnData::Boolean { values } => Some(Cow::Borrowed(if values[row] == 1 {
                "true"
            } else {
                "false"
            })),
        }
    }

    /// The numeric value of a row, `None` when missing or not numeric.
    pub fn number(&self, row: usize) -> Option<f64> {
        match &self.data {
            ColumnData::Numeric { values, missing } if row < values.len() && !missing.get(row) => {
                Some(values[row])
            }
            _ => None,
        }
    }

    /// Number of missing values.
    pub fn missing_count(&self) -> usize {
        match &self.data {
            ColumnData::Numeric { missing, .. } => missing.count_ones(),
            ColumnData::Categorical { codes, .. } => {
                codes.iter().filter(|&&c| c == MISSING_CODE).count()
            }
            ColumnData::Boolean { values } => values.iter().filter(|&&v| v == MISSING_BOOL).count(),
        }
    }

    /// Class codes per row, with labels sorted as the spec says (numerically
    /// when all labels are numbers, else lexicographically). A missing value is
    /// the class `""`.
    pub fn class_index(&self) -> ClassIndex {
        ClassIndex::of_column(self)
    }
}

/// Shortest text that reads back as the same `f64` (`1` for `1.0`).
pub fn format_number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Facts about where a table came from, needed to read it again or explain it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceInfo {
    /// The delimiter used (detected or given).
    pub delimiter: u8,
    /// `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`.
    pub encoding: String,
    /// Size of the input in bytes.
    pub bytes: u64,
}

/// A typed, columnar table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The dataset's name (the file name, or a sample's id).
    pub name: String,
    pub columns: Vec<Column>,
    pub n_rows: usize,
    pub source: SourceInfo,
    /// Non-fatal problems found while reading (e.g. a Windows-1252 decode).
    pub warnings: Vec<String>,
}

impl Table {
    pub fn column(&self, name: &str) -> Result<&Column> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| EngineError::UnknownColumn {
                file: self.name.clone(),
                column: name.to_string(),
            })
    }

    pub fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// Approximate heap bytes held by the columns (for the memory budget).
    pub fn heap_bytes(&self) -> usize {
        self.columns
            .iter()
            .map(|c| match &c.data {
                ColumnData::Numeric { values, missing } => {
                    values.capacity() * 8 + missing.heap_bytes()
                }
                ColumnData::Categorical { codes, dictionary } => {
                    codes.capacity() * 4
                        + dictionary.iter().map(|s| s.capacity() + 24).sum::<usize>()
                }
                ColumnData::Boolean { values } => values.capacity(),
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_number_is_shortest() {
        assert_eq!(format_number(1.0), "1");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(0.1), "0.1");
        assert_eq!(format_number(2.5e20), "250000000000000000000");
    }
}

mod csv_reader;
mod profile;
pub use csv_reader::{read_csv, CsvLoader, CsvOptions, LoadProgress};
pub use profile::{
    profile, profile_with_progress, ColumnProfile, Histogram, ProfileReport, TopValue,
};

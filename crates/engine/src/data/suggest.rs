//! Sensible defaults the labs start from, chosen from the data: the likely
//! target column, and groups of label columns that could be annotators.

use crate::data::samples;
use crate::table::{format_number, ColumnData, Table, MISSING_CODE};
use std::collections::BTreeSet;

/// Most distinct values a column may have to count as a label column.
const MAX_LABEL_VALUES: usize = 20;

/// The target a lab starts with: a built-in dataset's own target; else a
/// column named like a label (`target`, `label`, `class`, `y`, ...); else the
/// last column with few distinct values; else the last column.
pub fn target(table: &Table) -> Option<String> {
    if let Some(sample) = samples::get(&table.name) {
        return Some(sample.target.to_string());
    }
    const NAMES: [&str; 9] = [
        "target",
        "label",
        "class",
        "y",
        "outcome",
        "defect",
        "diagnosis",
        "species",
        "churn",
    ];
    for name in NAMES {
        if let Some(c) = table
            .columns
            .iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(name))
        {
            return Some(c.name.clone());
        }
    }
    table
        .columns
        .iter()
        .rev()
        .find(|c| value_set(table, &c.name).is_some())
        .or(table.columns.last())
        .map(|c| c.name.clone())
}

/// The distinct texts of a column when it has at most [`MAX_LABEL_VALUES`]
/// (and, if numeric, only whole numbers); `None` otherwise.
///
/// Distinct values are collected as numbers, codes or booleans and written
/// as text only at the end: a label-like column of a million rows is one
/// pass, with no text made per row.
#[inline(never)] // one call per column: see `table::profile::profile_column`
fn value_set(table: &Table, name: &str) -> Option<BTreeSet<String>> {
    let column = table.column(name).ok()?;
    let set: BTreeSet<String> = match &column.data {
        ColumnData::Numeric { values, missing } => {
            let mut seen: Vec<u64> = Vec::new();
            for (i, &x) in values.iter().enumerate() {
                if missing.get(i) {
                    continue;
                }
                if x.fract() != 0.0 {
                    return None;
                }
                // -0 and 0 are one text, "0".
                let bits = (x + 0.0).to_bits();
                if !seen.contains(&bits) {
                    seen.push(bits);
                    if seen.len() > MAX_LABEL_VALUES {
                        return None;
                    }
                }
            }
            seen.into_iter()
                .map(|b| format_number(f64::from_bits(b)))
                .collect()
        }
        ColumnData::Categorical { codes, dictionary } => {
            let mut seen: Vec<u32> = Vec::new();
            for &c in codes {
                if c != MISSING_CODE && !seen.contains(&c) {
                    seen.push(c);
                    if seen.len() > MAX_LABEL_VALUES {
                        return None;
                    }
                }
            }
            seen.into_iter()
                .filter_map(|c| dictionary.get(c as usize).cloned())
                .collect()
        }
        ColumnData::Boolean { values } => [false, true]
            .into_iter()
            .filter(|&b| values.contains(&u8::from(b)))
            .map(|b| b.to_string())
            .collect(),
    };
    (!set.is_empty()).then_some(set)
}

/// Columns that could hold labels: at most 20 distinct values (whole numbers
/// when numeric). The Data lab offers them as raters for the agreement check.
pub fn label_columns(table: &Table) -> Vec<String> {
    table
        .columns
        .iter()
        .filter(|c| value_set(table, &c.name).is_some())
        .map(|c| c.name.clone())
        .collect()
}

/// The label columns that look like `target`'s annotators: columns whose few
/// distinct values overlap the target's values at least half-way (the target
/// first). Empty when there is no such column.
pub fn raters(table: &Table, target: &str) -> Vec<String> {
    let Some(base) = value_set(table, target) else {
        return Vec::new();
    };
    let mut out = vec![target.to_string()];
    for c in &table.columns {
        if c.name == target {
            continue;
        }
        if let Some(set) = value_set(table, &c.name) {
            let shared = set.intersection(&base).count();
            if shared * 2 >= set.len().max(base.len()) && shared >= 2.min(base.len()) {
                out.push(c.name.clone());
            }
        }
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

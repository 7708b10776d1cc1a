//! Sensible defaults the labs start from, chosen from the data: the likely
//! target column, and groups of label columns that could be annotators.

use crate::samples;
use crate::table::{ColumnKind, Table};
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

/// The distinct texts of a column when it has at most [`MAX_LABEL_VALUES`].
fn value_set(table: &Table, name: &str) -> Option<BTreeSet<String>> {
    let column = table.column(name).ok()?;
    if column.kind() == ColumnKind::Numeric {
        // A numeric label column holds whole numbers only.
        if (0..column.len()).any(|r| column.number(r).is_some_and(|x| x.fract() != 0.0)) {
            return None;
        }
    }
    let mut set = BTreeSet::new();
    for row in 0..column.len() {
        if let Some(t) = column.text(row) {
            if !set.contains(t.as_ref()) {
                set.insert(t.into_owned());
                if set.len() > MAX_LABEL_VALUES {
                    return None;
                }
            }
        }
    }
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

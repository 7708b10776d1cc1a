//! From table columns to what metrics read: class codes of the truth and
//! the predictions over one sorted label list, or numbers for regression,
//! with the rows that cannot be scored left out and counted.

use crate::basics::error::{EngineError, Result};
use crate::table::{positive_index, sort_labels, Column, ColumnKind, Table};

/// Truths and predictions as codes into `labels`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcomes {
    pub labels: Vec<String>,
    pub truth: Vec<u32>,
    pub predicted: Vec<u32>,
}

impl Outcomes {
    /// The confusion matrix: rows true, columns predicted.
    pub fn confusion(&self) -> Vec<Vec<u64>> {
        let k = self.labels.len();
        let mut cm = vec![vec![0u64; k]; k];
        for (&t, &p) in self.truth.iter().zip(&self.predicted) {
            if let Some(c) = cm.get_mut(t as usize).and_then(|r| r.get_mut(p as usize)) {
                *c += 1;
            }
        }
        cm
    }
}

/// Rows (indices) where every one of `columns` has a value; the others are
/// counted in a warning naming the column that lacked one.
pub fn usable_rows(columns: &[&Column], n_rows: usize, warnings: &mut Vec<String>) -> Vec<usize> {
    let rows: Vec<usize> = (0..n_rows)
        .filter(|&r| columns.iter().all(|c| !c.is_missing(r)))
        .collect();
    for c in columns {
        let m = c.missing_count();
        if m > 0 {
            warnings.push(format!(
                "{m} row(s) with no value in \"{}\" are left out",
                c.name
            ));
        }
    }
    rows
}

/// Each row's label text, over `rows`.
fn texts<'a>(column: &'a Column, rows: &[usize]) -> Vec<std::borrow::Cow<'a, str>> {
    rows.iter()
        .map(|&r| column.text(r).unwrap_or_default())
        .collect()
}

/// The distinct labels of `values`, sorted as the spec says.
pub fn sorted_distinct(values: &[&str]) -> Vec<String> {
    // Few distinct labels among many rows: a set first, then sort those.
    let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
    let distinct: Vec<&str> = values.iter().copied().filter(|v| seen.insert(v)).collect();
    sort_labels(&distinct)
        .into_iter()
        .map(|i| distinct[i].to_string())
        .collect()
}

/// Codes of `values` into sorted `labels` (labels must hold every value).
pub fn codes_of(values: &[&str], labels: &[String]) -> Vec<u32> {
    let lookup: rustc_hash::FxHashMap<&str, u32> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u32))
        .collect();
    values
        .iter()
        .map(|v| lookup.get(v).copied().unwrap_or(0))
        .collect()
}

/// The positive label: the one asked for (which must be a label of the
/// target), else the spec's rule.
pub fn choose_positive(
    labels: &[String],
    asked: Option<&str>,
    target: &str,
    file: &str,
) -> Result<usize> {
    match asked {
        Some(p) => labels.iter().position(|l| l == p).ok_or_else(|| {
            EngineError::unusable(
                file,
                format!("the positive label \"{p}\" is not a value of \"{target}\""),
            )
        }),
        None => positive_index(labels)
            .ok_or_else(|| EngineError::unusable(file, format!("\"{target}\" has no values"))),
    }
}

/// The truth's labels over `rows`, and their codes.
pub fn truth_labels(target: &Column, rows: &[usize]) -> (Vec<String>, Vec<u32>) {
    let t = texts(target, rows);
    let t: Vec<&str> = t.iter().map(|s| s.as_ref()).collect();
    let labels = sorted_distinct(&t);
    let codes = codes_of(&t, &labels);
    (labels, codes)
}

/// A numeric column's values over `rows`, or a named error.
pub fn numbers(table: &Table, column: &Column, rows: &[usize], what: &str) -> Result<Vec<f64>> {
    if column.kind() != ColumnKind::Numeric {
        return Err(EngineError::unusable(
            &table.name,
            format!("{what} column \"{}\" is not numeric", column.name),
        ));
    }
    Ok(rows
        .iter()
        .map(|&r| column.number(r).unwrap_or(f64::NAN))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_sort_numerically_and_codes_follow() {
        let labels = sorted_distinct(&["10", "9", "1", "9"]);
        assert_eq!(labels, vec!["1", "9", "10"]);
        assert_eq!(codes_of(&["10", "1"], &labels), vec![2, 0]);
    }
}

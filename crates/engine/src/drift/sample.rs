//! One column's reference and current values, ready for every test: the
//! sorted numbers (numeric columns) and the count of each distinct value
//! over the union of both samples (every column).
//!
//! Missing values are dropped first, as Evidently does (`dropna` on each
//! series), so every size here counts the values left. A column numeric in
//! one file and text in the other is compared as categories (by its text).

use crate::basics::sort::{distinct_strings, sort_f64};
use crate::table::{Column, ColumnData, ColumnKind};
use std::collections::HashMap;

/// The two samples of one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub kind: ColumnKind,
    /// Both samples' numbers, sorted ascending (numeric columns only).
    pub numbers: Option<(Vec<f64>, Vec<f64>)>,
    /// The distinct values of both samples, in order (numbers ascending,
    /// text sorted), with each sample's count.
    pub labels: Vec<String>,
    pub reference_counts: Vec<u64>,
    pub current_counts: Vec<u64>,
    /// Distinct values in the reference alone.
    pub reference_distinct: usize,
}

impl Pair {
    pub fn reference_len(&self) -> u64 {
        self.reference_counts.iter().sum()
    }

    pub fn current_len(&self) -> u64 {
        self.current_counts.iter().sum()
    }

    /// Distinct values in both samples together.
    pub fn distinct(&self) -> usize {
        self.labels.len()
    }

    fn numeric(reference: Vec<f64>, current: Vec<f64>) -> Self {
        let (mut labels, mut rc, mut cc) = (Vec::new(), Vec::new(), Vec::new());
        let (mut i, mut j) = (0, 0);
        let mut reference_distinct = 0;
        while i < reference.len() || j < current.len() {
            let x = match (reference.get(i), current.get(j)) {
                (Some(&a), Some(&b)) => a.min(b),
                (Some(&a), None) => a,
                (None, Some(&b)) => b,
                (None, None) => break,
            };
            let (si, sj) = (i, j);
            while i < reference.len() && reference[i] == x {
                i += 1;
            }
            while j < current.len() && current[j] == x {
                j += 1;
            }
            if i > si {
                reference_distinct += 1;
            }
            labels.push(crate::table::format_number(x));
            rc.push((i - si) as u64);
            cc.push((j - sj) as u64);
        }
        Pair {
            kind: ColumnKind::Numeric,
            numbers: Some((reference, current)),
            labels,
            reference_counts: rc,
            current_counts: cc,
            reference_distinct,
        }
    }

    fn categorical(kind: ColumnKind, reference: &[String], current: &[String]) -> Self {
        let all: Vec<&str> = reference
            .iter()
            .chain(current.iter())
            .map(String::as_str)
            .collect();
        let labels: Vec<&str> = distinct_strings(&all);
        let index: HashMap<&str, usize> = labels.iter().enumerate().map(|(i, &l)| (l, i)).collect();
        let count = |values: &[String]| {
            let mut counts = vec![0u64; labels.len()];
            for v in values {
                if let Some(&i) = index.get(v.as_str()) {
                    counts[i] += 1;
                }
            }
            counts
        };
        let reference_counts = count(reference);
        let reference_distinct = reference_counts.iter().filter(|&&c| c > 0).count();
        Pair {
            kind,
            numbers: None,
            current_counts: count(current),
            reference_counts,
            labels: labels.into_iter().map(str::to_string).collect(),
            reference_distinct,
        }
    }
}

/// The numbers of a numeric column without its missing values, sorted.
fn numbers(column: &Column) -> Option<Vec<f64>> {
    match &column.data {
        ColumnData::Numeric { values, missing } => {
            let mut v: Vec<f64> = values
                .iter()
                .enumerate()
                .filter(|&(i, x)| !missing.get(i) && !x.is_nan())
                .map(|(_, &x)| x)
                .collect();
            sort_f64(&mut v);
            Some(v)
        }
        _ => None,
    }
}

/// The present values of a column as text.
fn texts(column: &Column) -> Vec<String> {
    (0..column.len())
        .filter_map(|row| column.text(row).map(|t| t.into_owned()))
        .collect()
}

/// The pair for one column of both files, and whether the kinds disagreed
/// (then it is compared as categories).
pub fn pair(reference: &Column, current: &Column) -> (Pair, bool) {
    match (numbers(reference), numbers(current)) {
        (Some(r), Some(c)) => (Pair::numeric(r, c), false),
        (r, c) => {
            let mixed = r.is_some() || c.is_some() || reference.kind() != current.kind();
            let kind = if mixed {
                ColumnKind::Categorical
            } else {
                reference.kind()
            };
            (
                Pair::categorical(kind, &texts(reference), &texts(current)),
                mixed,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Bitmap;

    fn num(values: &[f64]) -> Column {
        let mut missing = Bitmap::new();
        for v in values {
            missing.push(v.is_nan());
        }
        Column {
            name: "x".into(),
            data: ColumnData::Numeric {
                values: values.to_vec(),
                missing,
            },
        }
    }

    #[test]
    fn numeric_pairs_count_the_union_without_missing_values() {
        let (p, mixed) = pair(&num(&[2.0, 1.0, f64::NAN, 2.0]), &num(&[3.0, 2.0]));
        assert!(!mixed);
        assert_eq!(p.labels, ["1", "2", "3"]);
        assert_eq!(p.reference_counts, [1, 2, 0]);
        assert_eq!(p.current_counts, [0, 1, 1]);
        assert_eq!((p.reference_len(), p.current_len()), (3, 2));
        assert_eq!(p.reference_distinct, 2);
    }
}

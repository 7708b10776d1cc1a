//! Error analysis by slice: for each value of a categorical column, the
//! rows, their share of the data and of the errors, the accuracy and its gap
//! to the overall one, ordered by where the errors are; and the course's
//! prioritisation, `(slice error − human-level error) × share of data`: how
//! much there is to gain by working on the slice.
//!
//! A numeric column with more than [`BIN_ABOVE`] distinct values is cut
//! into [`BINS`] quantile bins (named by their ranges) rather than one
//! slice per value: 25 slices of 1–4 rows each teach nothing and make the
//! priority noise.

use crate::basics::error::{EngineError, Result};
use crate::table::{ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// Most distinct values a categorical slice column may have.
pub const MAX_SLICES: usize = 50;

/// A numeric column with more distinct values than this is binned.
pub const BIN_ABOVE: usize = 10;

/// The quantile bins of a binned numeric column.
pub const BINS: usize = 5;

/// The inner edges of `BINS` quantile bins of `values` (sorted, distinct).
fn quantile_edges(values: &[f64]) -> Vec<f64> {
    let mut sorted = values.to_vec();
    crate::basics::sort::sort_f64(&mut sorted);
    let mut edges: Vec<f64> = (1..BINS)
        .filter_map(|i| crate::basics::stats::quantile_sorted(&sorted, i as f64 / BINS as f64))
        .collect();
    edges.dedup();
    edges
}

/// The bins' names: `[a, b)`, the last `[a, b]`, rounded for reading.
fn bin_names(edges: &[f64], lo: f64, hi: f64) -> Vec<String> {
    let range = hi - lo;
    let decimals = if range < 0.1 {
        3
    } else if range < 100.0 {
        2
    } else {
        1
    };
    let f = |x: f64| crate::basics::decimal::fixed(x, decimals);
    let mut bounds = vec![lo];
    bounds.extend_from_slice(edges);
    bounds.push(hi);
    let last = bounds.len() - 2;
    (0..=last)
        .map(|i| {
            let close = if i == last { "]" } else { ")" };
            format!("[{}, {}{close}", f(bounds[i]), f(bounds[i + 1]))
        })
        .collect()
}

/// One slice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    /// The column's value (`(missing)` for no value).
    pub value: String,
    pub rows: u64,
    pub errors: u64,
    pub share_of_data: f64,
    /// Share of all errors that fall in this slice (0 when there are none).
    pub share_of_errors: f64,
    pub accuracy: f64,
    /// Overall accuracy minus this slice's (positive: worse here).
    pub gap: f64,
    /// The annotator's error in this slice, when one is given.
    pub human_error: Option<f64>,
    /// `max(0, error − human error) × share of data`.
    pub priority: f64,
}

/// The slices of `rows` by `column`: `correct[i]` tells whether row
/// `rows[i]` was predicted right, `human_correct[i]` whether the annotator
/// was; `hlp` is the human-level error used where no annotator is given.
pub fn slices(
    table: &Table,
    column: &str,
    rows: &[usize],
    correct: &[bool],
    human_correct: Option<&[bool]>,
    hlp: Option<f64>,
) -> Result<Vec<Slice>> {
    let col = table.column(column)?;
    let numbers: Vec<f64> = rows.iter().filter_map(|&r| col.number(r)).collect();
    let binned = col.kind() == ColumnKind::Numeric && {
        let mut distinct = numbers.clone();
        crate::basics::sort::sort_f64(&mut distinct);
        distinct.dedup();
        distinct.len() > BIN_ABOVE
    };
    let bins = binned.then(|| {
        let (lo, hi) = numbers
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        let edges = quantile_edges(&numbers);
        let names = bin_names(&edges, lo, hi);
        (edges, names)
    });
    let mut values: Vec<String> = Vec::new();
    let mut of_row = Vec::with_capacity(rows.len());
    for &r in rows {
        let v = match (&bins, col.number(r)) {
            (Some((edges, names)), Some(x)) => {
                names[edges.partition_point(|&e| e <= x).min(names.len() - 1)].clone()
            }
            _ => col
                .text(r)
                .map_or_else(|| "(missing)".to_string(), |t| t.into_owned()),
        };
        let i = match values.iter().position(|x| *x == v) {
            Some(i) => i,
            None => {
                values.push(v);
                values.len() - 1
            }
        };
        of_row.push(i);
    }
    if values.len() > MAX_SLICES && col.kind() == ColumnKind::Numeric {
        return Err(EngineError::bad_request(format!(
            "\"{column}\" has {} values: slice by a categorical column (at most {MAX_SLICES} values)",
            values.len()
        )));
    }
    let (n, k) = (rows.len(), values.len());
    let (mut count, mut wrong, mut human_wrong) = (vec![0u64; k], vec![0u64; k], vec![0u64; k]);
    for (i, &s) in of_row.iter().enumerate() {
        count[s] += 1;
        wrong[s] += u64::from(!correct.get(i).copied().unwrap_or(false));
        if let Some(h) = human_correct {
            human_wrong[s] += u64::from(!h.get(i).copied().unwrap_or(false));
        }
    }
    let total_wrong: u64 = wrong.iter().sum();
    let overall = if n > 0 {
        1.0 - total_wrong as f64 / n as f64
    } else {
        0.0
    };
    let mut out: Vec<Slice> = (0..k)
        .map(|s| {
            let rows = count[s] as f64;
            let accuracy = 1.0 - wrong[s] as f64 / rows;
            let human_error = human_correct.map(|_| human_wrong[s] as f64 / rows).or(hlp);
            let share_of_data = rows / n as f64;
            Slice {
                value: values[s].clone(),
                rows: count[s],
                errors: wrong[s],
                share_of_data,
                share_of_errors: if total_wrong > 0 {
                    wrong[s] as f64 / total_wrong as f64
                } else {
                    0.0
                },
                accuracy,
                gap: overall - accuracy,
                human_error,
                priority: ((1.0 - accuracy) - human_error.unwrap_or(0.0)).max(0.0) * share_of_data,
            }
        })
        .collect();
    crate::basics::sort::sort_items(&mut out, &|a: &Slice, b: &Slice| {
        b.errors
            .cmp(&a.errors)
            .then(b.gap.total_cmp(&a.gap))
            .then(a.value.cmp(&b.value))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{read_csv, CsvOptions};

    #[test]
    fn a_numeric_column_with_many_values_is_cut_into_quantile_bins() {
        let csv: String = std::iter::once("x\n".to_string())
            .chain((0..100).map(|i| format!("{}\n", i as f64 / 10.0)))
            .collect();
        let t = read_csv(csv.as_bytes(), &CsvOptions::default()).unwrap_or_default();
        let rows: Vec<usize> = (0..100).collect();
        let correct: Vec<bool> = (0..100).map(|i| i % 3 != 0).collect();
        let s = slices(&t, "x", &rows, &correct, None, None).unwrap_or_default();
        assert_eq!(s.len(), BINS);
        assert!(s.iter().all(|x| x.rows == 20), "{s:?}");
        let mut names: Vec<&str> = s.iter().map(|x| x.value.as_str()).collect();
        names.sort();
        assert_eq!(names[0], "[0.00, 1.98)");
        assert!(names.contains(&"[7.92, 9.90]"), "{names:?}");
        // Few values: one slice each.
        let t = read_csv(b"x\n1\n2\n1\n3\n", &CsvOptions::default()).unwrap_or_default();
        let s = slices(&t, "x", &[0, 1, 2, 3], &[true; 4], None, None).unwrap_or_default();
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn errors_by_slice_with_priority() {
        let t = read_csv(b"g\na\na\nb\nb\nb\nb\n", &CsvOptions::default()).unwrap_or_default();
        let rows: Vec<usize> = (0..6).collect();
        let correct = [false, true, true, true, true, false];
        let s = slices(&t, "g", &rows, &correct, None, Some(0.1)).unwrap_or_default();
        assert_eq!(s.len(), 2);
        let a = s.iter().find(|x| x.value == "a").cloned();
        let a = a.map(|a| (a.rows, a.errors, a.accuracy, a.share_of_errors));
        assert_eq!(a, Some((2, 1, 0.5, 0.5)));
        // a: (0.5 − 0.1) × 1/3; b: (0.25 − 0.1) × 2/3.
        assert!(
            (s.iter().map(|x| x.priority).sum::<f64>() - (0.4 / 3.0 + 0.15 * 2.0 / 3.0)).abs()
                < 1e-12
        );
    }
}

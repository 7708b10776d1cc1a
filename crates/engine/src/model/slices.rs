//! Error analysis by slice: for each value of a categorical column, the
//! rows, their share of the data and of the errors, the accuracy and its gap
//! to the overall one, ordered by where the errors are; and the course's
//! prioritisation, `(slice error − human-level error) × share of data`: how
//! much there is to gain by working on the slice.

use crate::basics::error::{EngineError, Result};
use crate::table::{ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// Most distinct values a slice column may have.
pub const MAX_SLICES: usize = 50;

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
    let mut values: Vec<String> = Vec::new();
    let mut of_row = Vec::with_capacity(rows.len());
    for &r in rows {
        let v = col
            .text(r)
            .map_or_else(|| "(missing)".to_string(), |t| t.into_owned());
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

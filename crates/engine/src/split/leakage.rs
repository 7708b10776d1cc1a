//! The leakage demo: what changes when a scaler is fitted on all rows
//! instead of train only; and the same class balance at another dataset
//! size, for the lottery replayed at 100 → 100,000 rows.

use crate::basics::error::{EngineError, Result};
use crate::split::normalize::{ScaleMethod, Scaler};
use crate::table::Table;
use serde::{Deserialize, Serialize};

/// Class counts for a dataset of `rows` rows with the same class balance as
/// `counts`: `rows · c_k / n`, rounded by largest remainder (ties to the
/// earlier class) so they sum to `rows`. Integer arithmetic only.
pub fn scale_counts(counts: &[u64], rows: u64) -> Vec<u64> {
    crate::split::sizes::largest_remainder(rows, counts)
}

/// Mean and population std of some values (`None` when there are none).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    pub mean: Option<f64>,
    pub std: Option<f64>,
}

fn moments(values: impl Iterator<Item = f64>) -> Moments {
    let v: Vec<f64> = values.collect();
    Moments {
        mean: crate::basics::stats::mean(&v),
        std: crate::basics::stats::population_std(&v),
    }
}

/// One fit of the leakage comparison and the scaled values' moments per split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeakageFit {
    /// `train` or `all rows`.
    pub fitted_on: String,
    pub scaler: Scaler,
    /// Scaled moments per split, in split order.
    pub splits: Vec<Moments>,
}

/// Train-only scaling vs scaling fitted on every row, for one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeakageReport {
    pub column: String,
    pub split_names: Vec<String>,
    pub train_only: LeakageFit,
    pub all_rows: LeakageFit,
}

/// Fits a z-score scaler on train rows and on all rows, and reports what the
/// scaled dev/test values look like under each. With the train-only fit the
/// dev/test means are honestly off zero; with the all-rows fit they are
/// pulled toward it because the scaler has seen them (leakage).
pub fn leakage(
    table: &Table,
    column: &str,
    assignment: &[u8],
    split_names: &[&str],
) -> Result<LeakageReport> {
    if assignment.len() != table.n_rows {
        return Err(EngineError::unusable(
            &table.name,
            "the split does not cover the table's rows",
        ));
    }
    let train: Vec<usize> = (0..table.n_rows).filter(|&r| assignment[r] == 0).collect();
    let all: Vec<usize> = (0..table.n_rows).collect();
    let fit = |rows: &[usize], fitted_on: &str| -> Result<LeakageFit> {
        let scaler = Scaler::fit(table, column, rows, ScaleMethod::ZScore)?;
        let scaled = scaler.transform(table)?;
        let splits = (0..split_names.len())
            .map(|s| {
                moments(
                    (0..table.n_rows)
                        .filter(|&r| usize::from(assignment[r]) == s)
                        .filter_map(|r| scaled.get(r).copied().flatten()),
                )
            })
            .collect();
        Ok(LeakageFit {
            fitted_on: fitted_on.to_string(),
            scaler,
            splits,
        })
    };
    Ok(LeakageReport {
        column: column.to_string(),
        split_names: split_names.iter().map(|s| s.to_string()).collect(),
        train_only: fit(&train, "train")?,
        all_rows: fit(&all, "all rows")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_counts_keeps_balance_and_sum() {
        assert_eq!(scale_counts(&[70, 30], 1000), vec![700, 300]);
        assert_eq!(scale_counts(&[70, 30], 100_000), vec![70_000, 30_000]);
        assert_eq!(scale_counts(&[1, 1, 1], 100), vec![34, 33, 33]);
        assert_eq!(scale_counts(&[0, 0], 10), vec![0, 0]);
        assert_eq!(scale_counts(&[], 10), Vec::<u64>::new());
    }
}

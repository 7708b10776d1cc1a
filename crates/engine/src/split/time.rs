//! The `time` strategy: train on the past, test on the future.
//!
//! Why: a model is used on data that arrives after it was trained; a random
//! split lets it peek at the future (temporal leakage) and flatters it.
//! Rows are ordered by the `--by` column, earliest first, and cut at the
//! split sizes; the seed plays no part.

use super::assign::labels_from_counts;
use super::sizes::split_sizes;
use crate::table::{Column, ColumnData, MISSING_BOOL, MISSING_CODE};

/// A time split's assignment and its warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSplit {
    pub assignment: Vec<u8>,
    /// Rows in time order (earliest first, missing times last).
    pub order: Vec<usize>,
    pub missing: usize,
    pub warnings: Vec<String>,
}

/// Orders rows by time: numeric columns by value, categorical and boolean
/// columns by their text (byte order, so ISO 8601 dates and times sort
/// chronologically); rows with a missing time come last; equal times keep
/// their row order (a stable sort).
pub fn time_order(column: &Column) -> (Vec<usize>, usize) {
    let n = column.len();
    let missing = column.missing_count();
    // One u64 sort key per row (missing = u64::MAX, last), then a stable
    // radix sort: ties keep row order.
    let keys: Vec<u64> = match &column.data {
        ColumnData::Numeric { .. } => (0..n)
            .map(|row| column.number(row).map_or(u64::MAX, ordered_bits))
            .collect(),
        ColumnData::Categorical { codes, dictionary } => {
            // Rank the dictionary once (its entries are distinct).
            let by_text = crate::basics::sort::sorted_indices(dictionary.len(), &|a, b| {
                dictionary[a].cmp(&dictionary[b])
            });
            let mut rank = vec![0u32; dictionary.len()];
            for (r, &d) in by_text.iter().enumerate() {
                rank[d] = r as u32;
            }
            codes
                .iter()
                .map(|&c| match rank.get(c as usize) {
                    Some(&r) if c != MISSING_CODE => u64::from(r),
                    _ => u64::MAX,
                })
                .collect()
        }
        ColumnData::Boolean { values } => values
            .iter()
            .map(|&v| {
                if v == MISSING_BOOL {
                    u64::MAX
                } else {
                    u64::from(v)
                }
            })
            .collect(),
    };
    (crate::basics::sort::order_by_key(&keys), missing)
}

/// A `u64` that sorts like the number (`-0.0` as `0.0`; below `u64::MAX`
/// for every finite value).
fn ordered_bits(x: f64) -> u64 {
    crate::basics::sort::f64_order_key(if x == 0.0 { 0.0 } else { x })
}

/// Cuts the time order at the split sizes of [`split_sizes`]: the first
/// `s_0` rows are train, the next `s_1` dev, the rest test. Warns about
/// missing times (placed last, so in the last split) and about equal times
/// on both sides of a cut.
pub fn time_assignment(column: &Column, ratios: &[u32]) -> TimeSplit {
    let (order, missing) = time_order(column);
    let sizes = split_sizes(order.len() as u64, ratios);
    let labels = labels_from_counts(&sizes);
    let mut assignment = vec![0u8; order.len()];
    for (&row, &label) in order.iter().zip(&labels) {
        assignment[row] = label;
    }
    let mut warnings = Vec::new();
    if missing > 0 {
        warnings.push(format!(
            "{} no value in \"{}\"; they are placed after every timed row",
            super::rows_have(missing as u64),
            column.name
        ));
    }
    let names = super::split_names(ratios.len());
    let mut cut = 0usize;
    for j in 0..sizes.len().saturating_sub(1) {
        cut += usize::try_from(sizes[j]).unwrap_or(0);
        if cut == 0 || cut >= order.len() {
            continue;
        }
        let (before, after) = (order[cut - 1], order[cut]);
        if let (Some(x), Some(y)) = (column.text(before), column.text(after)) {
            if x == y {
                let next = (j + 1..sizes.len())
                    .find(|&k| sizes[k] > 0)
                    .unwrap_or(j + 1);
                warnings.push(format!(
                    "rows with the same time \"{x}\" fall on both sides of the {}/{} cut (in row order)",
                    names.get(j).copied().unwrap_or("?"),
                    names.get(next).copied().unwrap_or("?"),
                ));
            }
        }
    }
    TimeSplit {
        assignment,
        order,
        missing,
        warnings,
    }
}

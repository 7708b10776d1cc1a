//! Row-to-split assignment for the `random` and `stratified` strategies.
//!
//! Why integer-only draws: the same seed must give the same rows in the CLI
//! (x86_64, aarch64) and in the browser (wasm32). Every draw here is a
//! Fisher–Yates swap index from [`crate::basics::rng::below`] on a ChaCha8 stream, so
//! no floating-point operation touches an assignment.

use super::allocate::stratified_allocation;
use super::sizes::split_sizes;
use crate::basics::error::{EngineError, Result};
use crate::basics::rng::{seeded, shuffle};

/// A vector holding `counts[j]` copies of `j`, in split order.
pub(crate) fn labels_from_counts(counts: &[u64]) -> Vec<u8> {
    let total: u64 = counts.iter().sum();
    let mut labels = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    for (j, &c) in counts.iter().enumerate() {
        let j = u8::try_from(j).unwrap_or(u8::MAX);
        labels.extend(std::iter::repeat_n(j, usize::try_from(c).unwrap_or(0)));
    }
    labels
}

/// `random`: the split sizes of [`split_sizes`], then the list
/// `[0; s_0] ++ [1; s_1] ++ [2; s_2]` shuffled by Fisher–Yates with
/// `seeded(seed)`; row `i` goes to split `list[i]`. Every set of rows with
/// those sizes is equally likely.
pub fn random_assignment(n_rows: usize, ratios: &[u32], seed: u64) -> Vec<u8> {
    let sizes = split_sizes(n_rows as u64, ratios);
    let mut labels = labels_from_counts(&sizes);
    shuffle(&mut seeded(seed), &mut labels);
    labels
}

/// Mixed into the seed for the class order of the stratified allocation.
const CLASS_ORDER_STREAM: u64 = 0x9E37_79B9_7F4A_7C15;

/// `stratified`: the class-by-split table of [`stratified_allocation`], then,
/// class by class in label order with one `seeded(seed)` stream, the list
/// `[0; x_k0] ++ [1; x_k1] ++ [2; x_k2]` shuffled by Fisher–Yates and dealt
/// to the class's rows in their original order (the class's `i`-th row gets
/// the list's `i`-th entry).
///
/// `classes[i]` is row `i`'s class code, below `n_classes` (a code out of
/// range is a bad request).
pub fn stratified_assignment(
    classes: &[u32],
    n_classes: usize,
    ratios: &[u32],
    seed: u64,
) -> Result<Vec<u8>> {
    let counts = class_totals(classes, n_classes)?;
    // Where the rounding has a choice (which classes get a split's leftover
    // rows), it must not follow the classes' order, or a target of many
    // one-row classes would be split in label order whatever the seed. So
    // the allocation sees the classes in a seeded order, drawn from its own
    // stream so the row shuffle below keeps its draws.
    let mut class_order: Vec<usize> = (0..n_classes).collect();
    shuffle(&mut seeded(seed ^ CLASS_ORDER_STREAM), &mut class_order);
    let permuted: Vec<u64> = class_order.iter().map(|&k| counts[k]).collect();
    let permuted_table = stratified_allocation(&permuted, ratios)?;
    let mut table = vec![Vec::new(); n_classes];
    for (row, &k) in permuted_table.into_iter().zip(&class_order) {
        table[k] = row;
    }
    // Each class's labels, shuffled, laid end to end; then one pass over the
    // rows hands each row the next label of its class.
    let mut rng = seeded(seed);
    let mut labels = Vec::with_capacity(classes.len());
    let mut cursor = Vec::with_capacity(n_classes);
    for cells in &table {
        cursor.push(labels.len());
        let start = labels.len();
        labels.extend(labels_from_counts(cells));
        shuffle(&mut rng, &mut labels[start..]);
    }
    let mut assignment = Vec::with_capacity(classes.len());
    for &c in classes {
        let slot = &mut cursor[c as usize];
        assignment.push(labels.get(*slot).copied().unwrap_or(0));
        *slot += 1;
    }
    Ok(assignment)
}

/// Rows per class; a code at or above `n_classes` is a bad request.
pub(crate) fn class_totals(classes: &[u32], n_classes: usize) -> Result<Vec<u64>> {
    let mut counts = vec![0u64; n_classes];
    for (i, &c) in classes.iter().enumerate() {
        match counts.get_mut(c as usize) {
            Some(n) => *n += 1,
            None => {
                return Err(EngineError::bad_request(format!(
                    "row {i} has class code {c}, but there are only {n_classes} classes"
                )))
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_counts() {
        let classes: Vec<u32> = (0..100).map(|i| u32::from(i % 10 < 3)).collect();
        let a = stratified_assignment(&classes, 2, &[60, 20, 20], 7).unwrap_or_default();
        let mut table = [[0u32; 3]; 2];
        for (&c, &s) in classes.iter().zip(&a) {
            table[c as usize][s as usize] += 1;
        }
        assert_eq!(table, [[42, 14, 14], [18, 6, 6]]);
    }

    #[test]
    fn random_sizes() {
        let a = random_assignment(101, &[60, 20, 20], 1);
        let counts: Vec<usize> = (0..3u8)
            .map(|j| a.iter().filter(|&&x| x == j).count())
            .collect();
        assert_eq!(counts, vec![61, 20, 20]);
    }

    #[test]
    fn bad_codes_are_refused() {
        assert!(stratified_assignment(&[0, 3], 2, &[50, 50], 0).is_err());
    }
}

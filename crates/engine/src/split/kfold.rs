//! Stratified k-fold: every row in exactly one of `k` folds, each fold a
//! miniature of the whole.
//!
//! Why: cross-validation scores average over folds; a fold with too few (or
//! no) rows of a rare class makes its score noisy or undefined, so each
//! class is spread over the folds as evenly as whole numbers allow.

use super::assign::class_totals;
use crate::basics::error::{EngineError, Result};
use crate::basics::rng::{seeded, shuffle};

/// The fold (`0..k`) of every row.
///
/// Algorithm: the rows of each class (classes in code order), shuffled by
/// Fisher–Yates with one `seeded(seed)` stream, are laid end to end; the row
/// at position `p` of that sequence goes to fold `p mod k`. A class's rows
/// occupy consecutive positions, so class `c` with `n_c` rows puts
/// `⌊n_c / k⌋` or `⌈n_c / k⌉` rows in every fold; the whole sequence does the
/// same for fold sizes (`⌊n / k⌋` or `⌈n / k⌉`). Integer draws only, so the
/// folds are the same on every platform.
///
/// `k` must be 2..=255; `classes[i] < n_classes`. With `k > n` some folds
/// are empty (not an error: the caller sees the sizes).
pub fn stratified_kfold(classes: &[u32], n_classes: usize, k: usize, seed: u64) -> Result<Vec<u8>> {
    if !(2..=255).contains(&k) {
        return Err(EngineError::bad_request(format!(
            "k-fold needs between 2 and 255 folds, not {k}"
        )));
    }
    let counts = class_totals(classes, n_classes)?;
    let mut start = Vec::with_capacity(n_classes + 1);
    let mut acc = 0usize;
    for &c in &counts {
        start.push(acc);
        acc += usize::try_from(c).unwrap_or(0);
    }
    start.push(acc);
    let mut next = start.clone();
    let mut order = vec![0usize; classes.len()];
    for (i, &c) in classes.iter().enumerate() {
        let slot = &mut next[c as usize];
        order[*slot] = i;
        *slot += 1;
    }
    let mut rng = seeded(seed);
    for w in start.windows(2) {
        shuffle(&mut rng, &mut order[w[0]..w[1]]);
    }
    let mut folds = vec![0u8; classes.len()];
    for (p, &row) in order.iter().enumerate() {
        folds[row] = u8::try_from(p % k).unwrap_or(0);
    }
    Ok(folds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_five_folds() {
        let classes: Vec<u32> = (0..100).map(|i| u32::from(i % 10 < 3)).collect();
        let folds = stratified_kfold(&classes, 2, 5, 0).unwrap_or_default();
        for f in 0..5u8 {
            let rows = folds.iter().filter(|&&x| x == f).count();
            let positives = folds
                .iter()
                .zip(&classes)
                .filter(|&(&x, &c)| x == f && c == 1)
                .count();
            assert_eq!((rows, positives), (20, 6));
        }
    }

    #[test]
    fn bad_k_and_codes() {
        assert!(stratified_kfold(&[0, 1], 2, 1, 0).is_err());
        assert!(stratified_kfold(&[0, 1], 2, 256, 0).is_err());
        assert!(stratified_kfold(&[0, 2], 2, 2, 0).is_err());
        assert_eq!(stratified_kfold(&[], 0, 3, 0).ok(), Some(vec![]));
    }
}

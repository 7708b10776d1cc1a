//! One index sort for the engine's small, cold sorts (labels, remainders,
//! dictionaries, top values).
//!
//! Why: every `sort_by` with its own closure compiles a whole sorting
//! algorithm again (10–20 KB of wasm each at opt-level 3). Sorting indices
//! through a `&dyn Fn` comparator compiles it once. Hot paths over every row
//! (quantiles, time order) keep their own specialised sorts.

use std::cmp::Ordering;

/// Sorts `idx` by `cmp`. Unstable: callers break ties themselves when the
/// order of equal items matters.
pub fn sort_indices(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    idx.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// `0..n` sorted by `cmp`.
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    sort_indices(&mut idx, cmp);
    idx
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_by_the_comparator() {
        let v = [3, 1, 2];
        assert_eq!(
            super::sorted_indices(3, &|a, b| v[a].cmp(&v[b])),
            vec![1, 2, 0]
        );
    }
}

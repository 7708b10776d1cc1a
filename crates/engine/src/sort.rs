//! One index sort for the engine's small, cold sorts (labels, remainders,
//! dictionaries, top values).
//!
//! Why: every `sort_by` with its own closure compiles a whole sorting
//! algorithm again (10–20 KB of wasm each at opt-level 3). Sorting indices
//! through a `&dyn Fn` comparator compiles it once. Hot paths over every row
//! (quantiles, time order) keep their own specialised sorts: numbers are
//! sorted by [`sort_f64`], a radix sort, because profiling sorts every
//! numeric column of every upload and a comparison sort was most of the
//! time the Data lab took after reading.

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

/// Below this many values a comparison sort is faster than radix passes.
const RADIX_MIN: usize = 512;

/// Sorts `values` into the order of [`f64::total_cmp`] (−NaN < −∞ < … < −0.0
/// < +0.0 < … < +∞ < +NaN): a least-significant-digit radix sort on the
/// order-preserving key of each value's bits, one byte per pass, skipping
/// the passes where every key has the same byte (e.g. the exponent bytes of
/// values in one range). O(n) time, one scratch buffer of n keys.
pub fn sort_f64(values: &mut [f64]) {
    let n = values.len();
    if n < RADIX_MIN {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    let mut keys: Vec<u64> = values.iter().map(|&x| order_key(x)).collect();
    let mut scratch = vec![0u64; n];
    let mut counts = [[0usize; 256]; 8];
    for &k in &keys {
        for (byte, c) in counts.iter_mut().enumerate() {
            c[((k >> (8 * byte)) & 0xff) as usize] += 1;
        }
    }
    for (byte, c) in counts.iter().enumerate() {
        if c.contains(&n) {
            continue; // every key has the same byte here: the pass is a no-op
        }
        let mut offsets = [0usize; 256];
        let mut sum = 0;
        for (o, &count) in offsets.iter_mut().zip(c.iter()) {
            *o = sum;
            sum += count;
        }
        for &k in &keys {
            let d = ((k >> (8 * byte)) & 0xff) as usize;
            scratch[offsets[d]] = k;
            offsets[d] += 1;
        }
        std::mem::swap(&mut keys, &mut scratch);
    }
    for (v, &k) in values.iter_mut().zip(&keys) {
        *v = from_order_key(k);
    }
}

/// Maps a float's bits to a `u64` whose unsigned order is `total_cmp`'s:
/// negative values have every bit flipped, the others their sign bit set.
fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The inverse of [`order_key`].
fn from_order_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    fn reference(values: &[f64]) -> Vec<u64> {
        let mut v = values.to_vec();
        v.sort_unstable_by(f64::total_cmp);
        v.into_iter().map(f64::to_bits).collect()
    }

    fn radix(values: &[f64]) -> Vec<u64> {
        let mut v = values.to_vec();
        super::sort_f64(&mut v);
        v.into_iter().map(f64::to_bits).collect()
    }

    #[test]
    fn radix_sort_orders_the_special_values_like_total_cmp() {
        let mut v = vec![
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            f64::MAX,
            f64::MIN,
            1.5,
            -1.5,
        ];
        // Enough copies to take the radix path, not the small-input one.
        let base = v.clone();
        while v.len() < 4 * super::RADIX_MIN {
            v.extend_from_slice(&base);
        }
        assert_eq!(radix(&v), reference(&v));
    }

    #[test]
    fn radix_sort_of_one_repeated_value_skips_every_pass() {
        let v = vec![2.5; 10_000];
        assert_eq!(radix(&v), reference(&v));
    }

    proptest! {
        #[test]
        fn radix_sort_equals_a_comparison_sort(
            v in prop::collection::vec(any::<f64>(), 0..3000),
            small in prop::collection::vec(-1000i32..1000, 0..3000),
        ) {
            prop_assert_eq!(radix(&v), reference(&v));
            let s: Vec<f64> = small.iter().map(|&x| f64::from(x) / 8.0).collect();
            prop_assert_eq!(radix(&s), reference(&s));
        }
    }

    #[test]
    fn sorts_by_the_comparator() {
        let v = [3, 1, 2];
        assert_eq!(
            super::sorted_indices(3, &|a, b| v[a].cmp(&v[b])),
            vec![1, 2, 0]
        );
    }
}

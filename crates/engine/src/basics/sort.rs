//! The engine's sorts.
//!
//! - Small, cold sorts (labels, remainders, dictionaries, top values) sort
//!   indices through a `&dyn Fn` comparator ([`sort_indices`]): every
//!   `sort_by` with its own closure compiles a whole sorting algorithm again
//!   (5–20 KB of wasm each), this compiles it once.
//! - Hot sorts over every row use radix sorts: O(n), no comparisons. Floats
//!   and row orders (quantiles of other columns, time order) share one
//!   byte-wise sort of 64-bit keys ([`sort_f64`], [`order_by_key`]);
//!   decimal columns, as integers, take [`sort_u32`] (11-bit digits).

use std::cmp::Ordering;

/// Sorts `idx` by `cmp`. Unstable: callers break ties themselves when the
/// order of equal items matters.
pub fn sort_indices(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    idx.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// `items` reordered by `cmp` (through [`sort_indices`]: no sort compiled
/// per item type). Unstable.
pub fn sort_items<T: Clone>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| cmp(&items[a], &items[b]));
    *items = order.into_iter().map(|i| items[i].clone()).collect();
}

/// The distinct strings of `values`, in byte order.
pub fn distinct_strings<'a>(values: &[&'a str]) -> Vec<&'a str> {
    let order = sorted_indices(values.len(), &|a, b| values[a].cmp(values[b]));
    let mut out: Vec<&str> = order.into_iter().map(|i| values[i]).collect();
    out.dedup();
    out
}

/// `0..n` sorted by `cmp`.
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    sort_indices(&mut idx, cmp);
    idx
}

/// Sorts `values` into the order of [`f64::total_cmp`] (−NaN < −∞ < … < −0.0
/// < +0.0 < … < +∞ < +NaN) with [`radix_sort`] on [`f64_order_key`]s.
pub fn sort_f64(values: &mut [f64]) {
    let mut keys: Vec<u64> = values.iter().map(|&x| f64_order_key(x)).collect();
    radix_sort(&mut keys, None);
    for (v, &k) in values.iter_mut().zip(&keys) {
        *v = from_order_key(k);
    }
}

/// The indices `0..keys.len()` ordered by key, equal keys by index (a
/// stable sort), with [`radix_sort`].
pub fn order_by_key(keys: &[u64]) -> Vec<usize> {
    let mut keys = keys.to_vec();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    radix_sort(&mut keys, Some(&mut order));
    order
}

/// A least-significant-digit radix sort of `keys`, one byte per pass,
/// skipping the passes where every key has the same byte (e.g. the exponent
/// bytes of floats in one range); `rows` (if any) moves with its key. Stable,
/// O(n) time, one scratch buffer per array.
///
/// Why not `sort_unstable`: profiling sorts every numeric column of every
/// upload, and each comparison sort instantiation is 5–10 KB of wasm; this
/// is one small function for floats, times and row orders alike, and about
/// twice as fast on a column of 300,000 values.
fn radix_sort(keys: &mut Vec<u64>, mut rows: Option<&mut Vec<usize>>) {
    let n = keys.len();
    let mut counts = vec![[0usize; 256]; 8];
    for &k in keys.iter() {
        for (byte, c) in counts.iter_mut().enumerate() {
            c[((k >> (8 * byte)) & 0xff) as usize] += 1;
        }
    }
    let mut key_scratch = vec![0u64; n];
    let mut row_scratch = if rows.is_some() {
        vec![0usize; n]
    } else {
        Vec::new()
    };
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
        for (i, &k) in keys.iter().enumerate() {
            let d = ((k >> (8 * byte)) & 0xff) as usize;
            let at = offsets[d];
            offsets[d] += 1;
            key_scratch[at] = k;
            if let Some(rows) = rows.as_deref() {
                row_scratch[at] = rows[i];
            }
        }
        std::mem::swap(keys, &mut key_scratch);
        if let Some(rows) = rows.as_deref_mut() {
            std::mem::swap(rows, &mut row_scratch);
        }
    }
}

/// Sorts 32-bit keys ascending: a least-significant-digit radix sort with
/// 11-bit digits (three passes, each skipped where every key has the same
/// digit). The profile sorts decimal columns as integers with it
/// (`table::profile::numeric`): half the bytes and fewer than half the
/// passes of [`sort_f64`].
pub fn sort_u32(keys: &mut Vec<u32>) {
    const BITS: u32 = 11;
    const DIGITS: usize = 1 << BITS;
    let n = keys.len();
    let mut counts = vec![[0u32; DIGITS]; 3];
    for &k in keys.iter() {
        for (pass, c) in counts.iter_mut().enumerate() {
            c[((k >> (BITS * pass as u32)) as usize) & (DIGITS - 1)] += 1;
        }
    }
    let mut scratch = vec![0u32; n];
    for (pass, c) in counts.iter().enumerate() {
        if c.iter().any(|&count| count as usize == n) {
            continue; // one digit for every key: the pass is a no-op
        }
        let mut offsets = vec![0u32; DIGITS];
        let mut sum = 0;
        for (o, &count) in offsets.iter_mut().zip(c.iter()) {
            *o = sum;
            sum += count;
        }
        let shift = BITS * pass as u32;
        for &k in keys.iter() {
            let d = ((k >> shift) as usize) & (DIGITS - 1);
            let at = offsets[d] as usize;
            offsets[d] += 1;
            scratch[at] = k;
        }
        std::mem::swap(keys, &mut scratch);
    }
}

/// Maps a float's bits to a `u64` whose unsigned order is `total_cmp`'s:
/// negative values have every bit flipped, the others their sign bit set.
/// (`-0.0` sorts just below `0.0`; callers that want them equal map `-0.0`
/// to `0.0` first.)
pub fn f64_order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The inverse of [`f64_order_key`].
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
        assert_eq!(radix(&v), reference(&v));
        let base = v.clone();
        for _ in 0..100 {
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

        #[test]
        fn order_by_key_is_a_stable_sort(keys in prop::collection::vec(
            prop_oneof![0u64..4, any::<u64>()], 0..2000,
        )) {
            let mut expected: Vec<usize> = (0..keys.len()).collect();
            expected.sort_by_key(|&i| (keys[i], i));
            prop_assert_eq!(super::order_by_key(&keys), expected);
        }
    }

    proptest! {
        #[test]
        fn sort_u32_equals_a_comparison_sort(
            mut v in prop::collection::vec(prop_oneof![0u32..8, 0u32..5000, any::<u32>()], 0..3000),
        ) {
            let mut expected = v.clone();
            expected.sort_unstable();
            super::sort_u32(&mut v);
            prop_assert_eq!(v, expected);
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

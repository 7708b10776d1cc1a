//! A numeric column's statistics, in as few passes over its values as the
//! exact answers allow.
//!
//! Why not sort the floats: every upload profiles every numeric column, and
//! an 8-pass radix sort of 64-bit keys was most of the profile's time. Most
//! columns come from decimal text with a fixed number of fraction digits (or
//! none), and such a value `x` is exactly `m / 10^D` for one integer `m`
//! (the CSV reader computes it as that very division). So the column is
//! sorted as integers: `m - min(m)` fits 32 bits for any column whose range
//! is under 2^32 units of its last digit (±2,147 with six decimals), and
//! sorts in three 11-bit radix passes, or by counting when the range is
//! small (labels, small integers). Each sorted value is written back as
//! `m / 10^D`, which gives the original float bit for bit: the mapping is
//! checked on every value, and any column it does not fit (exponents, 17
//! significant digits, a huge range) takes the float radix sort instead.
//! The sorted values then serve the quantiles, the distinct count and the
//! histogram alike; the moments are summed in row order as before, so every
//! number is unchanged.

use super::Histogram;
use crate::basics::stats;

/// Powers of ten that are exact in `f64`.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];
/// The largest |m| handled (2^51): below it, adding and subtracting
/// [`MAGIC`] rounds to an integer.
const LIMIT: f64 = 2_251_799_813_685_248.0;
/// 1.5 · 2^52.
const MAGIC: f64 = 6_755_399_441_055_744.0;

/// What the profile shows of a numeric column's present values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NumericSummary {
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub distinct: u64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    /// numpy's Sturges bins, when there is a value.
    pub histogram: Option<Histogram>,
}

/// Summarises `present` (the column's non-missing values, `-0.0` already
/// made `0.0`), which it sorts in place. (Not inlined: see
/// [`super::profile_column`].)
#[inline(never)]
pub fn summarize(present: &mut [f64]) -> NumericSummary {
    let mean = stats::mean(present);
    let std = mean.and_then(|m| stats::sample_std_about(present, m));
    if !sort_as_decimals(present) {
        crate::basics::sort::sort_f64(present);
    }
    let sorted = &*present;
    let distinct = match sorted.first() {
        None => 0,
        Some(_) => 1 + sorted.windows(2).filter(|w| w[0] != w[1]).count() as u64,
    };
    let (min, max) = (sorted.first().copied(), sorted.last().copied());
    let histogram = match (min, max) {
        (Some(lo), Some(hi)) => {
            let bins = stats::sturges_bins(sorted.len(), lo, hi);
            let edges = stats::histogram_edges(lo, hi, bins);
            let counts = stats::histogram_counts_sorted(sorted, &edges);
            Some(Histogram { edges, counts })
        }
        _ => None,
    };
    NumericSummary {
        mean,
        std,
        distinct,
        min,
        max,
        p25: stats::quantile_sorted(sorted, 0.25),
        p50: stats::quantile_sorted(sorted, 0.5),
        p75: stats::quantile_sorted(sorted, 0.75),
        histogram,
    }
}

/// The fraction digits `D` that make every value an exact `m / 10^D`, the
/// smallest such, with the smallest and largest value; `None` if no
/// `D <= 15` does (or there are no values).
#[inline(never)]
fn decimal_scale(values: &[f64]) -> Option<(usize, f64, f64)> {
    let mut d = 0;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &x in values {
        while integer_at(x, d).is_none() {
            d += 1;
            if d >= POW10.len() {
                return None;
            }
        }
        lo = lo.min(x);
        hi = hi.max(x);
    }
    (lo <= hi).then_some((d, lo, hi))
}

/// The integer `m` with `x == m / 10^d` (`m` the integer nearest `x · 10^d`,
/// `|m| < 2^51`), if there is one.
fn integer_at(x: f64, d: usize) -> Option<f64> {
    let t = x * POW10[d];
    // (Also false for NaN and infinities.)
    if t.abs() >= LIMIT || t.is_nan() {
        return None;
    }
    // Rounds to the nearest integer, ties to even, for |t| < 2^51 (IEEE
    // addition rounds; no libm call on any target).
    let m = (t + MAGIC) - MAGIC;
    (m / POW10[d] == x).then_some(m)
}

/// Sorts `values` through their integers `m` (see the module docs); false,
/// with `values` untouched, when the column does not fit that scheme.
#[inline(never)]
fn sort_as_decimals(values: &mut [f64]) -> bool {
    let Some((d, min, max)) = decimal_scale(values) else {
        return false;
    };
    let scale = POW10[d];
    // m is monotone in x, so its extremes are those of the values.
    let (Some(lo), Some(hi)) = (integer_at(min, d), integer_at(max, d)) else {
        return false;
    };
    if hi - lo >= 4_294_967_296.0 {
        return false;
    }
    let n = values.len();
    let range = (hi - lo) as u64;
    let key = |x: f64| (x * scale + MAGIC) - MAGIC - lo;
    let back = |k: u64| (lo + k as f64) / scale;
    if range < (n as u64).max(1 << 16) {
        // Counting sort: one pass to count, one to write back.
        let mut counts = vec![0u32; range as usize + 1];
        for &x in values.iter() {
            if let Some(c) = counts.get_mut(key(x) as usize) {
                *c += 1;
            }
        }
        let mut at = 0;
        for (k, &c) in counts.iter().enumerate() {
            if c > 0 {
                let end = (at + c as usize).min(n);
                values[at..end].fill(back(k as u64));
                at = end;
            }
        }
        return true;
    }
    let mut keys: Vec<u32> = values.iter().map(|&x| key(x) as u32).collect();
    crate::basics::sort::sort_u32(&mut keys);
    for (v, &k) in values.iter_mut().zip(&keys) {
        *v = back(u64::from(k));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The straightforward reference: sort the floats, then the same
    /// statistics.
    fn reference(values: &[f64]) -> NumericSummary {
        let mut v = values.to_vec();
        let mean = stats::mean(&v);
        let std = stats::sample_std(&v);
        v.sort_by(f64::total_cmp);
        let mut s = NumericSummary::default();
        s.mean = mean;
        s.std = std;
        s.distinct = match v.first() {
            None => 0,
            Some(_) => 1 + v.windows(2).filter(|w| w[0] != w[1]).count() as u64,
        };
        s.min = v.first().copied();
        s.max = v.last().copied();
        s.p25 = stats::quantile_sorted(&v, 0.25);
        s.p50 = stats::quantile_sorted(&v, 0.5);
        s.p75 = stats::quantile_sorted(&v, 0.75);
        s.histogram = s.min.zip(s.max).map(|(lo, hi)| {
            let edges = stats::histogram_edges(lo, hi, stats::sturges_bins(v.len(), lo, hi));
            let counts = stats::histogram_counts(&v, &edges);
            Histogram { edges, counts }
        });
        s
    }

    fn same_bits(a: &NumericSummary, b: &NumericSummary) {
        let bits = |x: Option<f64>| x.map(f64::to_bits);
        assert_eq!(bits(a.mean), bits(b.mean));
        assert_eq!(bits(a.std), bits(b.std));
        assert_eq!(
            [a.min, a.p25, a.p50, a.p75, a.max].map(bits),
            [b.min, b.p25, b.p50, b.p75, b.max].map(bits)
        );
        assert_eq!(a.distinct, b.distinct);
        assert_eq!(a.histogram, b.histogram);
    }

    fn parse(texts: &[String]) -> Vec<f64> {
        texts
            .iter()
            .map(|t| t.parse::<f64>().unwrap_or(0.0) + 0.0)
            .collect()
    }

    #[test]
    fn six_decimals_sort_as_integers_and_read_back_exactly() {
        let texts: Vec<String> = (0..5000)
            .map(|i| {
                format!(
                    "{}.{:06}",
                    (i * 7919) % 2000 - 1000,
                    (i * 104_729) % 1_000_000
                )
            })
            .collect();
        let values = parse(&texts);
        assert_eq!(decimal_scale(&values).map(|s| s.0), Some(6));
        let mut sorted = values.clone();
        assert!(sort_as_decimals(&mut sorted));
        let mut expected = values.clone();
        expected.sort_by(f64::total_cmp);
        assert_eq!(sorted, expected);
        same_bits(&summarize(&mut values.clone()), &reference(&values));
    }

    #[test]
    fn labels_and_small_integers_sort_by_counting() {
        let values: Vec<f64> = (0..1000).map(|i| f64::from(i % 3)).collect();
        assert_eq!(decimal_scale(&values).map(|s| s.0), Some(0));
        same_bits(&summarize(&mut values.clone()), &reference(&values));
    }

    #[test]
    fn floats_that_are_not_short_decimals_take_the_float_sort() {
        let values: Vec<f64> = (1..500).map(|i| 1.0 / f64::from(i)).collect();
        assert!(decimal_scale(&values).is_none());
        let mut v = values.clone();
        assert!(!sort_as_decimals(&mut v));
        assert_eq!(v, values);
        same_bits(&summarize(&mut values.clone()), &reference(&values));
        // A range over 2^32 units of the last digit.
        let wide = vec![0.000001, 5000.0, -5000.0];
        assert!(!sort_as_decimals(&mut wide.clone()));
        same_bits(&summarize(&mut wide.clone()), &reference(&wide));
    }

    #[test]
    fn empty_and_single_values() {
        same_bits(&summarize(&mut []), &reference(&[]));
        same_bits(&summarize(&mut [2.5]), &reference(&[2.5]));
        same_bits(&summarize(&mut [0.0, 0.0]), &reference(&[0.0, 0.0]));
    }

    proptest! {
        #[test]
        fn equals_the_float_sort_on_decimal_text(
            ints in prop::collection::vec(-100_000i64..100_000, 0..400),
            decimals in 0usize..7,
            extra in prop::collection::vec(any::<f64>().prop_filter("finite", |x| x.is_finite()), 0..3),
        ) {
            let texts: Vec<String> = ints.iter().map(|&m| {
                let s = format!("{:0width$}", m.abs(), width = decimals + 1);
                let (a, b) = s.split_at(s.len() - decimals);
                let sign = if m < 0 { "-" } else { "" };
                if decimals == 0 { format!("{sign}{a}") } else { format!("{sign}{a}.{b}") }
            }).collect();
            let mut values = parse(&texts);
            same_bits(&summarize(&mut values.clone()), &reference(&values));
            // Any float mixed in: the result is still the reference's.
            values.extend(extra.iter().map(|x| x + 0.0));
            same_bits(&summarize(&mut values.clone()), &reference(&values));
        }
    }
}

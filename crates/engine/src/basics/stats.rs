//! Small numeric helpers shared by profiling, metrics and drift.
//!
//! Why one place: the same mean, standard deviation, quantile and histogram
//! must give the same number on every page and in the CLI, and each follows
//! the reference implementation the spec names (numpy), so a known-answer
//! test pins it once. Functions take plain slices of non-missing values and
//! return `None` where the value is undefined (never NaN).

/// Arithmetic mean, `Σx / n`, corrected by a second pass
/// (`m + Σ(x - m) / n`) so large offsets do not cost digits. `None` for no
/// values (and, like every function here, rather than an infinite result).
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let mut m = values.iter().sum::<f64>() / n;
    if !m.is_finite() {
        // The sum overflowed (values near f64::MAX): average scaled values.
        m = values.iter().map(|x| x / n).sum::<f64>();
    }
    let correction = values.iter().map(|x| x - m).sum::<f64>() / n;
    if correction.is_finite() {
        m += correction;
    }
    Some(m).filter(|m| m.is_finite())
}

/// Sum of squared deviations from the mean, `Σ(x - m)²`, two-pass with the
/// compensation term of Chan, Golub and LeVeque (`- (Σ(x - m))² / n`).
fn sum_squares(values: &[f64]) -> Option<f64> {
    sum_squares_about(values, mean(values)?)
}

/// [`sum_squares`] about a mean `m` already computed by [`mean`].
fn sum_squares_about(values: &[f64], m: f64) -> Option<f64> {
    let n = values.len() as f64;
    let (mut ss, mut s) = (0.0, 0.0);
    for &x in values {
        let d = x - m;
        ss += d * d;
        s += d;
    }
    if !(ss.is_finite() && s.is_finite()) {
        return None;
    }
    Some((ss - s * s / n).max(0.0))
}

/// Sample variance, `Σ(x - m)² / (n - 1)`; `None` for fewer than 2 values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    sample_variance_about(values, mean(values)?)
}

/// [`sample_variance`] about `m`, `mean(values)` already computed.
fn sample_variance_about(values: &[f64], m: f64) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    Some(sum_squares_about(values, m)? / (values.len() - 1) as f64).filter(|v| v.is_finite())
}

/// Sample standard deviation, `sqrt(Σ(x - m)² / (n - 1))` (pandas' `std`,
/// numpy's `std(ddof=1)`); `None` for fewer than 2 values.
pub fn sample_std(values: &[f64]) -> Option<f64> {
    sample_variance(values).map(f64::sqrt)
}

/// [`sample_std`] when `m` is `mean(values)`, already computed: the same
/// result without the mean's passes again.
pub fn sample_std_about(values: &[f64], m: f64) -> Option<f64> {
    sample_variance_about(values, m).map(f64::sqrt)
}

/// Population standard deviation, `sqrt(Σ(x - m)² / n)` (numpy's `std`,
/// scikit-learn's `StandardScaler`); `None` for no values.
pub fn population_std(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some((sum_squares(values)? / values.len() as f64).sqrt()).filter(|v| v.is_finite())
}

/// The `q` quantile (0 ≤ q ≤ 1) of ascending `sorted` values by linear
/// interpolation between order statistics, numpy's default
/// (`method="linear"`): with `h = (n - 1) q`, `i = ⌊h⌋`, `g = h - i`,
/// the answer is `x[i] + g (x[i+1] - x[i])`, computed as numpy's `_lerp`
/// does (from the upper point when `g ≥ 0.5`) so results match to the bit.
/// `None` for no values or `q` outside [0, 1].
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let n = sorted.len();
    let h = (n - 1) as f64 * q;
    let i = (h.floor() as usize).min(n - 1);
    let g = h - i as f64;
    let a = sorted[i];
    let b = sorted.get(i + 1).copied().unwrap_or(a);
    let diff = b - a;
    Some(if g >= 0.5 {
        b - diff * (1.0 - g)
    } else {
        a + diff * g
    })
}

/// Number of equal-width bins by Sturges' rule as numpy's
/// `histogram_bin_edges(x, bins="sturges")` picks it: width
/// `(max - min) / (log2 n + 1)`, bins `⌈(max - min) / width⌉`, at least 1.
pub fn sturges_bins(n: usize, min: f64, max: f64) -> usize {
    if n == 0 {
        return 1;
    }
    let range = max - min;
    let width = range / ((n as f64).log2() + 1.0);
    if width > 0.0 && width.is_finite() {
        ((range / width).ceil() as usize).max(1)
    } else {
        1
    }
}

/// `bins + 1` equal-width edges from `min` to `max` as numpy builds them
/// (`linspace`: `min + i (max - min) / bins`, the last edge exactly `max`).
/// When `min == max` the range is widened to `min - 0.5 .. max + 0.5`, as
/// numpy does.
pub fn histogram_edges(min: f64, max: f64, bins: usize) -> Vec<f64> {
    let bins = bins.max(1);
    let (lo, hi) = if min == max {
        (min - 0.5, max + 0.5)
    } else {
        (min, max)
    };
    let step = (hi - lo) / bins as f64;
    let mut edges: Vec<f64> = if step.is_finite() {
        (0..=bins).map(|i| i as f64 * step + lo).collect()
    } else {
        // The range overflows f64 (from near -MAX to near MAX): weigh the
        // ends instead.
        (0..=bins)
            .map(|i| {
                let t = i as f64 / bins as f64;
                lo * (1.0 - t) + hi * t
            })
            .collect()
    };
    if let Some(last) = edges.last_mut() {
        *last = hi;
    }
    edges
}

/// [`histogram_counts`] for values sorted ascending, in O(bins · log n):
/// bin `i` holds the values in `[e_i, e_i+1)` (the last bin closed), found
/// by binary search. When the edges strictly increase and their range is
/// finite, numpy's formula-then-correct assignment (off by at most one bin,
/// then corrected against the edges) puts every value in the bin its edges
/// bound, so both give the same counts (property-tested). Otherwise (edges
/// a few ULPs apart that repeat, or a range that overflows) numpy's
/// one-bin correction is not enough to reach that bin, and this falls back
/// to [`histogram_counts`] to stay equal to numpy.
pub fn histogram_counts_sorted(sorted: &[f64], edges: &[f64]) -> Vec<u64> {
    let bins = edges.len().saturating_sub(1);
    let (Some(&first), Some(&last)) = (edges.first(), edges.last()) else {
        return vec![0; bins];
    };
    if !(last - first).is_finite() || edges.windows(2).any(|w| w[0] >= w[1]) {
        return histogram_counts(sorted, edges);
    }
    // Values below the first edge or above the last are not counted.
    let start = sorted.partition_point(|&x| x < first);
    let end = sorted.partition_point(|&x| x <= last);
    let mut counts = Vec::with_capacity(bins);
    let mut lower = start;
    for (i, &edge) in edges.iter().enumerate().skip(1) {
        let upper = if i == bins {
            end
        } else {
            sorted.partition_point(|&x| x < edge).clamp(lower, end)
        };
        counts.push((upper - lower) as u64);
        lower = upper;
    }
    counts
}

/// Counts of `values` in the bins of equal-width `edges` (`[e_i, e_i+1)`, the
/// last bin closed), assigning each value exactly as numpy's `histogram`
/// does; values outside the edges are not counted.
pub fn histogram_counts(values: &[f64], edges: &[f64]) -> Vec<u64> {
    let bins = edges.len().saturating_sub(1);
    let mut counts = vec![0u64; bins];
    let (Some(&first), Some(&last)) = (edges.first(), edges.last()) else {
        return counts;
    };
    if bins == 0 {
        return counts;
    }
    // numpy computes `(x - first) / (last - first) * bins`; any estimate
    // within one bin gives the same result after the corrections against
    // the edges below, so one multiplication replaces the division. Four
    // sets of counters, taken in turn, keep runs of values in one bin from
    // waiting on each other's increments.
    let scale = bins as f64 / (last - first);
    let mut lanes = vec![0u64; 4 * bins];
    for (k, &x) in values.iter().enumerate() {
        if !(x >= first && x <= last) {
            continue;
        }
        // `as usize` saturates: NaN and negatives give 0.
        let mut i = (((x - first) * scale) as usize).min(bins - 1);
        if i > 0 && x < edges[i] {
            i -= 1;
        }
        if i + 1 < bins && x >= edges[i + 1] {
            i += 1;
        }
        lanes[(k & 3) * bins + i] += 1;
    }
    for lane in lanes.chunks_exact(bins) {
        for (c, l) in counts.iter_mut().zip(lane) {
            *c += l;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn mean_and_std_of_known_values() {
        let x = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&x), Some(5.0));
        assert_eq!(population_std(&x), Some(2.0));
        assert_relative_eq!(
            sample_std(&x).unwrap(),
            2.138089935299395,
            max_relative = 1e-15
        );
    }

    #[test]
    fn std_of_one_value_is_undefined() {
        assert_eq!(sample_std(&[3.0]), None);
        assert_eq!(population_std(&[3.0]), Some(0.0));
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn large_offset_keeps_digits() {
        let x: Vec<f64> = (0..1000).map(|i| 1e9 + f64::from(i % 4)).collect();
        assert_relative_eq!(
            sample_std(&x).unwrap(),
            1.1185934253567071,
            max_relative = 1e-9
        );
    }

    #[test]
    fn extreme_values_stay_finite_or_none() {
        let x = [f64::MAX, f64::MAX, -f64::MAX];
        assert!(mean(&x).unwrap().is_finite());
        assert_eq!(sample_std(&x), None);
        let edges = histogram_edges(-f64::MAX, f64::MAX, 1);
        assert!(edges.iter().all(|e| e.is_finite()));
        assert_eq!(histogram_counts(&x, &edges), vec![3]);
    }

    #[test]
    fn quantiles_match_numpy_linear() {
        // np.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&x, 0.25), Some(1.75));
        assert_eq!(quantile_sorted(&x, 0.5), Some(2.5));
        assert_eq!(quantile_sorted(&x, 0.75), Some(3.25));
        assert_eq!(quantile_sorted(&x, 0.0), Some(1.0));
        assert_eq!(quantile_sorted(&x, 1.0), Some(4.0));
        assert_eq!(quantile_sorted(&[7.0], 0.3), Some(7.0));
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn histogram_like_numpy() {
        // np.histogram([1, 2, 2, 3, 10], bins=3) -> counts [4, 0, 1], edges [1, 4, 7, 10]
        let x = [1.0, 2.0, 2.0, 3.0, 10.0];
        let edges = histogram_edges(1.0, 10.0, 3);
        assert_eq!(edges, vec![1.0, 4.0, 7.0, 10.0]);
        assert_eq!(histogram_counts(&x, &edges), vec![4, 0, 1]);
        // One value: numpy widens the range by 0.5 each side.
        let edges = histogram_edges(5.0, 5.0, 1);
        assert_eq!(edges, vec![4.5, 5.5]);
        assert_eq!(histogram_counts(&[5.0, 5.0], &edges), vec![2]);
        // np.histogram_bin_edges(np.arange(100), bins="sturges") has 8 bins.
        assert_eq!(sturges_bins(100, 0.0, 99.0), 8);
        assert_eq!(sturges_bins(1, 3.0, 3.0), 1);
    }

    #[test]
    fn sorted_histogram_counts_fall_back_where_numpy_cannot_reach_the_bin() {
        let mut ulps = vec![98.5];
        ulps.extend([98.50000000000001; 7]);
        let edges = histogram_edges(
            98.5,
            98.50000000000001,
            sturges_bins(8, 98.5, 98.50000000000001),
        );
        assert_eq!(
            histogram_counts_sorted(&ulps, &edges),
            histogram_counts(&ulps, &edges)
        );
        let huge = [-1.7e308, -1.0, 0.0, 1.0, 1.7e308];
        let edges = histogram_edges(-1.7e308, 1.7e308, 4);
        assert_eq!(
            histogram_counts_sorted(&huge, &edges),
            histogram_counts(&huge, &edges)
        );
    }

    proptest::proptest! {
        #[test]
        fn sorted_histogram_counts_equal_numpys_assignment(
            mut values in proptest::collection::vec(-1e3f64..1e3, 1..400),
            bins in 1usize..30,
            pad in 0f64..10.0,
        ) {
            values.sort_unstable_by(f64::total_cmp);
            let lo = values[0] - pad * f64::from(u8::from(pad > 5.0));
            let hi = values[values.len() - 1];
            let edges = histogram_edges(lo, hi, bins);
            proptest::prop_assert_eq!(
                histogram_counts_sorted(&values, &edges),
                histogram_counts(&values, &edges)
            );
            // Edges that leave values out on both sides.
            let inner = histogram_edges(lo / 2.0, hi / 2.0, bins);
            proptest::prop_assert_eq!(
                histogram_counts_sorted(&values, &inner),
                histogram_counts(&values, &inner)
            );
        }

        #[test]
        fn sorted_histogram_counts_equal_numpys_assignment_a_few_ulps_apart(
            base in -1e3f64..1e3,
            steps in proptest::collection::vec(0u64..4, 1..40),
        ) {
            // Values that differ by a few ULPs (float noise around one value)
            // give repeated edges, where numpy's one-bin correction decides.
            let mut values: Vec<f64> = steps
                .iter()
                .map(|&k| f64::from_bits(base.to_bits() + k))
                .collect();
            values.sort_unstable_by(f64::total_cmp);
            let lo = values[0];
            let hi = values[values.len() - 1];
            let edges = histogram_edges(lo, hi, sturges_bins(values.len(), lo, hi));
            proptest::prop_assert_eq!(
                histogram_counts_sorted(&values, &edges),
                histogram_counts(&values, &edges)
            );
        }

        #[test]
        fn sorted_histogram_counts_equal_numpys_assignment_on_edges(
            ints in proptest::collection::vec(-20i32..20, 1..200),
            bins in 1usize..12,
        ) {
            // Half-integers land exactly on many edges.
            let mut values: Vec<f64> = ints.iter().map(|&i| f64::from(i) / 2.0).collect();
            values.sort_unstable_by(f64::total_cmp);
            let edges = histogram_edges(values[0], values[values.len() - 1], bins);
            proptest::prop_assert_eq!(
                histogram_counts_sorted(&values, &edges),
                histogram_counts(&values, &edges)
            );
        }
    }
}

//! The lottery's distributions as charts read them: seeds per share bin on
//! a fixed axis, and nearest-rank quantiles of a count histogram.

use super::CountBin;
use serde::{Deserialize, Serialize};

/// Seeds per share bin on the axis `[0, max]`, `max = min(1, 2 × balanced
/// share)` (0.1 when the balanced share is 0), in [`SHARE_BINS`] equal bins.
/// The axis is the same at every dataset size with the same class balance, so
/// a chart of it shows the spread shrinking as the data grows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ShareHistogram {
    pub max: f64,
    pub seeds: Vec<u32>,
    /// The bin holding the balanced share.
    pub target_bin: usize,
}

/// Bins of [`ShareHistogram`].
pub const SHARE_BINS: usize = 40;

/// Bins a count histogram of a split of `rows` rows on the share axis.
pub fn share_histogram(bins: &[CountBin], rows: u64, target: u64) -> ShareHistogram {
    if rows == 0 {
        return ShareHistogram::default();
    }
    let rows_f = rows as f64;
    let center = target as f64 / rows_f;
    let max = if center > 0.0 {
        (2.0 * center).min(1.0)
    } else {
        0.1
    };
    let width = max / SHARE_BINS as f64;
    let bin_of = |count: u64| ((count as f64 / rows_f / width) as usize).min(SHARE_BINS - 1);
    let mut seeds = vec![0u32; SHARE_BINS];
    for b in bins {
        seeds[bin_of(b.count)] += b.seeds;
    }
    ShareHistogram {
        max,
        seeds,
        target_bin: bin_of(target),
    }
}

/// The nearest-rank `q`-quantile (0 < q ≤ 1) of a count histogram: the
/// smallest count whose cumulative seeds reach `ceil(q · total)`. Integer
/// arithmetic on `q` in per-mille, so it is the same on every platform.
pub fn histogram_quantile(bins: &[CountBin], per_mille: u64) -> u64 {
    let total: u64 = bins.iter().map(|b| u64::from(b.seeds)).sum();
    let rank = (per_mille * total).div_ceil(1000).max(1);
    let mut seen = 0u64;
    for b in bins {
        seen += u64::from(b.seeds);
        if seen >= rank {
            return b.count;
        }
    }
    bins.last().map_or(0, |b| b.count)
}

#[cfg(test)]
mod quantile_tests {
    use super::{histogram_quantile, CountBin};

    #[test]
    fn nearest_rank_quantiles_of_a_histogram() {
        // 10 seeds: counts 1 (x1), 2 (x3), 3 (x5), 4 (x1).
        let bins = [
            CountBin { count: 1, seeds: 1 },
            CountBin { count: 2, seeds: 3 },
            CountBin { count: 3, seeds: 5 },
            CountBin { count: 4, seeds: 1 },
        ];
        assert_eq!(histogram_quantile(&bins, 50), 1);
        assert_eq!(histogram_quantile(&bins, 500), 3);
        assert_eq!(histogram_quantile(&bins, 950), 4);
        assert_eq!(histogram_quantile(&[], 500), 0);
    }
}

#[cfg(test)]
mod share_tests {
    use super::{share_histogram, CountBin, SHARE_BINS};

    #[test]
    fn share_axis_is_fixed_and_target_marked() {
        // 20 rows, balanced 6 (30%): axis 0..60%, 40 bins of 1.5%.
        let bins = [
            CountBin { count: 1, seeds: 2 },
            CountBin { count: 6, seeds: 5 },
            CountBin {
                count: 20,
                seeds: 1,
            },
        ];
        let h = share_histogram(&bins, 20, 6);
        assert_eq!(h.seeds.len(), SHARE_BINS);
        assert_eq!(h.seeds.iter().sum::<u32>(), 8);
        assert_eq!(h.seeds[3], 2); // 5% -> bin 3
        assert_eq!(h.seeds[20], 5); // 30% -> bin 20
        assert_eq!(h.seeds[39], 1); // 100% is clamped into the last bin
        assert_eq!(h.target_bin, 20);
        assert!((h.max - 0.6).abs() < 1e-12);
        // On 20,000 rows every seed lands within a bin of the balanced share.
        let big = [
            CountBin {
                count: 5_950,
                seeds: 500,
            },
            CountBin {
                count: 6_050,
                seeds: 500,
            },
        ];
        let h = share_histogram(&big, 20_000, 6_000);
        assert_eq!(h.seeds.iter().filter(|&&x| x > 0).count(), 2);
        assert_eq!(share_histogram(&[], 0, 0), Default::default());
    }
}

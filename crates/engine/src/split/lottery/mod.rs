//! The split lottery: how much a random split's class counts depend on luck.
//!
//! Why: a random 60/20/20 split of 100 rows with 30 positives gives the
//! balanced 18/6/6 positives less than one time in twenty; most seeds give a
//! test set with more or fewer positives, and some a dev or test set with
//! none (the trap behind scikit-learn issue #28994). The lottery shows the
//! whole distribution over many seeds next to the stratified counts.
//!
//! Speed: a seed's outcome is its class-by-split count table, so the lottery
//! samples those counts directly (multivariate hypergeometric draws), never
//! rows: the cost grows with the spread of the counts (about √rows per
//! class), not with the rows. 1,000 seeds over 100,000 rows take about 3 ms
//! for two classes and about 20 ms for ten (`benches/split.rs`).
//!
//! Determinism: the report must be bit-identical on x86_64 and wasm32, so
//! nothing that feeds it calls a libm function (`ln`, `exp`, `lgamma`,
//! `powf` differ across platforms); only IEEE `+ − × ÷`, which are correctly
//! rounded everywhere, exact powers of two, and [`crate::basics::rng::unit_f64`].

use super::allocate::stratified_allocation;
use super::sizes::split_sizes;
use super::{split_names, validate_ratios};
use crate::basics::error::{EngineError, Result};
use crate::basics::rng::seeded;
use serde::{Deserialize, Serialize};

mod exact;
mod histogram;
mod sampler;

pub use exact::table_probability;
pub use histogram::{histogram_quantile, share_histogram, ShareHistogram, SHARE_BINS};
pub use sampler::Sampler;
use std::collections::BTreeMap;

/// The most seeds one lottery draws.
pub const MAX_SEEDS: u32 = 1_000_000;

/// How many seeds gave a class a given count in a split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountBin {
    /// Rows of the class in the split.
    pub count: u64,
    /// Seeds (out of [`LotteryReport::seeds`]) that gave that count.
    pub seeds: u32,
}

/// One class in one split over all seeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotteryClass {
    /// Index into the input's `class_counts` (the page knows the labels).
    pub class: usize,
    /// The stratified (balanced) count of [`stratified_allocation`].
    pub target: u64,
    /// Counts seen, ascending, with how many seeds gave each.
    pub histogram: Vec<CountBin>,
    /// Seeds that gave exactly the target.
    pub target_seeds: u32,
    /// The 5th and 95th percentiles of the count over seeds (nearest rank):
    /// 90% of random splits fall in `[p05, p95]`.
    pub p05: u64,
    pub p95: u64,
    /// The same as shares of the split's rows (`count / rows`).
    pub target_share: f64,
    pub p05_share: f64,
    pub p95_share: f64,
    /// The seeds on a fixed share axis (for the chart; see [`ShareHistogram`]).
    pub shares: ShareHistogram,
}

/// One split over all seeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotterySplit {
    pub name: String,
    /// The split's size (the same for every seed).
    pub rows: u64,
    pub classes: Vec<LotteryClass>,
}

/// The lottery's answer (to the page as postcard bytes, in the CLI as JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotteryReport {
    pub seeds: u32,
    pub base_seed: u64,
    pub rows: u64,
    pub ratios: Vec<u32>,
    pub class_counts: Vec<u64>,
    pub splits: Vec<LotterySplit>,
    /// Share of the sampled seeds whose whole count table equals the
    /// stratified allocation.
    pub hit_share_sampled: f64,
    /// The exact probability that a random split's count table equals the
    /// stratified allocation (see [`table_probability`]).
    pub hit_probability: f64,
    /// Share of the sampled seeds in which some class with rows is absent
    /// from some split that has rows.
    pub missing_class_share: f64,
    pub warnings: Vec<String>,
}

/// Runs the lottery: `seeds` random splits of a dataset with these class
/// counts and ratios, drawn from one `seeded(base_seed)` stream.
///
/// A random split with sizes `s_j` ([`split_sizes`]) takes train as a
/// uniformly random `s_0`-subset of the rows, dev as a random `s_1`-subset of
/// the rest, test the remainder. So train's class counts follow the
/// multivariate hypergeometric law `MVH(c, s_0)`, dev's `MVH(c − x_·0, s_1)`,
/// and test gets what is left. An `MVH(r, d)` vector is drawn class by class:
/// `x_k ~ Hypergeometric(N = Σ_{i≥k} r_i, K = r_k, n = d − Σ_{i<k} x_i)`,
/// each by [`Sampler`]'s inversion. Lottery seed `i` is a draw, not the row
/// assignment `split_table` gives for seed `base_seed + i`; the law is the
/// same.
pub fn lottery(
    class_counts: &[u64],
    ratios: &[u32],
    seeds: u32,
    base_seed: u64,
) -> Result<LotteryReport> {
    validate_ratios(ratios)?;
    if seeds == 0 || seeds > MAX_SEEDS {
        return Err(EngineError::bad_request(format!(
            "the lottery draws between 1 and {MAX_SEEDS} seeds, not {seeds}"
        )));
    }
    let n = class_counts
        .iter()
        .try_fold(0u64, |a, &c| a.checked_add(c))
        .filter(|&n| n <= 1 << 53)
        .ok_or_else(|| EngineError::bad_request("the lottery takes at most 2^53 rows"))?;
    let m = ratios.len();
    let k_classes = class_counts.len();
    let sizes = split_sizes(n, ratios);
    let target = stratified_allocation(class_counts, ratios)?;

    let mut rng = seeded(base_seed);
    let mut sampler = Sampler::default();
    // histograms[j][k]: count → seeds.
    let mut histograms: Vec<Vec<BTreeMap<u64, u32>>> = vec![vec![BTreeMap::new(); k_classes]; m];
    let mut hits = 0u32;
    let mut missing_seeds = 0u32;
    let mut remaining = vec![0u64; k_classes];
    let mut table = vec![vec![0u64; m]; k_classes];
    for _ in 0..seeds {
        remaining.copy_from_slice(class_counts);
        for (j, &size) in sizes.iter().enumerate() {
            let last = j + 1 == m;
            let mut population: u64 = remaining.iter().sum();
            let mut draws = size;
            for k in 0..k_classes {
                let x = if last {
                    remaining[k]
                } else if j == 0 {
                    // Train: only `draws` varies between seeds, so tables repeat.
                    sampler.draw_cached(&mut rng, population, remaining[k], draws)
                } else {
                    sampler.draw(&mut rng, population, remaining[k], draws)
                };
                population -= remaining[k];
                draws = draws.saturating_sub(x);
                remaining[k] -= x;
                table[k][j] = x;
            }
        }
        let mut hit = true;
        let mut missing = false;
        for k in 0..k_classes {
            for j in 0..m {
                let x = table[k][j];
                *histograms[j][k].entry(x).or_insert(0) += 1;
                hit &= x == target[k][j];
                missing |= x == 0 && class_counts[k] > 0 && sizes[j] > 0;
            }
        }
        hits += u32::from(hit);
        missing_seeds += u32::from(missing);
    }

    let names = split_names(m);
    let splits = (0..m)
        .map(|j| LotterySplit {
            name: names.get(j).copied().unwrap_or("?").to_string(),
            rows: sizes[j],
            classes: (0..k_classes)
                .map(|k| {
                    let histogram: Vec<CountBin> = histograms[j][k]
                        .iter()
                        .map(|(&count, &seeds)| CountBin { count, seeds })
                        .collect();
                    let rows = sizes[j].max(1) as f64;
                    let p05 = histogram_quantile(&histogram, 50);
                    let p95 = histogram_quantile(&histogram, 950);
                    LotteryClass {
                        class: k,
                        target: target[k][j],
                        target_seeds: histograms[j][k].get(&target[k][j]).copied().unwrap_or(0),
                        p05,
                        p95,
                        target_share: target[k][j] as f64 / rows,
                        p05_share: p05 as f64 / rows,
                        p95_share: p95 as f64 / rows,
                        shares: share_histogram(&histogram, sizes[j], target[k][j]),
                        histogram,
                    }
                })
                .collect(),
        })
        .collect();
    let mut warnings = Vec::new();
    if n == 0 {
        warnings.push("no rows: every split is empty".to_string());
    }
    if missing_seeds > 0 {
        warnings.push(format!(
            "in {missing_seeds} of {seeds} random splits some class has no rows in some split"
        ));
    }
    Ok(LotteryReport {
        seeds,
        base_seed,
        rows: n,
        ratios: ratios.to_vec(),
        class_counts: class_counts.to_vec(),
        splits,
        hit_share_sampled: f64::from(hits) / f64::from(seeds),
        hit_probability: table_probability(class_counts, &sizes, &target),
        missing_class_share: f64::from(missing_seeds) / f64::from(seeds),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_probability() {
        let p = table_probability(
            &[70, 30],
            &[60, 20, 20],
            &[vec![42, 14, 14], vec![18, 6, 6]],
        );
        assert!((p - 0.047_313_448_848_973_31).abs() < 1e-15, "{p}");
    }

    #[test]
    fn probability_of_a_certain_table_is_one() {
        assert_eq!(table_probability(&[5], &[3, 2], &[vec![3, 2]]), 1.0);
        assert_eq!(table_probability(&[], &[0, 0], &[]), 1.0);
    }

    #[test]
    fn hypergeometric_mean_is_right() {
        let mut rng = seeded(1);
        let mut s = Sampler::default();
        let draws = 20_000u64;
        let total: u64 = (0..draws).map(|_| s.draw(&mut rng, 100, 30, 60)).sum();
        let mean = total as f64 / draws as f64;
        assert!((mean - 18.0).abs() < 0.1, "{mean}");
        assert_eq!(s.draw(&mut rng, 10, 10, 4), 4);
        assert_eq!(s.draw(&mut rng, 10, 0, 4), 0);
        assert_eq!(s.draw(&mut rng, 0, 0, 0), 0);
    }
}

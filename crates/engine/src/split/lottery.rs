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
use crate::basics::rng::{seeded, unit_f64};
use rand_core::RngCore;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

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

/// `2^512`, `2^-512`: exact rescaling factors.
const BIG: f64 = f64::from_bits((1023 + 512) << 52);
const SMALL: f64 = f64::from_bits((1023 - 512) << 52);

/// A product kept as `(hi + lo) × 2^exponent` in double-double arithmetic
/// (about 106 significant bits, so the final `f64` is the correctly rounded
/// value except in vanishingly rare near-ties), rescaled by exact powers of
/// two so it neither overflows nor underflows on the way. Products use
/// Dekker's exact splitting (IEEE `+ − ×` only, no fused multiply-add), so
/// every platform computes the same bits.
#[derive(Debug, Clone, Copy)]
struct Scaled {
    hi: f64,
    lo: f64,
    exponent: i64,
}

/// `a + b` as `(sum, error)` when `|a| >= |b|` (Dekker's fast two-sum).
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// `a · b` as `(product, error)`, exactly, by Dekker's splitting.
fn two_product(a: f64, b: f64) -> (f64, f64) {
    const SPLIT: f64 = 134_217_729.0; // 2^27 + 1
    let split = |x: f64| {
        let c = SPLIT * x;
        let high = c - (c - x);
        (high, x - high)
    };
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    (p, e)
}

impl Scaled {
    fn one() -> Self {
        Scaled {
            hi: 1.0,
            lo: 0.0,
            exponent: 0,
        }
    }

    fn at_least_one(&self) -> bool {
        self.exponent > 0 || (self.exponent == 0 && self.hi >= 1.0)
    }

    fn mul(&mut self, b: f64) {
        let (p, e) = two_product(self.hi, b);
        let (hi, lo) = fast_two_sum(p, e + self.lo * b);
        self.hi = hi;
        self.lo = lo;
        self.normalize();
    }

    fn div(&mut self, b: f64) {
        let q1 = self.hi / b;
        let (p, e) = two_product(q1, b);
        let q2 = (((self.hi - p) - e) + self.lo) / b;
        let (hi, lo) = fast_two_sum(q1, q2);
        self.hi = hi;
        self.lo = lo;
        self.normalize();
    }

    fn normalize(&mut self) {
        if self.hi > BIG {
            self.hi *= SMALL;
            self.lo *= SMALL;
            self.exponent += 512;
        } else if self.hi < SMALL && self.hi > 0.0 {
            self.hi *= BIG;
            self.lo *= BIG;
            self.exponent -= 512;
        }
    }

    fn value(self) -> f64 {
        let mut x = self.hi + self.lo;
        let mut e = self.exponent;
        while e >= 512 && x.is_finite() {
            x *= BIG;
            e -= 512;
        }
        while e <= -512 && x > 0.0 {
            x *= SMALL;
            e += 512;
        }
        if e == 0 || e.abs() >= 512 {
            // Done, or x already reached 0 or infinity.
            return x;
        }
        // |e| < 512: one exact power of two (normal range).
        let scale = f64::from_bits(((1023 + e) as u64) << 52);
        x * scale
    }
}

/// The exact probability that a uniformly random split with sizes `s_j`
/// gives the count table `x` (classes `c_k`):
///
/// `P = Π_k [c_k! / Π_j x_kj!] / [n! / Π_j s_j!]
///    = (Π_j s_j! · Π_k c_k!) / (n! · Π_kj x_kj!)`,
///
/// the product of the multivariate hypergeometric pmfs of the splits. It is
/// computed without logarithms: the factorial arguments are merged into
/// exponents `e_t` = (numerator arguments ≥ t) − (denominator arguments ≥ t),
/// so `P = Π_{t=2..n} t^{e_t}`, one double-double multiplication or division per
/// unit of `|e_t|` (divisions first while the product is above 1, to stay
/// near 1), with exact power-of-two rescaling. Cost O(n + K·m·log K); the
/// result is correctly rounded in practice. For 100 rows, 30 positive, 60/20/20 and the 18/6/6
/// table it is 0.04731344884897331.
pub fn table_probability(class_counts: &[u64], sizes: &[u64], table: &[Vec<u64>]) -> f64 {
    let n: u64 = class_counts.iter().sum();
    let total: u64 = table.iter().flatten().sum();
    let sizes_total: u64 = sizes.iter().sum();
    if total != n || sizes_total != n {
        return 0.0;
    }
    // Exponent changes at each argument: e_t = Σ_{a ≥ t} (+1 num, −1 den).
    let mut steps: BTreeMap<u64, i64> = BTreeMap::new();
    for &a in sizes.iter().chain(class_counts) {
        *steps.entry(a).or_insert(0) += 1;
    }
    *steps.entry(n).or_insert(0) -= 1;
    for &a in table.iter().flatten() {
        *steps.entry(a).or_insert(0) -= 1;
    }
    // Sweep t from n down to 2, keeping e_t = Σ_{a ≥ t} steps[a].
    let args: Vec<(u64, i64)> = steps.into_iter().rev().collect();
    let mut ups: Vec<(u64, u64)> = Vec::new(); // (t, times) multiplied
    let mut downs: Vec<(u64, u64)> = Vec::new(); // (t, times) divided
    let mut e = 0i64;
    for (i, &(a, step)) in args.iter().enumerate() {
        e += step;
        let low = args.get(i + 1).map_or(1, |&(b, _)| b); // t in (low, a]
        if e != 0 && a > low.max(1) {
            let (list, times) = if e > 0 {
                (&mut ups, e.unsigned_abs())
            } else {
                (&mut downs, e.unsigned_abs())
            };
            // Ranges are expanded lazily below as (start, end, times).
            list.push((a, times));
            list.push((low.max(1) + 1, 0)); // marker: range start
        }
    }
    let expand = |list: &[(u64, u64)]| -> Vec<(u64, u64, u64)> {
        list.chunks(2)
            .filter_map(|pair| match pair {
                [(hi, times), (lo, _)] => Some((*lo, *hi, *times)),
                _ => None,
            })
            .collect()
    };
    let mut up = Factors::new(expand(&ups));
    let mut down = Factors::new(expand(&downs));
    let mut p = Scaled::one();
    loop {
        let factor = if p.at_least_one() {
            down.next()
                .map(|t| (t, false))
                .or_else(|| up.next().map(|t| (t, true)))
        } else {
            up.next()
                .map(|t| (t, true))
                .or_else(|| down.next().map(|t| (t, false)))
        };
        match factor {
            Some((t, true)) => p.mul(t as f64),
            Some((t, false)) => p.div(t as f64),
            None => break,
        }
    }
    p.value()
}

/// The integers of ranges `lo..=hi`, each `times` times, ascending ranges
/// from the highest down (the order is fixed, so results are reproducible).
struct Factors {
    ranges: Vec<(u64, u64, u64)>,
    range: usize,
    t: u64,
    left: u64,
}

impl Factors {
    fn new(ranges: Vec<(u64, u64, u64)>) -> Self {
        let (t, left) = ranges.first().map_or((0, 0), |&(lo, _, times)| (lo, times));
        Factors {
            ranges,
            range: 0,
            t,
            left,
        }
    }
}

impl Iterator for Factors {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        loop {
            let &(_, hi, times) = self.ranges.get(self.range)?;
            if self.left > 0 && self.t <= hi {
                self.left -= 1;
                let t = self.t;
                if self.left == 0 {
                    self.t += 1;
                    self.left = times;
                }
                return Some(t);
            }
            self.range += 1;
            if let Some(&(lo, _, times)) = self.ranges.get(self.range) {
                self.t = lo;
                self.left = times;
            }
        }
    }
}

/// Hypergeometric draws by table inversion.
///
/// For `X ~ Hypergeometric(N, K, n)` (draws `n` from `N` rows of which `K`
/// are of the class): support `max(0, n − (N − K)) ..= min(K, n)`, mode
/// `m = ⌊(n + 1)(K + 1) / (N + 2)⌋`. Weights relative to the mode come from
/// the pmf ratios
///
/// `p(x+1)/p(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1))`,
///
/// walked outward from `w(m) = 1` until a weight falls below `2^-64` (the
/// pmf is log-concave, so the tails beyond are negligible next to a 53-bit
/// uniform). The cumulative weights `W` are kept; a draw is the first `x`
/// with `W(x) > u · W_total`, `u` = [`unit_f64`]. [`Sampler::draw_cached`]
/// keeps tables per `(N, K, n)` (the train draws of a class differ only in
/// `n`, so they repeat across seeds); [`Sampler::draw`] reuses one buffer.
/// Both give the same value for the same uniform: caching changes speed,
/// never results.
#[derive(Default)]
pub struct Sampler {
    cache: HashMap<(u64, u64, u64), Rc<Cdf>>,
    scratch: Vec<f64>,
    up: Vec<f64>,
}

/// A cumulative weight table starting at `low`.
struct Cdf {
    low: u64,
    cumulative: Vec<f64>,
}

/// Weights below this (relative to the mode's 1) end a table: `2^-64`.
const TAIL: f64 = 1.0 / 18_446_744_073_709_551_616.0;
/// Cached tables at most; past this, new tables are not kept.
const CACHE_LIMIT: usize = 4096;

/// The support `low..=high` of `Hypergeometric(N, K, n)`, inputs clamped.
fn support(population: u64, successes: u64, draws: u64) -> (u64, u64, u64, u64) {
    let successes = successes.min(population);
    let draws = draws.min(population);
    let low = draws.saturating_sub(population - successes);
    let high = successes.min(draws);
    (successes, draws, low, high)
}

/// The first index whose cumulative weight exceeds `u · total`.
fn invert(cumulative: &[f64], u: f64) -> u64 {
    let total = cumulative.last().copied().unwrap_or(0.0);
    let target = u * total;
    let i = cumulative.partition_point(|&w| w <= target);
    i.min(cumulative.len().saturating_sub(1)) as u64
}

impl Sampler {
    /// One draw of `Hypergeometric(population, successes, draws)`, with the
    /// table built in a reused buffer.
    pub fn draw(
        &mut self,
        rng: &mut impl RngCore,
        population: u64,
        successes: u64,
        draws: u64,
    ) -> u64 {
        let (successes, draws, low, high) = support(population, successes, draws);
        if low >= high {
            return low;
        }
        let mut cumulative = std::mem::take(&mut self.scratch);
        let start = fill_cdf(
            population,
            successes,
            draws,
            low,
            high,
            &mut cumulative,
            &mut self.up,
        );
        let x = start + invert(&cumulative, unit_f64(rng));
        self.scratch = cumulative;
        x
    }

    /// The same draw as [`Sampler::draw`], keeping the table for next time.
    pub fn draw_cached(
        &mut self,
        rng: &mut impl RngCore,
        population: u64,
        successes: u64,
        draws: u64,
    ) -> u64 {
        let (successes, draws, low, high) = support(population, successes, draws);
        if low >= high {
            return low;
        }
        let key = (population, successes, draws);
        let cdf = match self.cache.get(&key) {
            Some(cdf) => Rc::clone(cdf),
            None => {
                let mut cumulative = Vec::new();
                let start = fill_cdf(
                    population,
                    successes,
                    draws,
                    low,
                    high,
                    &mut cumulative,
                    &mut self.up,
                );
                let cdf = Rc::new(Cdf {
                    low: start,
                    cumulative,
                });
                if self.cache.len() < CACHE_LIMIT {
                    self.cache.insert(key, Rc::clone(&cdf));
                }
                cdf
            }
        };
        cdf.low + invert(&cdf.cumulative, unit_f64(rng))
    }
}

/// Fills `cumulative` with the running sums of the weights from the lowest
/// kept `x` upward and returns that `x`. `up` is scratch space.
fn fill_cdf(
    population: u64,
    successes: u64,
    draws: u64,
    low: u64,
    high: u64,
    cumulative: &mut Vec<f64>,
    up: &mut Vec<f64>,
) -> u64 {
    let (nn, kk, dd) = (population as f64, successes as f64, draws as f64);
    // Mode, in integers (u128: no overflow).
    let mode = ((u128::from(draws) + 1) * (u128::from(successes) + 1)
        / (u128::from(population) + 2)) as u64;
    let mode = mode.clamp(low, high);
    // Downward from the mode, stored in `cumulative` (reversed below).
    cumulative.clear();
    let mut w = 1.0f64;
    let mut x = mode;
    while x > low {
        let xf = x as f64;
        w *= xf * (nn - kk - dd + xf) / ((kk - xf + 1.0) * (dd - xf + 1.0));
        if w < TAIL {
            break;
        }
        cumulative.push(w);
        x -= 1;
    }
    let start = mode - cumulative.len() as u64;
    cumulative.reverse();
    cumulative.push(1.0);
    // Upward from the mode.
    up.clear();
    let mut w = 1.0f64;
    let mut x = mode;
    while x < high {
        let xf = x as f64;
        w *= (kk - xf) * (dd - xf) / ((xf + 1.0) * (nn - kk - dd + xf + 1.0));
        if w < TAIL {
            break;
        }
        up.push(w);
        x += 1;
    }
    cumulative.extend_from_slice(up);
    let mut sum = 0.0f64;
    for w in cumulative.iter_mut() {
        sum += *w;
        *w = sum;
    }
    start
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

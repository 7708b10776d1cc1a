//! Hypergeometric draws by inversion of cached cumulative weights: how the
//! lottery samples a seed's counts without touching rows.

use crate::basics::rng::unit_f64;
use rand_core::RngCore;
use std::collections::HashMap;
use std::rc::Rc;

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

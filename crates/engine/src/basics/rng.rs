//! Seeded, portable randomness.
//!
//! Every random result in MLOps Playground must be the same in the CLI and in
//! the browser for the same seed. So the generator is ChaCha8 (a fixed,
//! documented stream on every platform) and the draws used for row
//! assignments are integer-only: [`below`] uses rejection sampling on `u64`s,
//! so no floating-point library difference can change a result.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// The engine's generator for a user-facing seed.
pub fn seeded(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// A uniform integer in `0..n` (returns 0 when `n == 0`), by rejection:
/// draws `u64`s until one falls below the largest multiple of `n`.
pub fn below(rng: &mut impl RngCore, n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let x = rng.next_u64();
        if x < zone {
            return x % n;
        }
    }
}

/// Fisher–Yates shuffle with [`below`]: the same permutation everywhere.
pub fn shuffle<T>(rng: &mut impl RngCore, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// A uniform `f64` in `[0, 1)` from the top 53 bits of one `u64` (exact, no
/// libm). For simulations; assignments use [`below`].
pub fn unit_f64(rng: &mut impl RngCore) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Golden values: the first five `below(100)` draws for seed 7. Asserted by
/// the native tests and by the wasm tests in Chromium; if they change, every
/// published seed changes meaning.
pub const GOLDEN_BELOW_100_SEED_7: [u64; 5] = [35, 94, 45, 43, 40];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = seeded(42);
        let mut b = seeded(42);
        let xs: Vec<u64> = (0..10).map(|_| below(&mut a, 1000)).collect();
        let ys: Vec<u64> = (0..10).map(|_| below(&mut b, 1000)).collect();
        assert_eq!(xs, ys);
    }

    /// Golden values: if these change, every published seed changes meaning.
    #[test]
    fn golden_first_draws() {
        let mut r = seeded(7);
        let xs: Vec<u64> = (0..5).map(|_| below(&mut r, 100)).collect();
        assert_eq!(xs, GOLDEN_BELOW_100_SEED_7);
        let mut v: Vec<u32> = (0..10).collect();
        shuffle(&mut seeded(1), &mut v);
        let mut sorted = v.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn below_edge_cases() {
        let mut r = seeded(0);
        assert_eq!(below(&mut r, 0), 0);
        assert_eq!(below(&mut r, 1), 0);
        let u = unit_f64(&mut r);
        assert!((0.0..1.0).contains(&u));
    }
}

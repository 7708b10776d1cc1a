//! The exact probability of a class-by-split count table under a random
//! split (a multivariate hypergeometric), in double-double arithmetic with
//! exact power-of-two rescaling: IEEE `+ − × ÷` only, so every platform
//! computes the same bits.

use std::collections::BTreeMap;

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

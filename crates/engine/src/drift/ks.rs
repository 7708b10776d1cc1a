//! The two-sample Kolmogorov–Smirnov test as SciPy's `ks_2samp(a, b)`
//! computes it with its defaults (two-sided, `method="auto"`).
//!
//! `D = max |F_a(x) − F_b(x)|`. With `n₁, n₂ ≤ 10 000` the p-value is exact:
//! the share of the lattice paths from (0, 0) to (n₁, n₂) that leave the
//! band `|x/n₁ − y/n₂| < D` (Hodges' inside method with Viehmann's
//! recursion for `1 − p`; for `n₁ = n₂` the reflection sum). Above that, or
//! when the exact sum leaves [0, 1], the p-value is `kstwo.sf(D,
//! round(n₁n₂/(n₁+n₂)))`. D is found in integer arithmetic (counts times
//! the other sample's size), so ties and equal steps are exact.

use super::kolmogorov::kolmogn_sf;

/// Largest sample size for the exact p-value (`MAX_AUTO_N` in SciPy).
const MAX_EXACT_N: usize = 10_000;

/// A KS test's result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KsResult {
    pub statistic: f64,
    pub p_value: f64,
    /// Whether the p-value is exact (else asymptotic).
    pub exact: bool,
}

/// The test on two samples sorted ascending, without NaN. `None` when
/// either is empty.
pub fn ks_2samp(a: &[f64], b: &[f64]) -> Option<KsResult> {
    let (n1, n2) = (a.len(), b.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    // The largest signed difference n2·c1 − n1·c2 either way, in integers.
    let (mut i, mut j) = (0usize, 0usize);
    let (mut max_pos, mut max_neg) = (0i128, 0i128);
    let (mut at_pos, mut at_neg) = ((0usize, 0usize), (0usize, 0usize));
    while i < n1 || j < n2 {
        let x = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => break,
        };
        while i < n1 && a[i] <= x {
            i += 1;
        }
        while j < n2 && b[j] <= x {
            j += 1;
        }
        let diff = i as i128 * n2 as i128 - j as i128 * n1 as i128;
        if diff > max_pos {
            (max_pos, at_pos) = (diff, (i, j));
        }
        if -diff > max_neg {
            (max_neg, at_neg) = (-diff, (i, j));
        }
    }
    let (best, (ci, cj)) = if max_neg > max_pos {
        (max_neg, at_neg)
    } else {
        (max_pos, at_pos)
    };
    let d_float = (ci as f64 / n1 as f64 - cj as f64 / n2 as f64).abs();
    let g = gcd(n1, n2);
    if n1.max(n2) <= MAX_EXACT_N {
        let lcm = (n1 / g) as f64 * n2 as f64;
        let h = (best / g as i128) as usize;
        let d = h as f64 / lcm;
        if h == 0 {
            return Some(KsResult {
                statistic: d,
                p_value: 1.0,
                exact: true,
            });
        }
        let p = if n1 == n2 {
            outside_square(n1, h)
        } else {
            outer_inside(n1, n2, g, h)
        };
        if (0.0..=1.0).contains(&p) {
            return Some(KsResult {
                statistic: d,
                p_value: p,
                exact: true,
            });
        }
    }
    let (m, n) = (n1.max(n2) as f64, n1.min(n2) as f64);
    let en = round_half_even(m * n / (m + n)).max(1.0);
    Some(KsResult {
        statistic: d_float,
        p_value: kolmogn_sf(en as u64, d_float).clamp(0.0, 1.0),
        exact: false,
    })
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - x.signum()
    } else {
        r
    }
}

/// `P(D_{n,n} ≥ h/n)`: `2 (A₀ (1 − A₁ (1 − A₂ (…))))`, each `A_k` a ratio of
/// binomials built from `h` simple factors (SciPy's
/// `_compute_prob_outside_square`).
fn outside_square(n: usize, h: usize) -> f64 {
    let mut p = 0.0;
    let mut k = (n / h) as i64;
    let (nf, hf) = (n as f64, h as f64);
    while k >= 0 {
        let kf = k as f64;
        let mut p1 = 1.0;
        for j in 0..h {
            let jf = j as f64;
            p1 = (nf - kf * hf - jf) * p1 / (nf + kf * hf + jf + 1.0);
        }
        p = p1 * (1.0 - p);
        k -= 1;
    }
    2.0 * p
}

/// `1 −` the share of lattice paths staying strictly inside
/// `|x/m − y/n| < h/lcm`, one column at a time over a sliding window
/// (SciPy's `_compute_outer_prob_inside_method`).
fn outer_inside(m: usize, n: usize, g: usize, h: usize) -> f64 {
    let (m, n) = if m < n { (n, m) } else { (m, n) };
    let (mg, ng) = ((m / g) as i64, (n / g) as i64);
    let (h, n_i) = (h as i64, n as i64);
    let ceil_div = |a: i64, b: i64| -(-a).div_euclid(b);
    let mut minj: i64 = 0;
    let mut maxj: i64 = ceil_div(h, mg).min(n_i + 1);
    let mut curlen = maxj - minj;
    let len_a = ((2 * maxj + 2).min(n_i + 1)) as usize;
    let mut a = vec![1.0f64; len_a];
    for x in a.iter_mut().take(maxj as usize) {
        *x = 0.0;
    }
    for i in 1..=(m as i64) {
        let (lastminj, lastlen) = (minj, curlen);
        minj = ((ng * i - h).div_euclid(mg) + 1).max(0).min(n_i);
        maxj = ceil_div(ng * i + h, mg).min(n_i + 1);
        if maxj <= minj {
            return 1.0;
        }
        let mut val = if minj == 0 { 0.0 } else { 1.0 };
        let fi = i as f64;
        for jj in 0..(maxj - minj) {
            let j = (jj + minj) as f64;
            let prev = a
                .get((jj + minj - lastminj) as usize)
                .copied()
                .unwrap_or(1.0);
            val = (prev * fi + val * j) / (fi + j);
            if let Some(slot) = a.get_mut(jj as usize) {
                *slot = val;
            }
        }
        curlen = maxj - minj;
        if lastlen > curlen {
            let from = (maxj - minj) as usize;
            let to = (from + (lastlen - curlen) as usize).min(a.len());
            for x in a.iter_mut().take(to).skip(from) {
                *x = 1.0;
            }
        }
    }
    a.get((maxj - minj - 1) as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_samples_match_scipy_exactly() {
        // ks_2samp([1,2,3],[4,5,6,7,8]): D = 1, p = 2/C(8,3) = 0.03571428571428571
        let r = ks_2samp(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0, 7.0, 8.0]).unwrap_or(KsResult {
            statistic: 0.0,
            p_value: 0.0,
            exact: false,
        });
        assert_eq!(r.statistic, 1.0);
        assert!((r.p_value - 0.035_714_285_714_285_71).abs() < 1e-15);
        assert!(r.exact);
        // identical samples: D = 0, p = 1
        let same = ks_2samp(&[1.0, 2.0, 2.0], &[1.0, 2.0, 2.0]).map(|r| r.p_value);
        assert_eq!(same, Some(1.0));
        assert_eq!(ks_2samp(&[], &[1.0]), None);
    }

    #[test]
    fn equal_sizes_use_the_reflection_sum() {
        // ks_2samp([0,1,2,3],[2,3,4,5]): D = 0.5, p = 0.6857142857142857
        let p = ks_2samp(&[0.0, 1.0, 2.0, 3.0], &[2.0, 3.0, 4.0, 5.0]).map(|r| r.p_value);
        assert!(p.is_some_and(|p| (p - 0.771_428_571_428_571_6).abs() < 1e-15));
    }
}

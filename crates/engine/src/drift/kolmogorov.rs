//! The one-sample Kolmogorov–Smirnov distribution, for the two-sample
//! test's large-sample p-value: SciPy's `kstwo.sf(d, n)` (`_kolmogn` in
//! `scipy/stats/_ksstats.py`, after Simard & L'Ecuyer 2011), branch for
//! branch, and the one-sided `smirnov(n, x)` it calls (cephes'
//! `kolmogorov.c`, the Birnbaum–Tingey sum).
//!
//! The branches: Ruben–Gambino's closed forms at the ends; `2·smirnov` for
//! large `n x²` or `x ≥ ½`; the Durbin matrix (Marsaglia–Tsang–Wang) for
//! small `n`; Pelz–Good's asymptotic series otherwise. Where SciPy uses
//! Pomeranz's recursion (`n ≤ 140`, `0.754693 < n x² ≤ 4`), this uses the
//! Durbin matrix, which is exact too: the two agree to rounding.

use super::kolmogorov_cdf::{durbin_cdf, pelz_good_cdf};
use crate::basics::math::{exp, ln};
use std::f64::consts::PI;

/// `P(D_n ≥ x)`: the two-sided one-sample KS survival function.
pub fn kolmogn_sf(n: u64, x: f64) -> f64 {
    if n == 0 || x.is_nan() {
        return f64::NAN;
    }
    let nf = n as f64;
    if x >= 1.0 {
        return 0.0;
    }
    if x <= 0.0 {
        return 1.0;
    }
    let t = nf * x;
    if t <= 1.0 {
        if t <= 0.5 {
            return 1.0;
        }
        let cdf = if n <= 140 {
            (1..=n).fold(1.0, |p, i| p * (i as f64 * (1.0 / nf) * (2.0 * t - 1.0)))
        } else {
            exp(log_factorial_over_power(nf) + nf * ln(2.0 * t - 1.0))
        };
        return clip(1.0 - cdf);
    }
    if t >= nf - 1.0 {
        return clip(2.0 * power(1.0 - x, n));
    }
    if x >= 0.5 {
        return clip(2.0 * smirnov_sf(n, x));
    }
    let nx2 = t * x;
    if n <= 140 {
        if nx2 <= 4.0 {
            return clip(1.0 - durbin_cdf(n, x));
        }
        return clip(2.0 * smirnov_sf(n, x));
    }
    if nx2 >= 370.0 {
        return 0.0;
    }
    if nx2 >= 2.2 {
        return clip(2.0 * smirnov_sf(n, x));
    }
    let cdf = if n <= 100_000 && nf * x * x.sqrt() <= 1.4 {
        durbin_cdf(n, x)
    } else {
        pelz_good_cdf(nf, x)
    };
    clip(1.0 - cdf)
}

fn clip(p: f64) -> f64 {
    p.clamp(0.0, 1.0)
}

/// `b^k` by squaring (exact enough: a few ulps).
fn power(b: f64, mut k: u64) -> f64 {
    let (mut base, mut acc) = (b, 1.0);
    while k > 0 {
        if k & 1 == 1 {
            acc *= base;
        }
        base *= base;
        k >>= 1;
    }
    acc
}

/// `ln(n! / nⁿ)` by Stirling's series with the `n ln n` taken out.
fn log_factorial_over_power(n: f64) -> f64 {
    const STIRLING: [f64; 8] = [
        -2.955_065_359_477_124e-2,
        6.410_256_410_256_41e-3,
        -1.917_526_917_526_917_5e-3,
        8.417_508_417_508_418e-4,
        -5.952_380_952_380_952e-4,
        7.936_507_936_507_937e-4,
        -2.777_777_777_777_778e-3,
        8.333_333_333_333_333e-2,
    ];
    let rn = 1.0 / n;
    let z = rn / n;
    let poly = STIRLING.iter().fold(0.0, |acc, &c| acc * z + c);
    ln(n) / 2.0 - n + ln(2.0 * PI) / 2.0 + rn * poly
}

/// The one-sided `P(D⁺_n ≥ x)` (SciPy's `smirnov`):
/// `x Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (1 − x − v/n)^(n−v) (x + v/n)^(v−1)`,
/// summed in log space, stopping once the remaining terms cannot matter.
pub fn smirnov_sf(n: u64, x: f64) -> f64 {
    let nf = n as f64;
    if n == 1 {
        return 1.0 - x;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x >= 1.0 {
        return 0.0;
    }
    let nx = nf * x;
    let nxfl = nx.floor();
    let alpha = nx - nxfl;
    if nxfl == 0.0 || (nxfl == 1.0 && alpha == 0.0) {
        return clip(1.0 - x * power(1.0 + x, n - 1));
    }
    if -2.0 * nf * x * x < -708.396_418_532_264_1 {
        return 0.0;
    }
    if nxfl >= nf - 1.0 {
        return clip(power(1.0 - x, n));
    }
    if n > 1_000_000 {
        let logp = -(6.0 * nx + 1.0).powi(2) / 18.0 / nf;
        return clip(exp(logp));
    }
    let mut last = n - nxfl as u64 - 1;
    if alpha == 0.0 {
        last -= 1;
    }
    let terms = last + 1;
    let mut sum = 0.0;
    let mut ln_binom = 0.0;
    for v in 0..terms {
        if v > 0 {
            ln_binom += ln((n - v + 1) as f64) - ln(v as f64);
        }
        let vf = v as f64;
        let lower = (nf - vf) / nf - x;
        let upper = vf / nf + x;
        let term = exp(ln_binom + (nf - vf) * ln(lower) + (vf - 1.0) * ln(upper));
        sum += term;
        if term != 0.0 {
            if 4.0 * (terms - v) as f64 * term < f64::EPSILON * sum && v != terms - 1 {
                break;
            }
        } else if v > n / 2 {
            break;
        }
    }
    clip(x * sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kstwo_sf_matches_scipy_on_each_branch() {
        // scipy.stats.kstwo.sf(x, n), scipy 1.15.3
        let cases = [
            (5u64, 0.05, 1.0),
            (5, 0.15, 0.9988),
            (100, 0.1, 0.252_692_757_006_387_4),
            (100, 0.3, 1.771_986_989_266_291_7e-8),
            (5_000, 0.01, 0.695_455_725_391_385_3),
            (5_000, 0.03, 2.415_923_442_266_681_7e-4),
            (200_000, 0.002, 0.399_950_853_690_381),
            (50, 0.6, 9.634_070_456_142_374e-18),
            (120, 0.12, 0.057_968_670_227_184_39),
            (1_000, 0.005, 1.0),
        ];
        for (n, x, want) in cases {
            let got = kolmogn_sf(n, x);
            assert!(
                (got - want).abs() <= 1e-6_f64.max(want * 1e-6),
                "n={n} x={x}: {got} vs {want}"
            );
        }
    }
}

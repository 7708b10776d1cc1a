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

/// `P(D_n < d)` by the Durbin matrix: `n!/nⁿ · (Hⁿ)_{kk}`, `k = ⌈nd⌉`,
/// with the powers rescaled by 2^128 as they grow.
fn durbin_cdf(n: u64, d: f64) -> f64 {
    let nd = n as f64 * d;
    if d >= 1.0 {
        return 1.0;
    }
    if nd <= 0.5 {
        return 0.0;
    }
    let k = nd.ceil() as usize;
    let h = k as f64 - nd;
    let m = 2 * k - 1;
    let mut v = vec![0.0; m];
    let mut w = vec![0.0; m];
    let (mut fac, mut hp) = (1.0, 1.0);
    for j in 1..=m {
        hp *= h;
        w[j - 1] = fac;
        fac /= j as f64;
        v[j - 1] = (1.0 - hp) * fac;
    }
    let tt = power((2.0 * h - 1.0).max(0.0), m as u64) - 2.0 * hp;
    v[m - 1] = (1.0 + tt) * fac;
    let mut hm = vec![0.0; m * m];
    for i in 1..m {
        for r in (i - 1)..m {
            hm[r * m + i] = w[r - (i - 1)];
        }
    }
    for r in 0..m {
        hm[r * m] = v[r];
    }
    for c in 0..m {
        hm[(m - 1) * m + c] = v[m - 1 - c];
    }
    let mut acc = vec![0.0; m * m];
    for i in 0..m {
        acc[i * m + i] = 1.0;
    }
    const SCALE: f64 = 3.402_823_669_209_385e38; // 2^128
    let (mut nn, mut expnt, mut h_expnt) = (n, 0i64, 0i64);
    while nn > 0 {
        if nn % 2 == 1 {
            acc = matmul(&acc, &hm, m);
            expnt += h_expnt;
        }
        hm = matmul(&hm, &hm, m);
        h_expnt *= 2;
        if hm[(k - 1) * m + k - 1].abs() > SCALE {
            hm.iter_mut().for_each(|x| *x /= SCALE);
            h_expnt += 128;
        }
        nn /= 2;
    }
    let mut p = acc[(k - 1) * m + k - 1];
    let nf = n as f64;
    for i in 1..=n {
        p = i as f64 * p / nf;
        if p.abs() < 1.0 / SCALE {
            p *= SCALE;
            expnt -= 128;
        }
    }
    clip(p * 2f64.powi(expnt.clamp(-2000, 2000) as i32))
}

fn matmul(a: &[f64], b: &[f64], m: usize) -> Vec<f64> {
    let mut out = vec![0.0; m * m];
    for i in 0..m {
        for l in 0..m {
            let x = a[i * m + l];
            if x != 0.0 {
                for j in 0..m {
                    out[i * m + j] += x * b[l * m + j];
                }
            }
        }
    }
    out
}

/// Pelz–Good's approximation of `P(D_n ≤ x)`: Kolmogorov's limit plus
/// three correction terms in `1/√n`, with Jacobi-theta sums for small `z`.
fn pelz_good_cdf(n: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let pi2 = PI * PI;
    let (pi4, pi6) = (pi2 * pi2, pi2 * pi2 * pi2);
    let z = n.sqrt() * x;
    let (z2, z3, z4, z6) = (z * z, z * z * z, z * z * z * z, z * z * z * z * z * z);
    let qlog = -pi2 / 8.0 / z2;
    if qlog < -708.0 {
        return 0.0;
    }
    let q = exp(qlog);
    let k1a = -z2;
    let k1b = pi2 / 4.0;
    let k2a = 6.0 * z6 + 2.0 * z4;
    let k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0;
    let k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    let k3d = pi6 * (5.0 - 30.0 * z2) / 64.0;
    let k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0;
    let k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0;
    let k3a = -30.0 * z6 - 90.0 * z6 * z2;
    let mut k = [0.0f64; 4];
    let maxk = (16.0 * z / PI).ceil() as i64;
    for kk in (1..=maxk).rev() {
        let mf = (2 * kk - 1) as f64;
        let (m2, m4, m6) = (mf * mf, mf * mf * mf * mf, mf * mf * mf * mf * mf * mf);
        let qpower = exp(qlog * 8.0 * kk as f64);
        let coeffs = [
            1.0,
            k1a + k1b * m2,
            k2a + k2b * m2 + k2c * m4,
            k3a + k3b * m2 + k3c * m4 + k3d * m6,
        ];
        for (ki, c) in k.iter_mut().zip(coeffs) {
            *ki = *ki * qpower + c;
        }
    }
    let sqrt2pi = (2.0 * PI).sqrt();
    let divisors = [z, 6.0 * z4, 72.0 * z6 * z, 6480.0 * z6 * z4];
    for (ki, dv) in k.iter_mut().zip(divisors) {
        *ki = *ki * q * sqrt2pi / dv;
    }
    let q2log = -pi2 / 2.0 / z2;
    let sqrt3z = 3f64.sqrt() * z;
    let (mut k2extra, mut k3extra) = (0.0, 0.0);
    for kk in (1..=maxk).rev() {
        let ks = kk as f64;
        let ks2 = ks * ks;
        let qp = exp(q2log * ks2);
        let kspi = PI * ks;
        k2extra += ks2 * qp;
        k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
    }
    k[2] += k2extra * pi2 * sqrt2pi / (-36.0 * z3);
    k[3] += k3extra * pi2 * sqrt2pi / (216.0 * z6);
    let sqrt_n = n.sqrt();
    let powers = [1.0, sqrt_n, n, n * sqrt_n];
    k.iter().zip(powers).map(|(ki, p)| ki / p).sum()
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

//! The two CDFs of the one-sample KS statistic that
//! [`super::kolmogorov::kolmogn_sf`] takes complements of: the Durbin
//! matrix (exact, for small `n d`) and Pelz–Good's asymptotic series.

use crate::basics::math::exp;
use std::f64::consts::PI;

fn clip(p: f64) -> f64 {
    p.clamp(0.0, 1.0)
}

/// `b^k` by squaring.
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

/// `P(D_n < d)` by the Durbin matrix: `n!/nⁿ · (Hⁿ)_{kk}`, `k = ⌈nd⌉`,
/// with the powers rescaled by 2^128 as they grow.
pub fn durbin_cdf(n: u64, d: f64) -> f64 {
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
pub fn pelz_good_cdf(n: f64, x: f64) -> f64 {
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

//! The drift methods, as Evidently's legacy stattests (0.7) define them,
//! and its default choice (`docs/cli.md`, `mlops drift`).
//!
//! Each gives a score compared with a threshold: a p-value for the tests
//! (`ks`: drift when p ≤ t; `chisquare`, `z`: when p < t; default 0.05),
//! a distance for the rest (drift when d ≥ t; default 0.1).

use super::binning::fill_zeros;
pub use super::binning::{bin_edges, bin_labels, binned};
use super::ks::ks_2samp;
use super::sample::Pair;
use crate::basics::math::ln;
use crate::basics::special::{chi2_sf, normal_cdf};
use crate::basics::stats::population_std;
use crate::table::ColumnKind;
use serde::{Deserialize, Serialize};

/// A drift method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Ks,
    Chisquare,
    Z,
    Wasserstein,
    Jensenshannon,
    Psi,
    Kl,
}

/// Every method, in the order the page lists them.
pub const METHODS: [Method; 7] = [
    Method::Ks,
    Method::Chisquare,
    Method::Z,
    Method::Wasserstein,
    Method::Jensenshannon,
    Method::Psi,
    Method::Kl,
];

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Ks => "ks",
            Method::Chisquare => "chisquare",
            Method::Z => "z",
            Method::Wasserstein => "wasserstein",
            Method::Jensenshannon => "jensenshannon",
            Method::Psi => "psi",
            Method::Kl => "kl",
        }
    }

    pub fn parse(name: &str) -> Option<Method> {
        METHODS.into_iter().find(|m| m.name() == name)
    }

    /// Whether the score is a p-value (small means drift).
    pub fn is_test(self) -> bool {
        matches!(self, Method::Ks | Method::Chisquare | Method::Z)
    }

    /// Whether the method needs numbers (KS and Wasserstein do).
    pub fn needs_numbers(self) -> bool {
        matches!(self, Method::Ks | Method::Wasserstein)
    }

    pub fn default_threshold(self) -> f64 {
        if self.is_test() {
            0.05
        } else {
            0.1
        }
    }

    /// Whether `score` is drift at `threshold`.
    pub fn drifted(self, score: f64, threshold: f64) -> bool {
        match self {
            Method::Ks => score <= threshold,
            Method::Chisquare | Method::Z => score < threshold,
            _ => score >= threshold,
        }
    }
}

/// Evidently's default: with a reference of 1000 values or fewer, `ks` for
/// a numeric column with more than 5 distinct values (both samples), else
/// `chisquare` above 2 distinct values, else `z`; above 1000, `wasserstein`
/// for numeric columns with more than 5 distinct values, else
/// `jensenshannon`.
pub fn default_method(pair: &Pair) -> Method {
    let numeric_many = pair.kind == ColumnKind::Numeric && pair.distinct() > 5;
    if pair.reference_len() <= 1000 {
        if numeric_many {
            Method::Ks
        } else if pair.distinct() > 2 {
            Method::Chisquare
        } else {
            Method::Z
        }
    } else if numeric_many {
        Method::Wasserstein
    } else {
        Method::Jensenshannon
    }
}

/// The method's score on the pair; `None` when undefined (a chi-square
/// with one category, a numbers-only method on text).
pub fn score(method: Method, pair: &Pair) -> Option<f64> {
    match method {
        Method::Ks => {
            let (r, c) = pair.numbers()?;
            ks_2samp(r, c).map(|k| k.p_value)
        }
        Method::Wasserstein => {
            let (r, c) = pair.numbers()?;
            let norm = population_std(r)?.max(0.001);
            wasserstein(r, c).map(|w| w / norm)
        }
        Method::Chisquare => chi_square(pair),
        Method::Z => z_test(pair),
        Method::Jensenshannon => {
            let (r, c) = binned(pair);
            Some(jensen_shannon(&r, &c))
        }
        Method::Psi => {
            let (r, c) = binned(pair);
            let (r, c) = (fill_zeros(r), fill_zeros(c));
            Some(r.iter().zip(&c).map(|(&a, &b)| (a - b) * ln(a / b)).sum())
        }
        Method::Kl => {
            let (r, c) = binned(pair);
            Some(kl(&fill_zeros(r), &fill_zeros(c)))
        }
    }
}

/// The first Wasserstein distance of two sorted samples:
/// `∫ |F_r(x) − F_c(x)| dx` over the merged values (SciPy's
/// `wasserstein_distance`).
pub fn wasserstein(r: &[f64], c: &[f64]) -> Option<f64> {
    if r.is_empty() || c.is_empty() {
        return None;
    }
    let (nr, nc) = (r.len() as f64, c.len() as f64);
    let (mut i, mut j, mut total) = (0usize, 0usize, 0.0);
    let mut prev: Option<f64> = None;
    while i < r.len() || j < c.len() {
        let x = match (r.get(i), c.get(j)) {
            (Some(&a), Some(&b)) if a <= b => a,
            (Some(_), Some(&b)) => b,
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => break,
        };
        if let Some(p) = prev {
            total += (i as f64 / nr - j as f64 / nc).abs() * (x - p);
        }
        // Step past one value (ties give zero-width steps, as SciPy's do).
        if r.get(i) == Some(&x) {
            i += 1;
        } else {
            j += 1;
        }
        prev = Some(x);
    }
    Some(total)
}

/// Pearson's chi-square of the current counts against the reference's
/// scaled to the current size (`k − 1` degrees of freedom); a category
/// only in current gives an infinite statistic, p = 0.
fn chi_square(pair: &Pair) -> Option<f64> {
    let scale = pair.current_len() as f64 / pair.reference_len() as f64;
    let k = pair.distinct();
    if k < 2 || !scale.is_finite() {
        return None;
    }
    let counts = pair.counts();
    let stat: f64 = counts
        .reference
        .iter()
        .zip(&counts.current)
        .map(|(&r, &o)| {
            let e = r as f64 * scale;
            let d = o as f64 - e;
            d * d / e
        })
        .sum();
    if stat.is_infinite() {
        return Some(0.0);
    }
    Some(chi2_sf(stat, (k - 1) as f64))
}

/// Two-proportion z-test on the share of the first category (label order),
/// two-sided: `2 (1 − Φ(|z|))`, `z = (p_r − p_c) / √(P(1−P)(1/n_r + 1/n_c))`;
/// 1 when both samples hold the same single value.
fn z_test(pair: &Pair) -> Option<f64> {
    let (nr, nc) = (pair.reference_len() as f64, pair.current_len() as f64);
    if nr == 0.0 || nc == 0.0 {
        return None;
    }
    if pair.distinct() == 1 {
        return Some(1.0);
    }
    let p1 = *pair.counts().reference.first()? as f64 / nr;
    let p2 = *pair.counts().current.first()? as f64 / nc;
    let pooled = (p1 * nr + p2 * nc) / (nr + nc);
    let z = (p1 - p2) / (pooled * (1.0 - pooled) * (1.0 / nr + 1.0 / nc)).sqrt();
    Some(2.0 * (1.0 - normal_cdf(z.abs())))
}

/// `x ln(x/y)`, 0 for `x = 0` (SciPy's `rel_entr`).
fn rel_entr(x: f64, y: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x * ln(x / y)
    }
}

fn normalized(v: &[f64]) -> Vec<f64> {
    let sum: f64 = v.iter().sum();
    v.iter().map(|x| x / sum).collect()
}

/// SciPy's `jensenshannon(p, q)` (natural log): `√((KL(p‖m) + KL(q‖m))/2)`,
/// `m = (p + q)/2`, after scaling each to sum 1.
pub fn jensen_shannon(p: &[f64], q: &[f64]) -> f64 {
    let (p, q) = (normalized(p), normalized(q));
    let js: f64 = p
        .iter()
        .zip(&q)
        .map(|(&a, &b)| {
            let m = (a + b) / 2.0;
            rel_entr(a, m) + rel_entr(b, m)
        })
        .sum();
    (js / 2.0).sqrt()
}

/// SciPy's `entropy(p, q)`: `Σ p ln(p/q)` after scaling each to sum 1.
fn kl(p: &[f64], q: &[f64]) -> f64 {
    let (p, q) = (normalized(p), normalized(q));
    p.iter().zip(&q).map(|(&a, &b)| rel_entr(a, b)).sum()
}

//! The bins of Evidently's binned distances (Jensen–Shannon, PSI, KL):
//! Sturges' edges over both samples for a numeric column with more than 20
//! distinct reference values, else one bin per value; and PSI's and KL's
//! zero filling.

use super::sample::Pair;
use crate::basics::stats::{histogram_counts, histogram_edges, sturges_bins};

/// Each sample's shares per bin: Sturges' bins over both samples for a
/// numeric column with more than 20 distinct reference values, else one
/// bin per value.
pub fn binned(pair: &Pair) -> (Vec<f64>, Vec<f64>) {
    let (nr, nc) = (pair.reference_len() as f64, pair.current_len() as f64);
    if let (Some((r, c)), true) = (pair.raw(), pair.reference_distinct_above(20)) {
        let edges = bin_edges(r, c);
        let share = |v: &[f64], n: f64| -> Vec<f64> {
            histogram_counts(v, &edges)
                .into_iter()
                .map(|k| k as f64 / n)
                .collect()
        };
        return (share(r, nr), share(c, nc));
    }
    let share = |counts: &[u64], n: f64| counts.iter().map(|&k| k as f64 / n).collect();
    (
        share(&pair.counts().reference, nr),
        share(&pair.counts().current, nc),
    )
}

/// The names of [`binned`]'s bins: each bin's lower edge for Sturges'
/// bins, else the values.
pub fn bin_labels(pair: &Pair) -> Vec<String> {
    match (pair.raw(), pair.reference_distinct_above(20)) {
        (Some((r, c)), true) => edge_labels(&bin_edges(r, c)),
        _ => pair.value_labels(),
    }
}

/// Each bin named by its lower edge: 3 decimals on a range under 10, else 1.
pub fn edge_labels(edges: &[f64]) -> Vec<String> {
    let range = edges.last().copied().unwrap_or(0.0) - edges.first().copied().unwrap_or(0.0);
    let decimals = if range.abs() < 10.0 { 3 } else { 1 };
    edges[..edges.len().saturating_sub(1)]
        .iter()
        .map(|&e| crate::basics::decimal::fixed(e, decimals))
        .collect()
}

/// numpy's `histogram_bin_edges(concat(r, c), bins="sturges")`.
pub fn bin_edges(r: &[f64], c: &[f64]) -> Vec<f64> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in [r, c] {
        for &x in v {
            lo = lo.min(x);
            hi = hi.max(x);
        }
    }
    let bins = sturges_bins(r.len() + c.len(), lo, hi);
    histogram_edges(lo, hi, bins)
}

/// Evidently's zero filling: empty bins get 0.0001, or the smallest
/// non-zero share / 10⁶ when that share is 0.0001 or less.
pub fn fill_zeros(mut shares: Vec<f64>) -> Vec<f64> {
    let smallest = shares
        .iter()
        .copied()
        .filter(|&s| s != 0.0)
        .fold(f64::INFINITY, f64::min);
    let fill = if smallest <= 0.0001 {
        smallest / 1e6
    } else {
        0.0001
    };
    for s in shares.iter_mut().filter(|s| **s == 0.0) {
        *s = fill;
    }
    shares
}

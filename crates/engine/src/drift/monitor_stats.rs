//! NannyML's univariate distance: the Jensen–Shannon distance of a batch
//! to the reference, with the bins fitted on the reference alone (Sturges'
//! edges for numeric columns with more than 20 distinct values, values
//! beyond them counted in the end bins; else one bin per reference value
//! plus one for values the reference never had).

use crate::basics::stats::{histogram_edges, sturges_bins};
use crate::table::Column;

/// Bins fitted on a reference column.
#[derive(Debug, Clone, PartialEq)]
pub enum RefBins {
    Edges {
        edges: Vec<f64>,
        reference: Vec<f64>,
    },
    Values {
        values: Vec<String>,
        reference: Vec<f64>,
    },
}

fn numbers(c: &Column) -> Vec<f64> {
    (0..c.len()).filter_map(|r| c.number(r)).collect()
}

fn texts(c: &Column) -> Vec<String> {
    (0..c.len())
        .filter_map(|r| c.text(r).map(|t| t.into_owned()))
        .collect()
}

fn edge_shares(edges: &[f64], values: &[f64]) -> Vec<f64> {
    let bins = edges.len().saturating_sub(1).max(1);
    let mut counts = vec![0u64; bins];
    for &x in values {
        // The bin whose edges bound x; beyond the ends, the end bins.
        let k = edges
            .partition_point(|&e| e <= x)
            .saturating_sub(1)
            .min(bins - 1);
        counts[k] += 1;
    }
    shares(&counts)
}

fn shares(counts: &[u64]) -> Vec<f64> {
    let n: u64 = counts.iter().sum();
    counts
        .iter()
        .map(|&c| if n == 0 { 0.0 } else { c as f64 / n as f64 })
        .collect()
}

fn value_shares(values: &[String], sample: &[String]) -> Vec<f64> {
    let mut counts = vec![0u64; values.len() + 1];
    for v in sample {
        let k = values.binary_search(v).unwrap_or(values.len());
        counts[k] += 1;
    }
    shares(&counts)
}

/// Fits the bins on the reference column.
pub fn fit_bins(c: &Column) -> RefBins {
    let nums = numbers(c);
    let mut distinct = nums.clone();
    crate::basics::sort::sort_f64(&mut distinct);
    distinct.dedup();
    if nums.len() == c.len() - c.missing_count() && !nums.is_empty() && distinct.len() > 20 {
        let (lo, hi) = (distinct[0], distinct[distinct.len() - 1]);
        let edges = histogram_edges(lo, hi, sturges_bins(nums.len(), lo, hi));
        let reference = edge_shares(&edges, &nums);
        return RefBins::Edges { edges, reference };
    }
    let sample = texts(c);
    let refs: Vec<&str> = sample.iter().map(String::as_str).collect();
    let values: Vec<String> = crate::basics::sort::distinct_strings(&refs)
        .into_iter()
        .map(str::to_string)
        .collect();
    let reference = value_shares(&values, &sample);
    RefBins::Values { values, reference }
}

/// The batch column's Jensen–Shannon distance (natural log) to the
/// reference; `None` when the batch has no values.
pub fn js_to_reference(bins: &RefBins, c: &Column) -> Option<f64> {
    let (reference, current) = match bins {
        RefBins::Edges { edges, reference } => {
            let nums = numbers(c);
            if nums.is_empty() {
                return None;
            }
            (reference, edge_shares(edges, &nums))
        }
        RefBins::Values { values, reference } => {
            let sample = texts(c);
            if sample.is_empty() {
                return None;
            }
            (reference, value_shares(values, &sample))
        }
    };
    // A reference with no values has no distribution to compare with.
    if reference.iter().sum::<f64>() == 0.0 {
        return None;
    }
    Some(super::stattests::jensen_shannon(reference, &current))
}

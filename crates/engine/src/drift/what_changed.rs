//! What a simulated drift changed, shown before any monitor speaks: for one
//! feature, its distribution before the change (the reference the stream is
//! drawn from) and after it (the batches from the change point on, pooled),
//! and the label's positive rate in each of the feature's bins, before and
//! after. Data drift moves the first (P(x)); concept drift moves only the
//! second (P(y | x)); a prior shift moves the rate in every bin alike.
//!
//! Bins: Sturges' edges over both sides for a numeric feature with more
//! than 20 distinct reference values (the drift chart's bins), else one bin
//! per value; a `missing` bin when either side has missing values (a
//! quality drift shows there).

use super::binning::bin_edges;
use crate::basics::error::{EngineError, Result};
use crate::table::{Column, ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// The feature's shares and the label's rates per bin, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatChanged {
    pub feature: String,
    pub change_at: u32,
    /// The bins' names: a numeric bin by its lower edge, else the value.
    pub bins: Vec<String>,
    /// Share of rows in each bin: the reference, and the batches from the
    /// change on.
    pub before: Vec<f64>,
    pub after: Vec<f64>,
    /// The binary target and its positive label (the second of its two
    /// classes in label order); `None` when there is no binary target.
    pub target: Option<String>,
    pub positive: Option<String>,
    /// The positive rate among each bin's labelled rows (`None`: none).
    pub rate_before: Vec<Option<f64>>,
    pub rate_after: Vec<Option<f64>>,
    pub rows_before: u64,
    pub rows_after: u64,
}

/// How rows fall into bins.
enum Binning {
    Edges(Vec<f64>),
    Values(Vec<String>),
}

impl Binning {
    fn fit(sides: &[&[&Column]; 2]) -> Binning {
        let numbers = |cols: &[&Column]| -> Vec<f64> {
            cols.iter()
                .flat_map(|c| (0..c.len()).filter_map(|r| c.number(r)))
                .collect()
        };
        let numeric = sides
            .iter()
            .all(|cols| cols.iter().all(|c| c.kind() == ColumnKind::Numeric));
        if numeric {
            let (r, c) = (numbers(sides[0]), numbers(sides[1]));
            let mut distinct = r.clone();
            crate::basics::sort::sort_f64(&mut distinct);
            distinct.dedup();
            if distinct.len() > 20 {
                return Binning::Edges(bin_edges(&r, &c));
            }
        }
        let mut values: Vec<String> = Vec::new();
        for cols in sides {
            for c in *cols {
                for r in 0..c.len() {
                    if let Some(t) = c.text(r) {
                        if !values.iter().any(|v| *v == t) {
                            values.push(t.into_owned());
                        }
                    }
                }
            }
        }
        // Numbers in numeric order, other values in label order.
        if numeric {
            values.sort_by(|a, b| {
                let (x, y) = (a.parse::<f64>(), b.parse::<f64>());
                match (x, y) {
                    (Ok(x), Ok(y)) => x.total_cmp(&y),
                    _ => a.cmp(b),
                }
            });
        } else {
            values.sort();
        }
        Binning::Values(values)
    }

    fn len(&self) -> usize {
        match self {
            Binning::Edges(e) => e.len().saturating_sub(1),
            Binning::Values(v) => v.len(),
        }
    }

    fn labels(&self) -> Vec<String> {
        match self {
            Binning::Edges(edges) => super::binning::edge_labels(edges),
            Binning::Values(v) => v.clone(),
        }
    }

    /// The bin of `row` in `column`; `None` when missing.
    fn bin(&self, column: &Column, row: usize) -> Option<usize> {
        match self {
            Binning::Edges(edges) => {
                let x = column.number(row)?;
                let n = edges.len().checked_sub(1).filter(|&n| n > 0)?;
                let i = edges.partition_point(|&e| e <= x).saturating_sub(1);
                Some(i.min(n - 1))
            }
            Binning::Values(values) => {
                let t = column.text(row)?;
                values.iter().position(|v| *v == t)
            }
        }
    }
}

/// Per-bin rows and positive labels over one side's tables.
struct Tally {
    rows: Vec<u64>,
    labelled: Vec<u64>,
    positive: Vec<u64>,
    total: u64,
}

fn tally(
    binning: &Binning,
    bins: usize,
    tables: &[&Table],
    feature: &str,
    target: Option<(&str, &str)>,
) -> Result<Tally> {
    let mut t = Tally {
        rows: vec![0; bins],
        labelled: vec![0; bins],
        positive: vec![0; bins],
        total: 0,
    };
    for table in tables {
        let column = table.column(feature)?;
        let target = target
            .map(|(name, positive)| table.column(name).map(|c| (c, positive)))
            .transpose()?;
        for r in 0..table.n_rows {
            t.total += 1;
            // Missing values fall in the last bin (`missing`) when there is one.
            let b = binning.bin(column, r).unwrap_or(bins - 1);
            t.rows[b] += 1;
            if let Some((c, positive)) = target {
                if let Some(label) = c.text(r) {
                    t.labelled[b] += 1;
                    t.positive[b] += u64::from(label == positive);
                }
            }
        }
    }
    Ok(t)
}

/// The binary target's positive label (the second of its two classes).
fn positive_label(reference: &Table, target: &str) -> Option<String> {
    let index = reference.column(target).ok()?.class_index();
    let labels: Vec<&String> = index.labels.iter().filter(|l| !l.is_empty()).collect();
    (labels.len() == 2).then(|| labels[1].clone())
}

/// What the stream's change did to `feature` (and to `target`'s rate across
/// its bins): `reference` before, `batches[change_at - 1..]` after.
pub fn what_changed(
    reference: &Table,
    batches: &[(String, Table)],
    change_at: u32,
    feature: &str,
    target: Option<&str>,
) -> Result<WhatChanged> {
    let after: Vec<&Table> = batches
        .iter()
        .skip(change_at.saturating_sub(1) as usize)
        .map(|(_, t)| t)
        .collect();
    if after.is_empty() {
        return Err(EngineError::bad_request(
            "no simulated batch comes after the change: simulate a stream first",
        ));
    }
    let ref_col = reference.column(feature)?;
    let after_cols = after
        .iter()
        .map(|t| t.column(feature))
        .collect::<Result<Vec<_>>>()?;
    let binning = Binning::fit(&[&[ref_col], &after_cols]);
    let mut bins = binning.len();
    let mut labels = binning.labels();
    let missing = ref_col.missing_count() > 0 || after_cols.iter().any(|c| c.missing_count() > 0);
    if missing || bins == 0 {
        bins += 1;
        labels.push("missing".into());
    }
    let positive = target.and_then(|t| positive_label(reference, t));
    let judged = target.zip(positive.as_deref());
    let before = tally(&binning, bins, &[reference], feature, judged)?;
    let after = tally(&binning, bins, &after, feature, judged)?;
    let shares = |t: &Tally| {
        t.rows
            .iter()
            .map(|&k| k as f64 / t.total.max(1) as f64)
            .collect()
    };
    let rates = |t: &Tally| -> Vec<Option<f64>> {
        t.labelled
            .iter()
            .zip(&t.positive)
            .map(|(&n, &p)| (judged.is_some() && n > 0).then(|| p as f64 / n as f64))
            .collect()
    };
    Ok(WhatChanged {
        feature: feature.into(),
        change_at,
        bins: labels,
        before: shares(&before),
        after: shares(&after),
        target: judged.map(|(t, _)| t.to_string()),
        positive: judged.map(|(_, p)| p.to_string()),
        rate_before: rates(&before),
        rate_after: rates(&after),
        rows_before: before.total,
        rows_after: after.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::batch_io::batch_table;
    use crate::drift::{simulate, Scenario, Shape, SimulateRequest};

    fn defects() -> Table {
        let bytes = include_bytes!("../../data/sample-defects.csv");
        let options = crate::table::CsvOptions {
            name: "sample-defects".into(),
            delimiter: None,
        };
        crate::table::read_csv(bytes, &options).unwrap_or_else(|e| unreachable!("{e}"))
    }

    fn changed(scenario: Scenario, feature: &str) -> WhatChanged {
        let table = defects();
        let request = SimulateRequest {
            scenario,
            shape: Shape::Sudden,
            batches: 6,
            seed: 3,
            batch_rows: Some(400),
            magnitude: Some(2.0),
            feature: Some(feature.into()),
            target: Some("defect".into()),
            change_at: Some(3),
            period: None,
        };
        let (report, batches) = simulate(&table, &request).unwrap_or_else(|e| unreachable!("{e}"));
        let kept: Vec<(String, Table)> = batches
            .iter()
            .enumerate()
            .map(|(i, b)| (format!("b{i}"), batch_table(&table, b, format!("b{i}"))))
            .collect();
        what_changed(&table, &kept, report.change_at, feature, Some("defect"))
            .unwrap_or_else(|e| unreachable!("{e}"))
    }

    /// The largest difference between two lists of shares or rates.
    fn gap(a: &[f64], b: &[f64]) -> f64 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max)
    }

    fn rates(v: &[Option<f64>]) -> Vec<f64> {
        v.iter().map(|x| x.unwrap_or(0.0)).collect()
    }

    #[test]
    fn data_drift_moves_the_feature_concept_drift_moves_only_the_label_rate() {
        let data = changed(Scenario::Data, "brightness");
        let concept = changed(Scenario::Concept, "brightness");
        assert_eq!(data.positive.as_deref(), Some("1"));
        assert_eq!(data.rows_after, 4 * 400);
        assert!((data.before.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // P(x) moves under data drift, hardly under concept drift …
        assert!(gap(&data.before, &data.after) > 0.15, "{data:?}");
        assert!(gap(&concept.before, &concept.after) < 0.1, "{concept:?}");
        // … and P(y | x) moves under concept drift.
        let moved = gap(&rates(&concept.rate_before), &rates(&concept.rate_after));
        assert!(moved > 0.3, "{concept:?}");
    }

    #[test]
    fn a_quality_drift_shows_in_the_missing_bin() {
        let q = changed(Scenario::Quality, "brightness");
        assert_eq!(q.bins.last().map(String::as_str), Some("missing"));
        assert_eq!(q.before.last().copied(), Some(0.0));
        assert!(q.after.last().is_some_and(|&m| m > 0.3), "{q:?}");
    }

    #[test]
    fn no_batch_after_the_change_is_an_error() {
        let table = defects();
        assert!(what_changed(&table, &[], 1, "brightness", None).is_err());
    }
}

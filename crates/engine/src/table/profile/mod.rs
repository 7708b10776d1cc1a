//! Column profiles (`mlops profile`), with histograms and value counts for the
//! Data lab's cards.
//!
//! Definitions (`docs/cli.md`, `profile`): `missing` counts missing
//! values; `distinct` counts distinct non-missing values; `mean`, `std`
//! (sample, n - 1), `min`, `p25`/`p50`/`p75` (numpy's linear interpolation)
//! and `max` are for numeric columns only and `None` (JSON `null`) for other
//! kinds; `top` lists up to 10 most frequent values of categorical and
//! boolean columns, by count descending, then value ascending (byte order).
//!
//! Additions: `histogram` for numeric columns, with as many equal-width bins
//! as Sturges' rule gives (numpy's `bins="sturges"`: about `log2 n + 1`, so
//! 21 bins for a million rows — few enough to draw, enough to see a shape);
//! `value_counts`, the same order as `top` but up to 50, for the other kinds.
//! A statistic that is undefined is `None` with a sentence in `warnings`.

use super::{Column, ColumnData, ColumnKind, Table, MISSING_BOOL, MISSING_CODE};
mod numeric;

use serde::{Deserialize, Serialize};

/// Values listed in `top`.
pub const TOP_VALUES: usize = 10;
/// Values listed in `value_counts`.
pub const VALUE_COUNTS: usize = 50;

/// One of the most frequent values of a categorical or boolean column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopValue {
    pub value: String,
    pub count: u64,
}

/// Equal-width histogram of a numeric column: `counts[i]` values fall in
/// `[edges[i], edges[i+1])`, the last bin closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
}

/// The profile of one column; numeric statistics are `None` (JSON `null`)
/// for non-numeric columns and where undefined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub name: String,
    pub kind: ColumnKind,
    pub missing: u64,
    pub distinct: u64,
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub max: Option<f64>,
    pub top: Vec<TopValue>,
    /// Numeric columns only (an addition to the spec's fields).
    #[serde(default)]
    pub histogram: Option<Histogram>,
    /// Value counts of a categorical/boolean column, all values by count
    /// descending, capped at 50 (an addition to the spec's fields).
    #[serde(default)]
    pub value_counts: Vec<TopValue>,
}

/// `mlops profile --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileReport {
    pub rows: u64,
    pub columns: Vec<ColumnProfile>,
    pub warnings: Vec<String>,
}

/// Profiles every column of a table. The table's own warnings (from reading
/// it) come first.
pub fn profile(table: &Table) -> ProfileReport {
    profile_with_progress(table, &mut |_, _| {})
}

/// [`profile`], calling `on_column(done, total)` after each column (the
/// worker turns it into progress: sorting a large column takes a while).
pub fn profile_with_progress(
    table: &Table,
    on_column: &mut dyn FnMut(usize, usize),
) -> ProfileReport {
    let mut warnings = table.warnings.clone();
    let total = table.columns.len();
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = profile_column(c, &mut warnings);
            on_column(i + 1, total);
            p
        })
        .collect();
    ProfileReport {
        rows: table.n_rows as u64,
        columns,
        warnings,
    }
}

/// Profiles one column, adding a sentence to `warnings` for each undefined
/// statistic.
///
/// Never inlined, nor is anything it calls per row: WebAssembly engines
/// start every function in a baseline tier and swap in optimised code only
/// at its next call (there is no on-stack replacement), so one call holding
/// every column's loops would run them all unoptimised (4× slower in
/// Chromium); a call per column runs all but the first optimised.
#[inline(never)]
pub fn profile_column(column: &Column, warnings: &mut Vec<String>) -> ColumnProfile {
    let mut p = ColumnProfile {
        name: column.name.clone(),
        kind: column.kind(),
        missing: column.missing_count() as u64,
        distinct: 0,
        mean: None,
        std: None,
        min: None,
        p25: None,
        p50: None,
        p75: None,
        max: None,
        top: vec![],
        histogram: None,
        value_counts: vec![],
    };
    match &column.data {
        ColumnData::Numeric { values, missing } => {
            // Sized up front: growing by doubling copies (wasm has no mremap).
            let mut present: Vec<f64> =
                Vec::with_capacity(values.len().saturating_sub(p.missing as usize));
            present.extend(
                values
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| !missing.get(i))
                    .map(|(_, &x)| if x == 0.0 { 0.0 } else { x }),
            );
            let s = numeric::summarize(&mut present);
            match present.len() {
                0 => warnings.push(format!(
                    "column \"{}\" has no values; its statistics are null",
                    column.name
                )),
                1 => warnings.push(format!(
                    "column \"{}\" has one value; its standard deviation is null \
                     (it needs two or more)",
                    column.name
                )),
                _ => {}
            }
            p.mean = s.mean;
            p.std = s.std;
            p.distinct = s.distinct;
            p.min = s.min;
            p.max = s.max;
            p.p25 = s.p25;
            p.p50 = s.p50;
            p.p75 = s.p75;
            p.histogram = s.histogram;
        }
        ColumnData::Categorical { codes, dictionary } => {
            let mut counts = vec![0u64; dictionary.len()];
            for &c in codes {
                if c != MISSING_CODE {
                    if let Some(n) = counts.get_mut(c as usize) {
                        *n += 1;
                    }
                }
            }
            let ranked = rank(dictionary.iter().zip(counts).map(|(v, n)| (v.as_str(), n)));
            fill_counts(&mut p, ranked);
        }
        ColumnData::Boolean { values } => {
            let mut counts = [0u64; 2];
            for &v in values {
                if v != MISSING_BOOL {
                    if let Some(n) = counts.get_mut(usize::from(v)) {
                        *n += 1;
                    }
                }
            }
            let ranked = rank([("false", counts[0]), ("true", counts[1])].into_iter());
            fill_counts(&mut p, ranked);
        }
    }
    p
}

/// Values that occur, by count descending, then value ascending.
fn rank<'a>(counts: impl Iterator<Item = (&'a str, u64)>) -> Vec<TopValue> {
    let ranked: Vec<(&str, u64)> = counts.filter(|&(_, n)| n > 0).collect();
    let order = crate::basics::sort::sorted_indices(ranked.len(), &|a, b| {
        ranked[b]
            .1
            .cmp(&ranked[a].1)
            .then_with(|| ranked[a].0.cmp(ranked[b].0))
    });
    order
        .into_iter()
        .map(|i| ranked[i])
        .map(|(v, n)| TopValue {
            value: v.to_string(),
            count: n,
        })
        .collect()
}

fn fill_counts(p: &mut ColumnProfile, mut ranked: Vec<TopValue>) {
    p.distinct = ranked.len() as u64;
    ranked.truncate(VALUE_COUNTS);
    p.top = ranked.iter().take(TOP_VALUES).cloned().collect();
    p.value_counts = ranked;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{read_csv, CsvOptions};

    fn prof(text: &str) -> ProfileReport {
        profile(&read_csv(text.as_bytes(), &CsvOptions::default()).unwrap())
    }

    #[test]
    fn numeric_statistics() {
        let r = prof("x\n1\n2\n3\n4\nNA\n");
        let c = &r.columns[0];
        assert_eq!(r.rows, 5);
        assert_eq!((c.missing, c.distinct), (1, 4));
        assert_eq!(c.mean, Some(2.5));
        assert_eq!(c.std, Some((5.0f64 / 3.0).sqrt()));
        assert_eq!(
            (c.min, c.p25, c.p50, c.p75, c.max),
            (Some(1.0), Some(1.75), Some(2.5), Some(3.25), Some(4.0))
        );
        assert!(c.top.is_empty());
        let h = c.histogram.as_ref().unwrap();
        assert_eq!(h.counts.iter().sum::<u64>(), 4);
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn one_value_has_null_std_and_a_warning() {
        let r = prof("x,y\n5,\n,\n");
        assert_eq!(r.columns[0].std, None);
        assert_eq!(r.columns[0].mean, Some(5.0));
        assert_eq!(r.columns[1].mean, None);
        assert_eq!(r.columns[1].distinct, 0);
        assert_eq!(r.warnings.len(), 2);
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"std\":null"));
        assert!(!json.contains("NaN"));
    }

    #[test]
    fn top_by_count_then_value() {
        let r = prof("c,b\nb,true\na,false\nb,TRUE\nc,\na,true\n,false\n");
        let c = &r.columns[0];
        assert_eq!(c.kind, ColumnKind::Categorical);
        assert_eq!((c.missing, c.distinct), (1, 3));
        let top: Vec<(&str, u64)> = c.top.iter().map(|t| (t.value.as_str(), t.count)).collect();
        assert_eq!(top, vec![("a", 2), ("b", 2), ("c", 1)]);
        assert_eq!(c.mean, None);
        assert!(c.histogram.is_none());
        let b = &r.columns[1];
        assert_eq!(b.kind, ColumnKind::Boolean);
        let top: Vec<(&str, u64)> = b.top.iter().map(|t| (t.value.as_str(), t.count)).collect();
        assert_eq!(top, vec![("true", 3), ("false", 2)]);
    }

    #[test]
    fn top_is_capped_at_ten_and_value_counts_at_fifty() {
        let mut text = String::from("c\n");
        for i in 0..60 {
            for _ in 0..(i % 3 + 1) {
                text.push_str(&format!("v{i:02}\n"));
            }
        }
        let r = prof(&text);
        assert_eq!(r.columns[0].distinct, 60);
        assert_eq!(r.columns[0].top.len(), 10);
        assert_eq!(r.columns[0].value_counts.len(), 50);
        assert_eq!(r.columns[0].top[0].value, "v02");
    }
}

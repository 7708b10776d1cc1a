//! One column's reference and current values, ready for every test: the
//! sorted numbers (numeric columns) and the count of each distinct value
//! over the union of both samples (every column).
//!
//! Missing values are dropped first, as Evidently does (`dropna` on each
//! series), so every size here counts the values left. A column numeric in
//! one file and text in the other is compared as categories (by its text).

use crate::basics::sort::{distinct_strings, sort_f64};
use crate::table::{Column, ColumnData, ColumnKind};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

/// Each distinct value of both samples with each sample's count.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    /// The distinct texts, sorted (text columns; empty for numeric ones).
    pub labels: Vec<String>,
    /// The distinct numbers, ascending (numeric columns).
    pub values: Vec<f64>,
    /// Counts per distinct value, in `labels` or `values` order.
    pub reference: Vec<u64>,
    pub current: Vec<u64>,
    /// Distinct values in the reference alone.
    pub reference_distinct: usize,
}

/// The reference's and the current numbers, borrowed when nothing is missing.
type Samples<'a> = (Cow<'a, [f64]>, Cow<'a, [f64]>);

/// The two samples of one column. A numeric column's sort and its
/// distinct values are computed when a method first needs them (KS and
/// Wasserstein need the sort; the binned distances do not).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair<'a> {
    pub kind: ColumnKind,
    raw: Option<Samples<'a>>,
    sorted: OnceCell<(Vec<f64>, Vec<f64>)>,
    counts: OnceCell<Counts>,
    lens: (u64, u64),
}

impl<'a> Pair<'a> {
    pub fn reference_len(&self) -> u64 {
        self.lens.0
    }

    pub fn current_len(&self) -> u64 {
        self.lens.1
    }

    /// Both samples' numbers as read (numeric columns).
    pub fn raw(&self) -> Option<(&[f64], &[f64])> {
        self.raw.as_ref().map(|(r, c)| (r.as_ref(), c.as_ref()))
    }

    /// Both samples' numbers, sorted ascending (numeric columns).
    pub fn numbers(&self) -> Option<&(Vec<f64>, Vec<f64>)> {
        let (r, c) = self.raw.as_ref()?;
        Some(self.sorted.get_or_init(|| {
            let (mut r, mut c) = (r.to_vec(), c.to_vec());
            sort_f64(&mut r);
            sort_f64(&mut c);
            (r, c)
        }))
    }

    /// The reference's numbers sorted, if a method has sorted them.
    pub fn sorted_reference(&self) -> Option<&[f64]> {
        self.sorted.get().map(|(r, _)| r.as_slice())
    }

    /// Gives the reference's numbers already sorted (a monitor compares one
    /// reference with many batches): only the current sample is sorted
    /// when a method needs the sort. Ignored unless `sorted` holds as many
    /// numbers as the reference.
    pub fn preset_sorted_reference(&mut self, sorted: &[f64]) {
        let Some((r, c)) = self.raw.as_ref() else {
            return;
        };
        if r.len() != sorted.len() || self.sorted.get().is_some() {
            return;
        }
        let mut c = c.to_vec();
        sort_f64(&mut c);
        let _ = self.sorted.set((sorted.to_vec(), c));
    }

    /// The distinct values and their counts.
    pub fn counts(&self) -> &Counts {
        self.counts.get_or_init(|| match self.numbers() {
            Some((r, c)) => numeric_counts(r, c),
            None => Counts::default(),
        })
    }

    /// Distinct values in both samples together.
    pub fn distinct(&self) -> usize {
        self.counts().reference.len()
    }

    /// Whether the reference holds more than `limit` distinct values (a
    /// numeric column is checked without sorting, stopping at `limit + 1`).
    pub fn reference_distinct_above(&self, limit: usize) -> bool {
        match (&self.raw, self.counts.get()) {
            (_, Some(c)) => c.reference_distinct > limit,
            (Some((r, _)), None) => {
                let mut seen = HashSet::new();
                r.iter().any(|x| {
                    seen.insert((x + 0.0).to_bits());
                    seen.len() > limit
                })
            }
            (None, None) => false,
        }
    }

    /// The distinct values as text, in order.
    pub fn value_labels(&self) -> Vec<String> {
        let c = self.counts();
        if self.raw.is_some() {
            c.values
                .iter()
                .map(|&x| crate::table::format_number(x))
                .collect()
        } else {
            c.labels.clone()
        }
    }

    fn numeric(reference: Cow<'a, [f64]>, current: Cow<'a, [f64]>) -> Self {
        let lens = (reference.len() as u64, current.len() as u64);
        Pair {
            kind: ColumnKind::Numeric,
            raw: Some((reference, current)),
            sorted: OnceCell::new(),
            counts: OnceCell::new(),
            lens,
        }
    }

    fn categorical(
        kind: ColumnKind,
        reference: &[(String, u64)],
        current: &[(String, u64)],
    ) -> Self {
        let all: Vec<&str> = reference
            .iter()
            .chain(current.iter())
            .map(|(t, _)| t.as_str())
            .collect();
        let labels: Vec<&str> = distinct_strings(&all);
        let index: HashMap<&str, usize> = labels.iter().enumerate().map(|(i, &l)| (l, i)).collect();
        let count = |values: &[(String, u64)]| {
            let mut counts = vec![0u64; labels.len()];
            for (v, n) in values {
                if let Some(&i) = index.get(v.as_str()) {
                    counts[i] += n;
                }
            }
            counts
        };
        let (rc, cc) = (count(reference), count(current));
        let counts = Counts {
            labels: labels.into_iter().map(str::to_string).collect(),
            values: Vec::new(),
            reference_distinct: rc.iter().filter(|&&c| c > 0).count(),
            reference: rc,
            current: cc,
        };
        let lens = (counts.reference.iter().sum(), counts.current.iter().sum());
        Pair {
            kind,
            raw: None,
            sorted: OnceCell::new(),
            counts: OnceCell::from(counts),
            lens,
        }
    }
}

/// The distinct values of two sorted samples, merged, with their counts.
fn numeric_counts(reference: &[f64], current: &[f64]) -> Counts {
    let mut out = Counts::default();
    let (mut i, mut j) = (0, 0);
    while i < reference.len() || j < current.len() {
        let x = match (reference.get(i), current.get(j)) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => break,
        };
        let (si, sj) = (i, j);
        while i < reference.len() && reference[i] == x {
            i += 1;
        }
        while j < current.len() && current[j] == x {
            j += 1;
        }
        if i > si {
            out.reference_distinct += 1;
        }
        out.values.push(x);
        out.reference.push((i - si) as u64);
        out.current.push((j - sj) as u64);
    }
    out
}

/// The numbers of a numeric column without its missing values.
fn numbers(column: &Column) -> Option<Cow<'_, [f64]>> {
    match &column.data {
        // No missing value: no NaN either (the table's invariant).
        ColumnData::Numeric { values, missing } if missing.count_ones() == 0 => {
            Some(Cow::Borrowed(values.as_slice()))
        }
        ColumnData::Numeric { values, missing } => Some(Cow::Owned(
            values
                .iter()
                .enumerate()
                .filter(|&(i, x)| !missing.get(i) && !x.is_nan())
                .map(|(_, &x)| x)
                .collect(),
        )),
        _ => None,
    }
}

/// Each present value's text with its count (codes counted, not
/// strings copied: a million-row text column costs one pass).
fn text_counts(column: &Column) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = match &column.data {
        ColumnData::Categorical { codes, dictionary } => {
            let mut n = vec![0u64; dictionary.len()];
            for &c in codes {
                if let Some(slot) = n.get_mut(c as usize) {
                    *slot += 1;
                }
            }
            dictionary.iter().cloned().zip(n).collect()
        }
        ColumnData::Boolean { values } => {
            let mut n = [0u64; 2];
            for &v in values {
                if let Some(slot) = n.get_mut(v as usize) {
                    *slot += 1;
                }
            }
            vec![("false".to_string(), n[0]), ("true".to_string(), n[1])]
        }
        ColumnData::Numeric { .. } => {
            let mut map: HashMap<String, u64> = HashMap::new();
            for row in 0..column.len() {
                if let Some(t) = column.text(row) {
                    *map.entry(t.into_owned()).or_insert(0) += 1;
                }
            }
            map.into_iter().collect()
        }
    };
    counts.retain(|(_, n)| *n > 0);
    counts
}

/// The pair for one column of both files, and whether the kinds disagreed
/// (then it is compared as categories).
pub fn pair<'a>(reference: &'a Column, current: &'a Column) -> (Pair<'a>, bool) {
    match (numbers(reference), numbers(current)) {
        (Some(r), Some(c)) => (Pair::numeric(r, c), false),
        (r, c) => {
            let mixed = r.is_some() || c.is_some() || reference.kind() != current.kind();
            let kind = if mixed {
                ColumnKind::Categorical
            } else {
                reference.kind()
            };
            (
                Pair::categorical(kind, &text_counts(reference), &text_counts(current)),
                mixed,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Bitmap;

    fn num(values: &[f64]) -> Column {
        let mut missing = Bitmap::new();
        for v in values {
            missing.push(v.is_nan());
        }
        Column {
            name: "x".into(),
            data: ColumnData::Numeric {
                values: values.to_vec(),
                missing,
            },
        }
    }

    #[test]
    fn numeric_pairs_count_the_union_without_missing_values() {
        let (r, c) = (num(&[2.0, 1.0, f64::NAN, 2.0]), num(&[3.0, 2.0]));
        let (p, mixed) = pair(&r, &c);
        assert!(!mixed);
        assert_eq!(p.value_labels(), ["1", "2", "3"]);
        assert_eq!(p.counts().reference, [1, 2, 0]);
        assert_eq!(p.counts().current, [0, 1, 1]);
        assert_eq!((p.reference_len(), p.current_len()), (3, 2));
        assert_eq!(p.counts().reference_distinct, 2);
        assert!(p.reference_distinct_above(1) && !p.reference_distinct_above(2));
    }
}

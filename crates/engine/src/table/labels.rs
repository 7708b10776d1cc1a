//! Class labels of a target column, in the order the spec gives: numerically
//! when every label is a number, else lexicographically (byte order).

use super::{Column, ColumnData, MISSING_BOOL, MISSING_CODE};

/// Per-row class codes into `labels`. A missing target value is its own class,
/// labelled `""`, counted in `missing`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassIndex {
    pub codes: Vec<u32>,
    pub labels: Vec<String>,
    pub missing: usize,
}

impl ClassIndex {
    pub fn n_classes(&self) -> usize {
        self.labels.len()
    }

    /// Rows per class, in `labels` order.
    pub fn counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.labels.len()];
        for &c in &self.codes {
            if let Some(n) = counts.get_mut(c as usize) {
                *n += 1;
            }
        }
        counts
    }

    pub fn of_column(column: &Column) -> ClassIndex {
        // First collect the raw label of each row as a key into a local list.
        let n = column.len();
        let mut raw: Vec<String> = Vec::new();
        let mut raw_codes: Vec<u32> = Vec::with_capacity(n);
        let mut missing = 0usize;
        match &column.data {
            ColumnData::Categorical { codes, dictionary } => {
                raw = dictionary.clone();
                let missing_slot = raw.len() as u32;
                for &c in codes {
                    if c == MISSING_CODE {
                        missing += 1;
                        raw_codes.push(missing_slot);
                    } else {
                        raw_codes.push(c);
                    }
                }
                raw.push(String::new());
            }
            ColumnData::Boolean { values } => {
                raw = vec!["false".into(), "true".into(), String::new()];
                for &v in values {
                    if v == MISSING_BOOL {
                        missing += 1;
                    }
                    raw_codes.push(u32::from(v.min(2)));
                }
            }
            ColumnData::Numeric { .. } => {
                let mut seen: std::collections::HashMap<u64, u32> = Default::default();
                let missing_slot = u32::MAX;
                for row in 0..n {
                    match column.number(row) {
                        None => {
                            missing += 1;
                            raw_codes.push(missing_slot);
                        }
                        Some(x) => {
                            let x = if x == 0.0 { 0.0 } else { x };
                            let next = raw.len() as u32;
                            let code = *seen.entry(x.to_bits()).or_insert_with(|| {
                                raw.push(super::format_number(x));
                                next
                            });
                            raw_codes.push(code);
                        }
                    }
                }
                let slot = raw.len() as u32;
                for c in raw_codes.iter_mut() {
                    if *c == missing_slot {
                        *c = slot;
                    }
                }
                raw.push(String::new());
            }
        }
        // Keep only labels that occur, then sort them.
        let mut used = vec![false; raw.len()];
        for &c in &raw_codes {
            if let Some(u) = used.get_mut(c as usize) {
                *u = true;
            }
        }
        let mut present: Vec<usize> = (0..raw.len()).filter(|&i| used[i]).collect();
        let order = sort_labels(&present.iter().map(|&i| raw[i].as_str()).collect::<Vec<_>>());
        present = order.iter().map(|&k| present[k]).collect();
        let mut remap = vec![u32::MAX; raw.len()];
        for (new, &old) in present.iter().enumerate() {
            remap[old] = new as u32;
        }
        ClassIndex {
            codes: raw_codes.iter().map(|&c| remap[c as usize]).collect(),
            labels: present.iter().map(|&i| raw[i].clone()).collect(),
            missing,
        }
    }
}

/// The order (indices into `labels`) in which labels are listed: numerically
/// when all non-empty labels parse as numbers, else lexicographically. The
/// missing label `""` always comes first.
pub fn sort_labels(labels: &[&str]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..labels.len()).collect();
    let numbers: Option<Vec<f64>> = labels
        .iter()
        .map(|l| {
            if l.is_empty() {
                Some(f64::NEG_INFINITY)
            } else {
                l.trim().parse::<f64>().ok().filter(|x| x.is_finite())
            }
        })
        .collect();
    match numbers {
        Some(nums) => crate::basics::sort::sort_indices(&mut idx, &|a, b| {
            nums[a].total_cmp(&nums[b]).then(labels[a].cmp(labels[b]))
        }),
        None => crate::basics::sort::sort_indices(&mut idx, &|a, b| labels[a].cmp(labels[b])),
    }
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_labels_sort_numerically() {
        let labels = ["10", "2", "1"];
        let order = sort_labels(&labels);
        assert_eq!(order, vec![2, 1, 0]);
    }

    #[test]
    fn text_labels_sort_lexicographically() {
        let labels = ["cat", "Dog", "ant"];
        let order: Vec<&str> = sort_labels(&labels).iter().map(|&i| labels[i]).collect();
        assert_eq!(order, vec!["Dog", "ant", "cat"]);
    }

    #[test]
    fn class_index_of_categorical_with_missing() {
        let col = Column {
            name: "y".into(),
            data: ColumnData::Categorical {
                codes: vec![0, 1, MISSING_CODE, 0],
                dictionary: vec!["b".into(), "a".into()],
            },
        };
        let ci = col.class_index();
        assert_eq!(ci.labels, vec!["", "a", "b"]);
        assert_eq!(ci.codes, vec![2, 1, 0, 2]);
        assert_eq!(ci.missing, 1);
        assert_eq!(ci.counts(), vec![1, 1, 2]);
    }

    #[test]
    fn class_index_of_numeric() {
        let mut missing = super::super::Bitmap::new();
        for m in [false, false, false, true] {
            missing.push(m);
        }
        let col = Column {
            name: "y".into(),
            data: ColumnData::Numeric {
                values: vec![1.0, 0.0, 1.0, f64::NAN],
                missing,
            },
        };
        let ci = col.class_index();
        assert_eq!(ci.labels, vec!["", "0", "1"]);
        assert_eq!(ci.codes, vec![2, 1, 2, 0]);
    }
}

/// The positive class among sorted labels (`docs/cli.md`, metrics):
/// `1`, else `true`/`yes` (any case), else the last label. `None` when empty.
pub fn positive_index(labels: &[String]) -> Option<usize> {
    labels
        .iter()
        .position(|l| l == "1")
        .or_else(|| {
            labels
                .iter()
                .position(|l| l.eq_ignore_ascii_case("true") || l.eq_ignore_ascii_case("yes"))
        })
        .or_else(|| labels.len().checked_sub(1))
}

#[cfg(test)]
mod positive_tests {
    use super::positive_index;

    #[test]
    fn positive_label_rule() {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(positive_index(&l(&["0", "1"])), Some(1));
        assert_eq!(positive_index(&l(&["False", "True"])), Some(1));
        assert_eq!(positive_index(&l(&["no", "yes"])), Some(1));
        assert_eq!(positive_index(&l(&["benign", "malignant"])), Some(1));
        assert_eq!(positive_index(&l(&["1", "2", "3"])), Some(0));
        assert_eq!(positive_index(&[]), None);
    }
}

//! The four scenarios of `mlops simulate`, each as a plan fitted on the
//! reference: how to draw a row and how to change it at a strength.
//!
//! - `data`: a numeric feature moves by `m·s·σ` (σ the reference's sample
//!   std); a categorical one loses a `0.5·m·s` share of its most frequent
//!   category to the others, in proportion to their reference shares (a
//!   negative m moves rows the other way).
//! - `concept`: where the feature is above its reference median, the binary
//!   target flips with probability `0.5·m·s`.
//! - `prior`: a row is positive with probability `p + 0.5·m·s·(1 − p)`
//!   (`p + 0.5·m·s·p` for m < 0), then drawn within its class.
//! - `quality`: the feature is missing with probability `0.5·m·s`.

use super::simulate::SimulateRequest;
use crate::basics::error::{EngineError, Result};
use crate::basics::rng::{below, unit_f64};
use crate::basics::stats::{quantile_sorted, sample_std};
use crate::table::{positive_index, ColumnData, Table, MISSING_CODE};
use rand_core::RngCore;
use serde::{Deserialize, Serialize};

/// What changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scenario {
    Data,
    Concept,
    Prior,
    Quality,
}

/// One row's edit of the batch's column.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Keep,
    Number(f64),
    Text(String),
    Missing,
}

/// A scenario fitted on the reference.
pub enum Plan<'a> {
    Shift {
        column: usize,
        values: &'a [f64],
        missing: &'a crate::table::Bitmap,
        delta: f64,
    },
    Recategorize {
        column: usize,
        codes: &'a [u32],
        dictionary: &'a [String],
        top: u32,
        top_share: f64,
        others: Vec<(u32, f64)>,
        m: f64,
    },
    Concept {
        column: usize,
        above: Vec<bool>,
        codes: Vec<u32>,
        labels: [String; 2],
        m: f64,
    },
    Prior {
        column: usize,
        classes: [Vec<u32>; 2],
        p: f64,
        m: f64,
    },
    Quality {
        column: usize,
        m: f64,
    },
}

fn column_index(table: &Table, name: &Option<String>, flag: &str, scenario: &str) -> Result<usize> {
    let name = name
        .as_ref()
        .ok_or_else(|| EngineError::bad_request(format!("--scenario {scenario} needs {flag}")))?;
    table.column(name)?;
    Ok(table
        .columns
        .iter()
        .position(|c| &c.name == name)
        .unwrap_or(0))
}

/// Fits the scenario's plan on the reference.
pub fn plan<'a>(
    table: &'a Table,
    r: &SimulateRequest,
    m: f64,
    warnings: &mut Vec<String>,
) -> Result<Plan<'a>> {
    let name = match r.scenario {
        Scenario::Data => "data",
        Scenario::Concept => "concept",
        Scenario::Prior => "prior",
        Scenario::Quality => "quality",
    };
    match r.scenario {
        Scenario::Data => {
            let column = column_index(table, &r.feature, "--feature", name)?;
            match &table.columns[column].data {
                ColumnData::Numeric { values, missing } => {
                    let present: Vec<f64> = values
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !missing.get(*i))
                        .map(|(_, &x)| x)
                        .collect();
                    let sd = sample_std(&present).unwrap_or_else(|| {
                        warnings.push(
                            "the feature's standard deviation is undefined (one value): no shift"
                                .into(),
                        );
                        0.0
                    });
                    Ok(Plan::Shift {
                        column,
                        values,
                        missing,
                        delta: m * sd,
                    })
                }
                ColumnData::Categorical { codes, dictionary } => {
                    let mut counts = vec![0u64; dictionary.len()];
                    codes
                        .iter()
                        .filter(|&&c| c != MISSING_CODE)
                        .for_each(|&c| counts[c as usize] += 1);
                    let total: u64 = counts.iter().sum();
                    let top = (0..counts.len())
                        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
                        .unwrap_or(0);
                    let others_total = (total - counts.get(top).copied().unwrap_or(0)) as f64;
                    let mut acc = 0.0;
                    let others = (0..counts.len())
                        .filter(|&i| i != top && counts[i] > 0)
                        .map(|i| {
                            acc += counts[i] as f64 / others_total;
                            (i as u32, acc)
                        })
                        .collect::<Vec<_>>();
                    if others.is_empty() {
                        warnings.push(
                            "the feature has one category: nothing to move its rows to".into(),
                        );
                    }
                    let top_share =
                        counts.get(top).copied().unwrap_or(0) as f64 / total.max(1) as f64;
                    Ok(Plan::Recategorize {
                        column,
                        codes,
                        dictionary,
                        top: top as u32,
                        top_share,
                        others,
                        m,
                    })
                }
                ColumnData::Boolean { .. } => Err(EngineError::bad_request(
                    "--scenario data shifts numeric or categorical features; this one is boolean",
                )),
            }
        }
        Scenario::Concept => {
            let feature = column_index(table, &r.feature, "--feature", name)?;
            let column = column_index(table, &r.target, "--target", name)?;
            let f = &table.columns[feature];
            let mut present: Vec<f64> = (0..table.n_rows).filter_map(|i| f.number(i)).collect();
            if present.is_empty() {
                return Err(EngineError::unusable(
                    &table.name,
                    format!(
                        "--feature '{}' has no numbers: concept drift needs a numeric feature",
                        f.name
                    ),
                ));
            }
            crate::basics::sort::sort_f64(&mut present);
            let median = quantile_sorted(&present, 0.5).unwrap_or(0.0);
            let above = (0..table.n_rows)
                .map(|i| f.number(i).is_some_and(|x| x > median))
                .collect();
            let (codes, labels) = binary_target(table, column)?;
            Ok(Plan::Concept {
                column,
                above,
                codes,
                labels,
                m,
            })
        }
        Scenario::Prior => {
            let column = column_index(table, &r.target, "--target", name)?;
            let index = table.columns[column].class_index();
            let labels: Vec<String> = index
                .labels
                .iter()
                .filter(|l| !l.is_empty())
                .cloned()
                .collect();
            let positive = positive_index(&labels)
                .and_then(|i| index.labels.iter().position(|l| *l == labels[i]));
            let Some(positive) = positive.filter(|_| labels.len() >= 2) else {
                return Err(EngineError::unusable(
                    &table.name,
                    format!(
                        "--target '{}' needs two classes for a prior shift",
                        table.columns[column].name
                    ),
                ));
            };
            let mut classes = [Vec::new(), Vec::new()];
            for (row, &c) in index.codes.iter().enumerate() {
                if index.labels.get(c as usize).is_some_and(|l| !l.is_empty()) {
                    classes[usize::from(c as usize == positive)].push(row as u32);
                }
            }
            let p = classes[1].len() as f64 / (classes[0].len() + classes[1].len()) as f64;
            Ok(Plan::Prior {
                column,
                classes,
                p,
                m,
            })
        }
        Scenario::Quality => Ok(Plan::Quality {
            column: column_index(table, &r.feature, "--feature", name)?,
            m,
        }),
    }
}

/// A binary target's class per row (`u32::MAX` when missing) and its two labels.
fn binary_target(table: &Table, column: usize) -> Result<(Vec<u32>, [String; 2])> {
    let index = table.columns[column].class_index();
    let present: Vec<usize> = (0..index.labels.len())
        .filter(|&i| !index.labels[i].is_empty())
        .collect();
    if present.len() != 2 {
        return Err(EngineError::unusable(
            &table.name,
            format!(
                "--target '{}' has {} classes: concept drift flips a binary target",
                table.columns[column].name,
                present.len()
            ),
        ));
    }
    let codes = index
        .codes
        .iter()
        .map(|&c| {
            present
                .iter()
                .position(|&p| p == c as usize)
                .map_or(u32::MAX, |i| i as u32)
        })
        .collect();
    Ok((
        codes,
        [
            index.labels[present[0]].clone(),
            index.labels[present[1]].clone(),
        ],
    ))
}

impl Plan<'_> {
    /// The column a batch edits.
    pub fn column(&self) -> usize {
        match self {
            Plan::Shift { column, .. }
            | Plan::Recategorize { column, .. }
            | Plan::Concept { column, .. }
            | Plan::Prior { column, .. }
            | Plan::Quality { column, .. } => *column,
        }
    }

    /// The row to draw when the scenario decides it (prior shift), else `None`
    /// (a uniform draw from the reference).
    pub fn draw_row(&self, s: f64, rng: &mut impl RngCore) -> Option<u32> {
        let Plan::Prior { classes, p, m, .. } = self else {
            return None;
        };
        if s == 0.0 {
            return None;
        }
        let q = 0.5 * m * s;
        let target = if q >= 0.0 {
            p + q * (1.0 - p)
        } else {
            p + q * p
        }
        .clamp(0.0, 1.0);
        let class = &classes[usize::from(unit_f64(rng) < target)];
        if class.is_empty() {
            return None;
        }
        Some(class[below(rng, class.len() as u64) as usize])
    }

    /// How row `row` changes at strength `s`.
    pub fn change(&self, row: u32, s: f64, rng: &mut impl RngCore) -> Change {
        let i = row as usize;
        if s == 0.0 {
            return Change::Keep;
        }
        match self {
            Plan::Shift {
                values,
                missing,
                delta,
                ..
            } => {
                if missing.get(i) || *delta == 0.0 {
                    Change::Keep
                } else {
                    Change::Number(values[i] + delta * s)
                }
            }
            Plan::Recategorize {
                codes,
                dictionary,
                top,
                top_share,
                others,
                m,
                ..
            } => {
                let q = 0.5 * m * s;
                let code = codes[i];
                if code == MISSING_CODE || others.is_empty() {
                    return Change::Keep;
                }
                if q >= 0.0 && code == *top {
                    if unit_f64(rng) < q {
                        let u = unit_f64(rng);
                        let pick = others
                            .iter()
                            .find(|(_, cum)| u < *cum)
                            .or(others.last())
                            .map_or(*top, |o| o.0);
                        return Change::Text(dictionary[pick as usize].clone());
                    }
                } else if q < 0.0 && code != *top {
                    let r = top_share * -q / (1.0 - top_share).max(f64::MIN_POSITIVE);
                    if unit_f64(rng) < r {
                        return Change::Text(dictionary[*top as usize].clone());
                    }
                }
                Change::Keep
            }
            Plan::Concept {
                above,
                codes,
                labels,
                m,
                ..
            } => {
                if above[i] && codes[i] < 2 && unit_f64(rng) < 0.5 * m * s {
                    Change::Text(labels[1 - codes[i] as usize].clone())
                } else {
                    Change::Keep
                }
            }
            Plan::Prior { .. } => Change::Keep,
            Plan::Quality { m, .. } => {
                if unit_f64(rng) < 0.5 * m * s {
                    Change::Missing
                } else {
                    Change::Keep
                }
            }
        }
    }
}

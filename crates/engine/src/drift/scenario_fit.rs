//! Fitting a scenario's [`Plan`] on the reference: the feature's standard
//! deviation or category shares, its median and the binary target's
//! labels (concept), the rows of each class (prior); bad settings named.

use super::scenario::{Plan, Scenario};
use super::simulate::SimulateRequest;
use crate::basics::error::{EngineError, Result};
use crate::basics::stats::{quantile_sorted, sample_std};
use crate::table::{positive_index, ColumnData, Table, MISSING_CODE};

/// The index of the column a setting (`feature`, `target`) names; the
/// error names the setting, which the CLI prints as its flag and the page
/// as its control.
fn column_index(
    table: &Table,
    name: &Option<String>,
    setting: &str,
    scenario: &str,
) -> Result<usize> {
    let name = name.as_ref().ok_or_else(|| {
        EngineError::bad_setting(
            setting,
            format!("the {scenario} scenario needs a {setting} column"),
        )
    })?;
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
            let column = column_index(table, &r.feature, "feature", name)?;
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
                    "a data drift shifts numeric or categorical features; this feature is boolean",
                )),
            }
        }
        Scenario::Concept => {
            let feature = column_index(table, &r.feature, "feature", name)?;
            let column = column_index(table, &r.target, "target", name)?;
            let f = &table.columns[feature];
            let mut present: Vec<f64> = (0..table.n_rows).filter_map(|i| f.number(i)).collect();
            if present.is_empty() {
                return Err(EngineError::unusable(
                    &table.name,
                    format!(
                        "the feature '{}' has no numbers: concept drift needs a numeric feature",
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
            let column = column_index(table, &r.target, "target", name)?;
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
                        "the target '{}' needs two classes for a prior shift",
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
            column: column_index(table, &r.feature, "feature", name)?,
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
                "the target '{}' has {} classes: concept drift flips a binary target",
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

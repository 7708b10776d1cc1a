//! The Model lab's experiments, each a series of trainings on one split:
//! a hyperparameter sweep (train and dev metric per value), a learning
//! curve (the dev metric when training on 10%, 20%, …, 100% of the train
//! split, nested subsets drawn with a seed), and model-centric vs
//! data-centric (retrain with the rows the two annotators disagree on
//! relabelled by the second one, or left out).

use super::hyper::Hyperparameters;
use super::train::{plan, run, Plan, TrainRequest};
use crate::basics::error::{EngineError, Result};
use crate::basics::rng::{seeded, shuffle};
use crate::metrics::{MetricsBody, MetricsReport};
use crate::table::{Column, ColumnData, Table};
use serde::{Deserialize, Serialize};

/// A split's headline numbers (from its `mlops metrics` report).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Score {
    pub accuracy: Option<f64>,
    pub f1: Option<f64>,
    pub roc_auc: Option<f64>,
    pub r2: Option<f64>,
}

impl Score {
    pub fn of(report: &MetricsReport) -> Score {
        match &report.body {
            MetricsBody::Regression(m) => Score {
                r2: Some(m.r2),
                ..Score::default()
            },
            MetricsBody::Classification(c) => Score {
                accuracy: Some(c.counts.accuracy),
                f1: c
                    .positive
                    .filter(|_| c.labels.len() == 2)
                    .and_then(|p| c.counts.per_class.get(p))
                    .map(|p| p.f1),
                roc_auc: c.scores.as_ref().and_then(|s| s.roc_auc),
                r2: None,
            },
        }
    }

    /// The number experiments compare: accuracy, or R² for regression.
    pub fn main(&self) -> Option<f64> {
        self.accuracy.or(self.r2)
    }
}

/// One training of an experiment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The parameter value, the share of train rows, or the variant's index.
    pub x: f64,
    pub train_rows: u64,
    pub train: Score,
    pub dev: Score,
    pub test: Score,
    /// Why this point has no scores (a class missing from a small subset).
    pub error: Option<String>,
}

fn scores(
    table: &Table,
    plan: &Plan,
    x: f64,
    spec_params: Option<(&str, f64)>,
    rows: &[usize],
) -> Point {
    // A parameter value the kind does not take is this point's error, as
    // a failed fit is.
    let spec = match spec_params {
        Some((k, v)) => plan
            .fit
            .hyper
            .with(k, v)
            .map(|hyper| super::train::FitSpec {
                hyper,
                ..plan.fit.clone()
            }),
        None => Ok(plan.fit.clone()),
    };
    let split = |t: &super::Trained, name: &str| {
        t.splits
            .iter()
            .find(|s| s.name == name)
            .map(|s| Score::of(&s.metrics))
            .unwrap_or_default()
    };
    match spec.and_then(|spec| run(table, plan, &spec, rows)) {
        Ok(t) => {
            let dev = if plan.split_index("dev").is_some() {
                "dev"
            } else {
                "test"
            };
            Point {
                x,
                train_rows: rows.len() as u64,
                train: split(&t, "train"),
                dev: split(&t, dev),
                test: split(&t, "test"),
                error: None,
            }
        }
        Err(e) => Point {
            x,
            train_rows: rows.len() as u64,
            train: Score::default(),
            dev: Score::default(),
            test: Score::default(),
            error: Some(e.to_string()),
        },
    }
}

/// The point with the best dev score (the first of equals): the setting a
/// sweep recommends.
pub fn best(points: &[Point]) -> Option<&Point> {
    points
        .iter()
        .filter(|p| p.dev.main().is_some())
        .fold(None, |b: Option<&Point>, p| match b {
            Some(b) if b.dev.main() >= p.dev.main() => Some(b),
            _ => Some(p),
        })
}

/// Trains once per value of `param` (`C`, `max_depth`, ...).
pub fn sweep(
    table: &Table,
    req: &TrainRequest,
    param: &str,
    values: &[f64],
    progress: &mut dyn FnMut(f64),
) -> Result<Vec<Point>> {
    let plan = plan(table, req)?;
    let kind = plan.fit.hyper.kind();
    if !Hyperparameters::names(kind).contains(&param) {
        return Err(EngineError::bad_setting(
            "param",
            format!("{} has no parameter \"{param}\"", kind.as_str()),
        ));
    }
    let rows = plan.train_rows();
    let n = values.len().max(1) as f64;
    Ok(values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            progress(i as f64 / n);
            scores(table, &plan, v, Some((param, v)), &rows)
        })
        .collect())
}

/// Trains on the first 10%, 20%, ..., 100% of the train rows shuffled
/// with `seed` (each subset holds the previous one).
pub fn learning_curve(
    table: &Table,
    req: &TrainRequest,
    seed: u64,
    progress: &mut dyn FnMut(f64),
) -> Result<Vec<Point>> {
    let plan = plan(table, req)?;
    let mut rows = plan.train_rows();
    shuffle(&mut seeded(seed), &mut rows);
    Ok((1..=10)
        .map(|tenth| {
            progress((tenth - 1) as f64 / 10.0);
            let n = (rows.len() * tenth).div_ceil(10).max(1);
            let mut subset = rows[..n.min(rows.len())].to_vec();
            crate::basics::sort::sort_indices(&mut subset, &|a, b| a.cmp(&b));
            scores(table, &plan, tenth as f64 / 10.0, None, &subset)
        })
        .collect())
}

/// Model-centric vs data-centric on one split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataCentric {
    /// Train rows where the target and the annotator disagree.
    pub disagreeing: u64,
    pub as_is: Point,
    /// Those rows relabelled by the annotator (train rows only).
    pub relabelled: Point,
    /// Those rows left out of training.
    pub left_out: Point,
}

/// Retrains with the train rows the `annotator` column disagrees on
/// relabelled, then left out; dev and test keep their labels.
pub fn data_centric(
    table: &Table,
    req: &TrainRequest,
    annotator: &str,
    progress: &mut dyn FnMut(f64),
) -> Result<DataCentric> {
    let plan = plan(table, req)?;
    let target = table.column(&plan.fit.target)?;
    let other = table.column(annotator)?;
    let rows = plan.train_rows();
    let disagree: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| {
            other
                .text(r)
                .is_some_and(|a| target.text(r).is_some_and(|t| t != a))
        })
        .collect();
    let kept: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|r| disagree.binary_search(r).is_err())
        .collect();
    let relabelled_table = relabel(table, &plan.fit.target, other, &disagree)?;
    let as_is = scores(table, &plan, 0.0, None, &rows);
    progress(1.0 / 3.0);
    let relabelled = scores(&relabelled_table, &plan, 1.0, None, &rows);
    progress(2.0 / 3.0);
    Ok(DataCentric {
        disagreeing: disagree.len() as u64,
        as_is,
        relabelled,
        left_out: scores(table, &plan, 2.0, None, &kept),
    })
}

/// `table` with the target's value on `rows` replaced by `source`'s.
fn relabel(table: &Table, target: &str, source: &Column, rows: &[usize]) -> Result<Table> {
    let column = table.column(target)?;
    let mut dictionary: Vec<String> = Vec::new();
    let mut codes = Vec::with_capacity(column.len());
    for r in 0..column.len() {
        let text = if rows.binary_search(&r).is_ok() {
            source.text(r)
        } else {
            column.text(r)
        };
        codes.push(match text {
            None => crate::table::MISSING_CODE,
            Some(t) => match dictionary.iter().position(|d| *d == *t) {
                Some(i) => i as u32,
                None => {
                    dictionary.push(t.into_owned());
                    dictionary.len() as u32 - 1
                }
            },
        });
    }
    let mut out = table.clone();
    if let Some(c) = out.columns.iter_mut().find(|c| c.name == target) {
        c.data = ColumnData::Categorical { codes, dictionary };
    }
    Ok(out)
}

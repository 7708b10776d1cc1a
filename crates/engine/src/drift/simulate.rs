//! `mlops simulate`: a seeded stream of batches drawn from a reference and
//! changed by a scenario whose strength follows a shape over time
//! (`docs/cli.md`).
//!
//! Each batch samples rows with replacement ([`crate::basics::rng::below`]),
//! then edits one column per row (the feature, or the target for concept
//! drift): a batch is row indices plus edits, so it can become a table (for
//! the drift tests) or a CSV whose untouched fields keep their input text.
//! Draws happen in one fixed order from one ChaCha8 stream, so the same
//! file, options and seed give the same batches in the CLI and the browser.

use super::scenario::{Change, Scenario};
use crate::basics::error::{EngineError, Result};
use crate::basics::rng::{below, seeded, unit_f64};
use crate::table::Table;
use serde::{Deserialize, Serialize};

/// The most rows a simulation draws in all (batches × rows per batch).
pub const MAX_SIMULATED_ROWS: u64 = 50_000_000;

/// How the strength moves over the batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    Sudden,
    Incremental,
    Gradual,
    Recurring,
}

impl Shape {
    pub const ALL: [Shape; 4] = [
        Shape::Sudden,
        Shape::Incremental,
        Shape::Gradual,
        Shape::Recurring,
    ];

    /// The name `mlops simulate --shape` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Sudden => "sudden",
            Shape::Incremental => "incremental",
            Shape::Gradual => "gradual",
            Shape::Recurring => "recurring",
        }
    }

    pub fn parse(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// What to simulate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulateRequest {
    pub scenario: Scenario,
    pub shape: Shape,
    pub batches: u32,
    pub seed: u64,
    /// Rows per batch (default: the reference's rows, at most 1,000).
    pub batch_rows: Option<u32>,
    /// How far the scenario goes at full strength (default 1).
    pub magnitude: Option<f64>,
    pub feature: Option<String>,
    pub target: Option<String>,
    /// The first changed batch (default N/2 + 1).
    pub change_at: Option<u32>,
    /// `recurring`: batches per block (default 2).
    pub period: Option<u32>,
}

/// One batch in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchInfo {
    pub batch: u32,
    pub rows: u32,
    pub strength: f64,
}

/// `mlops simulate --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulateReport {
    pub scenario: Scenario,
    pub shape: Shape,
    pub seed: u64,
    pub feature: Option<String>,
    pub target: Option<String>,
    pub magnitude: f64,
    pub change_at: u32,
    pub period: u32,
    pub batches: Vec<BatchInfo>,
    pub warnings: Vec<String>,
}

/// A simulated batch: reference rows, and the edit of `column` per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Batch {
    pub rows: Vec<u32>,
    /// The edited column (index into the table's columns).
    pub column: usize,
    /// One per row (or empty: nothing changed).
    pub edits: Vec<Change>,
}

/// The strength of batch `b` (1-based) for the shape, with the change from
/// batch `k` on, out of `n`.
pub fn strength(shape: Shape, b: u32, k: u32, n: u32, period: u32) -> f64 {
    if b < k {
        return 0.0;
    }
    match shape {
        Shape::Sudden => 1.0,
        Shape::Incremental | Shape::Gradual => {
            f64::from(b - k + 1) / f64::from(n.saturating_sub(k) + 1)
        }
        Shape::Recurring => {
            if ((b - k) / period.max(1)).is_multiple_of(2) {
                1.0
            } else {
                0.0
            }
        }
    }
}

/// Runs the simulation on `table` (the reference).
pub fn simulate(table: &Table, request: &SimulateRequest) -> Result<(SimulateReport, Vec<Batch>)> {
    let n = request.batches;
    if n == 0 || n > 10_000 {
        return Err(EngineError::bad_setting(
            "batches",
            "must be between 1 and 10000",
        ));
    }
    if table.n_rows == 0 {
        return Err(EngineError::unusable(
            &table.name,
            "the reference has no rows to draw from",
        ));
    }
    let magnitude = request.magnitude.unwrap_or(1.0);
    if !magnitude.is_finite() {
        return Err(EngineError::bad_setting("magnitude", "must be a number"));
    }
    let rows = match request.batch_rows {
        Some(0) => return Err(EngineError::bad_setting("batch rows", "must be at least 1")),
        Some(m) => m.min(10_000_000),
        None => table.n_rows.min(1000) as u32,
    };
    if u64::from(n) * u64::from(rows) > MAX_SIMULATED_ROWS {
        return Err(EngineError::bad_setting(
            "batch rows",
            format!("{n} batches × {rows} rows is over {MAX_SIMULATED_ROWS} rows in all"),
        ));
    }
    let change_at = request.change_at.unwrap_or(n / 2 + 1);
    if change_at == 0 {
        return Err(EngineError::bad_setting(
            "change at",
            "counts batches from 1",
        ));
    }
    let period = request.period.unwrap_or(2);
    if period == 0 {
        return Err(EngineError::bad_setting("period", "must be at least 1"));
    }
    let mut warnings = Vec::new();
    if change_at > n {
        warnings.push(format!(
            "the change at batch {change_at} is after the last batch ({n}): nothing changes"
        ));
    }
    let plan = super::scenario_fit::plan(table, request, magnitude, &mut warnings)?;
    let mut rng = seeded(request.seed);
    let mut infos = Vec::with_capacity(n as usize);
    let mut batches = Vec::with_capacity(n as usize);
    for b in 1..=n {
        let s = strength(request.shape, b, change_at, n, period);
        let mut batch = Batch {
            column: plan.column(),
            ..Batch::default()
        };
        for _ in 0..rows {
            // Gradual: this row comes from the fully changed distribution
            // with probability s, else from the reference unchanged.
            let row_strength = match request.shape {
                Shape::Gradual if s > 0.0 => {
                    if unit_f64(&mut rng) < s {
                        1.0
                    } else {
                        0.0
                    }
                }
                _ => s,
            };
            let row = match plan.draw_row(row_strength, &mut rng) {
                Some(r) => r,
                None => below(&mut rng, table.n_rows as u64) as u32,
            };
            let change = plan.change(row, row_strength, &mut rng);
            batch.rows.push(row);
            batch.edits.push(change);
        }
        if batch.edits.iter().all(|c| *c == Change::Keep) {
            batch.edits.clear();
        }
        infos.push(BatchInfo {
            batch: b,
            rows,
            strength: s,
        });
        batches.push(batch);
    }
    let report = SimulateReport {
        scenario: request.scenario,
        shape: request.shape,
        seed: request.seed,
        feature: request.feature.clone(),
        target: request.target.clone(),
        magnitude,
        change_at,
        period,
        batches: infos,
        warnings,
    };
    Ok((report, batches))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_follow_the_spec() {
        let s = |shape, b| strength(shape, b, 6, 10, 2);
        assert_eq!(
            (1..=10).map(|b| s(Shape::Sudden, b)).collect::<Vec<_>>(),
            [0., 0., 0., 0., 0., 1., 1., 1., 1., 1.]
        );
        assert_eq!(s(Shape::Incremental, 6), 0.2);
        assert_eq!(s(Shape::Incremental, 10), 1.0);
        assert_eq!(s(Shape::Gradual, 8), 0.6);
        assert_eq!(
            (1..=10).map(|b| s(Shape::Recurring, b)).collect::<Vec<_>>(),
            [0., 0., 0., 0., 0., 1., 1., 0., 0., 1.]
        );
    }
}

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

use crate::basics::rng::{below, unit_f64};
use crate::table::MISSING_CODE;
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

impl Scenario {
    pub const ALL: [Scenario; 4] = [
        Scenario::Data,
        Scenario::Concept,
        Scenario::Prior,
        Scenario::Quality,
    ];

    /// The name `mlops simulate --scenario` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::Data => "data",
            Scenario::Concept => "concept",
            Scenario::Prior => "prior",
            Scenario::Quality => "quality",
        }
    }

    pub fn parse(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether the scenario changes a feature (else only the target).
    pub fn has_feature(self) -> bool {
        self != Scenario::Prior
    }
}

/// One row's edit of the batch's column.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Keep,
    Number(f64),
    Text(String),
    Missing,
}

/// A scenario fitted on the reference ([`super::scenario_fit::plan`]).
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

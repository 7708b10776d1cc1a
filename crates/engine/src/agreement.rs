//! Label consistency between annotators (`mlops agreement`).
//! (Stub: the statistics arrive with the Data lab.)

use crate::error::{EngineError, Result};
use crate::table::Table;
use serde::{Deserialize, Serialize};

/// Cohen's kappa of one pair of raters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairKappa {
    pub a: String,
    pub b: String,
    pub kappa: Option<f64>,
}

/// A row where the raters disagree (for the Data lab's list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    /// 0-based data row (the header is not a row).
    pub row: u64,
    /// Each rater's label, in rater order.
    pub labels: Vec<String>,
}

/// `mlops agreement --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementReport {
    pub raters: Vec<String>,
    pub rows: u64,
    pub percent_agreement: Option<f64>,
    pub cohen_kappa: Vec<PairKappa>,
    pub fleiss_kappa: Option<f64>,
    pub disagreements: u64,
    /// Up to 100 disagreeing rows (an addition to the spec's fields).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreeing_rows: Vec<Disagreement>,
    pub warnings: Vec<String>,
}

/// Agreement between the named label columns.
pub fn agreement(table: &Table, raters: &[String]) -> Result<AgreementReport> {
    if raters.len() < 2 {
        return Err(EngineError::bad_request(
            "agreement needs two or more raters",
        ));
    }
    for r in raters {
        table.column(r)?;
    }
    Err(EngineError::unusable(
        &table.name,
        "agreement not built yet",
    ))
}

//! `mlops drift`: every shared column of a reference and a current table
//! compared by its method, and the dataset-drift share rule.
//!
//! Bad input is named: no shared column, an empty current file, an
//! unknown column. A column with no values left once missing ones are
//! dropped is skipped with a warning; one numeric in a file and text in
//! the other is compared as categories, with a warning.

use super::sample::{pair, Pair};
use super::stattests::{binned, default_method, score, Method};
use crate::basics::error::{EngineError, Result};
use crate::table::{ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// What to compare and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DriftRequest {
    /// Columns to compare (default: every shared column, in the
    /// reference's order).
    pub columns: Option<Vec<String>>,
    /// One method for every column (default: Evidently's choice per column).
    pub method: Option<Method>,
    /// One threshold for every column (default: the method's).
    pub threshold: Option<f64>,
    /// Methods chosen per column (the page's switch); they win over
    /// `method`.
    pub per_column: Vec<(String, Method)>,
    /// The dataset drifts when this share of columns drifts (default 0.5).
    pub drift_share: Option<f64>,
    /// Also give each column's two distributions (for charts).
    pub distributions: bool,
}

/// One column's result.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ColumnDrift {
    pub name: String,
    pub kind: ColumnKind,
    pub method: Method,
    /// The p-value (tests) or distance; `None` when undefined.
    pub score: Option<f64>,
    pub threshold: f64,
    pub drifted: bool,
    pub reference_values: u64,
    pub current_values: u64,
    #[serde(default)]
    pub distribution: Option<Distribution>,
}

/// JSON (`mlops drift --json`) leaves out an absent distribution; the
/// worker's postcard, which has no field names to tell a missing field by,
/// always writes it (a skipped field there garbles the rest of the reply).
impl Serialize for ColumnDrift {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let readable = serializer.is_human_readable();
        let mut s = serializer.serialize_struct("ColumnDrift", 9)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("method", &self.method)?;
        s.serialize_field("score", &self.score)?;
        s.serialize_field("threshold", &self.threshold)?;
        s.serialize_field("drifted", &self.drifted)?;
        s.serialize_field("reference_values", &self.reference_values)?;
        s.serialize_field("current_values", &self.current_values)?;
        if self.distribution.is_some() || !readable {
            s.serialize_field("distribution", &self.distribution)?;
        } else {
            s.skip_field("distribution")?;
        }
        s.end()
    }
}

/// Both samples' shares per bin (the bins the binned methods use).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub labels: Vec<String>,
    pub reference: Vec<f64>,
    pub current: Vec<f64>,
}

/// The whole comparison (`mlops drift --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriftReport {
    pub reference_rows: u64,
    pub current_rows: u64,
    pub columns: Vec<ColumnDrift>,
    pub drifted_columns: u64,
    pub share: f64,
    pub dataset_drift: bool,
    pub warnings: Vec<String>,
}

/// Compares `current` with `reference`; the names are the files' (for
/// messages).
pub fn compare(
    reference: (&Table, &str),
    current: (&Table, &str),
    request: &DriftRequest,
) -> Result<DriftReport> {
    compare_cached(reference, current, request, &mut SortedCache::new())
}

/// The reference's sorted numbers by column, kept between comparisons of
/// one reference with many batches.
pub type SortedCache = std::collections::HashMap<String, Vec<f64>>;

/// [`compare`], reusing (and filling) `cache`.
pub fn compare_cached(
    reference: (&Table, &str),
    current: (&Table, &str),
    request: &DriftRequest,
    cache: &mut SortedCache,
) -> Result<DriftReport> {
    let ((rt, rname), (ct, cname)) = (reference, current);
    if let Some(t) = request.threshold.filter(|t| !t.is_finite()) {
        return Err(EngineError::bad_setting(
            "threshold",
            format!("{t} is not a number"),
        ));
    }
    let share_rule = request.drift_share.unwrap_or(0.5);
    if !(0.0..=1.0).contains(&share_rule) {
        return Err(EngineError::bad_setting(
            "drift share",
            "must be between 0 and 1",
        ));
    }
    if ct.n_rows == 0 {
        return Err(EngineError::unusable(cname, "the current file has no rows"));
    }
    if rt.n_rows == 0 {
        return Err(EngineError::unusable(
            rname,
            "the reference file has no rows",
        ));
    }
    let names = match &request.columns {
        Some(list) => {
            for n in list {
                rt.column(n)?;
                ct.column(n)?;
            }
            list.clone()
        }
        None => {
            let shared: Vec<String> = rt
                .column_names()
                .into_iter()
                .filter(|n| ct.column(n).is_ok())
                .collect();
            if shared.is_empty() {
                return Err(EngineError::unusable(
                    cname,
                    format!("no column of {cname} is also in {rname}: nothing to compare"),
                ));
            }
            shared
        }
    };
    let mut warnings = Vec::new();
    let mut columns = Vec::new();
    for name in names {
        let (mut p, mixed) = pair(rt.column(&name)?, ct.column(&name)?);
        if let Some(sorted) = cache.get(&name) {
            p.preset_sorted_reference(sorted);
        }
        if mixed {
            warnings.push(format!(
                "column '{name}' is numeric in one file and text in the other: compared as categories"
            ));
        }
        if p.reference_len() == 0 || p.current_len() == 0 {
            let which = if p.reference_len() == 0 { rname } else { cname };
            warnings.push(format!(
                "column '{name}' has no values in {which} once missing ones are dropped: not compared"
            ));
            continue;
        }
        let chosen = request
            .per_column
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, m)| m)
            .or(request.method);
        columns.push(column_drift(&name, &p, chosen, request, &mut warnings));
        if let (false, Some(sorted)) = (cache.contains_key(&name), p.sorted_reference()) {
            cache.insert(name.clone(), sorted.to_vec());
        }
    }
    if columns.is_empty() {
        return Err(EngineError::unusable(
            cname,
            "no column has values in both files",
        ));
    }
    let drifted = columns.iter().filter(|c| c.drifted).count() as u64;
    let share = drifted as f64 / columns.len() as f64;
    Ok(DriftReport {
        reference_rows: rt.n_rows as u64,
        current_rows: ct.n_rows as u64,
        columns,
        drifted_columns: drifted,
        share,
        dataset_drift: share >= share_rule,
        warnings,
    })
}

fn column_drift(
    name: &str,
    p: &Pair,
    chosen: Option<Method>,
    request: &DriftRequest,
    warnings: &mut Vec<String>,
) -> ColumnDrift {
    let mut method = chosen.unwrap_or_else(|| default_method(p));
    if method.needs_numbers() && p.raw().is_none() {
        let fallback = default_method(p);
        warnings.push(format!(
            "column '{name}' is not numeric: {} needs numbers, used {}",
            method.name(),
            fallback.name()
        ));
        method = fallback;
    }
    let threshold = request.threshold.unwrap_or(method.default_threshold());
    let value = score(method, p).filter(|s| s.is_finite());
    if value.is_none() {
        warnings.push(format!(
            "column '{name}': {} is undefined here (one category?): not drifted",
            method.name()
        ));
    }
    let distribution = request.distributions.then(|| {
        let (reference, current) = binned(p);
        Distribution {
            labels: super::stattests::bin_labels(p),
            reference,
            current,
        }
    });
    ColumnDrift {
        name: name.to_string(),
        kind: p.kind,
        method,
        score: value,
        threshold,
        drifted: value.is_some_and(|s| method.drifted(s, threshold)),
        reference_values: p.reference_len(),
        current_values: p.current_len(),
        distribution,
    }
}

//! Label consistency between annotators (`mlops agreement`).
//!
//! Why: before training on labels, a course asks how much the people who
//! wrote them agree. Labels are compared as text (`Column::text`: categories
//! as read, numbers in their shortest form, booleans as `true`/`false`), so a
//! numeric column and a categorical column of the same labels can be
//! compared. A row where any named column is missing is left out and counted
//! in a warning; `rows` counts the rows used.
//!
//! Definitions (those of scikit-learn and statsmodels, which the known-answer
//! tests pin):
//!
//! - percent agreement: rows where every rater gives the same label / rows.
//! - Cohen's kappa of raters a and b (`sklearn.metrics.cohen_kappa_score`):
//!   with the confusion matrix `C` over the labels of both,
//!   `κ = 1 - Σ_{i≠j} C_ij / Σ_{i≠j} E_ij`, where
//!   `E_ij = (Σ_k C_kj)(Σ_k C_ik) / n`, i.e. `κ = (p_o - p_e) / (1 - p_e)`.
//!   When both raters use one and the same label it is 0/0: scikit-learn
//!   returns NaN; here it is `None` (JSON `null`) with a warning.
//! - Fleiss' kappa (`statsmodels.stats.inter_rater.fleiss_kappa`,
//!   `method="fleiss"`) on the rows' category counts `n_ij` (m raters):
//!   `P_i = (Σ_j n_ij² - m) / (m (m - 1))`, `P̄ = mean P_i`,
//!   `p_j = Σ_i n_ij / (N m)`, `P_e = Σ_j p_j²`, `κ = (P̄ - P_e) / (1 - P_e)`;
//!   `None` with a warning when `P_e = 1`.

use crate::basics::error::{EngineError, Result};
use crate::table::{Column, Table};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Disagreeing rows listed in the report.
pub const DISAGREEING_ROWS: usize = 100;

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
    #[serde(default)]
    pub disagreeing_rows: Vec<Disagreement>,
    pub warnings: Vec<String>,
}

/// Agreement between the named label columns.
pub fn agreement(table: &Table, raters: &[String]) -> Result<AgreementReport> {
    if raters.len() < 2 {
        return Err(EngineError::bad_request(
            "agreement needs two or more raters (--raters a,b)",
        ));
    }
    let columns: Vec<&Column> = raters
        .iter()
        .map(|r| table.column(r))
        .collect::<Result<_>>()?;
    let m = raters.len();

    // Each row's labels as ids into `labels`; rows with a missing label out.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut labels: Vec<String> = Vec::new();
    let mut coded: Vec<u32> = Vec::with_capacity(table.n_rows * m);
    let mut kept_rows: Vec<usize> = Vec::with_capacity(table.n_rows);
    let mut left_out = 0u64;
    let mut row_ids = Vec::with_capacity(m);
    for row in 0..table.n_rows {
        row_ids.clear();
        for col in &columns {
            let Some(text) = col.text(row) else { break };
            let id = match ids.get(text.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = labels.len() as u32;
                    labels.push(text.to_string());
                    ids.insert(text.into_owned(), id);
                    id
                }
            };
            row_ids.push(id);
        }
        if row_ids.len() < m {
            left_out += 1;
            continue;
        }
        coded.extend_from_slice(&row_ids);
        kept_rows.push(row);
    }
    let n = kept_rows.len();
    let k = labels.len();
    let mut warnings = Vec::new();
    if left_out > 0 {
        warnings.push(format!(
            "{left_out} row(s) with a missing label in {} were left out",
            raters.join(", ")
        ));
    }

    // Percent agreement and disagreeing rows.
    let mut agree = 0u64;
    let mut disagreeing_rows = Vec::new();
    for (r, ids) in kept_rows.iter().zip(coded.chunks_exact(m)) {
        if ids.iter().all(|&id| id == ids[0]) {
            agree += 1;
        } else if disagreeing_rows.len() < DISAGREEING_ROWS {
            disagreeing_rows.push(Disagreement {
                row: *r as u64,
                labels: ids
                    .iter()
                    .map(|&id| labels.get(id as usize).cloned().unwrap_or_default())
                    .collect(),
            });
        }
    }
    let percent_agreement = if n == 0 {
        warnings.push("no row has a label from every rater; agreement is null".to_string());
        None
    } else {
        Some(agree as f64 / n as f64)
    };

    // Cohen's kappa per pair, in the order the raters were named.
    let mut pair_kappas = Vec::new();
    for a in 0..m {
        for b in (a + 1)..m {
            let pairs = coded.chunks_exact(m).map(|ids| (ids[a], ids[b]));
            let kappa = cohen_kappa(pairs, k);
            if kappa.is_none() && n > 0 {
                warnings.push(format!(
                    "Cohen's kappa of {} and {} is undefined (both give one and the same label); it is null",
                    raters[a], raters[b]
                ));
            }
            pair_kappas.push(PairKappa {
                a: raters[a].clone(),
                b: raters[b].clone(),
                kappa,
            });
        }
    }

    let fleiss_kappa = fleiss_kappa(&coded, m, k);
    if fleiss_kappa.is_none() && n > 0 {
        warnings
            .push("Fleiss' kappa is undefined (every label is the same); it is null".to_string());
    }

    Ok(AgreementReport {
        raters: raters.to_vec(),
        rows: n as u64,
        percent_agreement,
        cohen_kappa: pair_kappas,
        fleiss_kappa,
        disagreements: n as u64 - agree,
        disagreeing_rows,
        warnings,
    })
}

/// Cohen's kappa of label-id pairs over `k` labels (scikit-learn's
/// definition, see the module docs); `None` when undefined or empty.
pub fn cohen_kappa(pairs: impl Iterator<Item = (u32, u32)>, k: usize) -> Option<f64> {
    let mut rows = vec![0u64; k];
    let mut cols = vec![0u64; k];
    let (mut n, mut diagonal) = (0u64, 0u64);
    for (x, y) in pairs {
        *rows.get_mut(x as usize)? += 1;
        *cols.get_mut(y as usize)? += 1;
        n += 1;
        diagonal += u64::from(x == y);
    }
    if n == 0 {
        return None;
    }
    // Σ_{i≠j} E_ij = (n² - Σ_i rows_i cols_i) / n, in exact integers first.
    let same: u128 = rows
        .iter()
        .zip(&cols)
        .map(|(&r, &c)| u128::from(r) * u128::from(c))
        .sum();
    let expected_off = (u128::from(n) * u128::from(n) - same) as f64 / n as f64;
    let observed_off = (n - diagonal) as f64;
    if expected_off == 0.0 {
        return None;
    }
    Some(1.0 - observed_off / expected_off)
}

/// Fleiss' kappa of `coded` (rows of `m` label ids over `k` labels), as
/// statsmodels computes it with `method="fleiss"`; `None` when undefined.
pub fn fleiss_kappa(coded: &[u32], m: usize, k: usize) -> Option<f64> {
    if m < 2 || coded.is_empty() {
        return None;
    }
    let n_rows = coded.len() / m;
    let mut category_totals = vec![0u64; k];
    let mut counts = vec![0u64; k];
    let mut p_sum = 0.0;
    let mf = m as f64;
    for ids in coded.chunks_exact(m) {
        for &id in ids {
            *counts.get_mut(id as usize)? += 1;
        }
        let mut squares = 0u64;
        for &id in ids {
            let c = counts.get_mut(id as usize)?;
            if *c > 0 {
                squares += *c * *c;
                category_totals[id as usize] += *c;
                *c = 0;
            }
        }
        p_sum += (squares as f64 - mf) / (mf * (mf - 1.0));
    }
    let p_mean = p_sum / n_rows as f64;
    let total = (n_rows * m) as f64;
    let p_expected: f64 = category_totals
        .iter()
        .map(|&t| {
            let p = t as f64 / total;
            p * p
        })
        .sum();
    if p_expected >= 1.0 {
        return None;
    }
    Some((p_mean - p_expected) / (1.0 - p_expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{read_csv, CsvOptions};
    use approx::assert_relative_eq;

    fn table(text: &str) -> Table {
        read_csv(
            text.as_bytes(),
            &CsvOptions {
                name: "a.csv".into(),
                delimiter: None,
            },
        )
        .unwrap()
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_raters_known_kappa() {
        // sklearn.metrics.cohen_kappa_score(["a","a","b","b","a"], ["a","b","b","b","a"])
        // == 0.6153846153846154
        let t = table("x,y\na,a\na,b\nb,b\nb,b\na,a\n");
        let r = agreement(&t, &names(&["x", "y"])).unwrap();
        assert_eq!(r.rows, 5);
        assert_eq!(r.percent_agreement, Some(0.8));
        assert_eq!(r.disagreements, 1);
        assert_relative_eq!(
            r.cohen_kappa[0].kappa.unwrap(),
            0.6153846153846154,
            max_relative = 1e-12
        );
        assert_eq!(
            r.disagreeing_rows,
            vec![Disagreement {
                row: 1,
                labels: names(&["a", "b"])
            }]
        );
        assert!(r.fleiss_kappa.is_some());
    }

    #[test]
    fn missing_rows_are_left_out_with_a_warning() {
        let t = table("x,y,z\n1,1,1\n0,,1\n1,0,1\n");
        let r = agreement(&t, &names(&["x", "y", "z"])).unwrap();
        assert_eq!(r.rows, 2);
        assert_eq!(r.cohen_kappa.len(), 3);
        assert_eq!(
            (r.cohen_kappa[1].a.as_str(), r.cohen_kappa[1].b.as_str()),
            ("x", "z")
        );
        assert!(r.warnings[0].starts_with("1 row(s)"));
    }

    #[test]
    fn one_shared_label_gives_null_kappas() {
        let t = table("x,y\ncat,cat\ncat,cat\n");
        let r = agreement(&t, &names(&["x", "y"])).unwrap();
        assert_eq!(r.percent_agreement, Some(1.0));
        assert_eq!(r.cohen_kappa[0].kappa, None);
        assert_eq!(r.fleiss_kappa, None);
        assert_eq!(r.warnings.len(), 2);
        assert!(!serde_json::to_string(&r).unwrap().contains("NaN"));
    }

    #[test]
    fn numbers_and_text_compare_as_text() {
        let t = table("x,y\n1,1\n0,0\n1,x\n");
        let r = agreement(&t, &names(&["x", "y"])).unwrap();
        assert_eq!(r.disagreements, 1);
    }

    #[test]
    fn bad_requests() {
        let t = table("x,y\n1,1\n");
        assert!(agreement(&t, &names(&["x"])).unwrap_err().is_usage());
        let e = agreement(&t, &names(&["x", "nope"])).unwrap_err();
        assert_eq!(e.to_string(), "a.csv: no column named \"nope\"");
    }

    #[test]
    fn fleiss_matches_wikipedia_example() {
        // The 10 subjects x 5 categories x 14 raters example: kappa = 0.210.
        let table = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let mut coded = Vec::new();
        for row in table {
            for (cat, &n) in row.iter().enumerate() {
                coded.extend(std::iter::repeat_n(cat as u32, n));
            }
        }
        let k = fleiss_kappa(&coded, 14, 5).unwrap();
        assert_relative_eq!(k, 0.20993070442195522, max_relative = 1e-12);
    }
}

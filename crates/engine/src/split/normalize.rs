//! Feature scaling fitted on chosen rows (the Split lab fits on train only).
//!
//! Why fit on chosen rows: scaling with statistics of the whole table leaks
//! the dev and test rows into training, the lesson the Split lab teaches. So a
//! scaler is fitted on the training rows' indices, then applied to every row.
//!
//! Definitions are scikit-learn's, so a course can check a number against
//! Python:
//!
//! - z-score (`StandardScaler`): `z = (x - mean) / scale`, where `scale` is
//!   the population standard deviation `sqrt(Σ(x - mean)² / n)` of the fitted
//!   values; a constant column (variance within rounding of zero, by
//!   scikit-learn's test `var <= n ε var + (n mean ε)²`) gets `scale = 1`.
//! - min-max (`MinMaxScaler`, range 0..1): `x' = x · scale + offset`, where
//!   `scale = 1 / (max - min)` and `offset = -min · scale`; a range below
//!   `10 ε` gets `scale = 1`. Rows outside the fitted range map outside 0..1,
//!   as in scikit-learn.
//!
//! Missing values are left out of the fit and stay missing (`None`) when
//! applied, as scikit-learn treats NaN. The fitted parameters are plain serde
//! data, so the page can show them and a later request can reuse them.

use crate::basics::error::{EngineError, Result};
use crate::basics::stats;
use crate::table::Table;
use serde::{Deserialize, Serialize};

/// Which scaling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleMethod {
    ZScore,
    MinMax,
}

/// A fitted scaler: `apply(x) = (x - center) / scale` for z-scores and
/// `x · scale + offset` for min-max.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scaler {
    ZScore {
        column: String,
        /// Mean of the fitted values (`StandardScaler.mean_`).
        mean: f64,
        /// Population std, or 1 for a constant column (`scale_`).
        scale: f64,
        /// Values the fit used.
        n_fitted: u64,
    },
    MinMax {
        column: String,
        /// `data_min_` and `data_max_` of the fitted values.
        min: f64,
        max: f64,
        /// `scale_` and `min_` of scikit-learn.
        scale: f64,
        offset: f64,
        n_fitted: u64,
    },
}

impl Scaler {
    /// Fits `method` on the non-missing values of numeric column `column` at
    /// `rows` (0-based data rows; rows past the end are ignored).
    pub fn fit(table: &Table, column: &str, rows: &[usize], method: ScaleMethod) -> Result<Self> {
        let col = table.column(column)?;
        if col.kind() != crate::table::ColumnKind::Numeric {
            return Err(EngineError::unusable(
                &table.name,
                format!("column \"{column}\" is not numeric, so it cannot be scaled"),
            ));
        }
        let values: Vec<f64> = rows.iter().filter_map(|&r| col.number(r)).collect();
        let (Some(mean), Some(std)) = (stats::mean(&values), stats::population_std(&values)) else {
            return Err(EngineError::unusable(
                &table.name,
                format!("column \"{column}\" has no values in the rows to fit the scaler on"),
            ));
        };
        let n = values.len();
        let column = column.to_string();
        Ok(match method {
            ScaleMethod::ZScore => {
                let var = std * std;
                let nf = n as f64;
                let constant = var <= nf * f64::EPSILON * var + (nf * mean * f64::EPSILON).powi(2);
                Scaler::ZScore {
                    column,
                    mean,
                    scale: if constant { 1.0 } else { std },
                    n_fitted: n as u64,
                }
            }
            ScaleMethod::MinMax => {
                let min = values.iter().copied().fold(f64::INFINITY, f64::min);
                let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let range = max - min;
                let scale = 1.0
                    / if range < 10.0 * f64::EPSILON {
                        1.0
                    } else {
                        range
                    };
                Scaler::MinMax {
                    column,
                    min,
                    max,
                    scale,
                    offset: -min * scale,
                    n_fitted: n as u64,
                }
            }
        })
    }

    /// The scaled value of `x`.
    pub fn apply(&self, x: f64) -> f64 {
        match self {
            Scaler::ZScore { mean, scale, .. } => (x - mean) / scale,
            Scaler::MinMax { scale, offset, .. } => x * scale + offset,
        }
    }

    /// Every row of the fitted column scaled; missing rows are `None`.
    pub fn transform(&self, table: &Table) -> Result<Vec<Option<f64>>> {
        let column = match self {
            Scaler::ZScore { column, .. } | Scaler::MinMax { column, .. } => column,
        };
        let col = table.column(column)?;
        Ok((0..col.len())
            .map(|r| col.number(r).map(|x| self.apply(x)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{read_csv, CsvOptions};
    use approx::assert_relative_eq;

    fn table() -> Table {
        read_csv(
            b"x,c\n1,a\n2,b\n4,a\n8,b\nNA,a\n100,b\n",
            &CsvOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn zscore_matches_standard_scaler() {
        // StandardScaler().fit(x[:5]) on [1, 2, 4, 8, nan]; then transform all.
        let t = table();
        let s = Scaler::fit(&t, "x", &[0, 1, 2, 3, 4], ScaleMethod::ZScore).unwrap();
        match &s {
            Scaler::ZScore {
                mean,
                scale,
                n_fitted,
                ..
            } => {
                assert_relative_eq!(*mean, 3.75, max_relative = 1e-15);
                assert_relative_eq!(*scale, 2.680951323690902, max_relative = 1e-12);
                assert_eq!(*n_fitted, 4);
            }
            other => panic!("{other:?}"),
        }
        let z = s.transform(&t).unwrap();
        let want = [
            -1.025755289064345,
            -0.6527533657682196,
            0.09325048082403138,
            1.5852581740085334,
        ];
        for (g, w) in z.iter().zip(want) {
            assert_relative_eq!(g.unwrap(), w, max_relative = 1e-12);
        }
        assert_eq!(z[4], None);
        assert_relative_eq!(z[5].unwrap(), 35.901435117252085, max_relative = 1e-12);
    }

    #[test]
    fn minmax_matches_minmax_scaler() {
        let t = table();
        let s = Scaler::fit(&t, "x", &[0, 1, 2, 3, 4], ScaleMethod::MinMax).unwrap();
        let z = s.transform(&t).unwrap();
        assert_eq!(z[0], Some(0.0));
        assert_relative_eq!(z[1].unwrap(), 0.14285714285714285, max_relative = 1e-15);
        assert_eq!(z[3], Some(1.0));
        assert_relative_eq!(z[5].unwrap(), 14.142857142857142, max_relative = 1e-15);
    }

    #[test]
    fn constant_column_gets_scale_one() {
        let t = read_csv(b"x\n3\n3\n", &CsvOptions::default()).unwrap();
        for m in [ScaleMethod::ZScore, ScaleMethod::MinMax] {
            let s = Scaler::fit(&t, "x", &[0, 1], m).unwrap();
            assert_eq!(s.transform(&t).unwrap(), vec![Some(0.0), Some(0.0)]);
        }
    }

    #[test]
    fn refusals_and_serde() {
        let t = table();
        assert!(Scaler::fit(&t, "c", &[0], ScaleMethod::ZScore).is_err());
        assert!(Scaler::fit(&t, "x", &[4], ScaleMethod::ZScore).is_err());
        assert!(Scaler::fit(&t, "nope", &[0], ScaleMethod::ZScore).is_err());
        let s = Scaler::fit(&t, "x", &[0, 1], ScaleMethod::MinMax).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.starts_with("{\"min_max\":{"));
        let back: Scaler = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}

//! Preprocessing fitted on the train rows only (`docs/cli.md`,
//! `train`), and the feature matrix it makes (`ndarray`, rows × features).
//!
//! - numeric: a missing value becomes the train mean (`SimpleImputer`);
//!   then, when the model asks for it, `(x − mean) / std` with the train
//!   population std (`StandardScaler`; a constant column becomes 0);
//! - boolean: 0/1 and never standardized (the spec lists booleans apart
//!   from the standardized numbers), a missing value the train share of
//!   `true` (the spec is silent; this is the imputer's mean);
//! - categorical: one-hot over the categories seen in train, a missing value
//!   being the category `""`, an unseen one all zeros
//!   (`OneHotEncoder(handle_unknown="ignore")`); more than
//!   [`MAX_CATEGORIES`] categories and the column is left out, with a warning.

use crate::basics::error::{EngineError, Result};
use crate::table::{Column, ColumnData, Table, MISSING_BOOL, MISSING_CODE};
use ndarray::Array2;
use serde::{Deserialize, Serialize};

/// A categorical feature with more train categories than this is left out.
pub const MAX_CATEGORIES: usize = 100;

/// How one input column becomes matrix columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Externally tagged (`{"numeric": {...}}`): postcard, the worker's wire
// format, cannot read internally tagged enums.
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// One matrix column: `(x or impute − center) / scale`.
    Numeric {
        column: String,
        impute: f64,
        center: f64,
        scale: f64,
    },
    /// One matrix column of 0/1 (standardized like a number when asked).
    Boolean {
        column: String,
        impute: f64,
        center: f64,
        scale: f64,
    },
    /// One matrix column per category.
    Categorical {
        column: String,
        categories: Vec<String>,
    },
}

/// The fitted preprocessing: the encodings in feature order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Preprocessor {
    pub encodings: Vec<Encoding>,
}

/// A column's value at `row` as a number (numbers and booleans).
fn number_at(column: &Column, row: usize) -> Option<f64> {
    match &column.data {
        ColumnData::Numeric { .. } => column.number(row),
        ColumnData::Boolean { values } => match values.get(row) {
            Some(&v) if v != MISSING_BOOL => Some(f64::from(v)),
            _ => None,
        },
        ColumnData::Categorical { .. } => None,
    }
}

/// The category text at `row` (`""` when missing).
fn category_at(column: &Column, row: usize) -> &str {
    match &column.data {
        ColumnData::Categorical { codes, dictionary } => match codes.get(row) {
            Some(&c) if c != MISSING_CODE => dictionary.get(c as usize).map_or("", String::as_str),
            _ => "",
        },
        _ => "",
    }
}

impl Preprocessor {
    /// Fits on `rows` of `features`; `standardize` for linear models and
    /// naive Bayes, not for trees.
    pub fn fit(
        table: &Table,
        features: &[String],
        rows: &[usize],
        standardize: bool,
        warnings: &mut Vec<String>,
    ) -> Result<Preprocessor> {
        let mut encodings = Vec::new();
        for name in features {
            let column = table.column(name)?;
            if let ColumnData::Categorical { .. } = column.data {
                let all: Vec<&str> = rows.iter().map(|&r| category_at(column, r)).collect();
                let cats = crate::basics::sort::distinct_strings(&all);
                if cats.len() > MAX_CATEGORIES {
                    warnings.push(format!(
                        "feature \"{name}\" has {} categories in train (more than {MAX_CATEGORIES}): left out",
                        cats.len()
                    ));
                    continue;
                }
                encodings.push(Encoding::Categorical {
                    column: name.clone(),
                    categories: cats.into_iter().map(str::to_string).collect(),
                });
                continue;
            }
            let present: Vec<f64> = rows.iter().filter_map(|&r| number_at(column, r)).collect();
            let impute = if present.is_empty() {
                warnings.push(format!(
                    "feature \"{name}\" has no values in train: it is 0 everywhere"
                ));
                0.0
            } else {
                present.iter().sum::<f64>() / present.len() as f64
            };
            let is_bool = matches!(column.data, ColumnData::Boolean { .. });
            let (center, scale) = if standardize && !is_bool && !rows.is_empty() {
                // Statistics of the imputed column (missing rows = the mean).
                let n = rows.len() as f64;
                let filled: Vec<f64> = rows
                    .iter()
                    .map(|&r| number_at(column, r).unwrap_or(impute))
                    .collect();
                let mean = filled.iter().sum::<f64>() / n;
                let var = filled.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
                let std = var.sqrt();
                (mean, if std > 0.0 { std } else { 1.0 })
            } else {
                (0.0, 1.0)
            };
            encodings.push(match column.data {
                ColumnData::Boolean { .. } => Encoding::Boolean {
                    column: name.clone(),
                    impute,
                    center,
                    scale,
                },
                _ => Encoding::Numeric {
                    column: name.clone(),
                    impute,
                    center,
                    scale,
                },
            });
        }
        Ok(Preprocessor { encodings })
    }

    /// Number of matrix columns.
    pub fn width(&self) -> usize {
        self.encodings
            .iter()
            .map(|e| match e {
                Encoding::Categorical { categories, .. } => categories.len(),
                _ => 1,
            })
            .sum()
    }

    /// The names of the matrix columns (`colour=red` for a category).
    pub fn names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for e in &self.encodings {
            match e {
                Encoding::Numeric { column, .. } | Encoding::Boolean { column, .. } => {
                    out.push(column.clone())
                }
                Encoding::Categorical { column, categories } => {
                    out.extend(categories.iter().map(|c| format!("{column}={c}")));
                }
            }
        }
        out
    }

    /// The feature matrix of `rows` of `table`, which must hold every
    /// input column (else an error naming the first one missing).
    pub fn transform(&self, table: &Table, rows: &[usize]) -> Result<Array2<f64>> {
        let mut x = Array2::<f64>::zeros((rows.len(), self.width()));
        let mut at = 0;
        for e in &self.encodings {
            match e {
                Encoding::Numeric {
                    column,
                    impute,
                    center,
                    scale,
                }
                | Encoding::Boolean {
                    column,
                    impute,
                    center,
                    scale,
                } => {
                    let col = table.column(column)?;
                    if matches!(col.data, ColumnData::Categorical { .. })
                        && col.missing_count() < col.len()
                    {
                        return Err(EngineError::unusable(
                            &table.name,
                            format!(
                                "feature \"{column}\" was a number in training but holds text here"
                            ),
                        ));
                    }
                    for (i, &r) in rows.iter().enumerate() {
                        x[[i, at]] = (number_at(col, r).unwrap_or(*impute) - center) / scale;
                    }
                    at += 1;
                }
                Encoding::Categorical { column, categories } => {
                    let col = table.column(column)?;
                    for (i, &r) in rows.iter().enumerate() {
                        let text = match col.data {
                            ColumnData::Categorical { .. } => {
                                std::borrow::Cow::Borrowed(category_at(col, r))
                            }
                            _ => col.text(r).unwrap_or_default(),
                        };
                        if let Some(k) = categories.iter().position(|c| *c == *text) {
                            x[[i, at + k]] = 1.0;
                        }
                    }
                    at += categories.len();
                }
            }
        }
        Ok(x)
    }

    /// The input columns it reads.
    pub fn columns(&self) -> Vec<String> {
        self.encodings
            .iter()
            .map(|e| match e {
                Encoding::Numeric { column, .. }
                | Encoding::Boolean { column, .. }
                | Encoding::Categorical { column, .. } => column.clone(),
            })
            .collect()
    }
}

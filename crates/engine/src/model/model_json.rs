//! The `mlops-model/1` file: a [`FittedModel`] as JSON and back, written
//! out field by field with [`crate::basics::json`].
//!
//! ```json
//! {"format": "mlops-model/1", "model": "logistic", "params": {"C": 1},
//!  "target": "diagnosis", "task": "binary", "labels": ["benign", "malignant"],
//!  "positive": "malignant", "features": ["mean radius", ...],
//!  "preprocessing": [{"kind": "numeric", "column": "mean radius",
//!                     "impute": 14.1, "center": 14.1, "scale": 3.5},
//!                    {"kind": "categorical", "column": "c", "categories": ["", "a"]}],
//!  "estimator": {"logistic": {"coef": [[...]], "intercept": [...]}}}
//! ```
//! Estimators: `majority {class}`, `logistic {coef, intercept}`,
//! `naive_bayes {prior, theta, var}`, `tree {nodes: [{feature, threshold,
//! left, right, value, rows}]}` (`feature` null at a leaf), `mean {value}`,
//! `ridge {coef, intercept}`.

use super::features::{Encoding, Preprocessor};
use super::fitted::{Estimator, FittedModel, ModelKind, ModelTask, FORMAT};
use super::{linear::Ridge, logistic::Logistic, naive_bayes::NaiveBayes, tree::Node, tree::Tree};
use crate::basics::error::{EngineError, Result};
use crate::basics::json::{numbers, parse, Json};

fn s(v: &str) -> Json {
    Json::Str(v.to_string())
}

fn strings(v: &[String]) -> Json {
    Json::Arr(v.iter().map(|x| s(x)).collect())
}

fn obj(members: Vec<(&str, Json)>) -> Json {
    Json::Obj(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn matrix(rows: &[Vec<f64>]) -> Json {
    Json::Arr(rows.iter().map(|r| numbers(r)).collect())
}

/// The model as `mlops-model/1` JSON text.
pub fn to_json(m: &FittedModel) -> String {
    let task = m.task.as_str();
    let pre = m.preprocessing.encodings.iter().map(|e| match e {
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
            let kind = if matches!(e, Encoding::Numeric { .. }) {
                "numeric"
            } else {
                "boolean"
            };
            obj(vec![
                ("kind", s(kind)),
                ("column", s(column)),
                ("impute", Json::Num(*impute)),
                ("center", Json::Num(*center)),
                ("scale", Json::Num(*scale)),
            ])
        }
        Encoding::Categorical { column, categories } => obj(vec![
            ("kind", s("categorical")),
            ("column", s(column)),
            ("categories", strings(categories)),
        ]),
    });
    let estimator = match &m.estimator {
        Estimator::Majority { class } => obj(vec![(
            "majority",
            obj(vec![("class", Json::Num(*class as f64))]),
        )]),
        Estimator::Logistic(l) => obj(vec![(
            "logistic",
            obj(vec![
                ("coef", matrix(&l.coef)),
                ("intercept", numbers(&l.intercept)),
                ("iterations", Json::Num(l.iterations as f64)),
            ]),
        )]),
        Estimator::NaiveBayes(nb) => obj(vec![(
            "naive_bayes",
            obj(vec![
                ("prior", numbers(&nb.prior)),
                ("theta", matrix(&nb.theta)),
                ("var", matrix(&nb.var)),
            ]),
        )]),
        Estimator::Tree(t) => {
            let nodes = t.nodes.iter().map(|n| {
                obj(vec![
                    (
                        "feature",
                        n.feature.map_or(Json::Null, |f| Json::Num(f as f64)),
                    ),
                    ("threshold", Json::Num(n.threshold)),
                    ("left", Json::Num(n.left as f64)),
                    ("right", Json::Num(n.right as f64)),
                    ("value", numbers(&n.value)),
                    ("rows", Json::Num(n.rows as f64)),
                ])
            });
            obj(vec![(
                "tree",
                obj(vec![("nodes", Json::Arr(nodes.collect()))]),
            )])
        }
        Estimator::Mean { value } => obj(vec![("mean", obj(vec![("value", Json::Num(*value))]))]),
        Estimator::Ridge(r) => obj(vec![(
            "ridge",
            obj(vec![
                ("coef", numbers(&r.coef)),
                ("intercept", Json::Num(r.intercept)),
            ]),
        )]),
    };
    obj(vec![
        ("format", s(FORMAT)),
        ("model", s(m.model.as_str())),
        (
            "params",
            Json::Obj(
                m.params
                    .iter()
                    .map(|(k, v)| (k.clone(), Json::Num(*v)))
                    .collect(),
            ),
        ),
        ("target", s(&m.target)),
        ("task", s(task)),
        ("labels", strings(&m.labels)),
        ("positive", m.positive.as_deref().map_or(Json::Null, s)),
        ("features", strings(&m.features)),
        ("preprocessing", Json::Arr(pre.collect())),
        ("estimator", estimator),
    ])
    .to_pretty()
}

/// Reads one field, naming it when it is missing or of the wrong type.
struct Reader<'a> {
    file: &'a str,
}

impl Reader<'_> {
    fn bad(&self, what: &str) -> EngineError {
        EngineError::unusable(self.file, format!("not an {FORMAT} model: {what}"))
    }
    fn field<'j>(&self, v: &'j Json, key: &str) -> Result<&'j Json> {
        v.get(key).ok_or_else(|| self.bad(&format!("no \"{key}\"")))
    }
    fn num(&self, v: &Json, key: &str) -> Result<f64> {
        self.field(v, key)?
            .as_f64()
            .ok_or_else(|| self.bad(&format!("\"{key}\" is not a number")))
    }
    fn index(&self, v: &Json, key: &str) -> Result<usize> {
        let x = self.num(v, key)?;
        if x >= 0.0 && x.fract() == 0.0 && x < 1e9 {
            Ok(x as usize)
        } else {
            Err(self.bad(&format!("\"{key}\" is not a whole number")))
        }
    }
    fn text(&self, v: &Json, key: &str) -> Result<String> {
        self.field(v, key)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| self.bad(&format!("\"{key}\" is not text")))
    }
    fn list<'j>(&self, v: &'j Json, key: &str) -> Result<&'j [Json]> {
        self.field(v, key)?
            .as_array()
            .ok_or_else(|| self.bad(&format!("\"{key}\" is not a list")))
    }
    fn texts(&self, v: &Json, key: &str) -> Result<Vec<String>> {
        self.list(v, key)?
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| self.bad(&format!("\"{key}\" holds a non-text value")))
            })
            .collect()
    }
    fn nums(&self, v: &Json, key: &str) -> Result<Vec<f64>> {
        self.list(v, key)?
            .iter()
            .map(|x| {
                x.as_f64()
                    .ok_or_else(|| self.bad(&format!("\"{key}\" holds a non-number")))
            })
            .collect()
    }
    fn matrix(&self, v: &Json, key: &str) -> Result<Vec<Vec<f64>>> {
        self.list(v, key)?
            .iter()
            .map(|row| {
                row.as_array()
                    .ok_or_else(|| self.bad(&format!("\"{key}\" is not a list of lists")))?
                    .iter()
                    .map(|x| {
                        x.as_f64()
                            .ok_or_else(|| self.bad(&format!("\"{key}\" holds a non-number")))
                    })
                    .collect()
            })
            .collect()
    }
}

/// Reads `mlops-model/1` JSON; `file` names it in errors.
pub fn from_json(text: &str, file: &str) -> Result<FittedModel> {
    let r = Reader { file };
    let v = parse(text).map_err(|e| r.bad(&e))?;
    let format = r.text(&v, "format")?;
    if format != FORMAT {
        return Err(EngineError::unusable(
            file,
            format!("format \"{format}\" is not {FORMAT}"),
        ));
    }
    let model: ModelKind = r
        .text(&v, "model")?
        .parse()
        .map_err(|_| r.bad("unknown \"model\""))?;
    let task_text = r.text(&v, "task")?;
    let task = ModelTask::parse(&task_text)
        .ok_or_else(|| r.bad(&format!("unknown task \"{task_text}\"")))?;
    let params = r
        .field(&v, "params")?
        .members()
        .ok_or_else(|| r.bad("\"params\" is not an object"))?;
    let params = params
        .iter()
        .map(|(k, x)| {
            x.as_f64()
                .map(|x| (k.clone(), x))
                .ok_or_else(|| r.bad("a parameter is not a number"))
        })
        .collect::<Result<_>>()?;
    let encodings = r
        .list(&v, "preprocessing")?
        .iter()
        .map(|e| {
            let column = r.text(e, "column")?;
            match r.text(e, "kind")?.as_str() {
                "categorical" => Ok(Encoding::Categorical {
                    column,
                    categories: r.texts(e, "categories")?,
                }),
                kind @ ("numeric" | "boolean") => {
                    let (impute, center, scale) =
                        (r.num(e, "impute")?, r.num(e, "center")?, r.num(e, "scale")?);
                    Ok(if kind == "numeric" {
                        Encoding::Numeric {
                            column,
                            impute,
                            center,
                            scale,
                        }
                    } else {
                        Encoding::Boolean {
                            column,
                            impute,
                            center,
                            scale,
                        }
                    })
                }
                other => Err(r.bad(&format!("unknown preprocessing kind \"{other}\""))),
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let est = r.field(&v, "estimator")?;
    let (name, body) = est
        .members()
        .and_then(|m| m.first())
        .ok_or_else(|| r.bad("\"estimator\" is empty"))?;
    let estimator = match name.as_str() {
        "majority" => Estimator::Majority {
            class: r.index(body, "class")?,
        },
        "logistic" => Estimator::Logistic(Logistic {
            coef: r.matrix(body, "coef")?,
            intercept: r.nums(body, "intercept")?,
            iterations: r.index(body, "iterations").unwrap_or(0),
        }),
        "naive_bayes" => Estimator::NaiveBayes(NaiveBayes {
            prior: r.nums(body, "prior")?,
            theta: r.matrix(body, "theta")?,
            var: r.matrix(body, "var")?,
        }),
        "tree" => Estimator::Tree(Tree {
            nodes: r
                .list(body, "nodes")?
                .iter()
                .map(|n| {
                    Ok(Node {
                        feature: match r.field(n, "feature")? {
                            Json::Null => None,
                            _ => Some(r.index(n, "feature")?),
                        },
                        threshold: r.num(n, "threshold")?,
                        left: r.index(n, "left")?,
                        right: r.index(n, "right")?,
                        value: r.nums(n, "value")?,
                        rows: r.index(n, "rows")?,
                    })
                })
                .collect::<Result<Vec<_>>>()?,
        }),
        "mean" => Estimator::Mean {
            value: r.num(body, "value")?,
        },
        "ridge" => Estimator::Ridge(Ridge {
            coef: r.nums(body, "coef")?,
            intercept: r.num(body, "intercept")?,
        }),
        other => return Err(r.bad(&format!("unknown estimator \"{other}\""))),
    };
    let model = FittedModel {
        format,
        model,
        params,
        target: r.text(&v, "target")?,
        task,
        labels: r.texts(&v, "labels")?,
        positive: match r.field(&v, "positive")? {
            Json::Null => None,
            _ => Some(r.text(&v, "positive")?),
        },
        features: r.texts(&v, "features")?,
        preprocessing: Preprocessor { encodings },
        estimator,
    };
    check_shapes(&model).map_err(|e| r.bad(&e))?;
    Ok(model)
}

/// Every estimator's numbers fit the preprocessing's width and the labels,
/// so a hand-edited file cannot make prediction index out of range.
fn check_shapes(m: &FittedModel) -> std::result::Result<(), String> {
    let width = m.preprocessing.width();
    let k = m.labels.len();
    let rows_ok =
        |rows: &[Vec<f64>], n: usize| rows.len() == n && rows.iter().all(|r| r.len() == width);
    let ok = match &m.estimator {
        Estimator::Majority { class } => *class < k.max(1),
        Estimator::Logistic(l) => {
            let n = if k <= 2 { 1 } else { k };
            rows_ok(&l.coef, n) && l.intercept.len() == n
        }
        Estimator::NaiveBayes(nb) => {
            nb.prior.len() == k && rows_ok(&nb.theta, k) && rows_ok(&nb.var, k)
        }
        Estimator::Tree(t) => {
            let n = t.nodes.len();
            n > 0
                && t.nodes.iter().all(|node| match node.feature {
                    Some(f) => f < width && node.left < n && node.right < n,
                    None => true,
                })
        }
        Estimator::Mean { .. } => true,
        Estimator::Ridge(r) => r.coef.len() == width,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the {} estimator's numbers do not fit its {width} feature columns and {k} labels",
            m.model.as_str()
        ))
    }
}

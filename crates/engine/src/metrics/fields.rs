//! Every number of the `mlops metrics --json` object as a flat list of
//! named values (nested fields dotted: `macro.f1`,
//! `per_class.malignant.recall`), built from the report itself: what the
//! page shows under `data-metric` hooks without carrying a JSON library.
//! A test checks it against [`super::spec_json`] field for field.

use super::report::{MetricsBody, MetricsReport};

/// One metric's name and value (`None` where the JSON has `null`).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: Option<f64>,
}

fn field(name: impl Into<String>, value: Option<f64>) -> Field {
    Field {
        name: name.into(),
        value: value.filter(|v| v.is_finite()),
    }
}

/// The report's numbers, in the JSON's field order.
pub fn metric_fields(report: &MetricsReport) -> Vec<Field> {
    let mut out = Vec::new();
    match &report.body {
        MetricsBody::Regression(m) => {
            for (k, v) in [
                ("mae", m.mae),
                ("mse", m.mse),
                ("rmse", m.rmse),
                ("r2", m.r2),
                ("mape", m.mape),
            ] {
                out.push(field(k, Some(v)));
            }
        }
        MetricsBody::Classification(c) => {
            let m = &c.counts;
            let binary = c.labels.len() == 2 || (c.scores.is_some() && c.labels.len() <= 2);
            let pos = c
                .positive
                .filter(|_| binary)
                .and_then(|i| m.per_class.get(i));
            out.push(field("accuracy", Some(m.accuracy)));
            out.push(field("balanced_accuracy", Some(m.balanced_accuracy)));
            out.push(field("precision", pos.map(|p| p.precision)));
            out.push(field("recall", pos.map(|p| p.recall)));
            out.push(field("f1", pos.map(|p| p.f1)));
            for (name, a) in [
                ("macro", &m.macro_avg),
                ("micro", &m.micro_avg),
                ("weighted", &m.weighted_avg),
            ] {
                out.push(field(format!("{name}.precision"), Some(a.precision)));
                out.push(field(format!("{name}.recall"), Some(a.recall)));
                out.push(field(format!("{name}.f1"), Some(a.f1)));
            }
            for p in &m.per_class {
                out.push(field(
                    format!("per_class.{}.precision", p.label),
                    Some(p.precision),
                ));
                out.push(field(
                    format!("per_class.{}.recall", p.label),
                    Some(p.recall),
                ));
                out.push(field(format!("per_class.{}.f1", p.label), Some(p.f1)));
                out.push(field(
                    format!("per_class.{}.support", p.label),
                    Some(p.support as f64),
                ));
            }
            out.push(field("mcc", Some(m.mcc)));
            out.push(field("cohen_kappa", m.cohen_kappa));
            if let Some(s) = &c.scores {
                out.push(field("roc_auc", s.roc_auc));
                out.push(field("average_precision", Some(s.average_precision)));
                out.push(field("log_loss", s.log_loss));
                out.push(field("brier", s.brier));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{evaluate, spec_json, MetricsRequest, Task};
    use crate::table::{read_csv, CsvOptions};
    use serde_json::Value;

    /// The JSON's numbers and nulls, flattened the same way.
    fn flatten(v: &Value) -> Vec<(String, Option<f64>)> {
        let mut out = Vec::new();
        let Value::Object(map) = v else { return out };
        for (k, v) in map {
            match v {
                Value::Number(n) if k != "rows" && k != "threshold" => {
                    out.push((k.clone(), n.as_f64()))
                }
                Value::Null if k != "positive" => out.push((k.clone(), None)),
                Value::Object(inner) if k != "intervals" => out.extend(
                    inner
                        .iter()
                        .map(|(ik, iv)| (format!("{k}.{ik}"), iv.as_f64())),
                ),
                Value::Array(items) if k == "per_class" => {
                    for item in items {
                        let label = item["label"].as_str().unwrap_or_default();
                        for f in ["precision", "recall", "f1", "support"] {
                            out.push((format!("per_class.{label}.{f}"), item[f].as_f64()));
                        }
                    }
                }
                _ => {}
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn the_fields_are_the_cli_jsons_numbers() {
        let csv = "y,s,p,c,r,q\n0,0.1,0,a,1.5,1.4\n0,0.4,1,b,2.5,2.0\n1,0.35,0,c,3.5,3.1\n1,0.8,1,a,4.5,4.4\n1,0.8,1,b,0,0.2\n";
        let t = read_csv(csv.as_bytes(), &CsvOptions::default()).unwrap_or_default();
        let requests = [
            MetricsRequest {
                target: "y".into(),
                score: Some("s".into()),
                ..Default::default()
            },
            MetricsRequest {
                target: "y".into(),
                pred: Some("p".into()),
                ..Default::default()
            },
            MetricsRequest {
                target: "c".into(),
                pred: Some("c".into()),
                ..Default::default()
            },
            MetricsRequest {
                target: "r".into(),
                pred: Some("q".into()),
                task: Some(Task::Regression),
                ..Default::default()
            },
        ];
        for req in requests {
            let report = evaluate(&t, &req).unwrap_or_else(|e| panic!("{e}"));
            let mut ours: Vec<(String, Option<f64>)> = metric_fields(&report)
                .into_iter()
                .map(|f| (f.name, f.value))
                .collect();
            ours.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, flatten(&spec_json(&report)), "{req:?}");
        }
    }
}

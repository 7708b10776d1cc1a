//! The `mlops metrics --json` object (`docs/cli.md`), built from a
//! [`MetricsReport`]. One function, used by the CLI's `metrics`, `train` and
//! `predict` and by the tests, so the contract's shape lives in one place.

use super::counts::Prf;
use super::report::{MetricsBody, MetricsReport};
use serde_json::{json, Map, Value};

fn prf(p: &Prf) -> Value {
    json!({"precision": p.precision, "recall": p.recall, "f1": p.f1})
}

/// A float, or `null` when undefined (never NaN in JSON).
fn num(x: Option<f64>) -> Value {
    match x {
        Some(v) if v.is_finite() => json!(v),
        _ => Value::Null,
    }
}

/// The spec's JSON object for `report`, `warnings` included.
pub fn spec_json(report: &MetricsReport) -> Value {
    let mut out = Map::new();
    match &report.body {
        MetricsBody::Regression(m) => {
            out.insert("task".into(), json!("regression"));
            out.insert("rows".into(), json!(report.rows));
            for (k, v) in [
                ("mae", m.mae),
                ("mse", m.mse),
                ("rmse", m.rmse),
                ("r2", m.r2),
                ("mape", m.mape),
            ] {
                out.insert(k.into(), num(Some(v)));
            }
        }
        MetricsBody::Classification(c) => {
            let binary = c.labels.len() == 2 || (c.scores.is_some() && c.labels.len() <= 2);
            let m = &c.counts;
            out.insert(
                "task".into(),
                json!(if binary { "binary" } else { "multiclass" }),
            );
            out.insert("rows".into(), json!(report.rows));
            out.insert("labels".into(), json!(c.labels));
            let positive = c.positive.filter(|_| binary).and_then(|i| c.labels.get(i));
            out.insert("positive".into(), json!(positive));
            if let Some(t) = c.threshold {
                out.insert("threshold".into(), json!(t));
            }
            out.insert("accuracy".into(), json!(m.accuracy));
            out.insert("balanced_accuracy".into(), json!(m.balanced_accuracy));
            let pos = c
                .positive
                .filter(|_| binary)
                .and_then(|i| m.per_class.get(i));
            out.insert("precision".into(), json!(pos.map(|p| p.precision)));
            out.insert("recall".into(), json!(pos.map(|p| p.recall)));
            out.insert("f1".into(), json!(pos.map(|p| p.f1)));
            out.insert("macro".into(), prf(&m.macro_avg));
            out.insert("micro".into(), prf(&m.micro_avg));
            out.insert("weighted".into(), prf(&m.weighted_avg));
            out.insert("per_class".into(), json!(m.per_class));
            out.insert("mcc".into(), json!(m.mcc));
            out.insert("cohen_kappa".into(), num(m.cohen_kappa));
            out.insert("confusion_matrix".into(), json!(c.confusion_matrix));
            if !c.intervals.is_empty() {
                let map: Map<String, Value> = c
                    .intervals
                    .iter()
                    .map(|i| (i.metric.clone(), json!([num(i.low), num(i.high)])))
                    .collect();
                out.insert("intervals".into(), Value::Object(map));
            }
            if let Some(s) = &c.scores {
                out.insert("roc_auc".into(), num(s.roc_auc));
                out.insert("average_precision".into(), num(Some(s.average_precision)));
                out.insert("log_loss".into(), num(s.log_loss));
                out.insert("brier".into(), num(s.brier));
            }
        }
    }
    out.insert("warnings".into(), json!(report.warnings));
    Value::Object(out)
}

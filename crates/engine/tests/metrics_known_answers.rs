//! Known answers from scikit-learn (`scripts/make_model_fixtures.py`): every
//! field of `mlops metrics --json`, and the ROC, PR and calibration curves,
//! for each fixture in `tests/fixtures/metrics/`, to 1e-9.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::metrics::curves::{calibration, pr_curve, roc_curve};
use mlops_engine::metrics::threshold_table::ThresholdTable;
use mlops_engine::metrics::{evaluate, spec_json, MetricsRequest, Task};
use mlops_engine::table::{read_csv, CsvOptions};
use serde_json::Value;
use std::path::Path;

const TOL: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * a.abs().max(b.abs()).max(1.0)
}

/// Compares `got` with `want` recursively; floats to [`TOL`].
fn compare(path: &str, got: &Value, want: &Value, errors: &mut Vec<String>) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            if !close(a, b) {
                errors.push(format!("{path}: got {a}, want {b}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                errors.push(format!("{path}: got {} items, want {}", a.len(), b.len()));
                return;
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(&format!("{path}[{i}]"), x, y, errors);
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (k, y) in b {
                match a.get(k) {
                    Some(x) => compare(&format!("{path}.{k}"), x, y, errors),
                    None => errors.push(format!("{path}.{k}: missing")),
                }
            }
            for k in a.keys() {
                if !b.contains_key(k) && k != "warnings" {
                    errors.push(format!("{path}.{k}: not in the fixture"));
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => errors.push(format!("{path}: got {a}, want {b}")),
    }
}

fn floats(v: &[f64]) -> Value {
    Value::Array(
        v.iter()
            .map(|&x| {
                if x.is_finite() {
                    serde_json::json!(x)
                } else {
                    Value::Null
                }
            })
            .collect(),
    )
}

fn fixture_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/metrics");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            if p.extension()? != "json" {
                return None;
            }
            Some(p.file_stem()?.to_str()?.to_string())
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_metrics_fixture_matches_scikit_learn() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/metrics");
    let names = fixture_names();
    assert!(names.len() >= 13, "fixtures missing: {names:?}");
    let mut errors = Vec::new();
    for name in &names {
        let fixture: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        let bytes = std::fs::read(dir.join(format!("{name}.csv"))).unwrap();
        let table = read_csv(
            &bytes,
            &CsvOptions {
                name: format!("{name}.csv"),
                delimiter: None,
            },
        )
        .unwrap();
        let args = &fixture["args"];
        let text = |k: &str| args[k].as_str().map(str::to_string);
        let req = MetricsRequest {
            target: text("target").unwrap(),
            pred: text("pred"),
            score: text("score"),
            threshold: args["threshold"].as_f64(),
            positive: text("positive"),
            task: match args["task"].as_str() {
                Some("regression") => Some(Task::Regression),
                Some("classification") => Some(Task::Classification),
                _ => None,
            },
            intervals: None,
        };
        let report = match evaluate(&table, &req) {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        let min_warnings = fixture["warning_count_at_least"].as_u64().unwrap_or(0) as usize;
        if report.warnings.len() < min_warnings {
            errors.push(format!(
                "{name}: {} warnings, want at least {min_warnings}",
                report.warnings.len()
            ));
        }
        compare(name, &spec_json(&report), &fixture["expected"], &mut errors);

        let Some(curves) = fixture.get("curves").filter(|c| c.is_object()) else {
            continue;
        };
        let score = table.column(&req.score.clone().unwrap()).unwrap();
        let target = table.column(&req.target).unwrap();
        let positive_label = fixture["expected"]["positive"].as_str().unwrap();
        let s: Vec<f64> = (0..table.n_rows)
            .map(|r| score.number(r).unwrap())
            .collect();
        let y: Vec<bool> = (0..table.n_rows)
            .map(|r| target.text(r).unwrap() == positive_label)
            .collect();
        let sweep = ThresholdTable::new(&s, &y);
        let roc = roc_curve(&sweep);
        let got_roc = serde_json::json!({"fpr": floats(&roc.fpr), "tpr": floats(&roc.tpr),
            "thresholds": roc.thresholds.iter().map(|t| t.map_or(Value::Null, |v| serde_json::json!(v))).collect::<Vec<_>>()});
        compare(
            &format!("{name}.roc"),
            &got_roc,
            &curves["roc"],
            &mut errors,
        );
        let pr = pr_curve(&sweep);
        let got_pr = serde_json::json!({"precision": floats(&pr.precision), "recall": floats(&pr.recall), "thresholds": floats(&pr.thresholds)});
        compare(&format!("{name}.pr"), &got_pr, &curves["pr"], &mut errors);
        if let Some(want) = curves.get("calibration").filter(|c| c.is_object()) {
            let bins: Vec<_> = calibration(&s, &y)
                .into_iter()
                .filter(|b| b.rows > 0)
                .collect();
            let got = serde_json::json!({
                "prob_true": bins.iter().map(|b| b.positive_share.unwrap_or(f64::NAN)).collect::<Vec<_>>(),
                "prob_pred": bins.iter().map(|b| b.mean_score.unwrap_or(f64::NAN)).collect::<Vec<_>>(),
            });
            compare(&format!("{name}.calibration"), &got, want, &mut errors);
        }
    }
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

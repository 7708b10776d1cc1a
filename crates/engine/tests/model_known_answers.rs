//! Known answers from scikit-learn (`scripts/make_model_fixtures.py`): each
//! model of `tests/fixtures/models/` is fitted on its `train.csv` with the
//! spec's preprocessing and scored on `train.csv` and `test.csv`; the
//! probabilities, predictions and metrics must equal scikit-learn's
//! (1e-6 for multinomial logistic regression, whose optimum both reach by
//! iteration; 1e-9 for the others, binary logistic included).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::metrics::spec_json;
use mlops_engine::model::fitted::ModelKind;
use mlops_engine::model::hyper::Hyperparameters;
use mlops_engine::model::train::{fit_model, measure, FitSpec};
use mlops_engine::table::{read_csv, CsvOptions, Table};
use serde_json::Value;
use std::path::Path;

fn read(path: &Path) -> Table {
    read_csv(
        &std::fs::read(path).unwrap(),
        &CsvOptions {
            name: path.display().to_string(),
            delimiter: None,
        },
    )
    .unwrap()
}

fn check_floats(what: &str, got: &[f64], want: &Value, tol: f64, errors: &mut Vec<String>) {
    let want: Vec<f64> = want
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    if got.len() != want.len() {
        errors.push(format!("{what}: {} values, want {}", got.len(), want.len()));
        return;
    }
    let worst = got
        .iter()
        .zip(&want)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    if worst > tol {
        errors.push(format!("{what}: off by {worst:e}"));
    }
}

fn close_json(path: &str, got: &Value, want: &Value, tol: f64, errors: &mut Vec<String>) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            if (a - b).abs() > tol * a.abs().max(b.abs()).max(1.0) {
                errors.push(format!("{path}: got {a}, want {b}"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                close_json(&format!("{path}[{i}]"), x, y, tol, errors);
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (k, y) in b {
                match a.get(k) {
                    Some(x) => close_json(&format!("{path}.{k}"), x, y, tol, errors),
                    None => errors.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => errors.push(format!("{path}: got {a}, want {b}")),
    }
}

#[test]
fn every_model_fixture_matches_scikit_learn() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 14);
    let mut errors = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("case.json")).unwrap())
                .unwrap();
        let (train, test) = (read(&case.join("train.csv")), read(&case.join("test.csv")));
        let kind: ModelKind = fixture["model"].as_str().unwrap().parse().unwrap();
        // Binary logistic is solved by Newton's method to the last digits;
        // multinomial by L-BFGS to a gradient of 1e-10.
        let tol = if kind == ModelKind::Logistic && fixture["task"] == "multiclass" {
            1e-6
        } else {
            1e-9
        };
        let regression = fixture["task"] == "regression";
        let labels: Vec<String> = fixture["labels"].as_array().map_or(vec![], |a| {
            a.iter().map(|v| v.as_str().unwrap().to_string()).collect()
        });
        let params: std::collections::BTreeMap<String, f64> = fixture["params"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
            .collect();
        let hyper = Hyperparameters::check(kind, &params).unwrap();
        let features: Vec<String> = fixture["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let target = fixture["target"].as_str().unwrap();
        let spec = FitSpec {
            target: target.to_string(),
            hyper,
            features,
            labels,
            regression,
        };
        let rows: Vec<usize> = (0..train.n_rows).collect();
        let mut warnings = Vec::new();
        let model = match fit_model(&train, &spec, &rows, &mut warnings) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        let min_warnings = fixture["warning_count_at_least"].as_u64().unwrap_or(0) as usize;
        if warnings.len() < min_warnings {
            errors.push(format!(
                "{name}: {} warnings, want {min_warnings}",
                warnings.len()
            ));
        }
        let expected = &fixture["expected"];
        for (split, table) in [("train", &train), ("test", &test)] {
            let all: Vec<usize> = (0..table.n_rows).collect();
            let p = model.predict(table, &all).unwrap();
            let what = format!("{name}.{split}");
            if let Some(s) = &p.scores {
                check_floats(
                    &format!("{what}_score"),
                    s,
                    &expected[format!("{split}_score")],
                    tol,
                    &mut errors,
                );
            }
            if let Some(proba) = &p.proba {
                let flat: Vec<f64> = proba.iter().flatten().copied().collect();
                let want: Vec<Value> = expected[format!("{split}_proba")]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|r| r.as_array().unwrap().clone())
                    .collect();
                check_floats(
                    &format!("{what}_proba"),
                    &flat,
                    &Value::Array(want),
                    tol,
                    &mut errors,
                );
            }
            let want_pred = &expected[format!("{split}_prediction")];
            match &p.values {
                Some(v) => check_floats(
                    &format!("{what}_prediction"),
                    v,
                    want_pred,
                    tol,
                    &mut errors,
                ),
                None => {
                    let want: Vec<&str> = want_pred
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .collect();
                    let wrong = p.labels.iter().zip(&want).filter(|(a, b)| a != *b).count();
                    if wrong > 0 || p.labels.len() != want.len() {
                        errors.push(format!("{what}_prediction: {wrong} labels differ"));
                    }
                }
            }
            if let Some(want) = expected.get(format!("{split}_metrics")) {
                let target_col = table.column(target).unwrap();
                let with: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|&r| !target_col.is_missing(r))
                    .collect();
                let m = measure(table, &model, &p, &with).unwrap();
                close_json(
                    &format!("{what}_metrics"),
                    &spec_json(&m),
                    want,
                    tol.max(1e-9),
                    &mut errors,
                );
            }
        }
        // Written and read back, it predicts the same.
        let back =
            mlops_engine::model::FittedModel::from_json(&model.to_json(), "model.json").unwrap();
        let all: Vec<usize> = (0..test.n_rows).collect();
        assert_eq!(
            back.predict(&test, &all).unwrap(),
            model.predict(&test, &all).unwrap(),
            "{name}: JSON round trip"
        );
    }
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

//! `mlops monitor`: a simulated concept drift makes the realized accuracy
//! fall while the estimate (from the scores) and the input tests stay
//! quiet; a simulated data drift makes the inputs' tests and bounds fire;
//! the JSON's shape and the errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    breast_cancer, path_str, run_fail, run_input_error, run_json, train_breast_cancer_model,
};
use serde_json::Value;
use std::path::Path;

fn breast() -> String {
    breast_cancer()
}

fn model(dir: &Path) -> String {
    train_breast_cancer_model(&dir.join("model.json"), "logistic", "1")
}

fn batches(dir: &Path, scenario: &[&str]) -> String {
    let out = path_str(&dir.join("batches"));
    let b = breast();
    let mut args = vec![
        "simulate",
        b.as_str(),
        "--shape",
        "sudden",
        "--batches",
        "6",
        "--seed",
        "2",
        "--batch-rows",
        "300",
        "--out",
        out.as_str(),
        "--json",
    ];
    args.extend_from_slice(scenario);
    run_json(&args);
    out
}

fn accuracy(b: &Value, which: &str) -> f64 {
    b[which]["accuracy"].as_f64().unwrap()
}

#[test]
fn concept_drift_is_felt_by_performance_not_by_the_input_tests() {
    let dir = tempfile::tempdir().unwrap();
    let m = model(dir.path());
    let d = batches(
        dir.path(),
        &[
            "--scenario",
            "concept",
            "--feature",
            "worst radius",
            "--target",
            "diagnosis",
            "--magnitude",
            "1.5",
        ],
    );
    let svg = dir.path().join("timeline.svg");
    let j = run_json(&[
        "monitor",
        &breast(),
        &d,
        "--model",
        &m,
        "--json",
        "--plot",
        &path_str(&svg),
    ]);
    let b = j["batches"].as_array().unwrap();
    assert_eq!(b.len(), 6);
    assert_eq!(j["target"], "diagnosis");
    assert_eq!(j["inputs"].as_array().unwrap().len(), 30);
    for before in &b[..3] {
        assert!(accuracy(before, "realized") > 0.9);
        assert_eq!(
            before["alerts"],
            serde_json::json!([]),
            "{}",
            before["batch"]
        );
    }
    for after in &b[3..] {
        assert!(accuracy(after, "realized") < 0.8, "{}", after["batch"]);
        assert!(
            accuracy(after, "estimated") > 0.9,
            "the estimate cannot see concept drift"
        );
        assert_eq!(after["dataset_drift"], false);
        let alerts: Vec<&str> = after["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["metric"].as_str().unwrap())
            .collect();
        assert!(alerts.contains(&"realized.accuracy"), "{alerts:?}");
        assert!(
            !alerts
                .iter()
                .any(|a| a.starts_with("js.") || a.starts_with("estimated.")),
            "{alerts:?}"
        );
    }
    assert!(std::fs::read_to_string(&svg)
        .unwrap()
        .contains("realized accuracy"));
}

#[test]
fn data_drift_fires_the_feature_tests_and_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let d = batches(
        dir.path(),
        &[
            "--scenario",
            "data",
            "--feature",
            "worst radius",
            "--magnitude",
            "1",
        ],
    );
    let j = run_json(&["monitor", &breast(), &d, "--target", "diagnosis", "--json"]);
    let last = &j["batches"][5];
    assert!(last["outputs"].is_null() && last["estimated"].is_null());
    let alerts: Vec<&str> = last["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["metric"].as_str().unwrap())
        .collect();
    for want in ["drift.worst radius", "mean.worst radius", "js.worst radius"] {
        assert!(alerts.contains(&want), "{want} not in {alerts:?}");
    }
    let radius = last["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "worst radius")
        .unwrap();
    assert!(radius["mean"].as_f64().unwrap() > 18.0);
    let bound = j["bounds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["metric"] == "mean.worst radius")
        .unwrap();
    assert!(bound["upper"].as_f64().unwrap() < radius["mean"].as_f64().unwrap());
    assert!(j["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i != "diagnosis"));
}

#[test]
fn errors_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let e = run_input_error(&["monitor", &breast(), &path_str(dir.path())], "no .csv");
    assert!(e.contains("no .csv"), "{e}");
    run_fail(&["monitor", &breast(), "/nonexistent-dir"], 1);
    let bad = dir.path().join("model.json");
    std::fs::write(&bad, "{}").unwrap();
    std::fs::write(dir.path().join("b.csv"), "a\n1\n").unwrap();
    run_input_error(
        &[
            "monitor",
            &breast(),
            &path_str(dir.path()),
            "--model",
            &path_str(&bad),
        ],
        "model.json",
    );
}

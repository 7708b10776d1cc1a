//! `mlops rollout` against `shared/spec/cli.md`: the JSON fields, the three
//! strategies, the same seed giving the same run, trained models as the
//! error sources, the latency options, `--plot`, and bad settings (exit 2).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{path_str, run_fail, run_json};
use std::path::PathBuf;

#[test]
fn canary_json_has_the_specs_fields_and_repeats() {
    let args = [
        "rollout",
        "--strategy",
        "canary",
        "--seed",
        "1",
        "--candidate-error",
        "0.15",
        "--json",
    ];
    let j = run_json(&args);
    assert_eq!(j, run_json(&args));
    assert_eq!(j["strategy"], "canary");
    assert_eq!(j["seed"], 1);
    for key in [
        "steps",
        "outcome",
        "rolled_back_at_step",
        "requests_served_by_candidate",
        "errors_served_by_candidate",
        "warnings",
    ] {
        assert!(j.get(key).is_some(), "{key}");
    }
    let s = &j["steps"][0];
    for key in [
        "step",
        "candidate_weight",
        "baseline_requests",
        "candidate_requests",
        "baseline_errors",
        "candidate_errors",
        "verdict",
    ] {
        assert!(s.get(key).is_some(), "step {key}");
    }
    assert_eq!(s["candidate_weight"], 5.0);
    assert_eq!(s["baseline_requests"], 950);
    assert_eq!(s["candidate_requests"], 50);
    assert_eq!(j["outcome"], "rolled_back");
    let k = j["rolled_back_at_step"].as_u64().unwrap() as usize;
    assert_eq!(j["steps"].as_array().unwrap().len(), k);
    let served: u64 = j["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["candidate_requests"].as_u64().unwrap())
        .sum();
    assert_eq!(j["requests_served_by_candidate"].as_u64().unwrap(), served);
}

#[test]
fn shadow_serves_nothing_and_blue_green_switches_once() {
    let j = run_json(&[
        "rollout",
        "--strategy",
        "shadow",
        "--step-count",
        "3",
        "--seed",
        "2",
        "--json",
    ]);
    assert_eq!(j["steps"].as_array().unwrap().len(), 3);
    assert_eq!(j["requests_served_by_candidate"], 0);
    assert!(j["steps"][0]["agreement"].as_f64().unwrap() > 0.8);
    assert_eq!(j["outcome"], "promoted");
    let j = run_json(&[
        "rollout",
        "--strategy",
        "blue-green",
        "--seed",
        "2",
        "--json",
    ]);
    let weights: Vec<f64> = j["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["candidate_weight"].as_f64().unwrap())
        .collect();
    assert_eq!(weights, [0.0, 100.0]);
    assert_eq!(j["requests_served_by_candidate"], 1000);
    let j = run_json(&[
        "rollout",
        "--strategy",
        "blue-green",
        "--seed",
        "2",
        "--candidate-error",
        "0.2",
        "--json",
    ]);
    assert_eq!(j["rolled_back_at_step"], 1);
    assert_eq!(j["requests_served_by_candidate"], 0);
}

#[test]
fn trained_models_latency_and_plot() {
    let dir = tempfile::tempdir().unwrap();
    let data = path_str(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data/sample-breast-cancer.csv"),
    );
    let model = |name: &str, kind: &str| {
        let out = path_str(&dir.path().join(name));
        run_json(&[
            "train",
            &data,
            "--target",
            "diagnosis",
            "--model",
            kind,
            "--ratios",
            "60,20,20",
            "--seed",
            "1",
            "--model-out",
            &out,
            "--json",
        ]);
        out
    };
    let (good, base) = (
        model("logistic.json", "logistic"),
        model("majority.json", "majority"),
    );
    // The majority baseline as the candidate: far worse, rolled back early.
    let svg = dir.path().join("rollout.svg");
    let j = run_json(&[
        "rollout",
        "--strategy",
        "canary",
        "--seed",
        "3",
        "--baseline-model",
        &good,
        "--candidate-model",
        &base,
        "--data",
        &data,
        "--json",
        "--plot",
        &path_str(&svg),
    ]);
    assert_eq!(j["outcome"], "rolled_back");
    assert!(j["warnings"][1]
        .as_str()
        .unwrap()
        .contains("candidate model: error rate"));
    assert!(std::fs::read_to_string(&svg)
        .unwrap()
        .contains("candidate error rate"));
    let j = run_json(&[
        "rollout",
        "--strategy",
        "canary",
        "--seed",
        "3",
        "--baseline-latency",
        "50,200",
        "--candidate-latency",
        "70,280",
        "--json",
    ]);
    let last = j["steps"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["latency"]["verdict"], "fail");
    assert_eq!(last["score"], 50.0);
    assert_eq!(j["outcome"], "rolled_back");
}

#[test]
fn bad_settings_exit_2_naming_them() {
    for (args, word) in [
        (vec!["--steps", "10,5"], "goes down"),
        (vec!["--steps", "10,150"], "outside 0–100"),
        (vec!["--candidate-error", "2"], "--candidate-error"),
        (vec!["--requests-per-step", "0"], "--requests-per-step"),
        (vec!["--confidence", "1"], "--confidence"),
        (vec!["--baseline-latency", "50"], "MEDIAN,P99"),
    ] {
        let mut a = vec!["rollout", "--strategy", "canary"];
        a.extend(args);
        let e = run_fail(&a, 2);
        assert!(e.contains(word), "{e}");
    }
    run_fail(&["rollout", "--strategy", "linear"], 2);
}

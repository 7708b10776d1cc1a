//! `mlops rollout` against `docs/cli.md`: the JSON fields, the three
//! strategies, the same seed giving the same run, trained models as the
//! error sources, the latency options, `--plot`, and bad settings (exit 2).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{path_str, run_fail, run_json, train_breast_cancer_model};
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
    let model =
        |name: &str, kind: &str| train_breast_cancer_model(&dir.path().join(name), kind, "1");
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

#[test]
fn the_plan_exports_as_argo_and_flagger_yaml_that_parses_back() {
    use yaml_rust2::YamlLoader;
    let dir = tempfile::tempdir().unwrap();
    let (argo, flagger) = (
        dir.path().join("argo.yaml"),
        dir.path().join("flagger.yaml"),
    );
    run_json(&[
        "rollout",
        "--strategy",
        "canary",
        "--steps",
        "2,10,40,100",
        "--baseline-error",
        "0.04",
        "--max-increase",
        "0.02",
        "--max-inconclusive",
        "2",
        "--baseline-latency",
        "50,200",
        "--candidate-latency",
        "55,220",
        "--seed",
        "4",
        "--json",
        "--export-argo",
        &path_str(&argo),
        "--export-flagger",
        &path_str(&flagger),
        "--service-name",
        "fraud-model",
    ]);
    let docs = YamlLoader::load_from_str(&std::fs::read_to_string(&argo).unwrap()).unwrap();
    assert_eq!(docs.len(), 2);
    let steps = docs[0]["strategy"]["canary"]["steps"].as_vec().unwrap();
    let weights: Vec<i64> = steps
        .iter()
        .filter_map(|s| s["setWeight"].as_i64())
        .collect();
    assert_eq!(weights, [2, 10, 40, 100]);
    assert_eq!(
        steps[1]["analysis"]["templates"][0]["templateName"].as_str(),
        Some("fraud-model-analysis")
    );
    let t = &docs[1];
    assert_eq!(t["kind"].as_str(), Some("AnalysisTemplate"));
    assert_eq!(t["apiVersion"].as_str(), Some("argoproj.io/v1alpha1"));
    assert_eq!(t["metadata"]["name"].as_str(), Some("fraud-model-analysis"));
    let m = &t["spec"]["metrics"];
    assert_eq!(
        m[0]["successCondition"].as_str(),
        Some("result[0] <= 0.0600")
    );
    assert_eq!(m[0]["failureLimit"].as_i64(), Some(0));
    assert_eq!(m[0]["inconclusiveLimit"].as_i64(), Some(2));
    assert_eq!(
        m[1]["successCondition"].as_str(),
        Some("result[0] <= 220.0")
    );
    assert!(m[0]["provider"]["prometheus"]["query"]
        .as_str()
        .unwrap()
        .contains("fraud-model"));

    let docs = YamlLoader::load_from_str(&std::fs::read_to_string(&flagger).unwrap()).unwrap();
    let c = &docs[0];
    assert_eq!(c["apiVersion"].as_str(), Some("flagger.app/v1beta1"));
    assert_eq!(c["kind"].as_str(), Some("Canary"));
    let a = &c["spec"]["analysis"];
    assert_eq!(a["threshold"].as_i64(), Some(1));
    let sw: Vec<i64> = a["stepWeights"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_i64())
        .collect();
    assert_eq!(sw, [2, 10, 40]);
    assert_eq!(a["maxWeight"].as_i64(), Some(40));
    assert_eq!(
        a["metrics"][0]["name"].as_str(),
        Some("request-success-rate")
    );
    assert_eq!(
        a["metrics"][0]["thresholdRange"]["min"].as_f64(),
        Some(94.0)
    );
    assert_eq!(a["metrics"][1]["thresholdRange"]["max"].as_i64(), Some(220));
    assert_eq!(c["spec"]["targetRef"]["name"].as_str(), Some("fraud-model"));
}

#[test]
fn catch_plans_the_canary_instead_of_running_it() {
    let j = run_json(&[
        "rollout",
        "--strategy",
        "canary",
        "--catch",
        "0.03",
        "--traffic-per-minute",
        "200",
        "--json",
    ]);
    let steps = j["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    // The engine's textbook case: pb 0.05, pc 0.08, D 0.01, 95 %, 80 % power.
    assert_eq!(steps[0]["candidate_requests"], 1177);
    assert_eq!(steps[0]["requests"], 23540);
    assert_eq!(steps[0]["minutes"], 117.7);
    assert!(j["total_requests"].as_u64().unwrap() > 23540);
    // Too small an increase to catch is a usage error naming --catch.
    let e = run_fail(&["rollout", "--strategy", "canary", "--catch", "0.005"], 2);
    assert!(e.contains("--catch"), "{e}");
}

#[test]
fn the_text_output_says_why_and_logs_the_events() {
    let out = common::run(&[
        "rollout",
        "--strategy",
        "canary",
        "--seed",
        "1",
        "--candidate-error",
        "0.1",
    ])
    .stdout;
    assert!(out.contains("step 3: error 11.2% vs 5.1%"), "{out}");
    assert!(out.contains("Advance canary weight 25"), "{out}");
    assert!(out.contains("Rolling back"), "{out}");
}

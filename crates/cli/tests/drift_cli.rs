//! `mlops drift` against `docs/cli.md`: the JSON equals Evidently's
//! DataDriftPreset on the fixture files, the options, the exit statuses and
//! the named errors (no shared column, empty current file, mixed kinds,
//! a column with no values left).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{path_str, run_fail, run_input_error, run_json};
use std::path::{Path, PathBuf};

fn dataset(name: &str) -> String {
    path_str(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../engine/tests/fixtures/drift/dataset")
            .join(name),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    path_str(&p)
}

#[test]
fn json_is_evidentlys_report() {
    let got = run_json(&[
        "drift",
        &dataset("reference.csv"),
        &dataset("current.csv"),
        "--json",
    ]);
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../engine/tests/fixtures/drift/dataset/expected.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for key in [
        "reference_rows",
        "current_rows",
        "drifted_columns",
        "dataset_drift",
    ] {
        assert_eq!(got[key], want[key], "{key}");
    }
    assert!((got["share"].as_f64().unwrap() - want["share"].as_f64().unwrap()).abs() < 1e-12);
    for (g, w) in got["columns"]
        .as_array()
        .unwrap()
        .iter()
        .zip(want["columns"].as_array().unwrap())
    {
        for key in ["name", "kind", "method", "threshold", "drifted"] {
            assert_eq!(g[key], w[key], "{} {key}", w["name"]);
        }
        let (a, b) = (g["score"].as_f64().unwrap(), w["score"].as_f64().unwrap());
        assert!(
            (a - b).abs() <= 1e-9 * b.abs().max(1e-6),
            "{}: {a} vs {b}",
            w["name"]
        );
    }
    assert_eq!(got["warnings"], serde_json::json!([]));
}

#[test]
fn options_choose_columns_method_threshold_and_share() {
    let (r, c) = (dataset("reference.csv"), dataset("current.csv"));
    let j = run_json(&[
        "drift",
        &r,
        &c,
        "--columns",
        "x_normal,flag",
        "--method",
        "psi",
        "--threshold",
        "0.2",
        "--drift-share",
        "1",
        "--json",
    ]);
    let cols = j["columns"].as_array().unwrap();
    assert_eq!(cols.len(), 2);
    assert!(cols
        .iter()
        .all(|c| c["method"] == "psi" && c["threshold"] == 0.2));
    assert_eq!(j["dataset_drift"], j["drifted_columns"] == 2);
    // A numbers-only method on a text column falls back, with a warning.
    let j = run_json(&[
        "drift",
        &r,
        &c,
        "--columns",
        "color",
        "--method",
        "wasserstein",
        "--json",
    ]);
    assert_eq!(j["columns"][0]["method"], "chisquare");
    assert!(j["warnings"][0].as_str().unwrap().contains("color"));
}

#[test]
fn bad_input_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let r = write(dir.path(), "ref.csv", "a,b\n1,x\n2,y\n3,x\n");
    let other = write(dir.path(), "other.csv", "c,d\n1,2\n");
    let e = run_input_error(&["drift", &r, &other], "other.csv");
    assert!(e.contains("no column"), "{e}");
    let empty = write(dir.path(), "empty.csv", "a,b\n");
    let e = run_input_error(&["drift", &r, &empty], "empty.csv");
    assert!(e.contains("no rows"), "{e}");
    // a: numeric in one file, text in the other; b: all missing in current.
    let mixed = write(dir.path(), "mixed.csv", "a,b\nlow,\nhigh,\nlow,\n");
    let j = run_json(&["drift", &r, &mixed, "--json"]);
    assert_eq!(j["columns"].as_array().unwrap().len(), 1);
    assert_eq!(j["columns"][0]["kind"], "categorical");
    let w = j["warnings"].to_string();
    assert!(w.contains("'a' is numeric in one file and text"), "{w}");
    assert!(w.contains("'b' has no values"), "{w}");
    let e = run_input_error(&["drift", &r, &r, "--columns", "zz"], "ref.csv");
    assert!(e.contains("zz"), "{e}");
    run_fail(&["drift", &r, &r, "--method", "t-test"], 2);
    run_fail(&["drift", &r, &r, "--drift-share", "2"], 2);
}

#[test]
fn identical_files_do_not_drift_and_plot_draws_each_column() {
    let r = dataset("reference.csv");
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("drift.svg");
    let j = run_json(&["drift", &r, &r, "--json", "--plot", &path_str(&svg)]);
    assert_eq!(j["drifted_columns"], 0);
    assert_eq!(j["dataset_drift"], false);
    assert!(j["columns"][0].get("distribution").is_none());
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    for name in ["x_normal", "color", "segment"] {
        assert!(text.contains(name), "{name} missing from the plot");
    }
}

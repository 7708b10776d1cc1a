//! `mlops simulate` against `docs/cli.md`: the same seed gives the
//! same bytes, the shapes' strengths, each scenario's effect measured on the
//! written batches (and seen by `mlops drift`), and the usage errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{path_str, run_fail, run_input_error, run_json};
use std::path::PathBuf;

fn breast() -> String {
    path_str(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data/sample-breast-cancer.csv"),
    )
}

fn simulate(extra: &[&str], out: &std::path::Path) -> serde_json::Value {
    let b = breast();
    let out = path_str(out);
    let mut args = vec!["simulate", b.as_str(), "--json", "--out", out.as_str()];
    args.extend_from_slice(extra);
    run_json(&args)
}

fn column(file: &std::path::Path, name: &str) -> Vec<String> {
    let mut r = csv::Reader::from_path(file).unwrap();
    let i = r.headers().unwrap().iter().position(|h| h == name).unwrap();
    r.records().map(|rec| rec.unwrap()[i].to_string()).collect()
}

fn mean(v: &[String]) -> f64 {
    let xs: Vec<f64> = v.iter().filter_map(|s| s.parse().ok()).collect();
    xs.iter().sum::<f64>() / xs.len() as f64
}

#[test]
fn same_seed_same_bytes_and_the_json_of_the_spec() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = [
        "--scenario",
        "data",
        "--shape",
        "incremental",
        "--batches",
        "5",
        "--seed",
        "3",
        "--feature",
        "mean radius",
        "--batch-rows",
        "200",
    ];
    let j = simulate(&args, a.path());
    simulate(&args, b.path());
    for i in 1..=5 {
        let f = format!("batch-{i:03}.csv");
        assert_eq!(
            std::fs::read(a.path().join(&f)).unwrap(),
            std::fs::read(b.path().join(&f)).unwrap(),
            "{f}"
        );
    }
    assert_eq!(j["change_at"], 3);
    assert_eq!(j["scenario"], "data");
    assert_eq!(j["feature"], "mean radius");
    let strengths: Vec<f64> = j["batches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["strength"].as_f64().unwrap())
        .collect();
    assert_eq!(strengths, [0.0, 0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0]);
    assert!(j["batches"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["rows"] == 200));
    let c = tempfile::tempdir().unwrap();
    simulate(
        &[
            "--scenario",
            "data",
            "--shape",
            "incremental",
            "--batches",
            "5",
            "--seed",
            "4",
            "--feature",
            "mean radius",
            "--batch-rows",
            "200",
        ],
        c.path(),
    );
    assert_ne!(
        std::fs::read(a.path().join("batch-001.csv")).unwrap(),
        std::fs::read(c.path().join("batch-001.csv")).unwrap()
    );
}

#[test]
fn data_drift_moves_the_feature_by_one_std_and_drift_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    simulate(
        &[
            "--scenario",
            "data",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "1",
            "--feature",
            "mean radius",
        ],
        dir.path(),
    );
    let reference = column(std::path::Path::new(&breast()), "mean radius");
    let (before, after) = (
        column(&dir.path().join("batch-001.csv"), "mean radius"),
        column(&dir.path().join("batch-002.csv"), "mean radius"),
    );
    // Unchanged rows keep their text exactly.
    assert!(before.iter().all(|v| reference.contains(v)));
    let sd = {
        let xs: Vec<f64> = reference.iter().map(|s| s.parse().unwrap()).collect();
        let m = xs.iter().sum::<f64>() / xs.len() as f64;
        (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64).sqrt()
    };
    let shift = mean(&after) - mean(&before);
    assert!((shift - sd).abs() < 0.25 * sd, "shift {shift} vs sd {sd}");
    let d = run_json(&[
        "drift",
        &breast(),
        &path_str(&dir.path().join("batch-002.csv")),
        "--columns",
        "mean radius,mean texture",
        "--json",
    ]);
    assert_eq!(d["columns"][0]["drifted"], true);
    assert_eq!(d["columns"][1]["drifted"], false);
}

#[test]
fn quality_concept_and_prior_change_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    simulate(
        &[
            "--scenario",
            "quality",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "2",
            "--feature",
            "mean area",
            "--batch-rows",
            "1000",
        ],
        dir.path(),
    );
    let missing = |f: &str| {
        column(&dir.path().join(f), "mean area")
            .iter()
            .filter(|v| v.is_empty())
            .count()
    };
    assert_eq!(missing("batch-001.csv"), 0);
    assert!(
        (400..600).contains(&missing("batch-002.csv")),
        "{}",
        missing("batch-002.csv")
    );

    let dir = tempfile::tempdir().unwrap();
    simulate(
        &[
            "--scenario",
            "prior",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "2",
            "--target",
            "diagnosis",
            "--batch-rows",
            "1000",
            "--magnitude",
            "1",
        ],
        dir.path(),
    );
    let share = |f: &str| {
        let v = column(&dir.path().join(f), "diagnosis");
        v.iter().filter(|x| *x == "malignant").count() as f64 / v.len() as f64
    };
    let reference = {
        let v = column(std::path::Path::new(&breast()), "diagnosis");
        v.iter().filter(|x| *x == "malignant").count() as f64 / v.len() as f64
    };
    let want = reference + 0.5 * (1.0 - reference);
    assert!(
        (share("batch-002.csv") - want).abs() < 0.05,
        "{} vs {want}",
        share("batch-002.csv")
    );
    assert!((share("batch-001.csv") - reference).abs() < 0.05);

    let dir = tempfile::tempdir().unwrap();
    simulate(
        &[
            "--scenario",
            "concept",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "2",
            "--feature",
            "mean radius",
            "--target",
            "diagnosis",
            "--magnitude",
            "2",
        ],
        dir.path(),
    );
    // m = 2: every row above the median flips; none below does.
    let radius = column(&dir.path().join("batch-002.csv"), "mean radius");
    let label = column(&dir.path().join("batch-002.csv"), "diagnosis");
    let reference_rows: std::collections::HashMap<String, String> =
        column(std::path::Path::new(&breast()), "mean radius")
            .into_iter()
            .zip(column(std::path::Path::new(&breast()), "diagnosis"))
            .collect();
    let flipped = radius
        .iter()
        .zip(&label)
        .filter(|(r, l)| reference_rows.get(*r) != Some(l))
        .count();
    assert!(flipped > 200, "{flipped} flipped");
}

#[test]
fn usage_and_input_errors() {
    let b = breast();
    let e = run_fail(
        &[
            "simulate",
            &b,
            "--scenario",
            "data",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "1",
        ],
        2,
    );
    assert!(e.contains("--feature"), "{e}");
    run_fail(
        &[
            "simulate",
            &b,
            "--scenario",
            "wave",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "1",
        ],
        2,
    );
    run_fail(
        &[
            "simulate",
            &b,
            "--scenario",
            "data",
            "--shape",
            "sudden",
            "--batches",
            "0",
            "--seed",
            "1",
            "--feature",
            "mean radius",
        ],
        2,
    );
    let e = run_input_error(
        &[
            "simulate",
            &b,
            "--scenario",
            "data",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "1",
            "--feature",
            "nope",
        ],
        "sample-breast-cancer.csv",
    );
    assert!(e.contains("nope"), "{e}");
    let e = run_input_error(
        &[
            "simulate",
            &b,
            "--scenario",
            "concept",
            "--shape",
            "sudden",
            "--batches",
            "2",
            "--seed",
            "1",
            "--feature",
            "mean radius",
            "--target",
            "mean area",
        ],
        "sample-breast-cancer.csv",
    );
    assert!(e.contains("binary"), "{e}");
}

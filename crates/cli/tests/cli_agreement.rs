//! `mlops agreement FILE --raters a,b[,c...]` against `docs/cli.md`.
//!
//! Expected values: `python3 scripts/make_cli_fixtures.py` (raters3()):
//! scikit-learn's `cohen_kappa_score` per pair, statsmodels'
//! `fleiss_kappa(aggregate_raters(x)[0], method="fleiss")`, and the share of
//! rows where all raters agree, on the rows with no missing label.

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{assert_close, fixture, path_str, run, run_json, sample};
use serde_json::{json, Value};

const TOL: f64 = 1e-12;

fn assert_kappas(r: &Value, expected: &[(&str, &str, f64)]) {
    let got = r["cohen_kappa"].as_array().unwrap();
    assert_eq!(got.len(), expected.len(), "one entry per pair: {got:?}");
    for (g, (a, b, k)) in got.iter().zip(expected) {
        assert_eq!(g["a"], *a, "{g}");
        assert_eq!(g["b"], *b, "{g}");
        assert_close(&g["kappa"], *k, TOL, &format!("kappa {a}/{b}"));
    }
}

#[test]
fn sample_defects_two_raters() {
    let r = run_json(&[
        "agreement",
        &path_str(&sample()),
        "--raters",
        "defect,annotator_b",
        "--json",
    ]);
    assert_eq!(r["raters"], json!(["defect", "annotator_b"]));
    assert_eq!(r["rows"], 100);
    assert_close(&r["percent_agreement"], 0.93, TOL, "percent_agreement");
    // sklearn cohen_kappa_score(defect, annotator_b)
    assert_kappas(&r, &[("defect", "annotator_b", 0.8317307692307693)]);
    // statsmodels fleiss_kappa(..., method="fleiss")
    assert_close(&r["fleiss_kappa"], 0.831710542132468, TOL, "fleiss_kappa");
    assert_eq!(r["disagreements"], 7);
    assert_eq!(r["warnings"], json!([]));
}

#[test]
fn rater_order_follows_the_command_line() {
    let r = run_json(&[
        "agreement",
        &path_str(&sample()),
        "--raters",
        "annotator_b,defect",
        "--json",
    ]);
    assert_eq!(r["raters"], json!(["annotator_b", "defect"]));
    assert_kappas(&r, &[("annotator_b", "defect", 0.8317307692307693)]);
}

#[test]
fn three_raters_with_a_missing_label() {
    // raters3.csv: 40 items, labels bird/cat/dog, one row with ann_b = NA
    // (left out, with a warning) → 39 rows.
    let r = run_json(&[
        "agreement",
        &path_str(&fixture("raters3.csv")),
        "--raters",
        "ann_a,ann_b,ann_c",
        "--json",
    ]);
    assert_eq!(r["raters"], json!(["ann_a", "ann_b", "ann_c"]));
    assert_eq!(r["rows"], 39);
    assert_close(
        &r["percent_agreement"],
        0.5641025641025641,
        TOL,
        "percent_agreement",
    );
    assert_eq!(r["disagreements"], 17);
    assert_kappas(
        &r,
        &[
            ("ann_a", "ann_b", 0.5679758308157099),
            ("ann_a", "ann_c", 0.6012269938650306),
            ("ann_b", "ann_c", 0.49851632047477756),
        ],
    );
    assert_close(&r["fleiss_kappa"], 0.5522287257991894, TOL, "fleiss_kappa");
    let warnings = r["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].as_str().unwrap().contains('1'),
        "the warning counts the left-out row: {warnings:?}"
    );
}

#[test]
fn without_json_a_table_for_a_person() {
    let r = run(&[
        "agreement",
        &path_str(&sample()),
        "--raters",
        "defect,annotator_b",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.trim().is_empty());
    assert!(
        serde_json::from_str::<Value>(&r.stdout).is_err(),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("annotator_b") && r.stdout.contains("0.93"),
        "{}",
        r.stdout
    );
}

#[test]
fn windows_1252_file_gives_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("raters1252.csv");
    // "é" and "è" as Windows-1252 bytes E9 / E8.
    std::fs::write(
        &file,
        b"a,b\n\xe9t\xe9,\xe9t\xe9\nhiver,hiver\n\xe9t\xe9,hiver\nhiver,hiver\n",
    )
    .unwrap();
    let r = run_json(&["agreement", &path_str(&file), "--raters", "a,b", "--json"]);
    assert_eq!(r["rows"], 4);
    assert_eq!(r["disagreements"], 1);
    let warnings = r["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("1252")),
        "the encoding warning reaches the agreement report: {warnings:?}"
    );
}

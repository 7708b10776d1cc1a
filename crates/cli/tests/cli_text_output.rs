//! Every command's text output (no `--json`) is for a person: no JSON
//! text (`{"`, `[{`, `[[`), no Rust variant names (`RolledBack`, `Pass`),
//! no `NaN`/`inf`, and no 300-digit number.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{breast_cancer, path_str, run, sample, train_breast_cancer_model};

/// What must never appear in text output.
fn leaks(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for bad in ["{\"", "[{", "[[", "NaN", "inf ", "Some(", "None"] {
        if text.contains(bad) {
            found.push(bad.to_string());
        }
    }
    // Variant names (sentences may start with "Paused" or "Promoted": the
    // Flagger events do).
    let camel = [
        "RolledBack",
        "BlueGreen",
        "NaiveBayes",
        "Pass",
        "Fail",
        "Inconclusive",
        "Stratified",
        "Multiclass",
    ];
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if camel.contains(&word) {
            found.push(word.to_string());
        }
    }
    if text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|n| n.len() > 40)
    {
        found.push("a number of more than 40 digits".into());
    }
    found
}

fn check(args: &[&str]) {
    let r = run(args);
    assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
    let found = leaks(&r.stdout);
    assert!(found.is_empty(), "{args:?} prints {found:?}:\n{}", r.stdout);
}

#[test]
fn no_command_prints_internal_forms() {
    let dir = tempfile::tempdir().unwrap();
    let defects = path_str(&sample());
    let breast = breast_cancer();
    let model = train_breast_cancer_model(&dir.path().join("m.json"), "logistic", "0");
    let scores = path_str(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../engine/tests/fixtures/metrics/binary_scores.csv"),
    );
    check(&["profile", &defects]);
    check(&[
        "split",
        &defects,
        "--target",
        "defect",
        "--strategy",
        "stratified",
        "--ratios",
        "60,20,20",
        "--seed",
        "0",
    ]);
    check(&["metrics", &scores, "--target", "y", "--score", "s"]);
    check(&[
        "metrics",
        &scores,
        "--target",
        "y",
        "--score",
        "s",
        "--bootstrap",
        "0",
    ]);
    check(&[
        "metrics",
        &scores,
        "--target",
        "y",
        "--score",
        "s",
        "--automation",
    ]);
    check(&["metrics", &scores, "--target", "y", "--pred", "s"]);
    for kind in ["logistic", "naive-bayes", "tree"] {
        check(&[
            "train",
            &breast,
            "--target",
            "diagnosis",
            "--model",
            kind,
            "--ratios",
            "60,20,20",
            "--seed",
            "0",
        ]);
    }
    check(&["predict", &model, &breast]);
    check(&["drift", &defects, &defects]);
    check(&[
        "simulate",
        &defects,
        "--target",
        "defect",
        "--scenario",
        "concept",
        "--feature",
        "brightness",
        "--shape",
        "sudden",
        "--batches",
        "4",
        "--seed",
        "0",
    ]);
    let canary = [
        "rollout",
        "--strategy",
        "canary",
        "--candidate-error",
        "0.1",
        "--seed",
    ];
    for args in [
        [&canary[..], &["1"]].concat(),
        [&canary[..], &["1", "--label-delay", "980"]].concat(),
        [&canary[..], &["1", "--catch", "0.03"]].concat(),
        vec![
            "rollout",
            "--strategy",
            "shadow",
            "--candidate-error",
            "0.1",
            "--seed",
            "2",
        ],
        vec![
            "rollout",
            "--strategy",
            "blue-green",
            "--candidate-error",
            "0.1",
            "--seed",
            "2",
        ],
    ] {
        check(&args);
    }
}

#[test]
fn huge_values_print_in_exponent_form() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.csv");
    std::fs::write(&p, "x\n1e308\n-1e308\n3e307\n").unwrap();
    let r = run(&["profile", &path_str(&p)]);
    assert!(leaks(&r.stdout).is_empty(), "{}", r.stdout);
    assert!(
        r.stdout.contains("e307") || r.stdout.contains("e308"),
        "{}",
        r.stdout
    );
}

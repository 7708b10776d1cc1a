//! `mlops metrics`, `mlops train` and `mlops predict` against
//! `docs/cli.md`: every field of the metrics object, the exit
//! statuses, the files `train` writes, and the promise that each split's
//! metrics in `train --json` (and `predict --json`) are exactly what
//! `mlops metrics` prints for the same rows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{path_str, run, run_fail, run_input_error, run_json, train_breast_cancer_model};
use serde_json::Value;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------- helpers

fn data(name: &str) -> String {
    path_str(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../engine/data")
            .join(name),
    )
}

fn breast() -> String {
    data("sample-breast-cancer.csv")
}

fn iris() -> String {
    data("sample-iris.csv")
}

fn defects() -> String {
    data("sample-defects.csv")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    path_str(&p)
}

/// A CSV without quoted fields: header and rows, split on `,`.
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(!text.contains('"'), "the helper reads unquoted CSV only");
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn csv_text(header: &[String], rows: &[&Vec<String>]) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out
}

/// The same JSON, numbers to 1e-12 (relative above 1); every difference
/// is listed.
fn compare(path: &str, got: &Value, want: &Value, errors: &mut Vec<String>) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            if (a - b).abs() > 1e-12 * b.abs().max(1.0) {
                errors.push(format!("{path}: {a} vs {b}"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
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
            for k in a.keys().filter(|k| !b.contains_key(*k)) {
                errors.push(format!("{path}.{k}: extra"));
            }
        }
        (a, b) if a == b => {}
        (a, b) => errors.push(format!("{path}: {a} vs {b}")),
    }
}

fn assert_same_json(got: &Value, want: &Value, what: &str) {
    let mut errors = Vec::new();
    compare("", got, want, &mut errors);
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

const BINARY_FIELDS: [&str; 22] = [
    "task",
    "rows",
    "labels",
    "positive",
    "threshold",
    "accuracy",
    "balanced_accuracy",
    "precision",
    "recall",
    "f1",
    "macro",
    "micro",
    "weighted",
    "per_class",
    "mcc",
    "cohen_kappa",
    "confusion_matrix",
    "roc_auc",
    "average_precision",
    "log_loss",
    "brier",
    "warnings",
];
const SCORE_FIELDS: [&str; 4] = ["roc_auc", "average_precision", "log_loss", "brier"];
const REGRESSION_FIELDS: [&str; 8] = [
    "task", "rows", "mae", "mse", "rmse", "r2", "mape", "warnings",
];

/// 60 rows: `y` benign/malignant (every third malignant), a score `s` in
/// [0, 1], and `p`, the prediction `s >= 0.5`.
fn binary_csv() -> (String, Vec<(bool, f64)>) {
    let mut text = String::from("y,p,s\n");
    let mut rows = Vec::new();
    for i in 0..60u32 {
        let malignant = i % 3 == 0;
        // Malignant rows score higher on average, with overlap.
        let s = f64::from((i * 37) % 60 + if malignant { 40 } else { 0 }) / 100.0;
        let label = |m: bool| if m { "malignant" } else { "benign" };
        text.push_str(&format!("{},{},{s}\n", label(malignant), label(s >= 0.5)));
        rows.push((malignant, s));
    }
    (text, rows)
}

fn check_prf(v: &Value, what: &str) {
    for k in ["precision", "recall", "f1"] {
        let x = v[k].as_f64().unwrap_or_else(|| panic!("{what}.{k}: {v}"));
        assert!((0.0..=1.0).contains(&x), "{what}.{k} = {x}");
    }
}

// ---------------------------------------------------------------- metrics

#[test]
fn metrics_binary_with_score_has_every_spec_field() {
    let dir = tempfile::tempdir().unwrap();
    let (text, rows) = binary_csv();
    let file = write(dir.path(), "b.csv", &text);
    let v = run_json(&["metrics", &file, "--target", "y", "--score", "s", "--json"]);
    for k in BINARY_FIELDS {
        assert!(v.get(k).is_some(), "missing \"{k}\": {v}");
    }
    assert_eq!(v["task"], "binary");
    assert_eq!(v["rows"], 60);
    assert_eq!(v["labels"], serde_json::json!(["benign", "malignant"]));
    // The positive label: not 1, true or yes, so the last label.
    assert_eq!(v["positive"], "malignant");
    assert_eq!(v["threshold"], 0.5);
    for k in [
        "accuracy",
        "balanced_accuracy",
        "precision",
        "recall",
        "f1",
        "mcc",
        "cohen_kappa",
        "roc_auc",
        "average_precision",
        "log_loss",
        "brier",
    ] {
        assert!(v[k].is_f64(), "\"{k}\" is not a number: {}", v[k]);
    }
    for k in ["macro", "micro", "weighted"] {
        check_prf(&v[k], k);
    }
    let per_class = v["per_class"].as_array().unwrap();
    assert_eq!(per_class.len(), 2);
    for (c, label) in per_class.iter().zip(["benign", "malignant"]) {
        assert_eq!(c["label"], label);
        check_prf(c, label);
        assert!(c["support"].is_u64());
    }
    assert!(v["warnings"].as_array().unwrap().is_empty(), "{v}");

    // The numbers, recounted here: rows true, columns predicted.
    let (mut tn, mut fp, mut fn_, mut tp) = (0u64, 0u64, 0u64, 0u64);
    let mut brier = 0.0;
    for &(y, s) in &rows {
        match (y, s >= 0.5) {
            (false, false) => tn += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (true, true) => tp += 1,
        }
        brier += (f64::from(u8::from(y)) - s).powi(2);
    }
    assert_eq!(
        v["confusion_matrix"],
        serde_json::json!([[tn, fp], [fn_, tp]])
    );
    let close = |k: &str, want: f64| {
        let got = v[k].as_f64().unwrap();
        assert!((got - want).abs() < 1e-12, "{k}: {got} vs {want}");
    };
    close("accuracy", (tp + tn) as f64 / 60.0);
    close("precision", tp as f64 / (tp + fp) as f64);
    close("recall", tp as f64 / (tp + fn_) as f64);
    close("brier", brier / 60.0);
    assert_eq!(per_class[1]["support"], 20);
    // AUC by pairs.
    let (mut right, mut pairs) = (0.0, 0.0);
    for &(_, si) in rows.iter().filter(|r| r.0) {
        for &(_, sj) in rows.iter().filter(|r| !r.0) {
            pairs += 1.0;
            right += if si > sj {
                1.0
            } else if si == sj {
                0.5
            } else {
                0.0
            };
        }
    }
    close("roc_auc", right / pairs);
}

#[test]
fn metrics_without_score_has_no_score_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = binary_csv();
    let file = write(dir.path(), "b.csv", &text);
    let by_pred = run_json(&["metrics", &file, "--target", "y", "--pred", "p", "--json"]);
    for k in SCORE_FIELDS {
        assert!(
            by_pred.get(k).is_none(),
            "\"{k}\" without --score: {by_pred}"
        );
    }
    for k in BINARY_FIELDS
        .iter()
        .filter(|k| !SCORE_FIELDS.contains(k) && **k != "threshold")
    {
        assert!(by_pred.get(*k).is_some(), "missing \"{k}\": {by_pred}");
    }
    // p is `s >= 0.5`: the count metrics are those of --score at 0.5.
    let by_score = run_json(&["metrics", &file, "--target", "y", "--score", "s", "--json"]);
    for k in [
        "accuracy",
        "balanced_accuracy",
        "precision",
        "recall",
        "f1",
        "macro",
        "micro",
        "weighted",
        "per_class",
        "mcc",
        "cohen_kappa",
        "confusion_matrix",
        "labels",
        "positive",
    ] {
        assert_same_json(&by_pred[k], &by_score[k], k);
    }
}

#[test]
fn metrics_multiclass_has_null_top_level_precision_recall_f1() {
    let dir = tempfile::tempdir().unwrap();
    let (header, rows) = parse_csv(&std::fs::read_to_string(iris()).unwrap());
    let species = header.iter().position(|h| h == "species").unwrap();
    let mut text = format!("{},pred\n", header.join(","));
    let labels = ["setosa", "versicolor", "virginica"];
    let mut wrong = 0;
    for (i, r) in rows.iter().enumerate() {
        let mut pred = r[species].clone();
        if i % 7 == 0 {
            let k = labels.iter().position(|l| *l == pred).unwrap();
            pred = labels[(k + 1) % 3].to_string();
            wrong += 1;
        }
        text.push_str(&format!("{},{pred}\n", r.join(",")));
    }
    let file = write(dir.path(), "iris-pred.csv", &text);
    let v = run_json(&[
        "metrics", &file, "--target", "species", "--pred", "pred", "--json",
    ]);
    assert_eq!(v["task"], "multiclass");
    assert_eq!(v["rows"], 150);
    assert_eq!(v["labels"], serde_json::json!(labels));
    for k in ["precision", "recall", "f1"] {
        assert!(v[k].is_null(), "multiclass \"{k}\" is {}", v[k]);
    }
    for k in SCORE_FIELDS {
        assert!(v.get(k).is_none(), "\"{k}\" without --score");
    }
    let accuracy = v["accuracy"].as_f64().unwrap();
    assert!((accuracy - f64::from(150 - wrong) / 150.0).abs() < 1e-12);
    assert_eq!(v["micro"]["precision"].as_f64(), Some(accuracy));
    let cm: Vec<Vec<u64>> = serde_json::from_value(v["confusion_matrix"].clone()).unwrap();
    assert_eq!(
        cm.iter().map(|r| r.iter().sum::<u64>()).collect::<Vec<_>>(),
        vec![50, 50, 50]
    );
    assert_eq!(v["per_class"].as_array().unwrap().len(), 3);
}

/// 40 rows: numeric `y` with 40 distinct values, a prediction `p`, a
/// numeric `x` and a category `c` (for training).
fn regression_csv() -> (String, Vec<(f64, f64)>) {
    let mut text = String::from("x,c,y,p\n");
    let mut rows = Vec::new();
    for i in 0..40u32 {
        let x = f64::from(i) * 0.5;
        let c = ["north", "south", "east"][(i % 3) as usize];
        let y = 3.0 * x + f64::from(i % 3) * 2.0 + f64::from((i * 7) % 5) * 0.25 + 1.0;
        let p = y + f64::from(i % 4) - 1.5;
        text.push_str(&format!("{x},{c},{y},{p}\n"));
        rows.push((y, p));
    }
    (text, rows)
}

#[test]
fn metrics_regression_fields_for_a_numeric_target() {
    let dir = tempfile::tempdir().unwrap();
    let (text, rows) = regression_csv();
    let file = write(dir.path(), "r.csv", &text);
    let v = run_json(&["metrics", &file, "--target", "y", "--pred", "p", "--json"]);
    assert_eq!(v["task"], "regression", "{v}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    for k in REGRESSION_FIELDS {
        assert!(v.get(k).is_some(), "missing \"{k}\": {v}");
    }
    assert!(
        v.get("accuracy").is_none(),
        "classification fields: {keys:?}"
    );
    assert_eq!(v["rows"], 40);
    let n = rows.len() as f64;
    let mae = rows.iter().map(|(y, p)| (y - p).abs()).sum::<f64>() / n;
    let mse = rows.iter().map(|(y, p)| (y - p).powi(2)).sum::<f64>() / n;
    let mean = rows.iter().map(|r| r.0).sum::<f64>() / n;
    let ss_tot = rows.iter().map(|(y, _)| (y - mean).powi(2)).sum::<f64>();
    let mape = rows
        .iter()
        .map(|(y, p)| (y - p).abs() / y.abs())
        .sum::<f64>()
        / n;
    for (k, want) in [
        ("mae", mae),
        ("mse", mse),
        ("rmse", mse.sqrt()),
        ("r2", 1.0 - mse * n / ss_tot),
        ("mape", mape),
    ] {
        let got = v[k].as_f64().unwrap();
        assert!(
            (got - want).abs() <= 1e-12 * want.abs().max(1.0),
            "{k}: {got} vs {want}"
        );
    }
    // `--task classification` overrides the detection.
    let c = run_json(&[
        "metrics",
        &file,
        "--target",
        "y",
        "--pred",
        "p",
        "--task",
        "classification",
        "--json",
    ]);
    assert_eq!(c["task"], "multiclass");
}

#[test]
fn metrics_plot_writes_an_svg() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = binary_csv();
    let file = write(dir.path(), "b.csv", &text);
    let svg = path_str(&dir.path().join("out.svg"));
    let plain = run_json(&["metrics", &file, "--target", "y", "--score", "s", "--json"]);
    let plotted = run_json(&[
        "metrics", &file, "--target", "y", "--score", "s", "--plot", &svg, "--json",
    ]);
    assert_eq!(plotted, plain, "--plot leaves stdout as it was");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"), "{}", &text[..text.len().min(80)]);
    assert!(
        text.contains("<polyline") || text.contains("<path"),
        "no curve drawn"
    );
}

#[test]
fn metrics_plot_svg_is_one_well_formed_document() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = binary_csv();
    let file = write(dir.path(), "b.csv", &text);
    let svg = path_str(&dir.path().join("out.svg"));
    run_json(&[
        "metrics", &file, "--target", "y", "--score", "s", "--plot", &svg, "--json",
    ]);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("</svg>").count(), 1, "one closing tag");
    assert!(
        text.trim_end().ends_with("</svg>"),
        "the document ends with its closing tag: ...{}",
        &text[text.len().saturating_sub(120)..]
    );
}

#[test]
fn metrics_plot_without_score_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = binary_csv();
    let file = write(dir.path(), "b.csv", &text);
    let svg = dir.path().join("out.svg");
    run_fail(
        &[
            "metrics",
            &file,
            "--target",
            "y",
            "--pred",
            "p",
            "--plot",
            &path_str(&svg),
            "--json",
        ],
        2,
    );
}

// ------------------------------------------------------------ exit codes

#[test]
fn unknown_column_is_exit_1_naming_file_and_column() {
    let file = defects();
    for args in [
        vec![
            "metrics", &file, "--target", "nope", "--pred", "defect", "--json",
        ],
        vec![
            "metrics", &file, "--target", "defect", "--pred", "nope", "--json",
        ],
        vec![
            "metrics", &file, "--target", "defect", "--score", "nope", "--json",
        ],
        vec!["metrics", &file, "--target", "defect", "--pred", "nope"],
        vec![
            "train", &file, "--target", "nope", "--model", "majority", "--ratios", "60,20,20",
            "--seed", "1", "--json",
        ],
        vec![
            "train",
            &file,
            "--target",
            "defect",
            "--model",
            "tree",
            "--ratios",
            "60,20,20",
            "--seed",
            "1",
            "--features",
            "pit_count,nope",
            "--json",
        ],
    ] {
        let line = run_input_error(&args, &file);
        assert!(
            line.contains("nope"),
            "the error does not name the column: {line}"
        );
    }
}

#[test]
fn pred_and_score_are_one_or_the_other() {
    let file = defects();
    // Neither, and both: bad usage.
    run_fail(&["metrics", &file, "--target", "defect", "--json"], 2);
    run_fail(
        &[
            "metrics",
            &file,
            "--target",
            "defect",
            "--pred",
            "annotator_b",
            "--score",
            "brightness",
            "--json",
        ],
        2,
    );
}

#[test]
fn score_on_a_three_class_target_is_exit_1() {
    let file = iris();
    let line = run_input_error(
        &[
            "metrics",
            &file,
            "--target",
            "species",
            "--score",
            "petal width (cm)",
            "--json",
        ],
        &file,
    );
    assert!(line.contains("species"), "{line}");
}

#[test]
fn bad_train_usage_is_exit_2() {
    let file = breast();
    let train = |extra: &[&str]| {
        let mut args = vec![
            "train",
            file.as_str(),
            "--target",
            "diagnosis",
            "--seed",
            "1",
        ];
        args.extend_from_slice(extra);
        args.push("--json");
        run_fail(&args, 2)
    };
    let e = train(&["--model", "forest", "--ratios", "60,20,20"]);
    assert!(e.contains("forest"), "{e}");
    let e = train(&[
        "--model", "logistic", "--ratios", "60,20,20", "--param", "C=abc",
    ]);
    assert!(e.contains("C=abc"), "{e}");
    train(&[
        "--model", "logistic", "--ratios", "60,20,20", "--param", "C",
    ]);
    train(&[
        "--model", "tree", "--ratios", "60,20,20", "--param", "depth=3",
    ]);
    train(&["--model", "logistic", "--ratios", "60,20,10"]);
    train(&["--model", "logistic", "--ratios", "60,50"]);
    train(&[
        "--model",
        "logistic",
        "--ratios",
        "60,20,20",
        "--strategy",
        "shuffled",
    ]);
    // A regressor for a class target, and a classifier for a numeric one.
    train(&["--model", "ridge", "--ratios", "60,20,20"]);
    // A flag train does not have.
    train(&[
        "--model",
        "logistic",
        "--ratios",
        "60,20,20",
        "--threshold",
        "0.3",
    ]);
}

#[test]
fn predict_with_a_missing_feature_column_is_exit_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_breast_cancer_model(&dir.path().join("m.json"), "logistic", "7");
    // Drop "mean texture" (the second column).
    let (header, rows) = parse_csv(&std::fs::read_to_string(breast()).unwrap());
    let keep = |r: &Vec<String>| {
        r.iter()
            .enumerate()
            .filter(|(i, _)| *i != 1)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let rows: Vec<Vec<String>> = rows.iter().map(keep).collect();
    let file = write(
        dir.path(),
        "no-texture.csv",
        &csv_text(&keep(&header), &rows.iter().collect::<Vec<_>>()),
    );
    for json in [true, false] {
        let mut args = vec!["predict", model.as_str(), file.as_str()];
        if json {
            args.push("--json");
        }
        let line = run_input_error(&args, &file);
        assert!(line.contains("mean texture"), "{line}");
    }
    // A file that is not a model.
    let not_model = write(dir.path(), "x.json", "{\"format\": \"other\"}");
    run_input_error(&["predict", &not_model, &breast(), "--json"], &not_model);
}

// ------------------------------------------------------------------ train

/// Runs `train` with `--model-out` and `--predictions-out`, checks the two
/// files, and checks that every split's metrics are what `mlops metrics`
/// prints for that split's rows of the predictions file. Returns the train
/// JSON, the model file and the predictions file.
fn train_and_check(
    dir: &Path,
    input: &str,
    target: &str,
    model: &str,
    metrics_args: &[&str],
) -> (Value, String, String) {
    let model_out = path_str(&dir.join(format!("{model}.json")));
    let predictions = path_str(&dir.join(format!("{model}-p.csv")));
    let v = run_json(&[
        "train",
        input,
        "--target",
        target,
        "--model",
        model,
        "--ratios",
        "60,20,20",
        "--seed",
        "7",
        "--model-out",
        &model_out,
        "--predictions-out",
        &predictions,
        "--json",
    ]);
    for k in [
        "model", "params", "target", "task", "features", "splits", "warnings",
    ] {
        assert!(v.get(k).is_some(), "{model}: missing \"{k}\": {v}");
    }
    assert_eq!(v["model"], model);
    assert_eq!(v["target"], target);

    let m: Value = serde_json::from_str(&std::fs::read_to_string(&model_out).unwrap()).unwrap();
    assert_eq!(m["format"], "mlops-model/1", "{model}");

    let input_text = std::fs::read_to_string(input).unwrap();
    let out_text = std::fs::read_to_string(&predictions).unwrap();
    assert!(out_text.ends_with('\n') && !out_text.contains('\r'));
    let binary = v["task"] == "binary";
    let added: &[&str] = if binary {
        &["split", "prediction", "score"]
    } else {
        &["split", "prediction"]
    };
    let mut in_lines = input_text.lines();
    let mut out_lines = out_text.lines();
    assert_eq!(
        out_lines.next().unwrap(),
        format!("{},{}", in_lines.next().unwrap(), added.join(","))
    );
    let in_rows: Vec<&str> = in_lines.collect();
    let out_rows: Vec<&str> = out_lines.collect();
    assert_eq!(
        out_rows.len(),
        in_rows.len(),
        "{model}: one row per input row"
    );
    for (i, (a, b)) in in_rows.iter().zip(&out_rows).enumerate() {
        // The input's fields, byte for byte, then the added ones.
        let rest = b
            .strip_prefix(a)
            .and_then(|r| r.strip_prefix(','))
            .unwrap_or_else(|| panic!("{model}: row {i} changed:\n{a}\n{b}"));
        let fields: Vec<&str> = rest.split(',').collect();
        assert_eq!(fields.len(), added.len(), "{model}: row {i}: {rest}");
        assert!(["train", "dev", "test"].contains(&fields[0]), "{rest}");
        if binary {
            let s: f64 = fields[2].parse().unwrap();
            assert_eq!(format!("{s}"), fields[2], "the shortest round-trip text");
            assert!((0.0..=1.0).contains(&s));
            let positive = v["positive"].as_str().unwrap();
            assert_eq!(fields[1] == positive, s >= 0.5, "{model}: row {i}: {rest}");
        }
        if v["task"] == "regression" {
            let p: f64 = fields[1].parse().unwrap();
            assert_eq!(format!("{p}"), fields[1], "the shortest round-trip text");
        }
    }

    // Each split's object is `mlops metrics` of that split's rows.
    let (header, rows) = parse_csv(&out_text);
    let split_at = header.iter().position(|h| h == "split").unwrap();
    let splits = v["splits"].as_object().unwrap();
    assert_eq!(splits.len(), 3, "{model}: {v}");
    let mut total = 0;
    for name in ["train", "dev", "test"] {
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[split_at] == name).collect();
        let file = write(
            dir,
            &format!("{model}-{name}.csv"),
            &csv_text(&header, &mine),
        );
        let mut args = vec!["metrics", file.as_str(), "--target", target];
        args.extend_from_slice(metrics_args);
        args.push("--json");
        let want = run_json(&args);
        assert_same_json(
            &splits[name],
            &want,
            &format!("{model}: split {name} vs mlops metrics"),
        );
        total += splits[name]["rows"].as_u64().unwrap();
    }
    assert_eq!(total as usize, in_rows.len(), "{model}: rows of the splits");
    (v, model_out, predictions)
}

const BINARY_METRICS: [&str; 4] = ["--score", "score", "--positive", "malignant"];
const LABEL_METRICS: [&str; 2] = ["--pred", "prediction"];
const REGRESSION_METRICS: [&str; 4] = ["--pred", "prediction", "--task", "regression"];

#[test]
fn train_logistic_writes_model_and_predictions_matching_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let (v, _, _) = train_and_check(
        dir.path(),
        &breast(),
        "diagnosis",
        "logistic",
        &BINARY_METRICS,
    );
    assert_eq!(v["task"], "binary");
    assert_eq!(v["positive"], "malignant");
    assert_eq!(v["params"], serde_json::json!({"C": 1.0}));
    assert_eq!(v["features"].as_array().unwrap().len(), 30);
    assert_eq!(v["features"][0], "mean radius");
    // Split sizes: 569 at 60/20/20 by largest remainder (341.4, 113.8,
    // 113.8 → 341, 114, 114).
    let rows: Vec<u64> = ["train", "dev", "test"]
        .iter()
        .map(|s| v["splits"][s]["rows"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, vec![341, 114, 114]);
    // Logistic regression does far better than chance on this data.
    assert!(
        v["splits"]["test"]["accuracy"].as_f64().unwrap() > 0.9,
        "{v}"
    );
    for s in ["train", "dev", "test"] {
        for k in BINARY_FIELDS {
            assert!(
                v["splits"][s].get(k).is_some(),
                "split {s}: missing \"{k}\""
            );
        }
    }
}

#[test]
fn train_every_classifier_on_breast_cancer_and_iris() {
    let dir = tempfile::tempdir().unwrap();
    for model in ["majority", "logistic", "naive-bayes", "tree"] {
        let (v, _, _) = train_and_check(dir.path(), &breast(), "diagnosis", model, &BINARY_METRICS);
        assert_eq!(v["task"], "binary", "{model}");
        assert_eq!(v["positive"], "malignant", "{model}");
        let (v, _, predictions) =
            train_and_check(dir.path(), &iris(), "species", model, &LABEL_METRICS);
        assert_eq!(v["task"], "multiclass", "{model}");
        assert!(v["splits"]["test"]["precision"].is_null(), "{model}");
        let (header, _) = parse_csv(&std::fs::read_to_string(predictions).unwrap());
        assert!(
            !header.contains(&"score".to_string()),
            "multiclass has no score"
        );
        if model != "majority" {
            assert!(
                v["splits"]["test"]["accuracy"].as_f64().unwrap() > 0.8,
                "{model} on iris: {}",
                v["splits"]["test"]
            );
        }
    }
    // Majority: the most frequent class of train everywhere.
    let (v, _, _) = train_and_check(dir.path(), &iris(), "species", "majority", &LABEL_METRICS);
    assert!(v["params"].as_object().unwrap().is_empty());
}

#[test]
fn train_every_regressor_on_a_numeric_target() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = regression_csv();
    // Without the prediction column `p` (it would leak the target).
    let text: String = text
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.split(',').collect();
            f.pop();
            f.join(",") + "\n"
        })
        .collect();
    let file = write(dir.path(), "r.csv", &text);
    for model in ["mean", "ridge", "tree"] {
        let (v, _, predictions) =
            train_and_check(dir.path(), &file, "y", model, &REGRESSION_METRICS);
        assert_eq!(v["task"], "regression", "{model}");
        for s in ["train", "dev", "test"] {
            for k in REGRESSION_FIELDS {
                assert!(
                    v["splits"][s].get(k).is_some(),
                    "{model} {s}: missing \"{k}\""
                );
            }
        }
        let (header, _) = parse_csv(&std::fs::read_to_string(predictions).unwrap());
        assert_eq!(header.last().unwrap(), "prediction");
        if model != "mean" {
            assert!(
                v["splits"]["test"]["r2"].as_f64().unwrap() > 0.5,
                "{model}: {v}"
            );
        }
    }
    // A classifier on a numeric target, a regressor on a class target.
    let breast = breast();
    for (input, target, model) in [
        (file.as_str(), "y", "logistic"),
        (file.as_str(), "y", "majority"),
        (breast.as_str(), "diagnosis", "mean"),
    ] {
        run_fail(
            &[
                "train", input, "--target", target, "--model", model, "--ratios", "60,20,20",
                "--seed", "1", "--json",
            ],
            2,
        );
    }
}

// ---------------------------------------------------------------- predict

#[test]
fn predict_equals_metrics_over_all_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (_, model, predictions) = train_and_check(
        dir.path(),
        &breast(),
        "diagnosis",
        "logistic",
        &BINARY_METRICS,
    );

    // With the target: the metrics object of every row.
    let got = run_json(&["predict", &model, &breast(), "--json"]);
    let mut args = vec!["metrics", predictions.as_str(), "--target", "diagnosis"];
    args.extend_from_slice(&BINARY_METRICS);
    args.push("--json");
    let want = run_json(&args);
    assert_same_json(&got, &want, "predict --json vs metrics of all rows");
    assert_eq!(got["rows"], 569);

    // The rows it writes: the input plus the training run's prediction
    // and score, to the byte.
    let train_rows = std::fs::read_to_string(&predictions).unwrap();
    let expected: String = train_rows
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.split(',').collect();
            let n = f.len();
            f.remove(n - 3); // split
            f.join(",") + "\n"
        })
        .collect();
    let out = run(&["predict", &model, &breast()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout.trim_end(), expected.trim_end());
    let out_file = dir.path().join("scored.csv");
    let r = run(&["predict", &model, &breast(), "--out", &path_str(&out_file)]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), expected);

    // Without the target: rows and warnings only.
    let (header, rows) = parse_csv(&std::fs::read_to_string(breast()).unwrap());
    let drop_last = |r: &Vec<String>| r[..r.len() - 1].to_vec();
    let rows: Vec<Vec<String>> = rows.iter().map(drop_last).collect();
    let no_target = write(
        dir.path(),
        "no-target.csv",
        &csv_text(&drop_last(&header), &rows.iter().collect::<Vec<_>>()),
    );
    let v = run_json(&["predict", &model, &no_target, "--json"]);
    assert_eq!(v["rows"], 569, "{v}");
    let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, vec!["rows", "warnings"], "{v}");
    let out = run(&["predict", &model, &no_target]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let first = out.stdout.lines().next().unwrap();
    assert!(first.ends_with(",prediction,score"), "{first}");
    // Same predictions as with the target present.
    let with: Vec<String> = expected
        .lines()
        .skip(1)
        .map(|l| l.rsplitn(3, ',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    let without: Vec<String> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.rsplitn(3, ',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(with, without);
}

#[test]
fn predict_a_multiclass_model_equals_metrics_by_label() {
    let dir = tempfile::tempdir().unwrap();
    let (_, model, predictions) =
        train_and_check(dir.path(), &iris(), "species", "tree", &LABEL_METRICS);
    let got = run_json(&["predict", &model, &iris(), "--json"]);
    let want = run_json(&[
        "metrics",
        &predictions,
        "--target",
        "species",
        "--pred",
        "prediction",
        "--json",
    ]);
    assert_same_json(&got, &want, "predict --json vs metrics of all rows");
}

#[test]
fn metrics_automation_curve_trades_coverage_for_errors() {
    let dir = tempfile::tempdir().unwrap();
    let scored = path_str(&dir.path().join("p.csv"));
    run_json(&[
        "train",
        &breast(),
        "--target",
        "diagnosis",
        "--model",
        "logistic",
        "--ratios",
        "60,20,20",
        "--seed",
        "3",
        "--predictions-out",
        &scored,
        "--json",
    ]);
    let j = run_json(&[
        "metrics",
        &scored,
        "--target",
        "diagnosis",
        "--score",
        "score",
        "--positive",
        "malignant",
        "--automation",
        "--json",
    ]);
    let curve = j["automation"].as_array().unwrap();
    assert_eq!(curve.len(), 11);
    // At the 0.5 bar every row is automated: the error is 1 − accuracy.
    assert_eq!(curve[0]["automated_share"], 1.0);
    let err = curve[0]["error_rate"].as_f64().unwrap();
    assert!((err - (1.0 - j["accuracy"].as_f64().unwrap())).abs() < 1e-12);
    for w in curve.windows(2) {
        assert!(w[1]["automated"].as_u64() <= w[0]["automated"].as_u64());
    }
    let last_err = curve
        .iter()
        .rev()
        .find_map(|p| p["error_rate"].as_f64())
        .unwrap();
    assert!(last_err <= err);
    // Without the flag the metrics object is the spec's.
    let plain = run_json(&[
        "metrics",
        &scored,
        "--target",
        "diagnosis",
        "--score",
        "score",
        "--json",
    ]);
    assert!(plain.get("automation").is_none());
}

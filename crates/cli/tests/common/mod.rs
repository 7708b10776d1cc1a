//! Helpers shared by the `mlops` integration tests: run the binary, check the
//! contract's common rules (`docs/cli.md`) on every run, and compare
//! numbers.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

/// The `mlops` binary of this package.
pub fn mlops() -> Command {
    Command::cargo_bin("mlops").unwrap()
}

/// `crates/engine/data/sample-defects.csv`: 100 rows, 30 with `defect` = 1.
pub fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data/sample-defects.csv")
}

/// `crates/engine/data/sample-breast-cancer.csv`: 569 rows, 30 features,
/// `diagnosis` benign or malignant.
pub fn breast_cancer() -> String {
    path_str(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data/sample-breast-cancer.csv"),
    )
}

/// Trains a `kind` model on the breast-cancer sample (60/20/20, `seed`)
/// into `out` with `mlops train --model-out`; returns `out` as text.
pub fn train_breast_cancer_model(out: &std::path::Path, kind: &str, seed: &str) -> String {
    let out = path_str(out);
    let data = breast_cancer();
    let r = run(&[
        "train",
        &data,
        "--target",
        "diagnosis",
        "--model",
        kind,
        "--ratios",
        "60,20,20",
        "--seed",
        seed,
        "--model-out",
        &out,
        "--json",
    ]);
    assert_eq!(r.code, Some(0), "mlops train: {}", r.stderr);
    out
}

/// A file of `crates/cli/tests/fixtures` (written by
/// `scripts/make_cli_fixtures.py`).
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn path_str(p: &std::path::Path) -> String {
    p.to_str().unwrap().to_string()
}

/// The finished run of `mlops args`.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let out = mlops().args(args).output().unwrap();
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "a panic on stderr: {}",
        run.stderr
    );
    run
}

/// Runs a `--json` command that must succeed: exit 0 and exactly one JSON
/// object on stdout, nothing else there (a final newline aside).
pub fn run_json<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Value {
    let r = run(args);
    assert_eq!(r.code, Some(0), "exit status; stderr: {}", r.stderr);
    let values: Vec<Value> = serde_json::Deserializer::from_str(&r.stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", r.stdout));
    assert_eq!(values.len(), 1, "stdout holds {} JSON values", values.len());
    assert!(
        r.stdout.trim_start().starts_with('{') && r.stdout.trim_end().ends_with('}'),
        "stdout is more than one JSON object: {:?}",
        r.stdout
    );
    let v = values.into_iter().next().unwrap();
    assert!(v.is_object(), "not a JSON object: {v}");
    assert!(
        v["warnings"].is_array(),
        "every report has a warnings array: {v}"
    );
    v
}

/// Runs a command that must fail with `code`: stdout empty, stderr not.
/// Returns stderr.
pub fn run_fail<S: AsRef<std::ffi::OsStr>>(args: &[S], code: i32) -> String {
    let r = run(args);
    assert_eq!(
        r.code,
        Some(code),
        "exit status; stdout: {:?}; stderr: {:?}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stdout.is_empty(),
        "stdout must be empty on failure: {:?}",
        r.stdout
    );
    assert!(r.stderr.starts_with("error:"), "stderr: {:?}", r.stderr);
    r.stderr
}

/// Exit 1 (unusable input): exactly one stderr line, `error: ...`, naming
/// `file`. Returns that line.
pub fn run_input_error<S: AsRef<std::ffi::OsStr>>(args: &[S], file: &str) -> String {
    let stderr = run_fail(args, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one stderr line expected: {stderr:?}");
    assert!(stderr.ends_with('\n'), "the error line ends with a newline");
    assert!(
        lines[0].contains(file),
        "the error does not name {file}: {}",
        lines[0]
    );
    lines[0].to_string()
}

/// `|a - b| <= tol * max(1, |b|)`.
pub fn assert_close(actual: &Value, expected: f64, tol: f64, what: &str) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number: {actual}"));
    assert!(
        (a - expected).abs() <= tol * expected.abs().max(1.0),
        "{what}: got {a:?}, expected {expected:?}"
    );
}

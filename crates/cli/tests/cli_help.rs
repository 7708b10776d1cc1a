//! `--help` for the tool and every implemented subcommand exits 0 and prints
//! usage on stdout.

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;

fn help(args: &[&str]) -> String {
    let out = Command::cargo_bin("mlops")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "mlops {args:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Usage"), "mlops {args:?}: {stdout}");
    stdout
}

#[test]
fn top_level_help_lists_subcommands() {
    let text = help(&["--help"]);
    for sub in [
        "profile",
        "agreement",
        "split",
        "metrics",
        "train",
        "predict",
        "drift",
        "simulate",
        "monitor",
        "rollout",
        "serve",
    ] {
        assert!(text.contains(sub), "--help does not list {sub}: {text}");
    }
}

#[test]
fn profile_help() {
    let text = help(&["profile", "--help"]);
    assert!(
        text.contains("--json") && text.contains("--delimiter"),
        "{text}"
    );
}

#[test]
fn agreement_help() {
    let text = help(&["agreement", "--help"]);
    assert!(text.contains("--raters"), "{text}");
}

#[test]
fn split_help() {
    let text = help(&["split", "--help"]);
    for flag in [
        "--target",
        "--strategy",
        "--ratios",
        "--seed",
        "--by",
        "--out",
    ] {
        assert!(text.contains(flag), "split --help lacks {flag}: {text}");
    }
}

#[test]
fn drift_deploy_helps_name_their_spec_flags() {
    for (sub, flags) in [
        (
            "drift",
            &[
                "--columns",
                "--method",
                "--threshold",
                "--drift-share",
                "--json",
            ][..],
        ),
        (
            "simulate",
            &[
                "--scenario",
                "--shape",
                "--batches",
                "--seed",
                "--batch-rows",
                "--magnitude",
                "--feature",
                "--target",
                "--change-at",
                "--period",
                "--out",
            ][..],
        ),
        (
            "monitor",
            &["--model", "--target", "--plot", "--change-at"][..],
        ),
        (
            "rollout",
            &[
                "--strategy",
                "--steps",
                "--step-count",
                "--requests-per-step",
                "--baseline-error",
                "--candidate-error",
                "--max-increase",
                "--confidence",
                "--min-requests",
                "--max-inconclusive",
                "--seed",
                "--baseline-model",
                "--candidate-model",
                "--data",
                "--baseline-latency",
                "--export-argo",
                "--export-flagger",
            ][..],
        ),
        ("serve", &["--port", "--host", "--max-body"][..]),
    ] {
        let text = help(&[sub, "--help"]);
        for flag in flags {
            assert!(text.contains(flag), "{sub} --help lacks {flag}: {text}");
        }
    }
}

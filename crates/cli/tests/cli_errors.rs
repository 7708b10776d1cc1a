//! Exit statuses and error lines (`docs/cli.md`, "Common rules"):
//! 1 for unusable input (one `error:` line naming the file, and the line
//! where one applies), 2 for bad usage; stdout empty on both; never a panic.

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{fixture, path_str, run, run_fail, run_input_error, sample};

fn split_args<'a>(file: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["split", file];
    args.extend_from_slice(extra);
    args.push("--json");
    args
}

#[test]
fn missing_file_is_exit_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = path_str(&dir.path().join("no-such-file.csv"));
    run_input_error(&["profile", &missing, "--json"], &missing);
    run_input_error(&["profile", &missing], &missing);
    run_input_error(
        &["agreement", &missing, "--raters", "a,b", "--json"],
        &missing,
    );
    run_input_error(
        &split_args(
            &missing,
            &[
                "--target",
                "y",
                "--strategy",
                "random",
                "--ratios",
                "60,20,20",
                "--seed",
                "1",
            ],
        ),
        &missing,
    );
}

#[test]
fn ragged_row_is_exit_1_naming_file_and_line() {
    // ragged.csv: header, two good rows, then "7,8" on line 4.
    let file = path_str(&fixture("ragged.csv"));
    for args in [
        vec!["profile", file.as_str(), "--json"],
        vec!["agreement", file.as_str(), "--raters", "a,b", "--json"],
        split_args(
            &file,
            &[
                "--target",
                "a",
                "--strategy",
                "random",
                "--ratios",
                "50,50",
                "--seed",
                "1",
            ],
        ),
    ] {
        let line = run_input_error(&args, "ragged.csv");
        assert!(line.contains("line 4"), "{args:?}: {line}");
    }
}

#[test]
fn ragged_row_after_a_quoted_newline_names_its_physical_line() {
    // The record on line 2 spans lines 2-3; the short one starts on line 4.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ragged_quoted.csv");
    std::fs::write(&file, "a,b\n\"x\ny\",1\nshort\n").unwrap();
    let line = run_input_error(
        &["profile", &path_str(&file), "--json"],
        "ragged_quoted.csv",
    );
    assert!(line.contains("line 4"), "{line}");
}

#[test]
fn unknown_column_is_exit_1_naming_the_file() {
    let s = path_str(&sample());
    let line = run_input_error(
        &split_args(
            &s,
            &[
                "--target",
                "nope",
                "--strategy",
                "random",
                "--ratios",
                "60,20,20",
                "--seed",
                "1",
            ],
        ),
        &s,
    );
    assert!(line.contains("nope"), "{line}");
    let line = run_input_error(
        &split_args(
            &s,
            &[
                "--target",
                "defect",
                "--strategy",
                "group",
                "--by",
                "nope",
                "--ratios",
                "60,20,20",
                "--seed",
                "1",
            ],
        ),
        &s,
    );
    assert!(line.contains("nope"), "{line}");
    let line = run_input_error(&["agreement", &s, "--raters", "defect,nope", "--json"], &s);
    assert!(line.contains("nope"), "{line}");
}

#[test]
fn empty_file_and_directory_are_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    run_input_error(&["profile", &path_str(&empty), "--json"], "empty.csv");
    let d = path_str(dir.path());
    run_input_error(&["profile", &d, "--json"], &d);
}

#[test]
fn out_dir_that_cannot_be_created_is_exit_1_with_no_stdout() {
    // `--out` names an existing file: the splits cannot be written.
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let s = path_str(&sample());
    let b = path_str(&blocker);
    run_input_error(
        &split_args(
            &s,
            &[
                "--target",
                "defect",
                "--strategy",
                "random",
                "--ratios",
                "60,20,20",
                "--seed",
                "1",
                "--out",
                &b,
            ],
        ),
        "a-file",
    );
}

#[test]
fn ratios_not_summing_to_100_are_exit_2() {
    let s = path_str(&sample());
    for ratios in ["60,20,10", "60,20,20,0", "100", "a,b", "70,40"] {
        run_fail(
            &split_args(
                &s,
                &[
                    "--target",
                    "defect",
                    "--strategy",
                    "random",
                    "--ratios",
                    ratios,
                    "--seed",
                    "1",
                ],
            ),
            2,
        );
    }
}

#[test]
fn bad_usage_is_exit_2() {
    let s = path_str(&sample());
    // Unknown flag.
    run_fail(&["profile", &s, "--json", "--frobnicate"], 2);
    // Unknown strategy.
    run_fail(
        &split_args(
            &s,
            &[
                "--target",
                "defect",
                "--strategy",
                "bogus",
                "--ratios",
                "60,20,20",
                "--seed",
                "1",
            ],
        ),
        2,
    );
    // Unknown subcommand, missing required flag, bad delimiter, one rater,
    // group/time without --by.
    run_fail(&["frobnicate", &s], 2);
    run_fail(
        &split_args(
            &s,
            &["--strategy", "random", "--ratios", "60,40", "--seed", "1"],
        ),
        2,
    );
    run_fail(&["profile", &s, "--delimiter", "ab", "--json"], 2);
    run_fail(&["agreement", &s, "--raters", "defect", "--json"], 2);
    for strategy in ["group", "time"] {
        run_fail(
            &split_args(
                &s,
                &[
                    "--target",
                    "defect",
                    "--strategy",
                    strategy,
                    "--ratios",
                    "60,20,20",
                    "--seed",
                    "1",
                ],
            ),
            2,
        );
    }
}

#[test]
fn usage_errors_win_before_the_file_is_read() {
    // Bad ratios on a missing file: still bad usage, stdout still empty.
    let dir = tempfile::tempdir().unwrap();
    let missing = path_str(&dir.path().join("missing.csv"));
    run_fail(
        &split_args(
            &missing,
            &[
                "--target",
                "y",
                "--strategy",
                "random",
                "--ratios",
                "60,20,10",
                "--seed",
                "1",
            ],
        ),
        2,
    );
}

#[test]
fn hostile_inputs_never_panic() {
    // Odd bytes: a lone quote, NUL bytes, only a BOM, CR-only endings, a
    // UTF-16 mark with an odd byte count, a huge number, empty header names.
    let cases: [&[u8]; 8] = [
        b"a,b\n\"unclosed,1\n",
        b"a,b\n\x00,\x00\n",
        b"\xef\xbb\xbf",
        b"a,b\r1,2\r3,4\r",
        b"\xff\xfea\x00,\x00b\x00\n\x001",
        b"a\n1e999\n1\n",
        b",\n1,2\n",
        b"\n\n\n",
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, bytes) in cases.iter().enumerate() {
        let file = dir.path().join(format!("case{i}.csv"));
        std::fs::write(&file, bytes).unwrap();
        let f = path_str(&file);
        for args in [
            vec!["profile", f.as_str(), "--json"],
            vec!["profile", f.as_str()],
            vec!["agreement", f.as_str(), "--raters", "a,b", "--json"],
            split_args(
                &f,
                &[
                    "--target",
                    "a",
                    "--strategy",
                    "stratified",
                    "--ratios",
                    "60,20,20",
                    "--seed",
                    "1",
                ],
            ),
        ] {
            // `run` fails on a panic message; here also the status rules.
            let r = run(&args);
            match r.code {
                Some(0) => {
                    if args.contains(&"--json") {
                        let v: serde_json::Value = serde_json::from_str(&r.stdout)
                            .unwrap_or_else(|e| panic!("case {i} {args:?}: {e}: {}", r.stdout));
                        assert!(v.is_object());
                    }
                }
                Some(1) | Some(2) => {
                    assert!(r.stdout.is_empty(), "case {i} {args:?}: {}", r.stdout);
                    assert!(r.stderr.starts_with("error:"), "case {i}: {}", r.stderr);
                }
                other => panic!("case {i} {args:?}: status {other:?}, {}", r.stderr),
            }
        }
    }
}

#[test]
fn closed_stdout_is_not_a_panic() {
    // `mlops profile wide.csv --json | head -c 10`: the report (far more
    // than a pipe's 64 KiB buffer) meets a closed pipe.
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.csv");
    let n = 3000;
    let header: Vec<String> = (0..n).map(|i| format!("column_number_{i}")).collect();
    let mut text = header.join(",") + "\n";
    for r in 0..3 {
        let row: Vec<String> = (0..n).map(|i| (r * i).to_string()).collect();
        text += &(row.join(",") + "\n");
    }
    std::fs::write(&file, text).unwrap();
    for json in [true, false] {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("mlops"));
        cmd.arg("profile").arg(&file);
        if json {
            cmd.arg("--json");
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "json={json}: {stderr}");
        assert!(
            out.status.code().is_some(),
            "json={json}: killed by a signal"
        );
    }
}

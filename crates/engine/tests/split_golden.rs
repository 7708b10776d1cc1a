//! The golden split fixture: the same seed must give the same rows on every
//! platform, in every version. `tests/fixtures/split/golden.json` holds, for
//! `data/sample-defects.csv` (its `defect` column, 100 rows, 30 ones), the
//! full assignment of the random and stratified strategies at 60/20/20 with
//! seeds 0, 7 and 42. The browser checks the same fixture with
//! `mlops_engine::split::golden_assignment`.
//!
//! To regenerate after a deliberate change (which changes what every
//! published seed means): `UPDATE_GOLDEN=1 cargo test -p mlops-engine --test split_golden`.

#![allow(clippy::panic)] // fixture problems fail the test with a message

use mlops_engine::split::{
    assignment_text, golden_assignment, split_table, SplitRequest, Strategy,
};
use mlops_engine::table::{read_csv, CsvOptions};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Golden {
    dataset: String,
    column: String,
    labels: Vec<String>,
    /// One class code per row, as digits (index into `labels`).
    classes: String,
    cases: Vec<Case>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Case {
    strategy: Strategy,
    ratios: Vec<u32>,
    seed: u64,
    /// One split index per row, as digits (0 = train, 1 = dev, 2 = test).
    assignment: String,
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/split/golden.json"
);

/// The `defect` column (5th field) of the sample, parsed by hand so this
/// test does not depend on the CSV reader.
fn defect_classes() -> Vec<u32> {
    let text = include_str!("../data/sample-defects.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    assert_eq!(header.get(4).copied(), Some("defect"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.split(',').nth(4).map(str::trim) {
            Some("0") => 0,
            Some("1") => 1,
            other => panic!("unexpected defect value {other:?}"),
        })
        .collect()
}

fn compute() -> Golden {
    let classes = defect_classes();
    let mut cases = Vec::new();
    for strategy in [Strategy::Random, Strategy::Stratified] {
        for seed in [0u64, 7, 42] {
            let ratios = vec![60, 20, 20];
            let a = golden_assignment(&classes, 2, strategy, &ratios, seed).unwrap_or_default();
            cases.push(Case {
                strategy,
                ratios,
                seed,
                assignment: assignment_text(&a),
            });
        }
    }
    Golden {
        dataset: "crates/engine/data/sample-defects.csv".into(),
        column: "defect".into(),
        labels: vec!["0".into(), "1".into()],
        classes: assignment_text(&classes.iter().map(|&c| c as u8).collect::<Vec<_>>()),
        cases,
    }
}

#[test]
fn golden_assignments_are_stable() {
    let got = compute();
    assert_eq!(got.classes.len(), 100);
    assert_eq!(got.classes.matches('1').count(), 30);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&got).unwrap_or_default() + "\n";
        std::fs::write(FIXTURE, text).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
    }
    let text = std::fs::read_to_string(FIXTURE).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
    let want: Golden = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
    assert_eq!(got, want);
    // The stratified cases keep the course's 18/6/6 positives.
    for case in want
        .cases
        .iter()
        .filter(|c| c.strategy == Strategy::Stratified)
    {
        let positives: Vec<usize> = (b'0'..=b'2')
            .map(|s| {
                case.assignment
                    .bytes()
                    .zip(want.classes.bytes())
                    .filter(|&(a, c)| a == s && c == b'1')
                    .count()
            })
            .collect();
        assert_eq!(positives, vec![18, 6, 6]);
    }
}

/// The whole path through the CSV reader and `split_table` gives the same
/// rows as the fixture (the CLI's `mlops split` path).
#[test]
fn split_table_on_the_sample_matches_the_fixture() {
    let bytes = include_bytes!("../data/sample-defects.csv");
    let options = CsvOptions {
        name: "sample-defects.csv".into(),
        delimiter: None,
    };
    let table = read_csv(bytes, &options).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(FIXTURE).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
    let want: Golden = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
    for case in &want.cases {
        let request = SplitRequest {
            target: "defect".into(),
            strategy: case.strategy,
            ratios: case.ratios.clone(),
            seed: case.seed,
            by: None,
        };
        let outcome = split_table(&table, &request).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(assignment_text(&outcome.assignment), case.assignment);
        assert_eq!(outcome.report.labels, want.labels);
    }
}

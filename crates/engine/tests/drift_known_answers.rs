//! Known answers from SciPy and Evidently 0.7 (`scripts/make_drift_fixtures.py`):
//! `ks_2samp` p-values (exact and asymptotic) to 1e-6, every legacy stattest
//! and Evidently's default method per column, and a whole `DataDriftPreset`
//! report, from `tests/fixtures/drift/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::basics::sort::sort_f64;
use mlops_engine::drift::ks::ks_2samp;
use mlops_engine::drift::sample::pair;
use mlops_engine::drift::stattests::{default_method, score};
use mlops_engine::drift::{compare, DriftRequest, Method};
use mlops_engine::table::{read_csv, Bitmap, Column, ColumnData, CsvOptions};
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/drift")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn ks_p_values_equal_scipy() {
    let mut errors = Vec::new();
    for case in fixture("ks.json")["cases"].as_array().unwrap() {
        let (mut a, mut b) = (floats(&case["a"]), floats(&case["b"]));
        sort_f64(&mut a);
        sort_f64(&mut b);
        let r = ks_2samp(&a, &b).unwrap();
        let (p, d) = (
            case["pvalue"].as_f64().unwrap(),
            case["statistic"].as_f64().unwrap(),
        );
        let name = case["name"].as_str().unwrap();
        if (r.p_value - p).abs() > 1e-6 || (r.statistic - d).abs() > 1e-12 {
            errors.push(format!(
                "{name}: got p={} D={}, want p={p} D={d}",
                r.p_value, r.statistic
            ));
        }
        let exact = case["method_used"].as_str() == Some("exact");
        if r.exact != exact {
            errors.push(format!("{name}: exact {} vs {exact}", r.exact));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

fn column(kind: &str, values: &Value) -> Column {
    let values = values.as_array().unwrap();
    let data = if kind == "numeric" {
        let mut missing = Bitmap::new();
        let nums = values
            .iter()
            .map(|v| {
                missing.push(v.is_null());
                v.as_f64().unwrap_or(f64::NAN)
            })
            .collect();
        ColumnData::Numeric {
            values: nums,
            missing,
        }
    } else {
        let mut dictionary: Vec<String> = Vec::new();
        let codes = values
            .iter()
            .map(|v| match v.as_str() {
                None => u32::MAX,
                Some(s) => match dictionary.iter().position(|d| d == s) {
                    Some(i) => i as u32,
                    None => {
                        dictionary.push(s.to_string());
                        dictionary.len() as u32 - 1
                    }
                },
            })
            .collect();
        ColumnData::Categorical { codes, dictionary }
    };
    Column {
        name: "x".into(),
        data,
    }
}

fn close(got: Option<f64>, want: Option<f64>) -> bool {
    match (got, want) {
        (Some(a), Some(b)) => {
            (a - b).abs() <= 1e-9 * b.abs().max(1.0) || (a - b).abs() <= 1e-6 && b < 1.0
        }
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn every_stattest_and_the_default_choice_equal_evidently() {
    let mut errors = Vec::new();
    for case in fixture("stattests.json")["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let kind = case["kind"].as_str().unwrap();
        let (r, c) = (
            column(kind, &case["reference"]),
            column(kind, &case["current"]),
        );
        let (p, _) = pair(&r, &c);
        let auto = &case["auto"];
        let chosen = default_method(&p);
        if chosen.name() != auto["method"].as_str().unwrap() {
            errors.push(format!(
                "{name}: default {} vs {}",
                chosen.name(),
                auto["method"]
            ));
        }
        for (method, want) in case["methods"].as_object().unwrap() {
            let m = Method::parse(method).unwrap();
            let got = score(m, &p).filter(|s| s.is_finite());
            let w = want["score"].as_f64();
            if !close(got, w) {
                errors.push(format!("{name} {method}: got {got:?}, want {w:?}"));
            }
            let drifted = got.is_some_and(|s| m.drifted(s, m.default_threshold()));
            if drifted != want["drifted"].as_bool().unwrap() {
                errors.push(format!("{name} {method}: drifted {drifted}"));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_dataset_report_equals_evidentlys_preset() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drift/dataset");
    let read = |f: &str| {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        read_csv(
            &bytes,
            &CsvOptions {
                name: f.into(),
                delimiter: None,
            },
        )
        .unwrap()
    };
    let (r, c) = (read("reference.csv"), read("current.csv"));
    let report = compare(
        (&r, "reference.csv"),
        (&c, "current.csv"),
        &DriftRequest::default(),
    )
    .unwrap();
    let want = fixture("dataset/expected.json");
    assert_eq!(
        report.reference_rows,
        want["reference_rows"].as_u64().unwrap()
    );
    assert_eq!(report.current_rows, want["current_rows"].as_u64().unwrap());
    let cols = want["columns"].as_array().unwrap();
    assert_eq!(report.columns.len(), cols.len());
    for (got, w) in report.columns.iter().zip(cols) {
        assert_eq!(got.name, w["name"].as_str().unwrap());
        assert_eq!(
            got.method.name(),
            w["method"].as_str().unwrap(),
            "{}",
            got.name
        );
        assert!(
            close(got.score, w["score"].as_f64()),
            "{}: {:?} vs {}",
            got.name,
            got.score,
            w["score"]
        );
        assert_eq!(got.drifted, w["drifted"].as_bool().unwrap(), "{}", got.name);
        assert_eq!(got.current_values, w["current_used"].as_u64().unwrap());
    }
    assert_eq!(
        report.drifted_columns,
        want["drifted_columns"].as_u64().unwrap()
    );
    assert_eq!(
        report.dataset_drift,
        want["dataset_drift"].as_bool().unwrap()
    );
}

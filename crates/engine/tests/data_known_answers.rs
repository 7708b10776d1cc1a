//! Known answers from numpy, scikit-learn and statsmodels
//! (`scripts/make_data_fixtures.py` writes `tests/fixtures/data/`).

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::panic)]

use mlops_engine::data::agreement::agreement;
use mlops_engine::table::{profile, read_csv, CsvOptions, Table};
use serde_json::Value;
use std::path::PathBuf;

const REL: f64 = 1e-9;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn expected() -> Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures/data/expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn load(name: &str) -> Table {
    let fixture = root().join("tests/fixtures/data").join(name);
    let path = if fixture.exists() {
        fixture
    } else {
        root().join("data").join(name)
    };
    let bytes = std::fs::read(&path).unwrap();
    read_csv(
        &bytes,
        &CsvOptions {
            name: name.into(),
            delimiter: None,
        },
    )
    .unwrap()
}

fn close(what: &str, got: Option<f64>, want: &Value) {
    match (got, want.as_f64()) {
        (None, None) => {}
        (Some(g), Some(w)) => {
            let scale = g.abs().max(w.abs()).max(f64::MIN_POSITIVE);
            assert!(
                (g - w).abs() <= REL * scale,
                "{what}: got {g:?}, numpy/sklearn say {w:?}"
            );
        }
        _ => panic!("{what}: got {got:?}, expected {want}"),
    }
}

#[test]
fn profiles_match_numpy() {
    let exp = expected();
    let profiles = exp["profile"].as_object().unwrap();
    assert!(profiles.len() >= 5, "fixtures and samples present");
    for (file, want) in profiles {
        let report = profile(&load(file));
        assert_eq!(report.rows, want["rows"].as_u64().unwrap(), "{file}");
        let cols = want["columns"].as_array().unwrap();
        assert_eq!(report.columns.len(), cols.len(), "{file}");
        for (got, want) in report.columns.iter().zip(cols) {
            let at = format!("{file} / {}", got.name);
            assert_eq!(got.name, want["name"].as_str().unwrap(), "{at}");
            assert_eq!(
                serde_json::to_value(got.kind).unwrap(),
                want["kind"],
                "{at}: kind"
            );
            assert_eq!(
                got.missing,
                want["missing"].as_u64().unwrap(),
                "{at}: missing"
            );
            assert_eq!(
                got.distinct,
                want["distinct"].as_u64().unwrap(),
                "{at}: distinct"
            );
            close(&format!("{at}: mean"), got.mean, &want["mean"]);
            close(&format!("{at}: std"), got.std, &want["std"]);
            close(&format!("{at}: min"), got.min, &want["min"]);
            close(&format!("{at}: p25"), got.p25, &want["p25"]);
            close(&format!("{at}: p50"), got.p50, &want["p50"]);
            close(&format!("{at}: p75"), got.p75, &want["p75"]);
            close(&format!("{at}: max"), got.max, &want["max"]);
            assert_eq!(
                serde_json::to_value(&got.top).unwrap(),
                want["top"],
                "{at}: top"
            );
            match (&got.histogram, want.get("histogram")) {
                (Some(h), Some(w)) => {
                    let counts: Vec<u64> = serde_json::from_value(w["counts"].clone()).unwrap();
                    assert_eq!(h.counts, counts, "{at}: histogram counts");
                    let edges = w["edges"].as_array().unwrap();
                    assert_eq!(h.edges.len(), edges.len(), "{at}: histogram edges");
                    for (g, e) in h.edges.iter().zip(edges) {
                        close(&format!("{at}: edge"), Some(*g), e);
                    }
                }
                (None, None) => {}
                (g, w) => panic!("{at}: histogram {g:?} vs {w:?}"),
            }
        }
    }
}

#[test]
fn agreement_matches_sklearn_and_statsmodels() {
    let exp = expected();
    for (file, want) in exp["agreement"].as_object().unwrap() {
        let raters: Vec<String> = serde_json::from_value(want["raters"].clone()).unwrap();
        let got = agreement(&load(file), &raters).unwrap();
        assert_eq!(got.rows, want["rows"].as_u64().unwrap(), "{file}");
        assert_eq!(
            got.disagreements,
            want["disagreements"].as_u64().unwrap(),
            "{file}"
        );
        close(
            &format!("{file}: percent"),
            got.percent_agreement,
            &want["percent_agreement"],
        );
        close(
            &format!("{file}: fleiss"),
            got.fleiss_kappa,
            &want["fleiss_kappa"],
        );
        let pairs = want["cohen_kappa"].as_array().unwrap();
        assert_eq!(got.cohen_kappa.len(), pairs.len());
        for (g, w) in got.cohen_kappa.iter().zip(pairs) {
            assert_eq!(g.a, w["a"].as_str().unwrap());
            assert_eq!(g.b, w["b"].as_str().unwrap());
            close(
                &format!("{file}: kappa {} {}", g.a, g.b),
                g.kappa,
                &w["kappa"],
            );
        }
        let left_out = want["left_out"].as_u64().unwrap();
        if left_out > 0 {
            assert!(
                got.warnings
                    .iter()
                    .any(|w| w.starts_with(&format!("{left_out} row(s)"))),
                "{file}: {:?}",
                got.warnings
            );
        }
    }
}

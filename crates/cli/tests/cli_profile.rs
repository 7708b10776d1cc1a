//! `mlops profile FILE` against `docs/cli.md`.

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{assert_close, fixture, path_str, run, run_json, sample};
use serde_json::{json, Value};

/// A column of a profile report by name.
fn column<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {report}"))
}

const STAT_FIELDS: [&str; 8] = ["mean", "std", "min", "p25", "p50", "p75", "max", "top"];

fn assert_numeric(
    report: &Value,
    name: &str,
    missing: u64,
    distinct: u64,
    // mean, std, min, p25, p50, p75, max
    stats: [f64; 7],
) {
    let c = column(report, name);
    assert_eq!(c["kind"], "numeric", "{name}");
    assert_eq!(c["missing"], missing, "{name}.missing");
    assert_eq!(c["distinct"], distinct, "{name}.distinct");
    for (field, expected) in ["mean", "std", "min", "p25", "p50", "p75", "max"]
        .iter()
        .zip(stats)
    {
        assert_close(&c[*field], expected, 1e-12, &format!("{name}.{field}"));
    }
    assert_eq!(
        c["top"],
        json!([]),
        "{name}.top is empty for numeric columns"
    );
}

fn assert_null_numeric_stats(c: &Value) {
    for field in ["mean", "std", "min", "p25", "p50", "p75", "max"] {
        assert!(
            c[field].is_null(),
            "{}.{field} should be null: {c}",
            c["name"]
        );
    }
}

#[test]
fn sample_defects_profile_matches_pandas_numpy() {
    let r = run_json(&["profile", &path_str(&sample()), "--json"]);
    assert_eq!(r["rows"], 100);
    let names: Vec<&str> = r["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "image",
            "scratch_length_mm",
            "pit_count",
            "brightness",
            "defect",
            "annotator_b"
        ]
    );
    for c in r["columns"].as_array().unwrap() {
        for field in ["name", "kind", "missing", "distinct"]
            .iter()
            .chain(&STAT_FIELDS)
        {
            assert!(c.get(*field).is_some(), "column lacks {field}: {c}");
        }
    }
    assert_eq!(r["warnings"], json!([]));

    // Expected values: python3 scripts/make_cli_fixtures.py (profile_sample):
    // pandas read_csv(dtype=str); x.mean(), x.std(ddof=1), x.min(),
    // np.quantile(x, [.25, .5, .75]) (linear), x.max(); distinct = len(set).
    assert_numeric(
        &r,
        "scratch_length_mm",
        0,
        47,
        [1.1587, 1.8553801946411597, 0.0, 0.0, 0.0, 1.9775, 7.75],
    );
    assert_numeric(
        &r,
        "pit_count",
        0,
        5,
        [0.71, 1.0079983164969106, 0.0, 0.0, 0.0, 1.0, 4.0],
    );
    assert_numeric(
        &r,
        "brightness",
        0,
        93,
        [
            177.21999999999997,
            12.360085645808333,
            145.7,
            169.05,
            179.1,
            185.575,
            208.8,
        ],
    );
    assert_numeric(
        &r,
        "defect",
        0,
        2,
        [0.3, 0.4605661864718382, 0.0, 0.0, 0.0, 1.0, 1.0],
    );
    assert_numeric(
        &r,
        "annotator_b",
        0,
        2,
        [0.29, 0.4560480215720686, 0.0, 0.0, 0.0, 1.0, 1.0],
    );

    // image: 100 distinct file names, each once; top = the first 10 by
    // value (count ties broken by value ascending).
    let image = column(&r, "image");
    assert_eq!(image["kind"], "categorical");
    assert_eq!(image["missing"], 0);
    assert_eq!(image["distinct"], 100);
    assert_null_numeric_stats(image);
    let top: Vec<Value> = (1..=10)
        .map(|i| json!({"value": format!("img_{i:03}.png"), "count": 1}))
        .collect();
    assert_eq!(image["top"], Value::Array(top));
}

#[test]
fn quirky_file_semicolon_bom_crlf_quoted_newline_missing_tokens() {
    // quirky.csv (scripts/make_cli_fixtures.py, quirky()): UTF-8 BOM, `;`,
    // CRLF, a quoted field with a newline, a doubled quote, missing values
    // NA, null, empty, N/A, None.
    let r = run_json(&["profile", &path_str(&fixture("quirky.csv")), "--json"]);
    assert_eq!(r["rows"], 6, "the quoted newline does not start a row");
    let names: Vec<&str> = r["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // No BOM in the first name, `;` detected.
    assert_eq!(names, ["id", "name", "score", "flag"]);

    // id 1..6: numpy mean 3.5, std(ddof=1) 1.8708286933869707, quantiles
    // 2.25 / 3.5 / 4.75.
    assert_numeric(
        &r,
        "id",
        0,
        6,
        [3.5, 1.8708286933869707, 1.0, 2.25, 3.5, 4.75, 6.0],
    );
    // score: 1.5, null, 2.5, "", N/A, 4.0 → values [1.5, 2.5, 4.0]:
    // mean 2.6666666666666665, std 1.2583057392117916, quantiles 2.0/2.5/3.25.
    assert_numeric(
        &r,
        "score",
        3,
        3,
        [
            2.6666666666666665,
            1.2583057392117916,
            1.5,
            2.0,
            2.5,
            3.25,
            4.0,
        ],
    );

    let name = column(&r, "name");
    assert_eq!(name["kind"], "categorical");
    assert_eq!(name["missing"], 2, "NA and the empty field are missing");
    assert_eq!(name["distinct"], 3);
    assert_null_numeric_stats(name);
    assert_eq!(
        name["top"],
        json!([
            {"value": "plain", "count": 2},
            {"value": "multi\nline", "count": 1},
            {"value": "say \"hi\"", "count": 1}
        ])
    );

    let flag = column(&r, "flag");
    assert_eq!(flag["kind"], "boolean", "true/false/TRUE is boolean");
    assert_eq!(flag["missing"], 1, "None is missing");
    assert_null_numeric_stats(flag);
    let top = flag["top"].as_array().unwrap();
    let counts: Vec<u64> = top.iter().map(|t| t["count"].as_u64().unwrap()).collect();
    assert_eq!(counts.iter().sum::<u64>(), 5, "{top:?}");
    assert_eq!(
        counts[0], 3,
        "true (any case) is the most frequent: {top:?}"
    );
}

#[test]
fn delimiter_tab_overrides_detection() {
    // Every line of commas_in_tabs.tsv splits into 3 fields on `,` and 2 on
    // tab, so detection picks `,` (more fields) and `--delimiter tab` must
    // give the tab-separated columns.
    let file = path_str(&fixture("commas_in_tabs.tsv"));
    let r = run_json(&["profile", &file, "--delimiter", "tab", "--json"]);
    assert_eq!(r["rows"], 3);
    let names: Vec<&str> = r["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a,b", "c,d"]);
    assert_eq!(
        column(&r, "c,d")["top"],
        json!([
            {"value": "3,4", "count": 1},
            {"value": "7,8", "count": 1},
            {"value": "9,0", "count": 1}
        ])
    );

    let detected = run_json(&["profile", &file, "--json"]);
    assert_eq!(detected["columns"].as_array().unwrap().len(), 3);
    assert_eq!(detected["columns"][1]["name"], "b\tc");
}

#[test]
fn tsv_is_detected_without_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain.tsv");
    std::fs::write(&file, "x\ty\n1\ta\n2\tb\n4\ta\n").unwrap();
    let r = run_json(&["profile", &path_str(&file), "--json"]);
    assert_eq!(r["rows"], 3);
    assert_numeric(
        &r,
        "x",
        0,
        3,
        // numpy: mean 7/3, std(ddof=1) 1.5275252316519468, quantiles 1.5/2/3.
        [
            2.3333333333333335,
            1.5275252316519468,
            1.0,
            1.5,
            2.0,
            3.0,
            4.0,
        ],
    );
    assert_eq!(
        column(&r, "y")["top"],
        json!([{"value": "a", "count": 2}, {"value": "b", "count": 1}])
    );
}

#[test]
fn windows_1252_file_is_read_with_a_warning() {
    // cp1252.csv holds "café", "“quoted”" and "€uro" encoded as Windows-1252
    // (bytes E9, 93/94, 80): not UTF-8.
    let r = run_json(&["profile", &path_str(&fixture("cp1252.csv")), "--json"]);
    assert_eq!(r["rows"], 3);
    let warnings = r["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("1252")),
        "a warning about the encoding: {warnings:?}"
    );
    let values: Vec<&str> = column(&r, "name")["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["café", "\u{201c}quoted\u{201d}", "\u{20ac}uro"]);
    assert_numeric(
        &r,
        "price",
        0,
        3,
        // [2.5, 3, 4]: numpy mean 3.1666666666666665, std 0.7637626158259733.
        [
            3.1666666666666665,
            0.7637626158259733,
            2.5,
            2.75,
            3.0,
            3.5,
            4.0,
        ],
    );
}

#[test]
fn undefined_statistics_are_null_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.csv");
    std::fs::write(&one, "a,b\n1.5,x\n").unwrap();
    let r = run_json(&["profile", &path_str(&one), "--json"]);
    let a = column(&r, "a");
    assert!(a["std"].is_null(), "std of one row is null: {a}");
    assert_close(&a["mean"], 1.5, 0.0, "a.mean");
    assert!(
        !r["warnings"].as_array().unwrap().is_empty(),
        "a sentence in warnings for the null std"
    );

    // A header with no rows: columns numeric with null statistics.
    let empty = dir.path().join("header_only.csv");
    std::fs::write(&empty, "a,b\n").unwrap();
    let r = run_json(&["profile", &path_str(&empty), "--json"]);
    assert_eq!(r["rows"], 0);
    for c in r["columns"].as_array().unwrap() {
        assert_eq!(c["kind"], "numeric");
        assert_null_numeric_stats(c);
    }
}

#[test]
fn numeric_kind_rules() {
    // A decimal comma, `inf` and a value with letters are not numbers; an
    // exponent and a sign are; `1e3` style values stay numeric.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kinds.csv");
    std::fs::write(
        &file,
        "exp,comma,inf,boolish\n-1.5e3,\"1,5\",1,yes\n 2 ,2,inf,no\n+3,3,2,yes\n",
    )
    .unwrap();
    let r = run_json(&["profile", &path_str(&file), "--json"]);
    assert_eq!(column(&r, "exp")["kind"], "numeric");
    assert_close(&column(&r, "exp")["min"], -1500.0, 0.0, "exp.min");
    assert_close(&column(&r, "exp")["max"], 3.0, 0.0, "exp.max");
    assert_eq!(column(&r, "comma")["kind"], "categorical");
    assert_eq!(column(&r, "inf")["kind"], "categorical");
    assert_eq!(column(&r, "boolish")["kind"], "categorical");
}

#[test]
fn without_json_a_table_for_a_person() {
    let r = run(&["profile", &path_str(&sample())]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.trim().is_empty());
    assert!(
        serde_json::from_str::<Value>(&r.stdout).is_err(),
        "the table is not JSON: {}",
        r.stdout
    );
    assert!(r.stdout.contains("brightness") && r.stdout.contains("100"));
}

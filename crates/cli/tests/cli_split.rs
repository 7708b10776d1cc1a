//! `mlops split FILE ...` against `docs/cli.md`.

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{fixture, path_str, run, run_json, sample};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

fn split_json(file: &Path, extra: &[&str]) -> Value {
    let f = path_str(file);
    let mut args = vec!["split", f.as_str()];
    args.extend_from_slice(extra);
    args.push("--json");
    run_json(&args)
}

/// The splits with only the fields `docs/cli.md` defines (the engine
/// may add fields, such as `class_shares`).
fn spec_fields(splits: &Value) -> Value {
    let list = splits.as_array().cloned().unwrap_or_default();
    Value::Array(
        list.into_iter()
            .map(|s| {
                serde_json::json!({
                    "name": s["name"],
                    "rows": s["rows"],
                    "class_counts": s["class_counts"],
                })
            })
            .collect(),
    )
}

fn names_and_rows(r: &Value) -> Vec<(String, u64)> {
    r["splits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["rows"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Class counts summed over the splits.
fn class_totals(r: &Value) -> BTreeMap<String, u64> {
    let mut totals = BTreeMap::new();
    for s in r["splits"].as_array().unwrap() {
        for (label, n) in s["class_counts"].as_object().unwrap() {
            *totals.entry(label.clone()).or_insert(0) += n.as_u64().unwrap();
        }
    }
    totals
}

fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(n, r)| (n.to_string(), *r)).collect()
}

#[test]
fn course_example_stratified_60_20_20_seed_7() {
    let r = split_json(
        &sample(),
        &[
            "--target",
            "defect",
            "--strategy",
            "stratified",
            "--ratios",
            "60,20,20",
            "--seed",
            "7",
        ],
    );
    assert_eq!(r["strategy"], "stratified");
    assert_eq!(r["seed"], 7);
    assert_eq!(r["rows"], 100);
    assert_eq!(r["target"], "defect");
    assert_eq!(
        spec_fields(&r["splits"]),
        json!([
            {"name": "train", "rows": 60, "class_counts": {"0": 42, "1": 18}},
            {"name": "dev",   "rows": 20, "class_counts": {"0": 14, "1": 6}},
            {"name": "test",  "rows": 20, "class_counts": {"0": 14, "1": 6}}
        ])
    );
    assert_eq!(r["warnings"], json!([]));
}

fn random_args(seed: &str) -> Vec<String> {
    [
        "split",
        &path_str(&sample()),
        "--target",
        "defect",
        "--strategy",
        "random",
        "--ratios",
        "60,20,20",
        "--seed",
        seed,
        "--json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn random_is_deterministic_and_sized_by_ratio() {
    let first = run(&random_args("7"));
    let second = run(&random_args("7"));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(first.stdout, second.stdout, "same seed, same output");

    let r = run_json(&random_args("7"));
    assert_eq!(r["strategy"], "random");
    assert_eq!(
        names_and_rows(&r),
        pairs(&[("train", 60), ("dev", 20), ("test", 20)])
    );
    let totals = class_totals(&r);
    assert_eq!(
        totals,
        BTreeMap::from([("0".to_string(), 70), ("1".to_string(), 30)])
    );
    for s in r["splits"].as_array().unwrap() {
        let sum: u64 = s["class_counts"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(sum, s["rows"].as_u64().unwrap(), "{s}");
    }
}

#[test]
fn random_assignment_follows_the_seed() {
    // Same seed → same files; another seed → (for these 100 rows) another
    // assignment. The class counts alone could coincide, so compare rows.
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for (i, seed) in ["7", "7", "8"].iter().enumerate() {
        let out = dir.path().join(format!("run{i}"));
        let mut args = random_args(seed);
        args.push("--out".into());
        args.push(path_str(&out));
        run_json(&args);
        outputs.push(std::fs::read(out.join("train.csv")).unwrap());
    }
    assert_eq!(outputs[0], outputs[1], "seed 7 twice");
    assert_ne!(outputs[0], outputs[2], "seed 7 and seed 8");
}

#[test]
fn two_ratios_give_train_and_test() {
    let r = split_json(
        &sample(),
        &[
            "--target",
            "defect",
            "--strategy",
            "random",
            "--ratios",
            "80,20",
            "--seed",
            "3",
        ],
    );
    assert_eq!(names_and_rows(&r), pairs(&[("train", 80), ("test", 20)]));
    assert_eq!(class_totals(&r)["1"], 30);
}

#[test]
fn sizes_use_largest_remainder_ties_to_earlier_splits() {
    // 10 rows at 33,33,34: 3.3 / 3.3 / 3.4 → floors 3,3,3, the one left
    // goes to the largest remainder (test). At 50,50 with 5 rows: 2.5/2.5 →
    // the tie goes to train.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ten.csv");
    let body: String = (0..10).map(|i| format!("{i},{}\n", i % 2)).collect();
    std::fs::write(&file, format!("id,y\n{body}")).unwrap();
    let r = split_json(
        &file,
        &[
            "--target",
            "y",
            "--strategy",
            "random",
            "--ratios",
            "33,33,34",
            "--seed",
            "1",
        ],
    );
    assert_eq!(
        names_and_rows(&r),
        pairs(&[("train", 3), ("dev", 3), ("test", 4)])
    );

    let five = dir.path().join("five.csv");
    std::fs::write(&five, "id,y\n0,a\n1,b\n2,a\n3,b\n4,a\n").unwrap();
    let r = split_json(
        &five,
        &[
            "--target",
            "y",
            "--strategy",
            "random",
            "--ratios",
            "50,50",
            "--seed",
            "1",
        ],
    );
    assert_eq!(names_and_rows(&r), pairs(&[("train", 3), ("test", 2)]));
}

#[test]
fn missing_target_is_its_own_class_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mt.csv");
    std::fs::write(&file, "a,t\n1,x\n2,\n3,y\n4,x\n5,NA\n6,y\n").unwrap();
    let r = split_json(
        &file,
        &[
            "--target",
            "t",
            "--strategy",
            "random",
            "--ratios",
            "50,50",
            "--seed",
            "1",
        ],
    );
    for s in r["splits"].as_array().unwrap() {
        let counts = s["class_counts"].as_object().unwrap();
        let keys: Vec<&str> = counts.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 3, "every class in every split: {s}");
        for k in ["", "x", "y"] {
            assert!(counts.contains_key(k), "{k:?} missing in {s}");
        }
    }
    assert_eq!(class_totals(&r)[""], 2);
    assert!(!r["warnings"].as_array().unwrap().is_empty());
}

/// A CSV written by `--out`: lines without their `\n`, checking the endings.
fn read_lines(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "{path:?} has a BOM");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with('\n'), "{path:?} lacks a final newline");
    assert!(!text.contains('\r'), "{path:?} has CR line endings");
    text.lines().map(str::to_string).collect()
}

#[test]
fn out_dir_writes_byte_identical_rows_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("splits");
    let r = split_json(
        &sample(),
        &[
            "--target",
            "defect",
            "--strategy",
            "stratified",
            "--ratios",
            "60,20,20",
            "--seed",
            "7",
            "--out",
            &path_str(&out),
        ],
    );
    let input = std::fs::read_to_string(sample()).unwrap();
    let mut input_lines = input.lines();
    let header = input_lines.next().unwrap();
    let rows: Vec<&str> = input_lines.collect();
    assert_eq!(rows.len(), 100);
    let position: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    assert_eq!(position.len(), 100, "the sample's rows are distinct");

    let mut seen = vec![0u32; rows.len()];
    for (split, name) in r["splits"]
        .as_array()
        .unwrap()
        .iter()
        .zip(["train", "dev", "test"])
    {
        assert_eq!(split["name"], name);
        let lines = read_lines(&out.join(format!("{name}.csv")));
        assert_eq!(lines[0], header, "{name}.csv header");
        let body = &lines[1..];
        assert_eq!(body.len() as u64, split["rows"].as_u64().unwrap(), "{name}");
        let mut last = None;
        let mut positives = 0;
        for line in body {
            // Byte-identical to an input line ("0.00" stays "0.00").
            let i = *position
                .get(line.as_str())
                .unwrap_or_else(|| panic!("{name}.csv line not in the input: {line:?}"));
            assert!(last < Some(i), "{name}.csv rows out of the input's order");
            last = Some(i);
            seen[i] += 1;
            if line.split(',').nth(4) == Some("1") {
                positives += 1;
            }
        }
        assert_eq!(
            positives,
            split["class_counts"]["1"].as_u64().unwrap(),
            "{name}.csv agrees with class_counts"
        );
    }
    assert!(
        seen.iter().all(|&n| n == 1),
        "every input row exactly once over the three files"
    );
    let train = std::fs::read_to_string(out.join("train.csv")).unwrap();
    assert!(train.contains(",0.00,"), "numbers keep their text");
}

#[test]
fn out_dir_with_two_ratios_writes_train_and_test_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("two");
    split_json(
        &sample(),
        &[
            "--target",
            "defect",
            "--strategy",
            "random",
            "--ratios",
            "80,20",
            "--seed",
            "1",
            "--out",
            &path_str(&out),
        ],
    );
    assert_eq!(read_lines(&out.join("train.csv")).len(), 81);
    assert_eq!(read_lines(&out.join("test.csv")).len(), 21);
    assert!(!out.join("dev.csv").exists(), "no dev.csv for two ratios");
}

#[test]
fn out_dir_keeps_field_text_and_quotes_only_when_needed() {
    // export_quirky.csv (scripts/make_cli_fixtures.py): BOM, `;`, CRLF,
    // fields with `;`, `"` and LF, a quoted field that needs no quotes
    // ("plain") and numbers whose text must survive (0.50, 1e3, 007, -0.0).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q");
    let r = split_json(
        &fixture("export_quirky.csv"),
        &[
            "--target",
            "label",
            "--strategy",
            "random",
            "--ratios",
            "50,50",
            "--seed",
            "4",
            "--out",
            &path_str(&out),
        ],
    );
    assert_eq!(r["rows"], 10);
    // The input's records as they must come back: `;` kept, UTF-8 without
    // BOM, `\n`, quotes only around fields that contain `;`, `"`, CR or LF.
    let expected = [
        "1;\"a;b\";0.50;0",
        "2;\"say \"\"hi\"\"\";1e3;1",
        "3;\"two\nlines\";007;0",
        "4;plain;-0.0;1",
        "5;x;1.10;0",
        "6;y;2;1",
        "7;z;3.000;0",
        "8;w;4;1",
        "9;v;5;0",
        "10;u;6;1",
    ];
    let mut all = Vec::new();
    for name in ["train", "test"] {
        let bytes = std::fs::read(out.join(format!("{name}.csv"))).unwrap();
        assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "{name}.csv has a BOM");
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains('\r'), "{name}.csv: {text:?}");
        let rest = text
            .strip_prefix("id;text;value;label\n")
            .unwrap_or_else(|| panic!("{name}.csv header: {text:?}"));
        // Records: cut before each line starting with a row id.
        let mut records: Vec<String> = Vec::new();
        for line in rest.split_inclusive('\n') {
            match records.last_mut() {
                Some(last) if line == "lines\";007;0\n" => last.push_str(line),
                _ => records.push(line.to_string()),
            }
        }
        let mut last = 0;
        for rec in &records {
            let rec = rec.strip_suffix('\n').unwrap();
            let i = expected
                .iter()
                .position(|e| *e == rec)
                .unwrap_or_else(|| panic!("{name}.csv record {rec:?} not written as the input"));
            assert!(i + 1 > last, "{name}.csv order");
            last = i + 1;
            all.push(i);
        }
    }
    all.sort_unstable();
    assert_eq!(all, (0..10).collect::<Vec<_>>());
}

/// The rows of the `--out` files of a split of groups.csv, by split name:
/// each row as its fields.
fn split_rows(out: &Path, names: &[&str]) -> Vec<Vec<Vec<String>>> {
    names
        .iter()
        .map(|name| {
            let lines = read_lines(&out.join(format!("{name}.csv")));
            assert_eq!(lines[0], "id,patient,day,tick,label");
            lines[1..]
                .iter()
                .map(|l| l.split(',').map(str::to_string).collect())
                .collect()
        })
        .collect()
}

#[test]
fn group_strategy_keeps_each_group_in_one_split() {
    // groups.csv: 30 rows, 10 patients of 3 rows, in shuffled order.
    for seed in ["1", "2", "3"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g");
        let r = split_json(
            &fixture("groups.csv"),
            &[
                "--target",
                "label",
                "--strategy",
                "group",
                "--by",
                "patient",
                "--ratios",
                "60,20,20",
                "--seed",
                seed,
                "--out",
                &path_str(&out),
            ],
        );
        assert_eq!(r["strategy"], "group");
        let splits = split_rows(&out, &["train", "dev", "test"]);
        let mut home: HashMap<String, usize> = HashMap::new();
        let mut total = 0;
        for (s, rows) in splits.iter().enumerate() {
            assert_eq!(
                rows.len() as u64,
                r["splits"][s]["rows"].as_u64().unwrap(),
                "the files agree with the report"
            );
            assert_eq!(rows.len() % 3, 0, "whole groups of 3 rows");
            total += rows.len();
            for row in rows {
                let split = *home.entry(row[1].clone()).or_insert(s);
                assert_eq!(split, s, "seed {seed}: patient {} is split", row[1]);
            }
        }
        assert_eq!(total, 30);
        assert_eq!(home.len(), 10);
        assert!(
            splits.iter().all(|rows| !rows.is_empty()),
            "10 groups fill all three splits"
        );
    }
}

#[test]
fn time_strategy_orders_splits_by_a_date_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t");
    let r = split_json(
        &fixture("groups.csv"),
        &[
            "--target",
            "label",
            "--strategy",
            "time",
            "--by",
            "day",
            "--ratios",
            "60,20,20",
            "--seed",
            "1",
            "--out",
            &path_str(&out),
        ],
    );
    assert_eq!(
        names_and_rows(&r),
        pairs(&[("train", 18), ("dev", 6), ("test", 6)])
    );
    let splits = split_rows(&out, &["train", "dev", "test"]);
    // ISO dates: text order is time order.
    let days: Vec<Vec<&str>> = splits
        .iter()
        .map(|rows| rows.iter().map(|r| r[2].as_str()).collect())
        .collect();
    for w in 0..2 {
        let latest = days[w].iter().max().unwrap();
        let earliest = days[w + 1].iter().min().unwrap();
        assert!(
            latest <= earliest,
            "split {w} ends {latest} after split {} starts {earliest}",
            w + 1
        );
    }
}

#[test]
fn time_strategy_orders_a_numeric_column_by_value() {
    // groups.csv's `tick` has 1 to 4 digits: text order ("1000" < "2")
    // would not be time order.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t");
    split_json(
        &fixture("groups.csv"),
        &[
            "--target",
            "label",
            "--strategy",
            "time",
            "--by",
            "tick",
            "--ratios",
            "50,50",
            "--seed",
            "9",
            "--out",
            &path_str(&out),
        ],
    );
    let splits = split_rows(&out, &["train", "test"]);
    let ticks: Vec<Vec<u64>> = splits
        .iter()
        .map(|rows| rows.iter().map(|r| r[3].parse().unwrap()).collect())
        .collect();
    assert_eq!(ticks[0].len(), 15);
    let latest_train = ticks[0].iter().max().unwrap();
    let earliest_test = ticks[1].iter().min().unwrap();
    assert!(latest_train <= earliest_test, "{ticks:?}");
}

#[test]
fn stratified_counts_are_floor_or_ceil_of_class_share() {
    // Per class and split: count ∈ {floor, ceil}(class total × ratio).
    // sample-defects: 70 × (.5, .3, .2) = 35/21/14; 30 × ... = 15/9/6.
    for seed in ["0", "1", "99"] {
        let r = split_json(
            &sample(),
            &[
                "--target",
                "defect",
                "--strategy",
                "stratified",
                "--ratios",
                "50,30,20",
                "--seed",
                seed,
            ],
        );
        assert_eq!(
            spec_fields(&r["splits"]),
            json!([
                {"name": "train", "rows": 50, "class_counts": {"0": 35, "1": 15}},
                {"name": "dev",   "rows": 30, "class_counts": {"0": 21, "1": 9}},
                {"name": "test",  "rows": 20, "class_counts": {"0": 14, "1": 6}}
            ])
        );
    }
}

#[test]
fn without_json_a_table_for_a_person() {
    let r = run(&[
        "split",
        &path_str(&sample()),
        "--target",
        "defect",
        "--strategy",
        "stratified",
        "--ratios",
        "60,20,20",
        "--seed",
        "7",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.trim().is_empty());
    assert!(
        serde_json::from_str::<Value>(&r.stdout).is_err(),
        "{}",
        r.stdout
    );
    for word in ["train", "dev", "test", "60", "42", "18"] {
        assert!(r.stdout.contains(word), "table lacks {word}: {}", r.stdout);
    }
}

#[test]
fn windows_1252_file_splits_with_a_warning_and_utf8_output() {
    // cp1252.csv: "café", "“quoted”", "€uro" in Windows-1252. The split
    // report carries the reading warning, and `--out` writes UTF-8.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w");
    let r = split_json(
        &fixture("cp1252.csv"),
        &[
            "--target",
            "price",
            "--strategy",
            "random",
            "--ratios",
            "50,50",
            "--seed",
            "1",
            "--out",
            &path_str(&out),
        ],
    );
    let warnings = r["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("1252")),
        "the encoding warning reaches the split report: {warnings:?}"
    );
    let mut names = Vec::new();
    for name in ["train", "test"] {
        for line in read_lines(&out.join(format!("{name}.csv"))).iter().skip(1) {
            names.push(line.split(',').next().unwrap().to_string());
        }
    }
    names.sort();
    assert_eq!(names, ["café", "\u{201c}quoted\u{201d}", "\u{20ac}uro"]);
}

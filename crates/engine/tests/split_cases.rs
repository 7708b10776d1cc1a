//! Known answers and named edge cases of `split_table`.
#![allow(clippy::panic)] // a failed split in a test helper is a test failure

use mlops_engine::split::{split_table, SplitOutcome, SplitRequest, Strategy};
use mlops_engine::table::{Bitmap, Column, ColumnData, Table, MISSING_CODE};
use mlops_engine::EngineError;

fn numeric(name: &str, values: &[Option<f64>]) -> Column {
    let mut missing = Bitmap::new();
    for v in values {
        missing.push(v.is_none());
    }
    Column {
        name: name.into(),
        data: ColumnData::Numeric {
            values: values.iter().map(|v| v.unwrap_or(f64::NAN)).collect(),
            missing,
        },
    }
}

fn categorical(name: &str, values: &[Option<&str>]) -> Column {
    let mut dictionary: Vec<String> = Vec::new();
    let codes = values
        .iter()
        .map(|v| match v {
            None => MISSING_CODE,
            Some(s) => match dictionary.iter().position(|d| d == s) {
                Some(i) => i as u32,
                None => {
                    dictionary.push(s.to_string());
                    (dictionary.len() - 1) as u32
                }
            },
        })
        .collect();
    Column {
        name: name.into(),
        data: ColumnData::Categorical { codes, dictionary },
    }
}

fn table(columns: Vec<Column>) -> Table {
    let n_rows = columns.first().map_or(0, Column::len);
    Table {
        name: "t.csv".into(),
        columns,
        n_rows,
        ..Table::default()
    }
}

fn request(strategy: Strategy, ratios: &[u32], seed: u64, by: Option<&str>) -> SplitRequest {
    SplitRequest {
        target: "y".into(),
        strategy,
        ratios: ratios.to_vec(),
        seed,
        by: by.map(str::to_string),
    }
}

fn run(t: &Table, r: &SplitRequest) -> SplitOutcome {
    match split_table(t, r) {
        Ok(o) => o,
        Err(e) => panic!("split failed: {e}"),
    }
}

fn counts(o: &SplitOutcome, label: &str) -> Vec<u64> {
    o.report
        .splits
        .iter()
        .map(|s| s.class_counts.get(label).copied().unwrap_or(999))
        .collect()
}

/// The course's example: 100 rows, 30 positive, 60/20/20 → 18/6/6.
fn course_table() -> Table {
    let y: Vec<Option<f64>> = (0..100).map(|i| Some(f64::from(i % 10 < 3))).collect();
    table(vec![numeric("y", &y)])
}

#[test]
fn course_example_stratified() {
    for seed in [0, 7, 42, 12345] {
        let o = run(
            &course_table(),
            &request(Strategy::Stratified, &[60, 20, 20], seed, None),
        );
        assert_eq!(counts(&o, "1"), vec![18, 6, 6]);
        assert_eq!(counts(&o, "0"), vec![42, 14, 14]);
        assert_eq!(o.report.labels, vec!["0", "1"]);
        let names: Vec<&str> = o.report.splits.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["train", "dev", "test"]);
        assert!(o.report.warnings.is_empty(), "{:?}", o.report.warnings);
    }
}

#[test]
fn report_json_shape() {
    let o = run(
        &course_table(),
        &request(Strategy::Stratified, &[60, 20, 20], 7, None),
    );
    let v = serde_json::to_value(&o.report).unwrap_or_default();
    assert_eq!(v["strategy"], "stratified");
    assert_eq!(v["rows"], 100);
    assert_eq!(v["target"], "y");
    assert_eq!(v["splits"][0]["class_counts"]["1"], 18);
    assert_eq!(v["splits"][2]["name"], "test");
}

#[test]
fn two_ratios_name_train_and_test() {
    let o = run(
        &course_table(),
        &request(Strategy::Random, &[80, 20], 1, None),
    );
    let names: Vec<&str> = o.report.splits.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["train", "test"]);
    assert_eq!(o.report.splits[0].rows, 80);
    assert!(o.assignment.iter().all(|&s| s < 2));
}

#[test]
fn bad_ratios_are_bad_requests() {
    for ratios in [&[60, 20, 10][..], &[100], &[25, 25, 25, 25], &[]] {
        let e = split_table(&course_table(), &request(Strategy::Random, ratios, 0, None));
        assert!(
            matches!(e, Err(EngineError::BadRequest { .. })),
            "{ratios:?}"
        );
    }
}

#[test]
fn group_and_time_need_by() {
    for s in [Strategy::Group, Strategy::Time] {
        match split_table(&course_table(), &request(s, &[60, 20, 20], 0, None)) {
            Err(EngineError::BadRequest { message }) => assert!(message.contains("--by")),
            other => panic!("expected a bad request, got {other:?}"),
        }
    }
}

#[test]
fn unknown_columns() {
    let mut r = request(Strategy::Random, &[60, 20, 20], 0, None);
    r.target = "nope".into();
    assert!(matches!(
        split_table(&course_table(), &r),
        Err(EngineError::UnknownColumn { .. })
    ));
    let r = request(Strategy::Group, &[60, 20, 20], 0, Some("nope"));
    assert!(matches!(
        split_table(&course_table(), &r),
        Err(EngineError::UnknownColumn { column, .. }) if column == "nope"
    ));
}

/// Decision: no rows is not an error; every split is empty, with a warning.
#[test]
fn no_rows_gives_empty_splits() {
    let t = table(vec![numeric("y", &[])]);
    for s in [Strategy::Random, Strategy::Stratified] {
        let o = run(&t, &request(s, &[60, 20, 20], 0, None));
        assert!(o.assignment.is_empty());
        assert!(o.report.splits.iter().all(|s| s.rows == 0));
        assert!(o.report.warnings.iter().any(|w| w.contains("no rows")));
    }
}

#[test]
fn one_class() {
    let t = table(vec![numeric("y", &[Some(1.0); 10])]);
    let o = run(&t, &request(Strategy::Stratified, &[60, 20, 20], 0, None));
    assert_eq!(counts(&o, "1"), vec![6, 2, 2]);
    assert_eq!(o.report.labels, vec!["1"]);
}

#[test]
fn more_splits_than_rows() {
    let t = table(vec![numeric("y", &[Some(0.0), Some(1.0)])]);
    let o = run(&t, &request(Strategy::Stratified, &[60, 20, 20], 0, None));
    let rows: Vec<u64> = o.report.splits.iter().map(|s| s.rows).collect();
    // 2 × (0.6, 0.2, 0.2) = (1.2, 0.4, 0.4): floors 1/0/0, the leftover row
    // goes to dev (remainders tie, the earlier split wins).
    assert_eq!(rows, vec![1, 1, 0]);
    let w = o.report.warnings.join("\n");
    assert!(w.contains("test has no rows"), "{w}");
    assert!(w.contains("only one row"), "{w}");
}

#[test]
fn missing_target_is_class_empty_with_warning() {
    let y = [Some("a"), None, Some("b"), Some("a"), Some("b"), None];
    let t = table(vec![categorical("y", &y)]);
    let o = run(&t, &request(Strategy::Stratified, &[50, 50], 0, None));
    assert_eq!(o.report.labels, vec!["", "a", "b"]);
    assert_eq!(counts(&o, ""), vec![1, 1]);
    assert!(o
        .report
        .warnings
        .iter()
        .any(|w| w.contains("counted as the class \"\"")));
}

/// The scikit-learn trap: a rare class can vanish from a split silently.
#[test]
fn class_absent_from_a_split_is_warned() {
    let mut y = vec![Some(0.0); 98];
    y.extend([Some(1.0), Some(1.0)]);
    let t = table(vec![numeric("y", &y)]);
    let o = run(&t, &request(Strategy::Stratified, &[60, 20, 20], 0, None));
    // 2 × 0.6 = 1.2 → 1 or 2 in train; dev/test get 0 or 1.
    assert_eq!(counts(&o, "1").iter().sum::<u64>(), 2);
    assert!(
        o.report
            .warnings
            .iter()
            .any(|w| w.contains("class \"1\" has no rows in")),
        "{:?}",
        o.report.warnings
    );
}

#[test]
fn group_split_warns_with_achieved_percentages() {
    let y: Vec<Option<f64>> = (0..10).map(|i| Some(f64::from(i % 2))).collect();
    let g: Vec<Option<&str>> = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2]
        .iter()
        .map(|&i| Some(["p", "q", "r"][i]))
        .collect();
    let t = table(vec![numeric("y", &y), categorical("g", &g)]);
    let o = run(&t, &request(Strategy::Group, &[60, 20, 20], 5, Some("g")));
    let w = o.report.warnings.join("\n");
    assert!(w.contains("groups must stay whole"), "{w}");
    assert!(w.contains('%'), "{w}");
}

#[test]
fn time_split_sorts_iso_dates_as_text_and_missing_last() {
    let dates = [
        Some("2024-03-01"),
        None,
        Some("2023-12-31"),
        Some("2024-01-15"),
        Some("2024-02-10"),
    ];
    let y: Vec<Option<f64>> = (0..5).map(|i| Some(f64::from(i % 2))).collect();
    let t = table(vec![numeric("y", &y), categorical("when", &dates)]);
    let o = run(&t, &request(Strategy::Time, &[60, 20, 20], 0, Some("when")));
    // Order: 2023-12-31 (row 2), 2024-01-15 (3), 2024-02-10 (4), 2024-03-01 (0), missing (1).
    assert_eq!(o.assignment, vec![1, 2, 0, 0, 0]);
    assert!(o
        .report
        .warnings
        .iter()
        .any(|w| w.contains("no value in \"when\"")));
}

#[test]
fn time_split_warns_on_ties_across_a_cut() {
    let y: Vec<Option<f64>> = (0..10).map(|i| Some(f64::from(i % 2))).collect();
    let t_col = vec![Some(1.0); 10];
    let t = table(vec![numeric("y", &y), numeric("t", &t_col)]);
    let o = run(&t, &request(Strategy::Time, &[60, 20, 20], 0, Some("t")));
    assert!(o.report.warnings.iter().any(|w| w.contains("both sides")));
}

#[test]
fn many_singleton_classes_are_summarised() {
    let y: Vec<Option<f64>> = (0..50).map(|i| Some(f64::from(i))).collect();
    let t = table(vec![numeric("y", &y)]);
    let o = run(&t, &request(Strategy::Stratified, &[60, 20, 20], 0, None));
    assert_eq!(
        o.report.splits.iter().map(|s| s.rows).collect::<Vec<_>>(),
        vec![30, 10, 10]
    );
    assert!(o.report.warnings.len() < 5, "{:?}", o.report.warnings);
    assert!(o
        .report
        .warnings
        .iter()
        .any(|w| w.contains("50 distinct values")));
    // Labels are sorted numerically.
    assert_eq!(o.report.labels[..3], ["0", "1", "2"]);
    assert_eq!(o.report.labels[10], "10");
}

#[test]
fn a_by_column_with_random_or_stratified_is_ignored_with_a_warning() {
    let t = table(vec![
        categorical(
            "y",
            &[
                Some("0"),
                Some("1"),
                Some("0"),
                Some("1"),
                Some("0"),
                Some("1"),
            ],
        ),
        categorical(
            "g",
            &[
                Some("a"),
                Some("a"),
                Some("b"),
                Some("b"),
                Some("c"),
                Some("c"),
            ],
        ),
    ]);
    for strategy in [Strategy::Random, Strategy::Stratified] {
        let a = run(&t, &request(strategy, &[50, 50], 1, Some("g")));
        let b = run(&t, &request(strategy, &[50, 50], 1, None));
        assert_eq!(a.assignment, b.assignment);
        assert!(a
            .report
            .warnings
            .iter()
            .any(|w| w.contains("\"g\" is used only by group and time")));
        assert!(!b.report.warnings.iter().any(|w| w.contains("used only by")));
    }
}

#[test]
fn many_one_row_classes_are_not_split_in_label_order() {
    // 50 rows, every row its own class: which rows land in test must depend
    // on the seed, not on the labels' order.
    let codes: Vec<u32> = (0..50).collect();
    let tests: Vec<Vec<usize>> = [1u64, 2, 99]
        .iter()
        .map(|&seed| {
            let a = mlops_engine::split::golden_assignment(
                &codes,
                50,
                Strategy::Stratified,
                &[60, 20, 20],
                seed,
            )
            .unwrap();
            (0..50).filter(|&i| a[i] == 2).collect()
        })
        .collect();
    assert!(tests.iter().all(|t| t.len() == 10));
    assert!(tests[0] != tests[1] || tests[1] != tests[2]);
    assert_ne!(tests[0], (40..50).collect::<Vec<_>>());
}

#[test]
fn group_split_places_big_groups_first_and_keeps_every_split() {
    // Groups of 55, 20, 10, 8, 7 rows at 60/20/20: a random order could put
    // the 55 last and leave a split empty; largest first never does.
    let sizes = [55usize, 20, 10, 8, 7];
    let groups: Vec<u32> = sizes
        .iter()
        .enumerate()
        .flat_map(|(g, &n)| std::iter::repeat_n(g as u32, n))
        .collect();
    for seed in 0..20 {
        let s =
            mlops_engine::split::group::group_assignment(&groups, sizes.len(), &[60, 20, 20], seed);
        assert!(s.sizes.iter().all(|&n| n > 0), "seed {seed}: {:?}", s.sizes);
        assert!(
            s.sizes[0] >= 55 && s.sizes[0] <= 65,
            "seed {seed}: {:?}",
            s.sizes
        );
    }
}

#[test]
fn a_one_class_target_is_a_warning() {
    let t = table(vec![categorical("y", &[Some("a"); 4])]);
    let r = run(&t, &request(Strategy::Stratified, &[50, 50], 0, None));
    assert!(r
        .report
        .warnings
        .iter()
        .any(|w| w.contains("has one class")));
}

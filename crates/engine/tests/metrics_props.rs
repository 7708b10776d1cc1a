//! Property tests of the metrics and the models (`docs/cli.md`,
//! `metrics` and `train`): ROC AUC's symmetry and pairwise meaning, the
//! threshold sweep against direct counting, every metric of `evaluate` in
//! its range and never NaN, a model's JSON round trip, and `train` on odd
//! inputs (Ok, or an error naming the column or the split; never a panic).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::metrics::threshold_table::ThresholdTable;
use mlops_engine::metrics::{evaluate, spec_json, MetricsBody, MetricsReport, MetricsRequest};
use mlops_engine::model::{train, FittedModel, ModelKind, TrainRequest, Trained};
use mlops_engine::split::{SplitRequest, Strategy as SplitStrategy};
use mlops_engine::table::{read_csv, CsvOptions, Table};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

// ---------------------------------------------------------------- helpers

/// A table read from CSV text (`,`-delimited), named `t.csv`.
fn table_of(csv: &str) -> Table {
    read_csv(
        csv.as_bytes(),
        &CsvOptions {
            name: "t.csv".into(),
            delimiter: Some(b','),
        },
    )
    .unwrap_or_else(|e| panic!("the generated CSV does not read ({e}):\n{csv}"))
}

/// CSV text of named columns (all of one length); `None` is an empty field.
fn csv_of(columns: &[(&str, Vec<Option<String>>)]) -> String {
    let mut out = columns
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    let n = columns.first().map_or(0, |c| c.1.len());
    for r in 0..n {
        let row: Vec<&str> = columns
            .iter()
            .map(|(_, v)| v[r].as_deref().unwrap_or(""))
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// ROC AUC by its pairwise definition: the share of (positive, negative)
/// pairs where the positive scores higher, ties counting half.
fn pairwise_auc(scores: &[f64], positive: &[bool]) -> Option<f64> {
    let (mut right, mut pairs) = (0.0, 0.0);
    for (i, &si) in scores.iter().enumerate() {
        if !positive[i] {
            continue;
        }
        for (j, &sj) in scores.iter().enumerate() {
            if positive[j] {
                continue;
            }
            pairs += 1.0;
            if si > sj {
                right += 1.0;
            } else if si == sj {
                right += 0.5;
            }
        }
    }
    (pairs > 0.0).then(|| right / pairs)
}

fn in_unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

/// The JSON field `key` of `v` as a finite number (`null` is how NaN shows).
fn number(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("\"{key}\" is not a number (NaN shows as null): {v}"))
}

/// Checks every count metric of a classification's spec JSON: in range,
/// never NaN, and the confusion matrix's sums.
fn check_classification_json(v: &Value, rows: u64) -> Result<(), TestCaseError> {
    for key in ["accuracy", "balanced_accuracy"] {
        let x = number(v, key);
        prop_assert!(in_unit(x), "{} = {} out of [0, 1]", key, x);
    }
    for avg in ["macro", "micro", "weighted"] {
        for key in ["precision", "recall", "f1"] {
            let x = number(&v[avg], key);
            prop_assert!(in_unit(x), "{}.{} = {} out of [0, 1]", avg, key, x);
        }
    }
    let mcc = number(v, "mcc");
    prop_assert!((-1.0..=1.0).contains(&mcc), "mcc = {}", mcc);
    if !v["cohen_kappa"].is_null() {
        let k = number(v, "cohen_kappa");
        prop_assert!((-1.0..=1.0).contains(&k), "kappa = {}", k);
    }
    let labels = v["labels"].as_array().unwrap();
    let binary = v["task"] == "binary";
    for key in ["precision", "recall", "f1"] {
        if binary {
            let x = number(v, key);
            prop_assert!(in_unit(x), "{} = {}", key, x);
        } else {
            prop_assert!(v[key].is_null(), "multiclass {} is not null: {}", key, v);
        }
    }
    let per_class = v["per_class"].as_array().unwrap();
    prop_assert_eq!(per_class.len(), labels.len());
    let cm: Vec<Vec<u64>> = serde_json::from_value(v["confusion_matrix"].clone()).unwrap();
    prop_assert_eq!(cm.len(), labels.len());
    let mut total = 0;
    for (row, class) in cm.iter().zip(per_class) {
        prop_assert_eq!(row.len(), labels.len());
        for key in ["precision", "recall", "f1"] {
            let x = number(class, key);
            prop_assert!(in_unit(x), "per_class {} = {}", key, x);
        }
        // A row of the matrix holds the class's true rows: its support.
        prop_assert_eq!(row.iter().sum::<u64>(), class["support"].as_u64().unwrap());
        total += row.iter().sum::<u64>();
    }
    prop_assert_eq!(total, rows);
    prop_assert_eq!(v["rows"].as_u64(), Some(rows));
    // Micro averages: every row counts once, so precision = recall =
    // F1 = accuracy (binary and multiclass alike).
    let accuracy = number(v, "accuracy");
    if rows > 0 {
        for key in ["precision", "recall", "f1"] {
            prop_assert_eq!(number(&v["micro"], key), accuracy, "micro {}", key);
        }
    }
    Ok(())
}

fn classification(report: &MetricsReport) -> &mlops_engine::metrics::report::ClassificationReport {
    match &report.body {
        MetricsBody::Classification(c) => c,
        MetricsBody::Regression(_) => panic!("a classification was expected"),
    }
}

// ------------------------------------------------------------- strategies

/// Scores on a coarse grid (many ties), anywhere in [0, 1], or the ends.
fn score() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..=8).prop_map(|k| f64::from(k) / 8.0),
        0.0f64..=1.0,
        Just(0.0),
        Just(1.0),
        Just(-0.0),
    ]
}

fn scored_rows(max: usize) -> impl Strategy<Value = Vec<(f64, bool)>> {
    prop::collection::vec((score(), any::<bool>()), 0..max)
}

fn threshold() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..=8).prop_map(|k| f64::from(k) / 8.0),
        -0.5f64..1.5,
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::NAN),
    ]
}

/// Label sets: numbers, words, booleans.
const LABEL_SETS: [[&str; 4]; 3] = [
    ["0", "1", "2", "3"],
    ["cat", "dog", "emu", "fox"],
    ["false", "true", "maybe", "never"],
];

/// One row of `metric_rows`: truth and prediction (class indices) and score.
type MetricRow = (Option<usize>, Option<usize>, Option<f64>);

/// `(label set, classes, rows of (truth, prediction, score))`, each value
/// missing one time in ten.
fn metric_rows() -> impl Strategy<Value = (usize, usize, Vec<MetricRow>)> {
    (0usize..3, 1usize..=4).prop_flat_map(|(set, k)| {
        let row = (
            prop::option::weighted(0.9, 0..k),
            prop::option::weighted(0.9, 0..k),
            prop::option::weighted(0.9, score()),
        );
        (Just(set), Just(k), prop::collection::vec(row, 0..50))
    })
}

// ------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// With distinct scores, turning the scores around turns the AUC
    /// around: AUC(y, s) = 1 − AUC(y, −s).
    #[test]
    fn auc_of_negated_scores_is_one_minus_auc(
        rows in prop::collection::btree_map(-10_000i32..10_000, any::<bool>(), 0..80),
    ) {
        let scores: Vec<f64> = rows.keys().map(|&k| f64::from(k) / 100.0).collect();
        let negated: Vec<f64> = scores.iter().map(|s| -s).collect();
        let positive: Vec<bool> = rows.values().copied().collect();
        let a = ThresholdTable::new(&scores, &positive).roc_auc();
        let b = ThresholdTable::new(&negated, &positive).roc_auc();
        let both_classes = positive.iter().any(|&p| p) && positive.iter().any(|&p| !p);
        prop_assert_eq!(a.is_some(), both_classes);
        prop_assert_eq!(b.is_some(), both_classes);
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert!((a - (1.0 - b)).abs() <= 1e-12, "AUC {} and {}", a, b);
        }
    }

    /// `ThresholdTable::at(t)` is counting `score >= t` row by row; ROC AUC is the
    /// pairwise definition, ties half (to 1e-12).
    #[test]
    fn sweep_equals_recounting(
        rows in scored_rows(80),
        thresholds in prop::collection::vec(threshold(), 1..12),
    ) {
        let scores: Vec<f64> = rows.iter().map(|r| r.0).collect();
        let positive: Vec<bool> = rows.iter().map(|r| r.1).collect();
        let sweep = ThresholdTable::new(&scores, &positive);
        prop_assert_eq!(sweep.positives, positive.iter().filter(|&&p| p).count() as u64);
        prop_assert_eq!(sweep.negatives, positive.iter().filter(|&&p| !p).count() as u64);
        // The scores are also every row's own threshold.
        for t in thresholds.iter().chain(&scores) {
            let c = sweep.at(*t);
            let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
            for (&s, &y) in scores.iter().zip(&positive) {
                match (s >= *t, y) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, false) => tn += 1,
                    (false, true) => fn_ += 1,
                }
            }
            prop_assert_eq!((c.tp, c.fp, c.tn, c.fn_), (tp, fp, tn, fn_), "threshold {}", t);
        }
        let want = pairwise_auc(&scores, &positive);
        match (sweep.roc_auc(), want) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-12, "AUC {} vs pairwise {}", a, b),
            (a, b) => prop_assert_eq!(a, b),
        }
        let ap = sweep.average_precision();
        prop_assert!(in_unit(ap), "AP = {}", ap);
    }

    /// Every metric `evaluate` gives for random label, prediction and
    /// score columns (missing values included) is in its range, and the
    /// spec JSON holds no NaN (it would be `null`).
    #[test]
    fn evaluate_metrics_are_in_range((set, _k, rows) in metric_rows()) {
        let labels = LABEL_SETS[set];
        let text = |c: &Option<usize>| c.map(|i| labels[i].to_string());
        let csv = csv_of(&[
            ("y", rows.iter().map(|r| text(&r.0)).collect()),
            ("p", rows.iter().map(|r| text(&r.1)).collect()),
            ("s", rows.iter().map(|r| r.2.map(|s| format!("{s}"))).collect()),
        ]);
        let table = table_of(&csv);

        // Hard predictions.
        let req = MetricsRequest {
            target: "y".into(),
            pred: Some("p".into()),
            ..MetricsRequest::default()
        };
        let usable = rows.iter().filter(|r| r.0.is_some() && r.1.is_some()).count() as u64;
        let report = evaluate(&table, &req);
        let report = match report {
            Ok(r) => r,
            Err(e) => return Err(TestCaseError::fail(format!("evaluate --pred failed: {e}\n{csv}"))),
        };
        prop_assert_eq!(report.rows, usable);
        let v = spec_json(&report);
        check_classification_json(&v, usable)?;
        prop_assert!(v.get("roc_auc").is_none(), "score fields without --score: {}", v);
        let distinct: std::collections::BTreeSet<_> = rows
            .iter()
            .filter(|r| r.0.is_some() && r.1.is_some())
            .flat_map(|r| [r.0, r.1])
            .collect();
        let task = if distinct.len() == 2 { "binary" } else { "multiclass" };
        prop_assert_eq!(v["task"].as_str(), Some(task));

        // Scores.
        let req = MetricsRequest {
            target: "y".into(),
            score: Some("s".into()),
            ..MetricsRequest::default()
        };
        let with_score: Vec<_> = rows.iter().filter(|r| r.0.is_some() && r.2.is_some()).collect();
        let classes: std::collections::BTreeSet<_> = with_score.iter().map(|r| r.0).collect();
        match evaluate(&table, &req) {
            Err(e) => {
                // Only an empty or a multiclass target may refuse scores,
                // and the refusal names the target.
                prop_assert!(classes.len() > 2 || with_score.is_empty(), "--score failed: {}\n{}", e, csv);
                prop_assert!(e.to_string().contains("\"y\""), "{}", e);
            }
            Ok(report) => {
                prop_assert!(classes.len() <= 2);
                let n = with_score.len() as u64;
                prop_assert_eq!(report.rows, n);
                let v = spec_json(&report);
                check_classification_json(&v, n)?;
                prop_assert_eq!(v["task"].as_str(), Some("binary"));
                let s = classification(&report).scores.as_ref().unwrap();
                prop_assert!(in_unit(s.average_precision), "AP = {}", s.average_precision);
                prop_assert!(in_unit(number(&v, "average_precision")));
                match s.roc_auc {
                    Some(a) => prop_assert!(in_unit(a) && in_unit(number(&v, "roc_auc"))),
                    None => prop_assert!(v["roc_auc"].is_null() && classes.len() < 2),
                }
                let ll = number(&v, "log_loss");
                prop_assert!(ll >= 0.0 && ll.is_finite(), "log loss {}", ll);
                let b = number(&v, "brier");
                prop_assert!(in_unit(b), "brier {}", b);
                prop_assert!(v.get("threshold").and_then(Value::as_f64) == Some(0.5));
            }
        }
    }

    /// Regression metrics of random columns: MAE, MSE, RMSE, MAPE ≥ 0,
    /// R² ≤ 1, RMSE = √MSE, never NaN.
    #[test]
    fn regression_metrics_are_in_range(
        rows in prop::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 21..60),
    ) {
        let csv = csv_of(&[
            ("y", rows.iter().map(|r| Some(format!("{}", r.0))).collect()),
            ("p", rows.iter().map(|r| Some(format!("{}", r.1))).collect()),
        ]);
        let table = table_of(&csv);
        let report = evaluate(&table, &MetricsRequest {
            target: "y".into(),
            pred: Some("p".into()),
            ..MetricsRequest::default()
        }).unwrap();
        let v = spec_json(&report);
        prop_assert_eq!(v["task"].as_str(), Some("regression"), "{}", v);
        for key in ["mae", "mse", "rmse", "mape"] {
            prop_assert!(number(&v, key) >= 0.0, "{} < 0", key);
        }
        prop_assert!(number(&v, "r2") <= 1.0);
        prop_assert!((number(&v, "rmse") - number(&v, "mse").sqrt()).abs() <= 1e-12 * number(&v, "rmse").max(1.0));
    }

    /// Multiclass predictions: micro precision = recall = F1 = accuracy, and
    /// the confusion matrix's rows sum to the supports and the whole to the
    /// rows.
    #[test]
    fn micro_is_accuracy_and_the_matrix_sums(
        rows in prop::collection::vec((0usize..5, 0usize..5), 1..80),
    ) {
        let name = |i: usize| Some(["a", "b", "c", "d", "e"][i].to_string());
        let csv = csv_of(&[
            ("y", rows.iter().map(|r| name(r.0)).collect()),
            ("p", rows.iter().map(|r| name(r.1)).collect()),
        ]);
        let report = evaluate(&table_of(&csv), &MetricsRequest {
            target: "y".into(),
            pred: Some("p".into()),
            ..MetricsRequest::default()
        }).unwrap();
        let c = classification(&report);
        let m = &c.counts;
        prop_assert_eq!(m.micro_avg.precision, m.accuracy);
        prop_assert_eq!(m.micro_avg.recall, m.accuracy);
        prop_assert!((m.micro_avg.f1 - m.accuracy).abs() <= 1e-15);
        let correct = rows.iter().filter(|r| r.0 == r.1).count() as f64;
        prop_assert!((m.accuracy - correct / rows.len() as f64).abs() <= 1e-15);
        let total: u64 = c.confusion_matrix.iter().flatten().sum();
        prop_assert_eq!(total, rows.len() as u64);
        for (i, label) in c.labels.iter().enumerate() {
            let truth = rows.iter().filter(|r| name(r.0).as_deref() == Some(label)).count() as u64;
            let predicted = rows.iter().filter(|r| name(r.1).as_deref() == Some(label)).count() as u64;
            prop_assert_eq!(c.confusion_matrix[i].iter().sum::<u64>(), truth);
            prop_assert_eq!(c.confusion_matrix.iter().map(|r| r[i]).sum::<u64>(), predicted);
            prop_assert_eq!(m.per_class[i].support, truth);
        }
        check_classification_json(&spec_json(&report), rows.len() as u64)?;
    }
}

// ---------------------------------------------------------------- models

/// A small random table: numeric `x`, categorical `c`, boolean `b`, and the
/// target `y` (classes, or numbers for regression); about one value in ten
/// missing.
#[derive(Debug, Clone)]
struct SmallTable {
    x: Vec<Option<f64>>,
    c: Vec<Option<usize>>,
    b: Vec<Option<bool>>,
    y: Vec<Option<f64>>,
}

fn small_table(regression: bool) -> impl Strategy<Value = SmallTable> {
    (12usize..40, 2u32..=3).prop_flat_map(move |(n, k)| {
        let y = if regression {
            prop::option::weighted(0.95, -100.0f64..100.0).boxed()
        } else {
            prop::option::weighted(0.95, (0..k).prop_map(f64::from)).boxed()
        };
        (
            prop::collection::vec(prop::option::weighted(0.9, -5.0f64..5.0), n),
            prop::collection::vec(prop::option::weighted(0.9, 0usize..3), n),
            prop::collection::vec(prop::option::weighted(0.9, any::<bool>()), n),
            prop::collection::vec(y, n),
        )
            .prop_map(|(x, c, b, y)| SmallTable { x, c, b, y })
    })
}

impl SmallTable {
    fn csv(&self, regression: bool) -> String {
        let classes = ["no", "yes", "other"];
        csv_of(&[
            (
                "x",
                self.x.iter().map(|v| v.map(|v| format!("{v}"))).collect(),
            ),
            (
                "c",
                self.c
                    .iter()
                    .map(|v| v.map(|i| ["red", "green", "blue"][i].to_string()))
                    .collect(),
            ),
            (
                "b",
                self.b.iter().map(|v| v.map(|v| v.to_string())).collect(),
            ),
            (
                "y",
                self.y
                    .iter()
                    .map(|v| {
                        v.map(|v| {
                            if regression {
                                format!("{v}")
                            } else {
                                classes[v as usize].to_string()
                            }
                        })
                    })
                    .collect(),
            ),
        ])
    }
}

fn request(model: ModelKind, strategy: SplitStrategy, ratios: &[u32], seed: u64) -> TrainRequest {
    TrainRequest {
        model,
        params: BTreeMap::new(),
        features: None,
        split: SplitRequest {
            target: "y".into(),
            strategy,
            ratios: ratios.to_vec(),
            seed,
            by: None,
        },
    }
}

fn same_floats(a: &Option<Vec<f64>>, b: &Option<Vec<f64>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
        }
        (None, None) => true,
        _ => false,
    }
}

/// What every trained model must satisfy: a prediction per row, finite
/// probabilities, a JSON round trip that predicts the same bits, and split
/// metrics without NaN.
fn check_trained(table: &Table, t: &Trained, what: &str) {
    let n = table.n_rows;
    let p = &t.predictions;
    assert_eq!(p.labels.len(), n, "{what}: a prediction per row");
    assert_eq!(t.assignment.len(), n, "{what}: a split per row");
    if let Some(s) = &p.scores {
        assert_eq!(s.len(), n);
        assert!(
            s.iter().all(|&s| in_unit(s)),
            "{what}: scores out of [0, 1]: {s:?}"
        );
    }
    if let Some(v) = &p.values {
        assert!(
            v.iter().all(|v| v.is_finite()),
            "{what}: non-finite values: {v:?}"
        );
    }
    if let Some(rows) = &p.proba {
        for r in rows {
            assert!(r.iter().all(|&q| in_unit(q)), "{what}: probabilities {r:?}");
            let sum: f64 = r.iter().sum();
            assert!(
                (sum - 1.0).abs() < 1e-9,
                "{what}: probabilities sum to {sum}"
            );
        }
    }
    if !t.model.labels.is_empty() {
        assert!(
            p.labels.iter().all(|l| t.model.labels.contains(l)),
            "{what}: a predicted label outside {:?}: {:?}",
            t.model.labels,
            p.labels
        );
    }

    let json = t.model.to_json();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "mlops-model/1", "{what}");
    let back = FittedModel::from_json(&json, "m.json")
        .unwrap_or_else(|e| panic!("{what}: the model's JSON does not read back: {e}\n{json}"));
    assert_eq!(back, t.model, "{what}: the model changed in JSON");
    let all: Vec<usize> = (0..n).collect();
    let again = back.predict(table, &all).unwrap();
    assert_eq!(
        again.labels, p.labels,
        "{what}: labels after the round trip"
    );
    assert!(
        same_floats(&again.scores, &p.scores),
        "{what}: scores after the round trip"
    );
    assert!(
        same_floats(&again.values, &p.values),
        "{what}: values after the round trip"
    );
    let flat = |x: &Option<Vec<Vec<f64>>>| x.as_ref().map(|r| r.concat());
    assert!(
        same_floats(&flat(&again.proba), &flat(&p.proba)),
        "{what}: probabilities after the round trip"
    );

    for s in &t.splits {
        let v = spec_json(&s.metrics);
        let rows = s.metrics.rows;
        let keys: &[&str] = if v["task"] == "regression" {
            &["mae", "mse", "rmse", "r2", "mape"]
        } else {
            &["accuracy", "balanced_accuracy", "mcc"]
        };
        if rows > 0 {
            for k in keys {
                assert!(
                    v[*k].is_number(),
                    "{what}: split {} \"{k}\" is {} (NaN?): {v}",
                    s.name,
                    v[*k]
                );
            }
        }
        assert!(serde_json::to_string(&v).is_ok());
    }
}

/// `train` gave an error: it must name the target, a feature or the split.
fn check_error(e: &mlops_engine::EngineError, names: &[&str], what: &str) {
    let text = e.to_string();
    assert!(
        names.iter().any(|n| text.contains(n)) || text.contains("train"),
        "{what}: the error names neither a column nor the split: {text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every classifier trained on a random small table predicts the same
    /// after its JSON round trip (or refuses with a named error).
    #[test]
    fn classifiers_round_trip_through_json(
        t in small_table(false),
        seed in any::<u64>(),
        stratified in any::<bool>(),
        three in any::<bool>(),
    ) {
        let csv = t.csv(false);
        let table = table_of(&csv);
        let strategy = if stratified { SplitStrategy::Stratified } else { SplitStrategy::Random };
        let ratios: &[u32] = if three { &[60, 20, 20] } else { &[70, 30] };
        for kind in ModelKind::CLASSIFIERS {
            let what = format!("{} on\n{csv}", kind.as_str());
            match train(&table, &request(kind, strategy, ratios, seed)) {
                Ok(trained) => check_trained(&table, &trained, &what),
                Err(e) => check_error(&e, &["\"y\""], &what),
            }
        }
    }

    /// Every regressor, likewise, on a numeric target of > 20 values.
    #[test]
    fn regressors_round_trip_through_json(
        t in small_table(true).prop_filter("more than 20 target values", |t| {
            t.y.iter().flatten().count() > 20
        }),
        seed in any::<u64>(),
    ) {
        let csv = t.csv(true);
        let table = table_of(&csv);
        for kind in ModelKind::REGRESSORS {
            let what = format!("{} on\n{csv}", kind.as_str());
            match train(&table, &request(kind, SplitStrategy::Random, &[60, 20, 20], seed)) {
                Ok(trained) => {
                    prop_assert_eq!(trained.model.task, mlops_engine::model::ModelTask::Regression);
                    check_trained(&table, &trained, &what);
                }
                Err(e) => check_error(&e, &["\"y\""], &what),
            }
        }
    }
}

// ------------------------------------------------------- odd inputs

/// Trains every model that fits the target on `csv` with `req`'s split (the
/// model replaced), and returns each model's result after the checks.
fn train_all(
    csv: &str,
    mut req: TrainRequest,
    regression: bool,
    names: &[&str],
) -> Vec<(ModelKind, Result<Trained, String>)> {
    let table = table_of(csv);
    let kinds: &[ModelKind] = if regression {
        &ModelKind::REGRESSORS
    } else {
        &ModelKind::CLASSIFIERS
    };
    kinds
        .iter()
        .map(|&kind| {
            req.model = kind;
            let what = format!("{} on {req:?}\n{csv}", kind.as_str());
            let result =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| train(&table, &req)))
                    .unwrap_or_else(|_| panic!("train panicked: {what}"));
            match result {
                Ok(t) => {
                    check_trained(&table, &t, &what);
                    (kind, Ok(t))
                }
                Err(e) => {
                    check_error(&e, names, &what);
                    (kind, Err(e.to_string()))
                }
            }
        })
        .collect()
}

/// Ten rows ordered by `t` (0..9), so a time split puts rows 0–5 in train,
/// 6–7 in dev and 8–9 in test.
fn time_request(features: Option<Vec<String>>) -> TrainRequest {
    TrainRequest {
        model: ModelKind::Majority,
        params: BTreeMap::new(),
        features,
        split: SplitRequest {
            target: "y".into(),
            strategy: SplitStrategy::Time,
            ratios: vec![60, 20, 20],
            seed: 1,
            by: Some("t".into()),
        },
    }
}

fn ten_rows(x: &[&str], c: &[&str], y: &[&str]) -> String {
    let mut out = String::from("t,x,c,y\n");
    for i in 0..10 {
        out.push_str(&format!("{i},{},{},{}\n", x[i], c[i], y[i]));
    }
    out
}

const X: [&str; 10] = ["1.5", "2", "-3", "4.25", "0", "7", "1", "2.5", "-1", "3"];
const C: [&str; 10] = [
    "red", "blue", "red", "green", "blue", "red", "green", "blue", "red", "green",
];
const Y: [&str; 10] = ["a", "b", "a", "b", "a", "b", "a", "b", "b", "a"];

#[test]
fn a_constant_feature_trains() {
    let csv = ten_rows(&["5"; 10], &["same"; 10], &Y);
    for (kind, r) in train_all(&csv, time_request(None), false, &["\"y\""]) {
        assert!(r.is_ok(), "{}: {:?}", kind.as_str(), r.err());
    }
    // Regression on a constant feature.
    let mut csv = String::from("x,y\n");
    for i in 0..30 {
        csv.push_str(&format!("1,{}\n", f64::from(i) * 1.25));
    }
    let req = request(ModelKind::Mean, SplitStrategy::Random, &[60, 20, 20], 3);
    for (kind, r) in train_all(&csv, req, true, &["\"y\""]) {
        assert!(r.is_ok(), "{}: {:?}", kind.as_str(), r.err());
    }
}

#[test]
fn a_single_class_train_split_is_a_named_error_or_majority() {
    // Only rows 8 and 9 (test) are "b": train holds one class.
    let mut y = ["a"; 10];
    y[8] = "b";
    y[9] = "b";
    for (kind, r) in train_all(&ten_rows(&X, &C, &y), time_request(None), false, &["\"y\""]) {
        match kind {
            ModelKind::Majority => assert!(r.is_ok(), "majority: {:?}", r.err()),
            _ => {
                let e = r
                    .err()
                    .unwrap_or_else(|| panic!("{} fitted one class", kind.as_str()));
                assert!(e.contains("train") && e.contains("\"y\""), "{e}");
            }
        }
    }
    // One class in the whole target.
    for (kind, r) in train_all(
        &ten_rows(&X, &C, &["a"; 10]),
        time_request(None),
        false,
        &["\"y\""],
    ) {
        if kind == ModelKind::Majority {
            assert!(r.is_ok(), "majority: {:?}", r.err());
        } else {
            assert!(r.is_err(), "{} fitted one class", kind.as_str());
        }
    }
}

#[test]
fn a_category_unseen_in_train_is_all_zeros() {
    // "purple" and "" only in dev/test rows.
    let mut c = C;
    c[7] = "purple";
    c[9] = "";
    for (kind, r) in train_all(&ten_rows(&X, &c, &Y), time_request(None), false, &["\"y\""]) {
        let t = r.unwrap_or_else(|e| panic!("{}: {e}", kind.as_str()));
        assert_eq!(t.predictions.labels.len(), 10);
    }
}

#[test]
fn zero_features_train() {
    let csv = ten_rows(&X, &C, &Y);
    for (kind, r) in train_all(&csv, time_request(Some(vec![])), false, &["\"y\""]) {
        let t = r.unwrap_or_else(|e| panic!("{}: {e}", kind.as_str()));
        assert!(t.model.features.is_empty());
        // Without features every row gets the same answer.
        let first = &t.predictions.labels[0];
        assert!(
            t.predictions.labels.iter().all(|l| l == first),
            "{}",
            kind.as_str()
        );
    }
    let mut csv = String::from("x,y\n");
    for i in 0..30 {
        csv.push_str(&format!("{},{}\n", i % 7, f64::from(i) * 0.5));
    }
    let mut req = request(ModelKind::Mean, SplitStrategy::Random, &[60, 20, 20], 9);
    req.features = Some(vec![]);
    for (kind, r) in train_all(&csv, req, true, &["\"y\""]) {
        assert!(r.is_ok(), "{}: {:?}", kind.as_str(), r.err());
    }
}

#[test]
fn missing_values_in_features_and_target() {
    let mut x = X;
    x[0] = "";
    x[3] = "NA";
    x[8] = "";
    let mut c = C;
    c[1] = "";
    let mut y = Y;
    y[2] = "";
    y[9] = "";
    for (kind, r) in train_all(&ten_rows(&x, &c, &y), time_request(None), false, &["\"y\""]) {
        let t = r.unwrap_or_else(|e| panic!("{}: {e}", kind.as_str()));
        assert!(
            t.warnings.iter().any(|w| w.contains("\"y\"")),
            "{}: no warning about the missing targets: {:?}",
            kind.as_str(),
            t.warnings
        );
        // Rows without a target are left out of the metrics.
        let measured: u64 = t.splits.iter().map(|s| s.metrics.rows).sum();
        assert_eq!(measured, 8, "{}", kind.as_str());
    }
    // A feature with no value at all, and a regression target with gaps.
    let mut csv = String::from("x,e,y\n");
    for i in 0..40 {
        let y = if i % 9 == 0 {
            String::new()
        } else {
            format!("{}", f64::from(i) * 1.5)
        };
        let x = if i % 4 == 0 {
            String::new()
        } else {
            format!("{}", i % 5)
        };
        csv.push_str(&format!("{x},,{y}\n"));
    }
    let req = request(ModelKind::Mean, SplitStrategy::Random, &[60, 20, 20], 5);
    for (kind, r) in train_all(&csv, req, true, &["\"y\"", "\"e\""]) {
        assert!(r.is_ok(), "{}: {:?}", kind.as_str(), r.err());
    }
}

#[test]
fn odd_requests_are_named_errors_not_panics() {
    let csv = ten_rows(&X, &C, &Y);
    // The target as a feature; a feature that does not exist.
    for (features, name) in [
        (vec!["y".to_string()], "\"y\""),
        (vec!["nope".to_string()], "nope"),
    ] {
        for (kind, r) in train_all(&csv, time_request(Some(features.clone())), false, &[name]) {
            let e = r
                .err()
                .unwrap_or_else(|| panic!("{} accepted {features:?}", kind.as_str()));
            assert!(e.contains(name.trim_matches('"')), "{e}");
        }
    }
    // Tiny tables: header only, one row, two rows.
    for rows in [0, 1, 2] {
        let mut csv = String::from("x,y\n");
        for i in 0..rows {
            csv.push_str(&format!("{i},{}\n", ["a", "b"][i % 2]));
        }
        let req = request(ModelKind::Majority, SplitStrategy::Random, &[60, 20, 20], 1);
        let _ = train_all(&csv, req.clone(), false, &["\"y\""]);
        let mut req = req;
        req.split.strategy = SplitStrategy::Stratified;
        let _ = train_all(&csv, req, false, &["\"y\""]);
    }
    // Extreme parameters.
    for (model, key, value) in [
        (ModelKind::Tree, "max_depth", 0.5),
        (ModelKind::Tree, "min_samples_leaf", 1e9),
        (ModelKind::Tree, "max_depth", 1e9),
        (ModelKind::Logistic, "C", 1e-12),
        (ModelKind::Logistic, "C", 1e12),
        (ModelKind::NaiveBayes, "var_smoothing", 1e-300),
        (ModelKind::NaiveBayes, "var_smoothing", 1e300),
    ] {
        let table = table_of(&csv);
        let mut req = time_request(None);
        req.model = model;
        req.params.insert(key.into(), value);
        let what = format!("{} {key}={value}", model.as_str());
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| train(&table, &req)))
            .unwrap_or_else(|_| panic!("train panicked: {what}"));
        match r {
            Ok(t) => check_trained(&table, &t, &what),
            Err(e) => check_error(&e, &[key], &what),
        }
    }
    // A parameter a model does not take, and a negative one: usage errors.
    for (model, key, value) in [
        (ModelKind::Logistic, "max_depth", 3.0),
        (ModelKind::Tree, "max_depth", -1.0),
    ] {
        let table = table_of(&csv);
        let mut req = time_request(None);
        req.model = model;
        req.params.insert(key.into(), value);
        let e = train(&table, &req)
            .err()
            .unwrap_or_else(|| panic!("{key}={value} accepted"));
        assert!(e.is_usage() && e.to_string().contains(key), "{e}");
    }
}

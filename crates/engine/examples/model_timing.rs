//! The native side of `make bench-model`: the Model lab's metrics and
//! logistic regression on the files scripts/bench_model.py writes, timed
//! the way the script times scikit-learn (median of RUNS after a warm-up).
//!
//! `cargo run --release -p mlops-engine --example model_timing -- SCORES
//! LOGISTIC PROBA_OUT [RUNS]`, with SCORES a CSV of `y,s` (binary truth,
//! score) and LOGISTIC a CSV of features `f0..` and a binary `y`, prints
//! JSON: `read_s` (each file → typed table, not counted below),
//! `metrics_s` (`ThresholdTable::new` + `roc_auc` + `roc_curve` + `pr_curve`;
//! `sweep_s` is `ThresholdTable::new` alone, the sort),
//! `logistic_s` (`logistic::fit`, binary, C = 1), the AUC, the curves'
//! lengths and the fit's iterations. The fitted positive-class
//! probabilities of the first 1000 rows go to PROBA_OUT, one per line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mlops_engine::metrics::curves::{pr_curve, roc_curve};
use mlops_engine::metrics::threshold_table::ThresholdTable;
use mlops_engine::model::logistic;
use mlops_engine::table::{read_csv, ColumnData, CsvOptions, Table};
use ndarray::Array2;
use std::io::Write;
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0.0)
}

/// Reads `path` into a typed table, returning it and the seconds it took.
fn load(path: &str) -> Result<(Table, f64), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let t = Instant::now();
    let table = read_csv(
        &bytes,
        &CsvOptions {
            name: path.to_string(),
            delimiter: None,
        },
    )?;
    Ok((table, t.elapsed().as_secs_f64()))
}

/// The values of a numeric (or 0/1 boolean) column.
fn numbers(table: &Table, name: &str) -> Result<Vec<f64>, Box<dyn std::error::Error>> {
    match &table.column(name)?.data {
        ColumnData::Numeric { values, missing } if missing.count_ones() == 0 => Ok(values.clone()),
        ColumnData::Boolean { values } => Ok(values.iter().map(|&v| f64::from(v)).collect()),
        _ => Err(format!("column {name} is not complete and numeric").into()),
    }
}

/// Median seconds of `runs` calls of `f` after one warm-up, and its last result.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = std::hint::black_box(f());
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        out = std::hint::black_box(f());
        times.push(t.elapsed().as_secs_f64());
    }
    (median(times), out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: model_timing SCORES LOGISTIC PROBA_OUT [RUNS]";
    let scores_path = args.next().ok_or(usage)?;
    let logistic_path = args.next().ok_or(usage)?;
    let proba_path = args.next().ok_or(usage)?;
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);

    // (a) ROC AUC + ROC curve + PR curve.
    let (scores_table, scores_read) = load(&scores_path)?;
    let s = numbers(&scores_table, "s")?;
    let positive: Vec<bool> = numbers(&scores_table, "y")?
        .iter()
        .map(|&v| v == 1.0)
        .collect();
    let (sweep_s, _) = time(runs, || ThresholdTable::new(&s, &positive));
    let (metrics_s, (auc, roc_points, pr_points, distinct)) = time(runs, || {
        let sweep = ThresholdTable::new(&s, &positive);
        let auc = sweep.roc_auc();
        let roc = roc_curve(&sweep);
        let pr = pr_curve(&sweep);
        (auc, roc.fpr.len(), pr.precision.len(), sweep.scores.len())
    });

    // (b) Binary logistic regression, C = 1, on every f* column.
    let (logistic_table, logistic_read) = load(&logistic_path)?;
    let features: Vec<Vec<f64>> = logistic_table
        .columns
        .iter()
        .filter(|c| c.name.starts_with('f'))
        .map(|c| numbers(&logistic_table, &c.name))
        .collect::<Result<_, _>>()?;
    let (n, d) = (logistic_table.n_rows, features.len());
    let x = Array2::from_shape_fn((n, d), |(i, j)| features[j][i]);
    let y: Vec<u32> = numbers(&logistic_table, "y")?
        .iter()
        .map(|&v| u32::from(v == 1.0))
        .collect();
    let (logistic_s, model) = time(runs, || logistic::fit(&x, &y, 2, 1.0));
    let head = Array2::from_shape_fn((n.min(1000), d), |(i, j)| x[[i, j]]);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&proba_path)?);
    for p in model.predict_proba(&head) {
        writeln!(out, "{}", p[1])?;
    }
    out.flush()?;

    let report = serde_json::json!({
        "runs": runs,
        "read_s": { "scores": scores_read, "logistic": logistic_read },
        "metrics_s": metrics_s,
        "sweep_s": sweep_s,
        "auc": auc,
        "distinct_scores": distinct,
        "roc_points": roc_points,
        "pr_points": pr_points,
        "logistic_s": logistic_s,
        "logistic_rows": n,
        "logistic_features": d,
        "logistic_iterations": model.iterations,
        "coef": model.coef[0],
        "intercept": model.intercept[0],
    });
    println!("{report}");
    Ok(())
}

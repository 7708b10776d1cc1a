//! What the metrics panel shows, as plain data: every field of
//! `mlops metrics --json` (the engine's `metric_fields`, so the page shows
//! exactly the CLI's numbers), with the threshold-dependent ones replaced by
//! the threshold table's counts while the slider moves.

use mlops_engine::metrics::report::{ClassificationReport, ScoreReport};
use mlops_engine::metrics::threshold_table::BinaryCounts;
use mlops_engine::metrics::{MetricsBody, MetricsReport};

pub use mlops_engine::metrics::fields::Field;

/// Every number of the report's JSON (the engine's list, checked there
/// against `spec_json`).
pub fn fields(report: &MetricsReport) -> Vec<Field> {
    mlops_engine::metrics::fields::metric_fields(report)
}

/// The classification part of a report, if it is one.
pub fn classification(report: &MetricsReport) -> Option<&ClassificationReport> {
    match &report.body {
        MetricsBody::Classification(c) => Some(c),
        MetricsBody::Regression(_) => None,
    }
}

/// The counts at the slider's `threshold` (nearest table entry) when it is
/// not the report's own threshold.
pub fn live_counts(c: &ClassificationReport, threshold: f64) -> Option<BinaryCounts> {
    let s: &ScoreReport = c.scores.as_ref()?;
    if c.threshold == Some(threshold) {
        return None;
    }
    mlops_charts::nearest_threshold(s, threshold).and_then(|i| s.counts.get(i).copied())
}

/// What the panel shows at the slider's `threshold`: every field, the
/// threshold-dependent ones at that threshold.
pub fn shown_at(report: &MetricsReport, threshold: f64) -> Vec<Field> {
    let live = classification(report).and_then(|c| live_counts(c, threshold));
    with_live(fields(report), live)
}

/// `fields` with the threshold-dependent metrics taken from `live`.
pub fn with_live(mut fields: Vec<Field>, live: Option<BinaryCounts>) -> Vec<Field> {
    let Some(c) = live else { return fields };
    for f in fields.iter_mut() {
        f.value = match f.name.as_str() {
            "accuracy" => Some(c.accuracy()),
            "precision" => Some(c.precision()),
            "recall" => Some(c.recall()),
            "f1" => Some(c.f1()),
            _ => continue,
        };
    }
    fields
}

/// The confusion matrix to show: the report's, or the live counts laid out
/// in label order (`positive` the positive label's index).
pub fn confusion(c: &ClassificationReport, live: Option<BinaryCounts>) -> Vec<Vec<u64>> {
    match (live, c.positive, c.labels.len()) {
        (Some(k), Some(pos), 2) => {
            let (mut m, neg) = (vec![vec![0; 2]; 2], 1 - pos.min(1));
            m[pos][pos] = k.tp;
            m[pos][neg] = k.fn_;
            m[neg][pos] = k.fp;
            m[neg][neg] = k.tn;
            m
        }
        _ => c.confusion_matrix.clone(),
    }
}

/// A metric's name as a person reads it.
pub fn title(name: &str) -> String {
    let known = [
        ("accuracy", "Accuracy"),
        ("balanced_accuracy", "Balanced accuracy"),
        ("precision", "Precision"),
        ("recall", "Recall"),
        ("f1", "F1"),
        ("mcc", "MCC"),
        ("cohen_kappa", "Cohen's κ"),
        ("roc_auc", "ROC AUC"),
        ("average_precision", "Average precision"),
        ("log_loss", "Log loss"),
        ("brier", "Brier score"),
        ("mae", "MAE"),
        ("mse", "MSE"),
        ("rmse", "RMSE"),
        ("r2", "R²"),
        ("mape", "MAPE"),
    ];
    if let Some(inner) = name.strip_prefix("macro.") {
        return format!("{} (macro avg)", title(inner));
    }
    known
        .iter()
        .find(|(k, _)| *k == name)
        .map_or_else(|| name.replace('_', " "), |(_, t)| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlops_engine::metrics::{evaluate, MetricsRequest};
    use mlops_engine::table::{read_csv, CsvOptions};

    fn report(threshold: f64) -> MetricsReport {
        let csv = "y,s\n0,0.1\n0,0.4\n1,0.35\n1,0.8\n";
        let t = read_csv(csv.as_bytes(), &CsvOptions::default()).unwrap();
        let req = MetricsRequest {
            target: "y".into(),
            score: Some("s".into()),
            threshold: Some(threshold),
            ..Default::default()
        };
        evaluate(&t, &req).unwrap()
    }

    #[test]
    fn a_macro_average_says_so() {
        assert_eq!(title("macro.f1"), "F1 (macro avg)");
        assert_eq!(title("r2"), "R²");
    }

    #[test]
    fn every_number_of_the_cli_json_is_a_field() {
        let f = fields(&report(0.5));
        let names: Vec<&str> = f.iter().map(|f| f.name.as_str()).collect();
        for want in [
            "accuracy",
            "roc_auc",
            "macro.f1",
            "weighted.recall",
            "per_class.1.support",
            "brier",
            "cohen_kappa",
        ] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
        assert!(!names.contains(&"rows"));
    }

    #[test]
    fn the_slider_moves_counts_and_the_threshold_metrics() {
        let r = report(0.5);
        let c = classification(&r).unwrap();
        assert_eq!(live_counts(c, 0.5), None);
        let live = live_counts(c, 0.3).unwrap();
        assert_eq!((live.tp, live.fp), (2, 1));
        assert_eq!(confusion(c, Some(live)), vec![vec![1, 1], vec![0, 2]]);
        // The live numbers are the ones the engine gives at that threshold.
        let at = fields(&report(0.3));
        let moved = with_live(fields(&r), Some(live));
        for name in ["accuracy", "precision", "recall", "f1"] {
            let a = at.iter().find(|f| f.name == name).unwrap().value;
            let b = moved.iter().find(|f| f.name == name).unwrap().value;
            assert_eq!(a, b, "{name}");
        }
    }
}

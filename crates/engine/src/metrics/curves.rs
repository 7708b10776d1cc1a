//! ROC, precision–recall and calibration curves, point for point as
//! scikit-learn's `roc_curve` (with `drop_intermediate=True`),
//! `precision_recall_curve` and `calibration_curve(n_bins=10,
//! strategy="uniform")` give them, plus [`thin`] for charts.

use super::threshold_table::ThresholdTable;
use serde::{Deserialize, Serialize};

/// The ROC curve: `fpr[0] = tpr[0] = 0` at threshold `+∞` (`None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RocCurve {
    pub fpr: Vec<f64>,
    pub tpr: Vec<f64>,
    pub thresholds: Vec<Option<f64>>,
}

/// The precision–recall curve in scikit-learn's order (recall descending,
/// ending at precision 1, recall 0, which has no threshold).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PrCurve {
    pub precision: Vec<f64>,
    pub recall: Vec<f64>,
    pub thresholds: Vec<f64>,
}

/// One bin of the reliability diagram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationBin {
    /// The bin's edges, `(lower, upper]` (the first bin includes 0).
    pub lower: f64,
    pub upper: f64,
    pub rows: u64,
    /// Mean score in the bin (`None` when empty).
    pub mean_score: Option<f64>,
    /// Share of positives in the bin (`None` when empty).
    pub positive_share: Option<f64>,
}

/// The ROC curve of a sweep; `None` rates when a class is absent (a
/// warning is the caller's).
pub fn roc_curve(sweep: &ThresholdTable) -> RocCurve {
    let n = sweep.scores.len();
    // Keep the first and last points and every point where the slope changes.
    let keep = |i: usize| {
        if i == 0 || i + 1 >= n || n <= 2 {
            return true;
        }
        let d2 = |v: &[u64]| (v[i + 1] as i128 - v[i] as i128) - (v[i] as i128 - v[i - 1] as i128);
        d2(&sweep.fp) != 0 || d2(&sweep.tp) != 0
    };
    let (p, neg) = (sweep.positives as f64, sweep.negatives as f64);
    let rate = |c: u64, total: f64| {
        if total > 0.0 {
            c as f64 / total
        } else {
            f64::NAN
        }
    };
    let mut curve = RocCurve {
        fpr: vec![rate(0, neg)],
        tpr: vec![rate(0, p)],
        thresholds: vec![None],
    };
    for i in (0..n).filter(|&i| keep(i)) {
        curve.fpr.push(rate(sweep.fp[i], neg));
        curve.tpr.push(rate(sweep.tp[i], p));
        curve.thresholds.push(Some(sweep.scores[i]));
    }
    curve
}

/// The precision–recall curve of a sweep.
pub fn pr_curve(sweep: &ThresholdTable) -> PrCurve {
    let mut curve = PrCurve::default();
    for i in (0..sweep.scores.len()).rev() {
        let (tp, fp) = (sweep.tp[i], sweep.fp[i]);
        curve.precision.push(if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        });
        curve.recall.push(if sweep.positives > 0 {
            tp as f64 / sweep.positives as f64
        } else {
            1.0
        });
        curve.thresholds.push(sweep.scores[i]);
    }
    curve.precision.push(1.0);
    curve.recall.push(0.0);
    curve
}

/// Ten uniform bins over [0, 1]: numpy's `linspace(0, 1, 11)` edges
/// (`i × 0.1`), a score `s` in bin `b` when `edge[b] < s <= edge[b+1]`
/// (scikit-learn's `searchsorted` on the inner edges). Scores outside
/// [0, 1] go to the end bins, as there.
pub fn calibration(scores: &[f64], positive: &[bool]) -> Vec<CalibrationBin> {
    const BINS: usize = 10;
    let step = 1.0 / BINS as f64;
    let edges: Vec<f64> = (0..=BINS)
        .map(|i| if i == BINS { 1.0 } else { i as f64 * step })
        .collect();
    let mut rows = [0u64; BINS];
    let mut sums = [0.0f64; BINS];
    let mut hits = [0u64; BINS];
    for (&s, &y) in scores.iter().zip(positive) {
        let b = edges[1..BINS].partition_point(|&e| e < s);
        rows[b] += 1;
        sums[b] += s;
        hits[b] += u64::from(y);
    }
    (0..BINS)
        .map(|b| CalibrationBin {
            lower: edges[b],
            upper: edges[b + 1],
            rows: rows[b],
            mean_score: (rows[b] > 0).then(|| sums[b] / rows[b] as f64),
            positive_share: (rows[b] > 0).then(|| hits[b] as f64 / rows[b] as f64),
        })
        .collect()
}

/// At most `max` of the indices `0..n`, evenly spread, first and last kept:
/// what a chart of a million-point curve needs.
pub fn thin(n: usize, max: usize) -> Vec<usize> {
    if n <= max || max < 2 {
        return (0..n).collect();
    }
    let mut out: Vec<usize> = (0..max).map(|i| i * (n - 1) / (max - 1)).collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roc_of_the_sklearn_example() {
        let sw = ThresholdTable::new(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]);
        let roc = roc_curve(&sw);
        assert_eq!(roc.fpr, vec![0.0, 0.0, 0.5, 0.5, 1.0]);
        assert_eq!(roc.tpr, vec![0.0, 0.5, 0.5, 1.0, 1.0]);
        assert_eq!(roc.thresholds[1], Some(0.8));
        let pr = pr_curve(&sw);
        assert_eq!(pr.recall, vec![1.0, 1.0, 0.5, 0.5, 0.0]);
        assert_eq!(pr.thresholds, vec![0.1, 0.35, 0.4, 0.8]);
    }

    #[test]
    fn calibration_bins_are_left_open() {
        let bins = calibration(&[0.0, 0.1, 0.15, 1.0], &[false, true, true, true]);
        assert_eq!(bins[0].rows, 2);
        assert_eq!(bins[1].rows, 1);
        assert_eq!(bins[9].rows, 1);
        assert_eq!(bins[0].positive_share, Some(0.5));
        assert_eq!(bins[5].mean_score, None);
    }

    #[test]
    fn thin_keeps_the_ends() {
        assert_eq!(thin(5, 10), vec![0, 1, 2, 3, 4]);
        let t = thin(1_000_001, 1000);
        assert_eq!(
            (t[0], *t.last().unwrap_or(&0), t.len()),
            (0, 1_000_000, 1000)
        );
    }
}

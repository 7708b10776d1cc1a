//! Line charts over engine reports: the ROC and precision–recall curves and
//! the reliability diagram of a score column (with the current threshold
//! marked), and later sweeps and learning curves.

use crate::bars::short;
use mlops_engine::basics::json::{numbers, Json};
use mlops_engine::metrics::report::ScoreReport;
use mlops_engine::model::experiments::Point;

/// One line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    /// A reference line (chance, perfect calibration): grey and thin.
    pub reference: bool,
    /// Draw a dot at each point.
    pub dots: bool,
}

/// A line chart: what is drawn, and how its axes are labelled.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lines {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub series: Vec<Series>,
    /// The current operating point, with its label.
    pub marker: Option<(f64, f64, String)>,
}

/// The index of the threshold-table entry nearest `t`.
pub fn nearest_threshold(report: &ScoreReport, t: f64) -> Option<usize> {
    let i = report.thresholds.partition_point(|&x| x < t);
    let candidates = [i.checked_sub(1), Some(i)];
    candidates
        .into_iter()
        .flatten()
        .filter(|&k| k < report.thresholds.len())
        .min_by(|&a, &b| {
            (report.thresholds[a] - t)
                .abs()
                .total_cmp(&(report.thresholds[b] - t).abs())
        })
}

fn unit(title: &str, x: &str, y: &str) -> Lines {
    Lines {
        title: title.into(),
        x_label: x.into(),
        y_label: y.into(),
        x_range: (0.0, 1.0),
        y_range: (0.0, 1.02),
        ..Lines::default()
    }
}

impl Lines {
    /// Each drawn series' name and CSS colour (`#0072b2`), in the order and
    /// colours it is drawn: the colour key a page shows under the chart.
    pub fn legend(&self) -> Vec<(String, String)> {
        self.series
            .iter()
            .filter(|s| !s.reference)
            .zip(crate::draw_lines::SERIES_COLOURS.iter().cycle())
            .map(|(s, c)| {
                (
                    s.name.clone(),
                    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2),
                )
            })
            .collect()
    }

    /// The same chart with a grey vertical line at `x` (a change point).
    pub fn with_vertical(mut self, x: f64, name: &str) -> Lines {
        let (lo, hi) = self.y_range;
        self.series.push(Series {
            name: name.into(),
            points: vec![(x, lo), (x, hi)],
            reference: true,
            dots: false,
        });
        self
    }

    /// The ROC curve with the chance diagonal and the point at `threshold`.
    pub fn roc(report: &ScoreReport, threshold: f64) -> Lines {
        let mut l = unit("ROC curve", "false positive rate", "true positive rate");
        l.series.push(Series {
            name: "chance".into(),
            points: vec![(0.0, 0.0), (1.0, 1.0)],
            reference: true,
            dots: false,
        });
        let points = report
            .roc
            .fpr
            .iter()
            .zip(&report.roc.tpr)
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|(&x, &y)| (x, y))
            .collect();
        l.series.push(Series {
            name: "model".into(),
            points,
            reference: false,
            dots: false,
        });
        l.marker = nearest_threshold(report, threshold).and_then(|i| {
            let c = report.counts[i];
            let (neg, pos) = ((c.fp + c.tn) as f64, (c.tp + c.fn_) as f64);
            (neg > 0.0 && pos > 0.0).then(|| {
                (
                    c.fp as f64 / neg,
                    c.tp as f64 / pos,
                    format!("threshold {}", short(report.thresholds[i])),
                )
            })
        });
        l
    }

    /// The precision–recall curve with the point at `threshold`.
    pub fn pr(report: &ScoreReport, threshold: f64) -> Lines {
        let mut l = unit("Precision–recall curve", "recall", "precision");
        let points = report
            .pr
            .recall
            .iter()
            .zip(&report.pr.precision)
            .map(|(&x, &y)| (x, y))
            .collect();
        l.series.push(Series {
            name: "model".into(),
            points,
            reference: false,
            dots: false,
        });
        l.marker = nearest_threshold(report, threshold).map(|i| {
            let c = report.counts[i];
            (
                c.recall(),
                c.precision(),
                format!("threshold {}", short(report.thresholds[i])),
            )
        });
        l
    }

    /// The reliability diagram: mean score against share of positives per
    /// bin, beside the diagonal of perfect calibration, with the threshold
    /// as a vertical line.
    pub fn calibration(report: &ScoreReport, threshold: f64) -> Lines {
        let mut l = unit(
            "Calibration",
            "mean predicted probability",
            "share of positives",
        );
        l.series.push(Series {
            name: "perfect".into(),
            points: vec![(0.0, 0.0), (1.0, 1.0)],
            reference: true,
            dots: false,
        });
        let points = report
            .calibration
            .iter()
            .filter_map(|b| Some((b.mean_score?, b.positive_share?)))
            .collect();
        l.series.push(Series {
            name: "model".into(),
            points,
            reference: false,
            dots: true,
        });
        // The threshold, where scores become positive predictions.
        if (0.0..=1.0).contains(&threshold) {
            l.series.push(Series {
                name: "threshold".into(),
                points: vec![(threshold, 0.0), (threshold, 1.0)],
                reference: true,
                dots: false,
            });
        }
        l
    }

    /// Train and dev accuracy (R² for regression) per parameter value; `C`
    /// is drawn on a log10 axis.
    pub fn sweep(points: &[Point], param: &str) -> Lines {
        let log = param == "C";
        let x = |p: &Point| if log { p.x.log10() } else { p.x };
        let label = if log {
            format!("log10 {param}")
        } else {
            param.to_string()
        };
        experiment(format!("Sweep of {param}"), label, points, x)
    }

    /// Train and dev accuracy (R²) against the share of the train split used.
    pub fn learning_curve(points: &[Point]) -> Lines {
        experiment(
            "Learning curve".into(),
            "share of the train split".into(),
            points,
            |p| p.x,
        )
    }

    /// The numbers drawn, as JSON for `data-values`:
    /// `{"series": [{"name", "points": [[x, y], …]}], "marker": [x, y] | null}`.
    pub fn values_json(&self) -> String {
        let series = self
            .series
            .iter()
            .filter(|s| !s.reference)
            .map(|s| {
                let points = s.points.iter().map(|&(x, y)| numbers(&[x, y])).collect();
                Json::Obj(vec![
                    ("name".into(), Json::Str(s.name.clone())),
                    ("points".into(), Json::Arr(points)),
                ])
            })
            .collect();
        let marker = self
            .marker
            .as_ref()
            .map_or(Json::Null, |(x, y, _)| numbers(&[*x, *y]));
        Json::Obj(vec![
            ("series".into(), Json::Arr(series)),
            ("marker".into(), marker),
        ])
        .to_pretty()
    }

    /// A sentence for `aria-label`.
    pub fn summary(&self) -> String {
        let points: usize = self
            .series
            .iter()
            .filter(|s| !s.reference)
            .map(|s| s.points.len())
            .sum();
        let marker = self
            .marker
            .as_ref()
            .map(|(x, y, label)| {
                format!(
                    "; at the {label}, {} {} and {} {}",
                    self.x_label,
                    short(*x),
                    self.y_label,
                    short(*y)
                )
            })
            .unwrap_or_default();
        format!("{}: {points} points{marker}", self.title)
    }
}

/// Train and dev lines of an experiment's points (points without scores
/// are left out).
fn experiment(
    title: String,
    x_label: String,
    points: &[Point],
    x: impl Fn(&Point) -> f64,
) -> Lines {
    let line = |name: &str, pick: &dyn Fn(&Point) -> Option<f64>| Series {
        name: name.into(),
        points: points
            .iter()
            .filter_map(|p| Some((x(p), pick(p)?)))
            .collect(),
        reference: false,
        dots: true,
    };
    let train = line("train", &|p| p.train.main());
    let dev = line("dev", &|p| p.dev.main());
    let xs: Vec<f64> = points.iter().map(&x).collect();
    let (lo, hi) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let ys: Vec<f64> = train
        .points
        .iter()
        .chain(&dev.points)
        .map(|p| p.1)
        .collect();
    let y_lo = ys.iter().copied().fold(1.0, f64::min);
    let pad = if hi > lo { 0.0 } else { 0.5 };
    Lines {
        title,
        x_label,
        y_label: if points.iter().any(|p| p.dev.r2.is_some()) {
            "R²".into()
        } else {
            "accuracy".into()
        },
        x_range: if lo.is_finite() {
            (lo - pad, hi + pad)
        } else {
            (0.0, 1.0)
        },
        // Accuracy stays in [0, 1]; an R² below 0 (worse than the mean) is
        // drawn where it is, not at the axis.
        y_range: (
            if y_lo < 0.0 {
                y_lo - 0.05
            } else {
                (y_lo - 0.05).clamp(0.0, 0.95)
            },
            1.0,
        ),
        series: vec![train, dev],
        marker: None,
    }
}

//! The Drift lab's charts: a column's reference and current distributions
//! overlaid (shares per bin, the bins the binned methods use).

use crate::lines::{Lines, Series};
use mlops_engine::basics::decimal::fixed;
use mlops_engine::drift::sample_size::DialPoint;
use mlops_engine::drift::{ColumnDrift, WhatChanged};

impl Lines {
    /// The column's two distributions as share per bin (x = bin number,
    /// in the order of `distribution.labels`); `None` without one.
    pub fn distribution(c: &ColumnDrift) -> Option<Lines> {
        let d = c.distribution.as_ref()?;
        let series = |name: &str, shares: &[f64]| Series {
            name: name.into(),
            points: shares
                .iter()
                .enumerate()
                .map(|(i, &s)| (i as f64, s))
                .collect(),
            reference: false,
            dots: true,
        };
        let top = d
            .reference
            .iter()
            .chain(&d.current)
            .fold(0.0f64, |a, &b| a.max(b));
        let score = c.score.map_or("undefined".to_string(), |s| fixed(s, 4));
        Some(Lines {
            title: format!(
                "{}: {} {}{}",
                c.name,
                c.method.name(),
                score,
                if c.drifted { " (drift)" } else { "" }
            ),
            x_label: format!("bin of {} ({} bins)", c.name, d.labels.len()),
            y_label: "share of rows".into(),
            x_range: (0.0, (d.labels.len().max(2) - 1) as f64),
            y_range: (0.0, (top * 1.1).max(0.01)),
            series: vec![
                series("reference", &d.reference),
                series("current", &d.current),
            ],
            marker: None,
        })
    }
}

impl Lines {
    /// The feature's share of rows per bin, before the change and after.
    pub fn what_changed_shares(w: &WhatChanged) -> Lines {
        let top = w
            .before
            .iter()
            .chain(&w.after)
            .fold(0.0f64, |a, &b| a.max(b));
        let each = |v: &[f64]| v.iter().map(|&x| Some(x)).collect::<Vec<_>>();
        Lines {
            title: format!("P({}): the feature's distribution", w.feature),
            x_label: format!("bin of {} ({} bins)", w.feature, w.bins.len()),
            y_label: "share of rows".into(),
            x_range: (0.0, (w.bins.len().max(2) - 1) as f64),
            y_range: (0.0, (top * 1.1).max(0.01)),
            series: vec![
                by_bin("before the change", &each(&w.before)),
                by_bin("after the change", &each(&w.after)),
            ],
            marker: None,
        }
    }

    /// The label's positive rate per bin of the feature, before and after.
    pub fn what_changed_rates(w: &WhatChanged) -> Lines {
        let target = w.target.as_deref().unwrap_or("the label");
        let positive = w.positive.as_deref().unwrap_or("positive");
        Lines {
            title: format!("P({target} = {positive} | {}): the label's rule", w.feature),
            x_label: format!("bin of {}", w.feature),
            y_label: format!("share {target} = {positive}"),
            x_range: (0.0, (w.bins.len().max(2) - 1) as f64),
            y_range: (0.0, 1.02),
            series: vec![
                by_bin("before the change", &w.rate_before),
                by_bin("after the change", &w.rate_after),
            ],
            marker: None,
        }
    }
}

impl Lines {
    /// The sample-size dial: the same shift measured at growing sample
    /// sizes (x = log10 of the rows per side): the KS p-value collapses
    /// while the normed Wasserstein distance and PSI stay flat. Grey lines:
    /// the KS threshold (0.05) and the distances' (0.1).
    pub fn sample_size_dial(points: &[DialPoint]) -> Lines {
        let line = |name: &str, f: &dyn Fn(&DialPoint) -> Option<f64>| {
            by_x(
                name,
                points
                    .iter()
                    .filter_map(|p| f(p).map(|v| (f64::from(p.n.max(1)).log10(), v)))
                    .collect(),
            )
        };
        let xs: Vec<f64> = points
            .iter()
            .map(|p| f64::from(p.n.max(1)).log10())
            .collect();
        let (lo, hi) = xs
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        let (lo, hi) = if lo.is_finite() {
            (lo, hi.max(lo + 1.0))
        } else {
            (0.0, 1.0)
        };
        let top = points
            .iter()
            .flat_map(|p| [p.wasserstein, p.psi])
            .flatten()
            .fold(1.0f64, f64::max);
        let level = |name: &str, y: f64| Series {
            name: name.into(),
            points: vec![(lo, y), (hi, y)],
            reference: true,
            dots: false,
        };
        Lines {
            title: "The same shift at growing sample sizes".into(),
            x_label: "log10 rows per side".into(),
            y_label: "p-value or distance".into(),
            x_range: (lo, hi),
            y_range: (0.0, top * 1.02),
            series: vec![
                line("KS p-value", &|p| p.ks_p_value),
                line("Wasserstein (normed)", &|p| p.wasserstein),
                line("PSI", &|p| p.psi),
                level("0.05", 0.05),
                level("0.1", 0.1),
            ],
            marker: None,
        }
    }
}

fn by_x(name: &str, points: Vec<(f64, f64)>) -> Series {
    Series {
        name: name.into(),
        points,
        reference: false,
        dots: true,
    }
}

/// One line over bin numbers, skipping undefined bins.
fn by_bin(name: &str, values: &[Option<f64>]) -> Series {
    Series {
        name: name.into(),
        points: values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
            .collect(),
        reference: false,
        dots: true,
    }
}

use crate::heatmap::Heatmap;
use mlops_engine::drift::MonitorReport;

impl Heatmap {
    /// Drift per input (rows) and batch (columns): shaded by the
    /// Jensen–Shannon distance to the reference, outlined where the
    /// input's drift test fired.
    pub fn drift(r: &MonitorReport) -> Heatmap {
        let rows = r.inputs.clone();
        let columns = (1..=r.batches.len()).map(|b| b.to_string()).collect();
        let values = rows
            .iter()
            .map(|name| {
                r.batches
                    .iter()
                    .map(|b| {
                        b.inputs
                            .iter()
                            .find(|i| &i.name == name)
                            .and_then(|i| i.js)
                            .unwrap_or(0.0)
                    })
                    .collect()
            })
            .collect();
        let marks = rows
            .iter()
            .map(|name| {
                r.batches
                    .iter()
                    .map(|b| b.columns.iter().any(|c| &c.name == name && c.drifted))
                    .collect()
            })
            .collect();
        Heatmap {
            title: "Drift per input and batch (shade: JS distance to the reference, full at 0.3; outlined: the drift test fired)"
                .into(),
            rows,
            columns,
            values,
            marks,
        }
    }
}

fn per_batch(
    r: &MonitorReport,
    name: &str,
    f: impl Fn(&mlops_engine::drift::monitor::BatchMonitor) -> Option<f64>,
) -> Option<Series> {
    let points: Vec<(f64, f64)> = r
        .batches
        .iter()
        .enumerate()
        .filter_map(|(i, b)| f(b).map(|v| ((i + 1) as f64, v)))
        .collect();
    (!points.is_empty()).then(|| Series {
        name: name.into(),
        points,
        reference: false,
        dots: true,
    })
}

impl Lines {
    /// Estimated and realized accuracy (and ROC AUC) per batch.
    pub fn monitor_performance(r: &MonitorReport) -> Lines {
        let series = [
            per_batch(r, "estimated accuracy", |b| {
                b.estimated.as_ref().and_then(|p| p.accuracy)
            }),
            per_batch(r, "realized accuracy", |b| {
                b.realized.as_ref().and_then(|p| p.accuracy)
            }),
            per_batch(r, "realized ROC AUC", |b| {
                b.realized.as_ref().and_then(|p| p.roc_auc)
            }),
        ];
        let mut lines = timeline(
            r,
            "Performance: estimated from scores vs realized",
            "score",
            series,
        );
        // The reference's band for accuracy (its chunks' mean ± 3 std): an
        // alert is a batch outside it.
        if let Some(b) = r.bounds.iter().find(|b| b.metric == "realized.accuracy") {
            let (lo, hi) = lines.x_range;
            for (name, y) in [
                ("band low", b.lower.max(0.0)),
                ("band high", b.upper.min(1.0)),
            ] {
                lines.series.push(Series {
                    name: name.into(),
                    points: vec![(lo, y), (hi, y)],
                    reference: true,
                    dots: false,
                });
            }
        }
        lines
    }

    /// The share of drifted inputs and the predicted-positive share per batch.
    pub fn monitor_outputs(r: &MonitorReport) -> Lines {
        let series = [
            per_batch(r, "share of inputs drifted", |b| Some(b.share)),
            per_batch(r, "predicted-positive share", |b| {
                b.outputs.as_ref().and_then(|o| o.predicted_positive_share)
            }),
            per_batch(r, "mean score", |b| {
                b.outputs.as_ref().and_then(|o| o.mean_score)
            }),
        ];
        timeline(r, "Inputs drifted and outputs per batch", "share", series)
    }
}

/// A 0..1 chart over the batches holding the series that have points.
fn timeline(r: &MonitorReport, title: &str, y_label: &str, series: [Option<Series>; 3]) -> Lines {
    Lines {
        title: title.into(),
        x_label: "batch".into(),
        y_label: y_label.into(),
        x_range: (1.0, r.batches.len().max(2) as f64),
        y_range: (0.0, 1.02),
        series: series.into_iter().flatten().collect(),
        marker: None,
    }
}

/// The monitoring timeline as one SVG: the drift heatmap over the
/// performance and output lines (`mlops monitor --plot`).
#[cfg(feature = "svg")]
pub fn monitor_svg(r: &MonitorReport) -> Result<String, String> {
    use plotters::prelude::*;
    let mut svg = String::new();
    {
        let height = 300 + 14 * r.inputs.len() as u32;
        let root = SVGBackend::with_string(&mut svg, (900, height + 560)).into_drawing_area();
        let (top, rest) = root.split_vertically(height);
        let (mid, bottom) = rest.split_vertically(280);
        crate::heatmap::draw_heatmap(&top, &Heatmap::drift(r), 1.0)?;
        for (area, lines) in [
            (&mid, Lines::monitor_performance(r)),
            (&bottom, Lines::monitor_outputs(r)),
        ] {
            let (legend_area, chart_area) = area.split_vertically(20);
            crate::draw_lines::draw_lines_into(&chart_area, &lines, 1.0)?;
            crate::draw_lines::legend(&legend_area, &lines)?;
        }
        root.present()
            .map_err(|e| format!("drawing the chart: {e}"))?;
    }
    Ok(svg)
}

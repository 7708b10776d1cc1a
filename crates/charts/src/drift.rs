//! The Drift lab's charts: a column's reference and current distributions
//! overlaid (shares per bin, the bins the binned methods use).

use crate::lines::{Lines, Series};
use mlops_engine::basics::decimal::fixed;
use mlops_engine::drift::ColumnDrift;

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

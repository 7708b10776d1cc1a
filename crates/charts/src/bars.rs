//! Bar charts over engine reports: a numeric column's histogram (bars on
//! their bin edges), a text column's value counts (one bar per value), and
//! the split lottery's distribution of a class's share over seeds.

use mlops_engine::basics::decimal::{fixed, scientific};
use mlops_engine::basics::json::Json;
use mlops_engine::split::lottery::ShareHistogram;
use mlops_engine::table::{ColumnKind, ColumnProfile};

/// One bar: from `lo` to `hi` on the x axis (a category `i` spans
/// `i..i + 1`), `value` high.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub lo: f64,
    pub hi: f64,
    pub value: f64,
    /// What the bar stands for: a bin `[lo, hi)` or a category.
    pub label: String,
    /// Drawn in the highlight colour.
    pub highlight: bool,
}

/// A bar chart: what is drawn, and how its axes are labelled.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bars {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub bars: Vec<Bar>,
    /// The x axis names categories (tick labels are bar labels) rather than
    /// numbers.
    pub categorical: bool,
    /// The x axis is a share 0..1, labelled in percent.
    pub percent: bool,
}

/// Value counts drawn per text column, at most.
pub const MAX_CATEGORIES: usize = 20;

impl Bars {
    /// A column's histogram (numeric) or value counts (text, booleans);
    /// `None` when the column has no values.
    pub fn from_profile(c: &ColumnProfile) -> Option<Bars> {
        let bars: Vec<Bar> = match (&c.histogram, c.kind) {
            (Some(h), ColumnKind::Numeric) => h
                .counts
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let lo = h.edges.get(i).copied().unwrap_or(0.0);
                    let hi = h.edges.get(i + 1).copied().unwrap_or(lo);
                    Bar {
                        lo,
                        hi,
                        value: n as f64,
                        label: format!("{} – {}", short(lo), short(hi)),
                        highlight: false,
                    }
                })
                .collect(),
            _ => {
                let counts = if c.value_counts.is_empty() {
                    &c.top
                } else {
                    &c.value_counts
                };
                counts
                    .iter()
                    .take(MAX_CATEGORIES)
                    .enumerate()
                    .map(|(i, t)| Bar {
                        lo: i as f64,
                        hi: i as f64 + 1.0,
                        value: t.count as f64,
                        label: t.value.clone(),
                        highlight: false,
                    })
                    .collect()
            }
        };
        if bars.is_empty() {
            return None;
        }
        let numeric = c.kind == ColumnKind::Numeric;
        Some(Bars {
            title: format!(
                "{} of \"{}\"",
                if numeric { "Histogram" } else { "Value counts" },
                c.name
            ),
            x_label: c.name.clone(),
            y_label: "rows".into(),
            bars,
            categorical: !numeric,
            percent: false,
        })
    }

    /// The split lottery: how many of the seeds put each share of the class
    /// in the split, the balanced share's bin highlighted.
    pub fn from_shares(h: &ShareHistogram, class: &str, split: &str) -> Bars {
        let n = h.seeds.len().max(1) as f64;
        let bars = h
            .seeds
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let lo = i as f64 * h.max / n;
                let hi = (i + 1) as f64 * h.max / n;
                Bar {
                    lo,
                    hi,
                    value: f64::from(s),
                    label: format!("{}%–{}%", fixed(lo * 100.0, 1), fixed(hi * 100.0, 1)),
                    highlight: i == h.target_bin,
                }
            })
            .collect();
        Bars {
            title: format!("Share of class \"{class}\" in {split} over random seeds"),
            x_label: format!("share of {split} that is \"{class}\""),
            y_label: "seeds".into(),
            bars,
            categorical: false,
            percent: true,
        }
    }

    /// The largest bar (0 when there are none).
    pub fn max_value(&self) -> f64 {
        self.bars
            .iter()
            .map(|b| b.value)
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    }

    /// The x range drawn.
    pub fn x_range(&self) -> (f64, f64) {
        let lo = self.bars.first().map_or(0.0, |b| b.lo);
        let hi = self.bars.last().map_or(1.0, |b| b.hi);
        if hi > lo {
            (lo, hi)
        } else {
            (lo - 0.5, lo + 0.5)
        }
    }

    /// The numbers drawn, as JSON for the page's `data-values`:
    /// `[{"label":…,"lo":…,"hi":…,"value":…,"highlight":…}, …]`.
    pub fn values_json(&self) -> String {
        let rows = self
            .bars
            .iter()
            .map(|b| {
                Json::Obj(vec![
                    ("label".into(), Json::Str(b.label.clone())),
                    ("lo".into(), Json::Num(b.lo)),
                    ("hi".into(), Json::Num(b.hi)),
                    ("value".into(), Json::Num(b.value)),
                    ("highlight".into(), Json::Bool(b.highlight)),
                ])
            })
            .collect();
        Json::Arr(rows).to_pretty()
    }

    /// A sentence for `aria-label`: what the chart shows, and its peak.
    pub fn summary(&self) -> String {
        let peak = self
            .bars
            .iter()
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .map(|b| format!("; the tallest bar is {} at {}", b.label, short(b.value)))
            .unwrap_or_default();
        format!("{}: {} bars{peak}", self.title, self.bars.len())
    }
}

/// A number for a label: up to 3 significant decimals, no trailing zeros.
pub fn short(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1e6 || x.abs() < 1e-3) {
        return scientific(x, 2);
    }
    let s = fixed(x, 3);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlops_engine::table::{read_csv, CsvOptions};

    fn profile(text: &str) -> Vec<ColumnProfile> {
        let t = read_csv(text.as_bytes(), &CsvOptions::default()).unwrap();
        mlops_engine::table::profile(&t).columns
    }

    #[test]
    fn a_numeric_histogram_has_a_bar_per_bin_on_its_edges() {
        let cols = profile("x,c\n1,a\n2,b\n2,a\n3,a\n10,\n");
        let b = Bars::from_profile(&cols[0]).unwrap();
        let h = cols[0].histogram.as_ref().unwrap();
        assert_eq!(b.bars.len(), h.counts.len());
        assert_eq!(b.bars[0].lo, h.edges[0]);
        assert_eq!(b.bars.last().unwrap().hi, *h.edges.last().unwrap());
        assert_eq!(b.bars.iter().map(|b| b.value).sum::<f64>(), 5.0);
        assert!(!b.categorical);
        let c = Bars::from_profile(&cols[1]).unwrap();
        assert!(c.categorical);
        assert_eq!(c.bars[0].label, "a");
        assert_eq!(c.bars[0].value, 3.0);
        let json: serde_json::Value = serde_json::from_str(&c.values_json()).unwrap();
        assert_eq!(json[0]["value"], 3.0);
        assert!(c.summary().contains("tallest bar is a at 3"));
    }

    #[test]
    fn the_lottery_marks_the_balanced_bin() {
        let h = ShareHistogram {
            max: 0.6,
            seeds: vec![1, 0, 3, 0],
            target_bin: 2,
        };
        let b = Bars::from_shares(&h, "1", "dev");
        assert_eq!(b.bars[0].label, "0.0%–15.0%");
        let hot: Vec<bool> = b.bars.iter().map(|b| b.highlight).collect();
        assert_eq!(hot, vec![false, false, true, false]);
        assert_eq!(b.max_value(), 3.0);
        assert!(b.percent);
    }

    #[test]
    fn short_numbers() {
        assert_eq!(short(1.0), "1");
        assert_eq!(short(-0.0001), "-1.00e-4");
        assert_eq!(short(2.125), "2.125");
        assert_eq!(short(1234567.0), "1.23e6");
    }
}

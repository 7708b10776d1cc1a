//! Small SVG bar charts (histograms, value counts, lottery distributions).
//!
//! The geometry is a plain function ([`bar_rects`]) tested natively; the
//! component only draws the rectangles it is given. SVG scales crisply on a
//! projector and is readable by tests (`rect` elements with `data-value`).

use leptos::prelude::*;

/// One bar: position and size in the chart's coordinates, plus its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub value: f64,
}

/// Bars for `values` in a `width` × `height` box, tallest bar full height, a
/// 1-unit gap between bars. Negative or non-finite values draw as zero.
pub fn bar_rects(values: &[f64], width: f64, height: f64) -> Vec<Rect> {
    if values.is_empty() {
        return Vec::new();
    }
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let step = width / values.len() as f64;
    let gap = if step > 3.0 { 1.0 } else { 0.0 };
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
            let h = if max > 0.0 { v / max * height } else { 0.0 };
            Rect {
                x: i as f64 * step,
                y: height - h,
                width: (step - gap).max(0.5),
                height: h,
                value: v,
            }
        })
        .collect()
}

/// A bar chart. `highlight` marks bars drawn in the accent colour;
/// `labels` become each bar's tooltip.
#[component]
pub fn BarChart(
    #[prop(into)] values: Signal<Vec<f64>>,
    #[prop(into, optional)] labels: Signal<Vec<String>>,
    #[prop(into, optional)] highlight: Signal<Vec<bool>>,
    #[prop(default = 240.0)] width: f64,
    #[prop(default = 64.0)] height: f64,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let view_box = format!("0 0 {width} {height}");
    let bars = move || {
        let labels = labels.get();
        let highlight = highlight.get();
        bar_rects(&values.get(), width, height)
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let title = labels.get(i).cloned().unwrap_or_default();
                let hot = highlight.get(i).copied().unwrap_or(false);
                view! {
                    <rect x=r.x y=r.y width=r.width height=r.height class:hot=hot
                        data-value=r.value.to_string()>
                        <title>{format!("{title}: {}", r.value)}</title>
                    </rect>
                }
            })
            .collect_view()
    };
    view! {
        <svg class="bar-chart" viewBox=view_box preserveAspectRatio="none" role="img"
            data-testid=(!testid.is_empty()).then_some(testid)>
            {bars}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallest_bar_fills_height() {
        let r = bar_rects(&[1.0, 4.0, 2.0], 30.0, 100.0);
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].height, 100.0);
        assert_eq!(r[1].y, 0.0);
        assert_eq!(r[0].height, 25.0);
        assert_eq!(r[2].x, 20.0);
    }

    #[test]
    fn all_zero_and_bad_values() {
        let r = bar_rects(&[0.0, f64::NAN, -1.0], 30.0, 10.0);
        assert!(r.iter().all(|b| b.height == 0.0));
        assert!(bar_rects(&[], 10.0, 10.0).is_empty());
    }
}

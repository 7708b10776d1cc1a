//! Drawing a [`Bars`] chart on any plotters backend: axes with tick labels
//! and their names, one filled rectangle per bar, the highlighted ones in
//! the accent colour.

use crate::bars::{short, Bars};
use crate::palette;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws `bars` filling `root`. `scale` multiplies text sizes, margins and
/// strokes (the device pixel ratio on a canvas, 1 in SVG). Small areas
/// (under 160 px high at scale 1) get fewer ticks and no axis names.
pub fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &Bars,
    scale: f64,
) -> Result<(), String> {
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the chart: {e}");
    root.fill(&WHITE).map_err(fail)?;
    let (_, height) = root.dim_in_pixel();
    let compact = f64::from(height) / scale < 160.0;
    let px = |x: f64| (x * scale).round() as i32;
    let font = ("sans-serif", 10.0 * scale)
        .into_font()
        .color(&palette::INK);
    let (x_lo, x_hi) = bars.x_range();
    let y_hi = (bars.max_value() * 1.05).max(1.0);
    let mut chart = ChartBuilder::on(root)
        .margin(px(4.0))
        .margin_right(px(10.0))
        .x_label_area_size(px(if compact { 16.0 } else { 34.0 }))
        .y_label_area_size(px(if compact { 30.0 } else { 46.0 }))
        .build_cartesian_2d(x_lo..x_hi, 0.0..y_hi)
        .map_err(fail)?;
    let labels: Vec<&str> = bars.bars.iter().map(|b| b.label.as_str()).collect();
    let x_format = |x: &f64| {
        if bars.categorical {
            let i = x.floor().max(0.0) as usize;
            labels.get(i).map(|l| clip(l, 8)).unwrap_or_default()
        } else if bars.percent {
            format!("{}%", mlops_engine::basics::decimal::fixed(x * 100.0, 0))
        } else {
            short(*x)
        }
    };
    let y_format = |y: &f64| short(*y);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .bold_line_style(palette::INK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .axis_style(palette::INK.mix(0.6))
        .x_labels(if bars.categorical {
            labels.len().min(if compact { 4 } else { 10 })
        } else if compact {
            3
        } else {
            6
        })
        .y_labels(if compact { 2 } else { 5 })
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .label_style(font.clone());
    if !compact {
        mesh.x_desc(bars.x_label.as_str())
            .y_desc(bars.y_label.as_str())
            .axis_desc_style(font.clone());
    }
    mesh.draw().map_err(fail)?;
    let gap = (x_hi - x_lo) / bars.bars.len().max(1) as f64 * 0.08;
    chart
        .draw_series(bars.bars.iter().map(|b| {
            let colour = if b.highlight {
                palette::HIGHLIGHT
            } else {
                palette::BAR
            };
            let (lo, hi) = if b.hi - b.lo > 2.0 * gap {
                (b.lo + gap, b.hi - gap)
            } else {
                (b.lo, b.hi)
            };
            Rectangle::new([(lo, 0.0), (hi, b.value.max(0.0))], colour.filled())
        }))
        .map_err(fail)?;
    root.present().map_err(fail)
}

/// At most `n` characters of `text`, with an ellipsis when cut.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(n.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The chart as an SVG document of `width` × `height` pixels (the CLI's
/// `--plot`, native tests).
#[cfg(feature = "svg")]
pub fn bars_svg(bars: &Bars, width: u32, height: u32) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw_bars(&root, bars, 1.0)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Bar;

    fn bars(n: usize, highlight: usize) -> Bars {
        Bars {
            title: "t".into(),
            x_label: "x".into(),
            y_label: "rows".into(),
            bars: (0..n)
                .map(|i| Bar {
                    lo: i as f64,
                    hi: i as f64 + 1.0,
                    value: (i * 10) as f64,
                    label: format!("b{i}"),
                    highlight: i == highlight,
                })
                .collect(),
            categorical: false,
            percent: false,
        }
    }

    fn svg(b: &Bars, w: u32, h: u32) -> String {
        let mut s = String::new();
        {
            let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
            draw_bars(&root, b, 1.0).unwrap();
        }
        s
    }

    #[test]
    fn draws_a_rectangle_per_bar_in_the_two_colours_with_axes() {
        let s = svg(&bars(6, 2), 400, 240);
        let blue = s.matches("#0072B2").count();
        let orange = s.matches("#E69F00").count();
        assert_eq!(orange, 1, "{s}");
        // The first bar has height 0: a rectangle all the same.
        assert_eq!(blue, 5, "{s}");
        assert!(s.contains("rows"), "the y axis is named: {s}");
        assert!(s.contains("<text"), "tick labels");
        assert!(s.contains("<line") || s.contains("<polyline"), "axes");
    }

    #[test]
    fn a_small_chart_has_no_axis_names_and_an_empty_one_still_draws() {
        let s = svg(&bars(3, 9), 200, 60);
        assert!(!s.contains("rows"));
        let empty = Bars::default();
        let s = svg(&empty, 200, 60);
        assert!(s.starts_with("<svg"));
    }

    #[test]
    fn categories_are_clipped() {
        assert_eq!(clip("abcdefghijk", 8), "abcdefg…");
        assert_eq!(clip("abc", 8), "abc");
    }
}

//! Drawing a [`Lines`] chart on any plotters backend: axes, the reference
//! lines in grey, each series in the palette's colours, and the marker.

use crate::bars::short;
use crate::lines::Lines;
use crate::palette;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The colours of a chart's series, in order (reference lines are grey).
pub const SERIES_COLOURS: [RGBColor; 3] = [palette::BAR, palette::GREEN, palette::VERMILION];

/// Draws `lines` filling `root`; `scale` as in [`crate::draw_bars`].
pub fn draw_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lines: &Lines,
    scale: f64,
) -> Result<(), String> {
    draw_lines_into(root, lines, scale)?;
    root.present()
        .map_err(|e| format!("drawing the chart: {e}"))
}

/// [`draw_lines`] without presenting the backend (several charts share one;
/// presenting closes an SVG document).
pub(crate) fn draw_lines_into<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lines: &Lines,
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
    let (x0, x1) = lines.x_range;
    let (y0, y1) = lines.y_range;
    let mut chart = ChartBuilder::on(root)
        .margin(px(4.0))
        .margin_right(px(10.0))
        .x_label_area_size(px(if compact { 16.0 } else { 34.0 }))
        .y_label_area_size(px(if compact { 30.0 } else { 46.0 }))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(fail)?;
    let fmt = |v: &f64| short(*v);
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(palette::INK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .axis_style(palette::INK.mix(0.6))
        .x_labels(if compact { 3 } else { 6 })
        .y_labels(if compact { 3 } else { 6 })
        .x_label_formatter(&fmt)
        .y_label_formatter(&fmt)
        .label_style(font.clone());
    if !compact {
        mesh.x_desc(lines.x_label.as_str())
            .y_desc(lines.y_label.as_str())
            .axis_desc_style(font.clone());
    }
    mesh.draw().map_err(fail)?;
    let colours = SERIES_COLOURS;
    let mut next = 0;
    for s in &lines.series {
        let style = if s.reference {
            palette::INK.mix(0.35).stroke_width(px(1.0).max(1) as u32)
        } else {
            let c = colours[next % colours.len()];
            next += 1;
            c.stroke_width(px(2.0).max(1) as u32)
        };
        chart
            .draw_series(LineSeries::new(s.points.iter().copied(), style))
            .map_err(fail)?;
        if s.dots {
            chart
                .draw_series(
                    s.points
                        .iter()
                        .map(|&p| Circle::new(p, px(3.0), style.color.filled())),
                )
                .map_err(fail)?;
        }
    }
    if let Some((x, y, _)) = &lines.marker {
        chart
            .draw_series(std::iter::once(Circle::new(
                (*x, *y),
                px(5.0),
                palette::HIGHLIGHT.filled(),
            )))
            .map_err(fail)?;
    }
    Ok(())
}

/// The chart as an SVG document (the CLI's `--plot`, native tests).
#[cfg(feature = "svg")]
pub fn lines_svg(lines: &Lines, width: u32, height: u32) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw_lines(&root, lines, 1.0)?;
    }
    Ok(svg)
}

/// Several charts side by side in one SVG document.
#[cfg(feature = "svg")]
pub fn lines_row_svg(charts: &[Lines], width: u32, height: u32) -> Result<String, String> {
    let n = charts.len().max(1) as u32;
    lines_grid_svg(charts, n as usize, width / n, height)
}

/// Charts side by side, each under its title and a colour key of its
/// series (the CLI's `--plot`, where no page text names them).
#[cfg(feature = "svg")]
pub fn lines_row_with_legends_svg(
    charts: &[Lines],
    width: u32,
    height: u32,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let parts = root.split_evenly((1, charts.len().max(1)));
        for (area, lines) in parts.iter().zip(charts) {
            let (legend_area, chart_area) = area.split_vertically(40);
            legend(&legend_area, lines)?;
            draw_lines_into(&chart_area, lines, 1.0)?;
        }
        root.present()
            .map_err(|e| format!("drawing the chart: {e}"))?;
    }
    Ok(svg)
}

/// Charts in a grid of `columns` per row, each `cell_w` × `cell_h`, in one
/// SVG document.
#[cfg(feature = "svg")]
pub fn lines_grid_svg(
    charts: &[Lines],
    columns: usize,
    cell_w: u32,
    cell_h: u32,
) -> Result<String, String> {
    let columns = columns.clamp(1, charts.len().max(1));
    let rows = charts.len().div_ceil(columns).max(1);
    let (width, height) = (cell_w * columns as u32, cell_h * rows as u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let parts = root.split_evenly((rows, columns));
        for (area, lines) in parts.iter().zip(charts) {
            draw_lines_into(area, lines, 1.0)?;
        }
        root.present()
            .map_err(|e| format!("drawing the chart: {e}"))?;
    }
    Ok(svg)
}

/// The chart's title and a colour key of its series, in one line.
#[cfg(feature = "svg")]
pub(crate) fn legend<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    lines: &Lines,
) -> Result<(), String> {
    use plotters::prelude::*;
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the chart: {e}");
    area.fill(&WHITE).map_err(fail)?;
    let ink = ("sans-serif", 12.0).into_font().color(&crate::palette::INK);
    area.draw(&Text::new(lines.title.clone(), (6, 4), ink))
        .map_err(fail)?;
    let colours = SERIES_COLOURS;
    // Two lines when there is room (side-by-side charts), else one.
    let (_, height) = area.dim_in_pixel();
    let (mut x, y) = if height >= 36 { (6, 22) } else { (380, 4) };
    for (s, c) in lines
        .series
        .iter()
        .filter(|s| !s.reference)
        .zip(colours.iter().cycle())
    {
        area.draw(&Rectangle::new([(x, y + 2), (x + 10, y + 12)], c.filled()))
            .map_err(fail)?;
        let font = ("sans-serif", 12.0).into_font().color(&crate::palette::INK);
        area.draw(&Text::new(s.name.clone(), (x + 14, y), font))
            .map_err(fail)?;
        x += 20 + 7 * s.name.len() as i32;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::Series;

    #[test]
    fn draws_lines_reference_and_marker() {
        let l = Lines {
            title: "ROC".into(),
            x_label: "fpr".into(),
            y_label: "tpr".into(),
            x_range: (0.0, 1.0),
            y_range: (0.0, 1.0),
            series: vec![
                Series {
                    name: "chance".into(),
                    points: vec![(0.0, 0.0), (1.0, 1.0)],
                    reference: true,
                    dots: false,
                },
                Series {
                    name: "model".into(),
                    points: vec![(0.0, 0.0), (0.1, 0.8), (1.0, 1.0)],
                    reference: false,
                    dots: false,
                },
            ],
            marker: Some((0.1, 0.8, "t".into())),
        };
        let mut s = String::new();
        {
            let root = SVGBackend::with_string(&mut s, (400, 300)).into_drawing_area();
            draw_lines(&root, &l, 1.0).unwrap_or_default();
        }
        assert!(s.contains("#0072B2"), "the model line");
        assert!(s.contains("#E69F00"), "the marker");
        assert!(s.contains("fpr"), "the x axis is named");
    }
}

//! Charts on a `<canvas>`: the chart layer (`mlops-charts`) drawn with
//! plotters-canvas at the device pixel ratio, so lines and text stay sharp
//! on a projector or a retina screen; the same drawing as an SVG document;
//! and a canvas as a PNG download.

use super::chart_backend::ChartBackend;
use mlops_charts::Figure;
use plotters::backend::SVGBackend;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Draws `figure` on `canvas`, which the page shows `width` × `height` CSS
/// pixels large.
pub fn draw(
    canvas: &HtmlCanvasElement,
    figure: &Figure,
    width: u32,
    height: u32,
) -> Result<(), String> {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r >= 1.0)
        .unwrap_or(1.0);
    canvas.set_width((f64::from(width) * dpr).round() as u32);
    canvas.set_height((f64::from(height) * dpr).round() as u32);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("this browser gives no 2D canvas to draw the chart on")?;
    figure.draw(&ChartBackend::Canvas(backend).into_drawing_area(), dpr)
}

/// `figure` as an SVG document of `width` × `height` pixels (the same
/// drawing as the canvas, at a pixel ratio of 1).
pub fn svg(figure: &Figure, width: u32, height: u32) -> Result<String, String> {
    let mut svg = String::new();
    {
        let backend = SVGBackend::with_string(&mut svg, (width, height));
        figure.draw(&ChartBackend::Svg(backend).into_drawing_area(), 1.0)?;
    }
    Ok(svg)
}

/// Downloads what `canvas` shows as `name` (a PNG).
pub fn download_png(canvas: &HtmlCanvasElement, name: &str) -> Result<(), String> {
    let url = canvas
        .to_data_url()
        .map_err(|e| format!("could not make {name}: {e:?}"))?;
    super::download::offer_url(name, &url)
}

//! `Chart`: one chart of the chart layer on a `<canvas>`, with its hooks.
//!
//! The picture is drawn by `mlops-charts` (plotters) on the canvas at the
//! device pixel ratio; the canvas carries the chart's numbers in
//! `data-values` (JSON: label, lo, hi, value, highlight per bar) for tests,
//! a sentence in `aria-label` for screen readers, and a "PNG" button
//! downloads what it shows, "SVG" the same drawing as
//! a vector file and "JSON" its numbers. The view draws; the numbers come from the
//! engine's report through [`mlops_charts::Figure`].

use leptos::prelude::*;
use mlops_charts::Figure;

/// A chart (bars or lines) `width` × `height` CSS pixels large (it shrinks with its
/// container, keeping its shape). `file` names the PNG download.
#[component]
pub fn Chart(
    #[prop(into)] figure: Signal<Figure>,
    width: u32,
    height: u32,
    #[prop(optional)] testid: &'static str,
    #[prop(into, optional)] file: String,
    /// Show the series' colour key under a line chart.
    #[prop(optional)]
    legend: bool,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let state = crate::state::AppState::get();
    // Drawing is the one effect here: it paints a canvas, it writes no signal.
    Effect::new(move |_| {
        let Some(el) = canvas.get() else {
            return;
        };
        figure.with(|b| {
            if let Err(e) = crate::browser::canvas::draw(&el, b, width, height) {
                state.error.set(Some(e));
            }
        });
    });
    let file = if file.is_empty() {
        "chart.png".to_string()
    } else {
        file
    };
    let svg_file = file.replace(".png", ".svg");
    let json_file = file.replace(".png", ".json");
    let download = move |_| {
        if let Some(el) = canvas.get_untracked() {
            if let Err(e) = crate::browser::canvas::download_png(&el, &file) {
                state.error.set(Some(e));
            }
        }
    };
    let download_svg = move |_| {
        let result = figure
            .with_untracked(|f| crate::browser::canvas::svg(f, width, height))
            .and_then(|svg| {
                crate::browser::download::offer(&svg_file, "image/svg+xml", svg.as_bytes())
            });
        if let Err(e) = result {
            state.error.set(Some(e));
        }
    };
    let download_json = move |_| {
        let json = figure.with_untracked(Figure::values_json);
        if let Err(e) =
            crate::browser::download::offer(&json_file, "application/json", json.as_bytes())
        {
            state.error.set(Some(e));
        }
    };
    let size = format!("max-width: {width}px;");
    let shape = format!("aspect-ratio: {width} / {height};");
    view! {
        <figure class="chart" style=size>
            <canvas node_ref=canvas class="chart-canvas" style=shape role="img"
                data-testid=(!testid.is_empty()).then_some(testid)
                data-values=move || figure.with(Figure::values_json)
                aria-label=move || figure.with(Figure::summary)></canvas>
            {legend.then(|| view! {
                <ul class="chart-legend">
                    {move || figure.with(|f| match f {
                        Figure::Lines(l) => l.legend(),
                        _ => Vec::new(),
                    }).into_iter().map(|(name, colour)| view! {
                        <li><span class="swatch" style=format!("background: {colour};")></span>{name}</li>
                    }).collect_view()}
                </ul>
            })}
            <div class="chart-export">
                <button class="png" type="button" title="Download this chart as a PNG" data-testid="chart-png" on:click=download>"PNG"</button>
                <button class="png" type="button" title="Download this chart as an SVG" data-testid="chart-svg" on:click=download_svg>"SVG"</button>
                <button class="png" type="button" title="Download the chart's numbers as JSON" data-testid="chart-json" on:click=download_json>"JSON"</button>
            </div>
        </figure>
    }
}

//! `mlops-charts`: every chart of MLOps Playground, drawn by plotters.
//!
//! A chart is a plain description built from an engine report ([`Bars`],
//! from a column profile or a split-lottery histogram; [`Lines`], from a
//! score report's curves) and one function
//! generic over plotters' `DrawingBackend` that draws it ([`draw_bars`]).
//! The page draws on a `<canvas>` with plotters-canvas, scaled by the
//! device pixel ratio so lines stay sharp on a projector; native tests and
//! the CLI's `--plot` draw the same chart with the SVG backend
//! ([`bars_svg`], feature `svg`). Each description also gives the numbers
//! the page puts in `data-values` and the sentence it puts in `aria-label`,
//! so tests and screen readers read the same values the picture shows.
//!
//! Architecture invariant: this crate never enters the worker or the
//! engine; the engine does not know it exists.

mod bars;
mod draw;
mod draw_lines;
mod drift;
mod figure;
mod heatmap;
mod lines;
mod rollout;

pub use bars::{Bar, Bars};
#[cfg(feature = "svg")]
pub use draw::bars_svg;
pub use draw::draw_bars;
pub use draw_lines::draw_lines;
#[cfg(feature = "svg")]
pub use draw_lines::{lines_grid_svg, lines_row_svg, lines_row_with_legends_svg, lines_svg};
#[cfg(feature = "svg")]
pub use drift::monitor_svg;
pub use figure::Figure;
pub use heatmap::{draw_heatmap, Heatmap};
pub use lines::{nearest_threshold, Lines, Series};

/// The palette (Okabe–Ito, safe for the common colour-vision deficiencies).
pub mod palette {
    use plotters::style::RGBColor;
    /// Bars.
    pub const BAR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    /// The highlighted band (the balanced count, the current value).
    pub const HIGHLIGHT: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    /// A second line.
    pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    /// A third line.
    pub const VERMILION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// Axes and text.
    pub const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
}

//! [`Figure`]: any chart of the layer, so the page's one `Chart` component
//! and the CLI draw, describe and export every kind the same way.

use crate::{draw_bars, draw_heatmap, draw_lines, Bars, Heatmap, Lines};
use plotters::coord::Shift;
use plotters::prelude::*;

/// A bar chart, a line chart or a heatmap.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Bars(Bars),
    Lines(Lines),
    Heatmap(Heatmap),
}

impl Figure {
    /// Draws it filling `root` (`scale`: the device pixel ratio).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), String> {
        match self {
            Figure::Bars(b) => draw_bars(root, b, scale),
            Figure::Lines(l) => draw_lines(root, l, scale),
            Figure::Heatmap(h) => draw_heatmap(root, h, scale),
        }
    }

    /// The numbers drawn, as JSON (`data-values`).
    pub fn values_json(&self) -> String {
        match self {
            Figure::Bars(b) => b.values_json(),
            Figure::Lines(l) => l.values_json(),
            Figure::Heatmap(h) => h.values_json(),
        }
    }

    /// A sentence for `aria-label`.
    pub fn summary(&self) -> String {
        match self {
            Figure::Bars(b) => b.summary(),
            Figure::Lines(l) => l.summary(),
            Figure::Heatmap(h) => h.summary(),
        }
    }
}

impl From<Bars> for Figure {
    fn from(b: Bars) -> Self {
        Figure::Bars(b)
    }
}

impl From<Lines> for Figure {
    fn from(l: Lines) -> Self {
        Figure::Lines(l)
    }
}

impl From<Heatmap> for Figure {
    fn from(h: Heatmap) -> Self {
        Figure::Heatmap(h)
    }
}

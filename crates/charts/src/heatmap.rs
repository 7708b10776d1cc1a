//! A heatmap: one cell per (row, column), shaded by a value in 0..1, with
//! marked cells outlined (the Drift lab's drift per input and batch).

use crate::palette;
use mlops_engine::basics::json::Json;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What a heatmap draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Heatmap {
    pub title: String,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// `values[row][column]` in 0..1 (shade).
    pub values: Vec<Vec<f64>>,
    /// `marks[row][column]`: outlined (e.g. the test says drift).
    pub marks: Vec<Vec<bool>>,
}

impl Heatmap {
    /// The numbers drawn, as JSON (`data-values`): one object per row with
    /// its values and marks per column.
    pub fn values_json(&self) -> String {
        let rows = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, name)| {
                let values = self.values.get(r).cloned().unwrap_or_default();
                let marks = self.marks.get(r).cloned().unwrap_or_default();
                Json::Obj(vec![
                    ("row".into(), Json::Str(name.clone())),
                    (
                        "values".into(),
                        Json::Arr(values.into_iter().map(Json::Num).collect()),
                    ),
                    (
                        "marks".into(),
                        Json::Arr(marks.into_iter().map(Json::Bool).collect()),
                    ),
                ])
            })
            .collect();
        Json::Obj(vec![
            (
                "columns".into(),
                Json::Arr(self.columns.iter().cloned().map(Json::Str).collect()),
            ),
            ("rows".into(), Json::Arr(rows)),
        ])
        .to_pretty()
    }

    /// A sentence for `aria-label`: what it shows and how many cells are
    /// marked.
    pub fn summary(&self) -> String {
        let marked = self.marks.iter().flatten().filter(|&&m| m).count();
        format!(
            "{}: {} rows by {} columns, {marked} cells marked",
            self.title,
            self.rows.len(),
            self.columns.len()
        )
    }
}

/// Draws the heatmap filling `root` (without presenting it).
pub fn draw_heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    h: &Heatmap,
    scale: f64,
) -> Result<(), String> {
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the chart: {e}");
    root.fill(&WHITE).map_err(fail)?;
    let px = |x: f64| (x * scale).round() as i32;
    let font = ("sans-serif", 10.0 * scale)
        .into_font()
        .color(&palette::INK);
    let (w, hgt) = root.dim_in_pixel();
    let (left, top, bottom) = (px(110.0), px(22.0), px(18.0));
    root.draw(&Text::new(
        h.title.clone(),
        (px(4.0), px(4.0)),
        font.clone(),
    ))
    .map_err(fail)?;
    let (nr, nc) = (h.rows.len().max(1) as i32, h.columns.len().max(1) as i32);
    let cw = ((w as i32 - left - px(6.0)) / nc).max(1);
    let ch = ((hgt as i32 - top - bottom) / nr).max(1);
    for (r, name) in h.rows.iter().enumerate() {
        let y = top + r as i32 * ch;
        let label: String = name.chars().take(16).collect();
        root.draw(&Text::new(
            label,
            (px(4.0), y + ch / 2 - px(5.0)),
            font.clone(),
        ))
        .map_err(fail)?;
        for c in 0..h.columns.len() {
            let x = left + c as i32 * cw;
            let v = h
                .values
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(0.0)
                .clamp(0.0, 1.0);
            let shade = palette::VERMILION.mix(0.08 + 0.92 * v);
            root.draw(&Rectangle::new(
                [(x, y), (x + cw - 1, y + ch - 1)],
                shade.filled(),
            ))
            .map_err(fail)?;
            if h.marks
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(false)
            {
                root.draw(&Rectangle::new(
                    [(x + 1, y + 1), (x + cw - 2, y + ch - 2)],
                    palette::INK.stroke_width(px(2.0).max(1) as u32),
                ))
                .map_err(fail)?;
            }
        }
    }
    let step = (h.columns.len() / 10).max(1);
    for (c, name) in h.columns.iter().enumerate().step_by(step) {
        let x = left + c as i32 * cw;
        root.draw(&Text::new(
            name.clone(),
            (x, top + nr * ch + px(3.0)),
            font.clone(),
        ))
        .map_err(fail)?;
    }
    Ok(())
}

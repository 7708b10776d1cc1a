//! One drawing backend for both of the page's chart outputs: the canvas
//! on screen (plotters-canvas) and the "SVG" download (plotters' SVG
//! backend).
//!
//! Why an enum and not two backends: every chart function of
//! `mlops-charts` is generic over the backend, so drawing to a second type
//! compiles all of them a second time (measured: +10 KiB gzip on the page).
//! Behind this enum they are compiled once, and only the two backends'
//! own primitives differ.

use plotters::backend::{DrawingBackend, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;

/// The canvas on screen, or an SVG document being written.
pub enum ChartBackend<'a> {
    Canvas(CanvasBackend),
    Svg(SVGBackend<'a>),
}

/// A backend's error, as its message.
#[derive(Debug)]
pub struct ChartBackendError(String);

impl std::fmt::Display for ChartBackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChartBackendError {}

type Drawn<T = ()> = Result<T, DrawingErrorKind<ChartBackendError>>;

fn cast<E: std::error::Error + Send + Sync>(
    e: DrawingErrorKind<E>,
) -> DrawingErrorKind<ChartBackendError> {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(ChartBackendError(e.to_string()))
        }
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    }
}

/// `$call` on whichever backend this is, its error cast.
macro_rules! on_backend {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            ChartBackend::Canvas($b) => $call.map_err(cast),
            ChartBackend::Svg($b) => $call.map_err(cast),
        }
    };
}

impl DrawingBackend for ChartBackend<'_> {
    type ErrorType = ChartBackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            ChartBackend::Canvas(b) => b.get_size(),
            ChartBackend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Drawn {
        on_backend!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Drawn {
        on_backend!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        on_backend!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        on_backend!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        on_backend!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        on_backend!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        on_backend!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        on_backend!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Drawn {
        on_backend!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Drawn<(u32, u32)> {
        on_backend!(self, b => b.estimate_text_size(text, style))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        on_backend!(self, b => b.blit_bitmap(pos, size, src))
    }
}

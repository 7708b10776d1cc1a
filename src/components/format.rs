//! Numbers as every lab shows them: one place, tested natively. No
//! `{:.N}` formatting (see `mlops_engine::basics::decimal`).

pub use mlops_engine::basics::decimal::{fixed, scientific};

/// A value's raw form for `data-value`: full precision, `null` when
/// undefined.
pub fn raw(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "null".into())
}

/// A number for a table cell: up to 4 decimals without trailing zeros,
/// scientific for very large or small values, `—` when undefined.
pub fn fmt_stat(x: Option<f64>) -> String {
    match x {
        None => "—".into(),
        Some(v) if v.abs() < 1e-12 => "0".into(),
        Some(v) if v.abs() >= 1e6 || (v != 0.0 && v.abs() < 1e-3) => scientific(v, 3),
        Some(v) => {
            let s = fixed(v, 4);
            let s = s.trim_end_matches('0').trim_end_matches('.');
            s.to_string()
        }
    }
}

/// A share 0..1 as a percentage with one decimal (`0.3` → `30.0%`).
pub fn percent(share: f64) -> String {
    format!("{}%", fixed(share * 100.0, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_are_short_and_undefined_is_a_dash() {
        assert_eq!(fmt_stat(None), "—");
        assert_eq!(fmt_stat(Some(1.5)), "1.5");
        assert_eq!(fmt_stat(Some(2.0)), "2");
        assert_eq!(fmt_stat(Some(1.23456789)), "1.2346");
        assert_eq!(fmt_stat(Some(1e-13)), "0");
        assert_eq!(fmt_stat(Some(0.0001234)), "1.234e-4");
        assert_eq!(fmt_stat(Some(12345678.0)), "1.235e7");
        assert_eq!(raw(None), "null");
        assert_eq!(raw(Some(0.1)), "0.1");
        assert_eq!(percent(0.3), "30.0%");
    }
}

//! Numbers as fixed-point text for people, without `format!("{:.N}")`.
//!
//! Why: Rust's fixed-precision float formatting (`{:.1}`, `{:.3e}`)
//! compiles an exact big-number algorithm into every wasm binary that uses
//! it (about 4 KiB gzip each); shown numbers only need to be rounded, so
//! the value is scaled, rounded to an integer, and the digits placed.
//! (Warnings the CLI prints keep exact integer arithmetic, see
//! [`percent_tenths`].)

/// `x` with `decimals` digits after the point (`fixed(2.345, 1)` =
/// `"2.3"`), rounded half away from zero; non-finite and huge values in
/// their shortest form.
pub fn fixed(x: f64, decimals: u32) -> String {
    let scale = 10f64.powi(decimals as i32);
    let scaled = (x * scale).round();
    if !scaled.is_finite() || scaled.abs() >= 9e15 {
        return format!("{x}");
    }
    let n = scaled as i64;
    let sign = if n < 0 { "-" } else { "" };
    let digits = n.unsigned_abs().to_string();
    if decimals == 0 {
        return format!("{sign}{digits}");
    }
    let d = decimals as usize;
    let padded = format!("{digits:0>width$}", width = d + 1);
    let (int, frac) = padded.split_at(padded.len() - d);
    format!("{sign}{int}.{frac}")
}

/// `x` in scientific notation with `decimals` digits (`1.23e-4`).
pub fn scientific(x: f64, decimals: u32) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let mut e = x.abs().log10().floor() as i32;
    let mut m = x / 10f64.powi(e);
    // Rounding can carry into another digit (9.999 → 10.00).
    if fixed(m.abs(), decimals).starts_with("10") {
        e += 1;
        m = x / 10f64.powi(e);
    }
    format!("{}e{e}", fixed(m, decimals))
}

/// `part / whole` as a percentage with one decimal (`"58.3%"`), rounded
/// half to even on the exact ratio (what `{:.1}` gives for it).
pub fn percent_tenths(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0.0%".into();
    }
    let num = u128::from(part) * 1000;
    let (w, mut q) = (u128::from(whole), num / u128::from(whole));
    let r = num % w;
    if 2 * r > w || (2 * r == w && q % 2 == 1) {
        q += 1;
    }
    format!("{}.{}%", q / 10, q % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_scientific() {
        assert_eq!(fixed(2.345, 1), "2.3");
        assert_eq!(fixed(-0.05, 1), "-0.1");
        assert_eq!(fixed(0.5, 0), "1");
        assert_eq!(fixed(3.0, 3), "3.000");
        assert_eq!(fixed(0.0123, 4), "0.0123");
        assert_eq!(scientific(0.000_123_4, 3), "1.234e-4");
        assert_eq!(scientific(12_345_678.0, 3), "1.235e7");
        assert_eq!(scientific(9.9996, 3), "1.000e1");
    }

    #[test]
    fn percent_tenths_matches_format() {
        for (p, w) in [
            (58, 100),
            (1, 3),
            (2, 3),
            (49, 400),
            (1, 8),
            (3, 8),
            (0, 5),
            (7, 7),
        ] {
            let want = format!("{:.1}%", p as f64 * 100.0 / w as f64);
            assert_eq!(percent_tenths(p, w), want, "{p}/{w}");
        }
    }
}

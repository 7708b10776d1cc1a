//! Decimal text → `f64` for what the page reads (a slider, a typed
//! percentage, a link's threshold), without Rust's float parser.
//!
//! Why: `str::parse::<f64>` links core's `dec2flt`, whose table of powers of
//! five alone is about 15 KiB of the page's gzip download. The worker needs
//! that parser (CSV files hold any decimal); the page reads a handful of
//! short numbers, so in the browser it checks the text is a plain decimal
//! and lets JavaScript's `parseFloat` convert it. Both conversions round
//! correctly, so the value is the same bits as `str::parse` gives (natively,
//! this module is `str::parse`, which the tests compare against).

/// The value of a plain decimal (`0.35`, `-2`, `.5`, `1e-3`, `95.5`;
/// surrounding spaces allowed), or `None` for anything else (`inf`, `NaN`,
/// `0x10`, `1,5`, empty).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t = text.trim();
    if !is_plain_decimal(t) {
        return None;
    }
    convert(t)
}

#[cfg(target_arch = "wasm32")]
fn convert(t: &str) -> Option<f64> {
    Some(js_sys::parse_float(t))
}

#[cfg(not(target_arch = "wasm32"))]
fn convert(t: &str) -> Option<f64> {
    t.parse().ok()
}

/// `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?`
fn is_plain_decimal(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_parse_as_rust_does() {
        for t in [
            "0.35",
            "-2",
            "+7",
            ".5",
            "5.",
            "1e-3",
            "2.5E+2",
            " 95.5 ",
            "0.30000000000000004",
            "1e400",
        ] {
            assert_eq!(parse_decimal(t), t.trim().parse::<f64>().ok(), "{t}");
        }
    }

    #[test]
    fn anything_else_is_none() {
        for t in [
            "", " ", ".", "-", "e5", "1e", "1e+", "inf", "NaN", "0x10", "1,5", "1.2.3", "5%", "- 1",
        ] {
            assert_eq!(parse_decimal(t), None, "{t}");
        }
    }
}

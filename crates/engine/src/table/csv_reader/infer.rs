//! Type inference while streaming: one [`ColumnBuilder`] per column.
//!
//! Why streaming inference: the browser's worker reads a file chunk by chunk
//! (as `File.stream()` delivers it) and must not keep the text, so each value
//! is typed the moment it is read. A column
//! starts undecided; its first non-missing value makes it numeric (a decimal
//! number) or textual. A numeric column stays numeric until a value that is
//! not a number appears; then it becomes textual, and the numbers read so far
//! are re-written by [`format_number`] (`1.50` becomes `1.5`: the original
//! spelling of earlier numbers is not kept, which is the price of not keeping
//! text). A textual column whose distinct values are all `true`/`false` (any
//! case, trimmed) is a boolean column at the end.
//!
//! Text values are interned by their raw bytes: a value already seen costs a
//! hash lookup and no allocation. Bytes are decoded to `String` only once per
//! distinct value, at the end, so a late switch to Windows-1252 (see the
//! reader) decodes every distinct value and header name the same way.

use super::super::{format_number, Bitmap, Column, ColumnData, MISSING_BOOL, MISSING_CODE};
use rustc_hash::FxHashMap;

/// Trims ASCII whitespace (space, tab, CR, LF, form feed) from both ends.
#[inline]
pub(crate) fn trim_ascii(mut b: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = b {
        if first.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = b {
        if last.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    b
}

/// The spec's missing tokens: empty, `NA`, `N/A`, `NaN`, `null`, `None`, in
/// any case, after trimming spaces. `t` must already be trimmed.
#[inline]
pub(crate) fn is_missing_token(t: &[u8]) -> bool {
    match t.len() {
        0 => true,
        2 => t.eq_ignore_ascii_case(b"na"),
        3 => t.eq_ignore_ascii_case(b"n/a") || t.eq_ignore_ascii_case(b"nan"),
        4 => t.eq_ignore_ascii_case(b"null") || t.eq_ignore_ascii_case(b"none"),
        _ => false,
    }
}

/// `true` / `false` in any case; `t` must already be trimmed.
#[inline]
pub(crate) fn bool_token(t: &[u8]) -> Option<bool> {
    if t.eq_ignore_ascii_case(b"true") {
        Some(true)
    } else if t.eq_ignore_ascii_case(b"false") {
        Some(false)
    } else {
        None
    }
}

/// Parses a trimmed decimal number: `[+-]? (digits [. digits*] | . digits)
/// ([eE] [+-]? digits)?`. `.5` and `5.` count (as in numpy, pandas and
/// Python's `float`); `inf`, `nan`, hexadecimal, `1_000` and the decimal comma
/// `1,5` do not. A value beyond the range of `f64` (`1e999`) is not a finite
/// number and does not count either, so statistics never meet infinity.
#[inline]
pub(crate) fn parse_number(t: &[u8]) -> Option<f64> {
    if let Some(x) = parse_simple_decimal(t) {
        return Some(x);
    }
    let body = match t.first() {
        Some(b'+' | b'-') => &t[1..],
        _ => t,
    };
    // The rest (exponents, more than 19 digits) is rare: core's parser
    // (Eisel-Lemire, correctly rounded) has exactly our grammar once the
    // first character after the sign is a digit or a point; it also knows
    // `inf`/`nan`, which this check excludes. (A second parser crate would
    // add 10 KB of tables to the worker's wasm for no gain here.)
    match body.first() {
        Some(b'0'..=b'9' | b'.') => {}
        _ => return None,
    }
    let x: f64 = std::str::from_utf8(t).ok()?.parse().ok()?;
    x.is_finite().then_some(x)
}

/// Powers of ten exactly representable in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The common case, fast: `[+-]? digits [. digits]` (or `.digits`, `digits.`)
/// with at most 19 digits and no exponent. When the digits as an integer `m`
/// are at most 2^53 and there are `d <= 22` fraction digits, `m / 10^d` is one
/// correctly rounded division of two exact values, so the result is the
/// correctly rounded value of the text (Clinger's fast path), the same bits
/// fast-float gives. Anything else returns `None` and takes the full parser.
#[inline]
fn parse_simple_decimal(t: &[u8]) -> Option<f64> {
    let (negative, body) = match t.first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if body.is_empty() || body.len() > 20 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut dot = usize::MAX;
    for (i, &b) in body.iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
        } else if b == b'.' && dot == usize::MAX {
            dot = i;
        } else {
            return None;
        }
    }
    let (digits, decimals) = if dot == usize::MAX {
        (body.len(), 0)
    } else {
        (body.len() - 1, body.len() - dot - 1)
    };
    // Up to 19 digits cannot wrap a u64 (10^19 - 1 < 2^64).
    if digits == 0 || digits > 19 || mantissa > (1u64 << 53) {
        return None;
    }
    let x = mantissa as f64 / *POW10.get(decimals)?;
    Some(if negative { -x } else { x })
}

/// A categorical (or boolean-to-be) column under construction.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    codes: Vec<u32>,
    map: FxHashMap<Vec<u8>, u32>,
    /// Every distinct value so far is `true`/`false` (any case, trimmed).
    all_bool: bool,
}

impl TextBuilder {
    fn with_missing(n: usize) -> Self {
        TextBuilder {
            codes: vec![MISSING_CODE; n],
            map: FxHashMap::default(),
            all_bool: true,
        }
    }

    /// Interns `raw` and pushes its code; returns true when `raw` is a new
    /// value that is not valid UTF-8 and `check_utf8` asked to know.
    #[inline]
    fn push_value(&mut self, raw: &[u8], check_utf8: bool) -> bool {
        if let Some(&code) = self.map.get(raw) {
            self.codes.push(code);
            return false;
        }
        // Codes stop short of MISSING_CODE; a column with four billion
        // distinct values cannot be held in a browser anyway.
        let code = (self.map.len() as u32).min(MISSING_CODE - 1);
        self.all_bool &= bool_token(trim_ascii(raw)).is_some();
        self.map.insert(raw.to_vec(), code);
        self.codes.push(code);
        check_utf8 && !raw.is_ascii() && std::str::from_utf8(raw).is_err()
    }
}

/// One column being read.
#[derive(Debug)]
pub(crate) enum ColumnBuilder {
    /// No value seen yet; `missing` missing values so far.
    Empty {
        missing: usize,
    },
    /// Every value so far is a number; `missing_rows` lists missing rows
    /// (usually few, so cheaper than a bitmap until the end).
    Numeric {
        values: Vec<f64>,
        missing_rows: Vec<u32>,
    },
    Text(TextBuilder),
}

impl Default for ColumnBuilder {
    fn default() -> Self {
        ColumnBuilder::Empty { missing: 0 }
    }
}

impl ColumnBuilder {
    /// Adds one field. Returns true when the field is a new text value that is
    /// not valid UTF-8 (only when `check_utf8`).
    #[inline]
    pub(crate) fn push(&mut self, raw: &[u8], check_utf8: bool) -> bool {
        let t = trim_ascii(raw);
        // A number is never a missing token, so a numeric column tries the
        // number first: the common case costs one parse.
        if let ColumnBuilder::Numeric { values, .. } = self {
            if let Some(x) = parse_number(t) {
                values.push(x);
                return false;
            }
        }
        if is_missing_token(t) {
            self.push_missing();
            return false;
        }
        match self {
            ColumnBuilder::Numeric { .. } => self.become_text().push_value(raw, check_utf8),
            ColumnBuilder::Text(tb) => tb.push_value(raw, check_utf8),
            ColumnBuilder::Empty { missing } => {
                let n = *missing;
                if let Some(x) = parse_number(t) {
                    let mut values = vec![f64::NAN; n];
                    values.push(x);
                    *self = ColumnBuilder::Numeric {
                        values,
                        missing_rows: (0..n as u32).collect(),
                    };
                    false
                } else {
                    let mut tb = TextBuilder::with_missing(n);
                    let bad = tb.push_value(raw, check_utf8);
                    *self = ColumnBuilder::Text(tb);
                    bad
                }
            }
        }
    }

    /// The fast path of a numeric column: when `rest` starts with a plain
    /// decimal (`[+-]? digits [. digits]`, at most 19 digits, up to 2^53 as
    /// an integer) that ends at `delimiter` or at the end of `rest`, pushes it
    /// and returns its length, in one pass over its bytes. Otherwise pushes
    /// nothing and returns `None`, and the caller takes the general path.
    #[inline]
    pub(crate) fn push_plain_number(&mut self, rest: &[u8], delimiter: u8) -> Option<usize> {
        let ColumnBuilder::Numeric { values, .. } = self else {
            return None;
        };
        let (negative, start) = match rest.first()? {
            b'-' => (true, 1),
            b'+' => (false, 1),
            _ => (false, 0),
        };
        let mut mantissa: u64 = 0;
        let mut dot = usize::MAX;
        let mut i = start;
        while let Some(&b) = rest.get(i) {
            let digit = b.wrapping_sub(b'0');
            if digit < 10 {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
            } else if b == delimiter {
                break;
            } else if b == b'.' && dot == usize::MAX {
                dot = i;
            } else {
                return None;
            }
            i += 1;
        }
        let (digits, decimals) = if dot == usize::MAX {
            (i - start, 0)
        } else {
            (i - start - 1, i - dot - 1)
        };
        if digits == 0 || digits > 19 || mantissa > (1u64 << 53) {
            return None;
        }
        let x = mantissa as f64 / *POW10.get(decimals)?;
        values.push(if negative { -x } else { x });
        Some(i)
    }

    #[inline]
    fn push_missing(&mut self) {
        match self {
            ColumnBuilder::Empty { missing } => *missing += 1,
            ColumnBuilder::Numeric {
                values,
                missing_rows,
            } => {
                missing_rows.push(values.len() as u32);
                values.push(f64::NAN);
            }
            ColumnBuilder::Text(tb) => tb.codes.push(MISSING_CODE),
        }
    }

    /// Turns a numeric column into a textual one, re-writing its numbers.
    fn become_text(&mut self) -> &mut TextBuilder {
        let old = std::mem::take(self);
        let tb = match old {
            ColumnBuilder::Empty { missing } => TextBuilder::with_missing(missing),
            ColumnBuilder::Numeric {
                values,
                missing_rows,
            } => {
                let mut tb = TextBuilder::with_missing(0);
                tb.codes.reserve(values.len());
                let mut next_missing = missing_rows.iter().peekable();
                for (row, x) in values.iter().enumerate() {
                    if next_missing.peek().is_some_and(|&&m| m as usize == row) {
                        next_missing.next();
                        tb.codes.push(MISSING_CODE);
                    } else {
                        tb.push_value(format_number(*x).as_bytes(), false);
                    }
                }
                tb
            }
            ColumnBuilder::Text(tb) => tb,
        };
        *self = ColumnBuilder::Text(tb);
        match self {
            ColumnBuilder::Text(tb) => tb,
            // Unreachable: `self` was just set to `Text`; re-enter it safely.
            _ => self.become_text(),
        }
    }

    /// The finished column. `windows_1252` decodes text as Windows-1252
    /// instead of UTF-8.
    pub(crate) fn finish(self, name: String, windows_1252: bool) -> Column {
        let data = match self {
            ColumnBuilder::Empty { missing } => {
                let mut bits = Bitmap::zeros(missing);
                for row in 0..missing {
                    bits.set(row, true);
                }
                ColumnData::Numeric {
                    values: vec![f64::NAN; missing],
                    missing: bits,
                }
            }
            ColumnBuilder::Numeric {
                mut values,
                missing_rows,
            } => {
                values.shrink_to_fit();
                let mut bits = Bitmap::zeros(values.len());
                for row in missing_rows {
                    bits.set(row as usize, true);
                }
                ColumnData::Numeric {
                    values,
                    missing: bits,
                }
            }
            ColumnBuilder::Text(tb) => {
                let TextBuilder {
                    mut codes,
                    map,
                    all_bool,
                } = tb;
                if all_bool && !map.is_empty() {
                    let mut truth = vec![MISSING_BOOL; map.len()];
                    for (key, code) in &map {
                        if let (Some(slot), Some(b)) =
                            (truth.get_mut(*code as usize), bool_token(trim_ascii(key)))
                        {
                            *slot = u8::from(b);
                        }
                    }
                    let values = codes
                        .iter()
                        .map(|&c| truth.get(c as usize).copied().unwrap_or(MISSING_BOOL))
                        .collect();
                    ColumnData::Boolean { values }
                } else {
                    codes.shrink_to_fit();
                    let mut dictionary = vec![String::new(); map.len()];
                    for (key, code) in map {
                        if let Some(slot) = dictionary.get_mut(code as usize) {
                            *slot = decode_text(key, windows_1252);
                        }
                    }
                    ColumnData::Categorical { codes, dictionary }
                }
            }
        };
        Column { name, data }
    }
}

/// Decodes raw field bytes as UTF-8, or as Windows-1252 when the file was
/// found not to be UTF-8. Invalid UTF-8 cannot reach the first branch (the
/// reader switches to Windows-1252 on the first invalid value), but if it
/// did it would be replaced rather than panic.
pub(crate) fn decode_text(raw: Vec<u8>, windows_1252: bool) -> String {
    if windows_1252 {
        crate::basics::text_encoding::windows_1252_to_string(&raw)
    } else {
        match String::from_utf8(raw) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_grammar() {
        for ok in [
            "1", "-1.5e3", "+2", ".5", "5.", "0.000", "1E-7", "007", "1e+2",
        ] {
            assert!(parse_number(ok.as_bytes()).is_some(), "{ok}");
        }
        for bad in [
            "inf", "-inf", "nan", "Infinity", "1,5", "1e", ".", "-", "1.2.3", "0x10", "1_000",
            "e5", "1e999", "--1", "1 2", "",
        ] {
            assert!(parse_number(bad.as_bytes()).is_none(), "{bad}");
        }
        assert_eq!(parse_number(b"-1.5e3"), Some(-1500.0));
    }

    #[test]
    fn fast_path_gives_the_bits_of_the_full_parser() {
        let same_bits = |text: &str| {
            let full = fast_float2::parse::<f64, _>(text).unwrap();
            assert_eq!(
                parse_number(text.as_bytes()).map(f64::to_bits),
                Some(full.to_bits()),
                "{text}"
            );
        };
        // The fast path, then the slow one (exponents, many digits), against
        // an independent parser.
        for text in [
            "0.1",
            "0.3",
            "123.456",
            "-987654.321",
            "9007199254740992",
            "9007199254740993",
            "0.000001",
            "1234567890.123456789",
            "5.",
            ".5",
            "-0",
            "3.14159265358979",
            "0.1234567890123456789",
            "1e5",
            "1E-5",
            "-2.5e+10",
            "1.7976931348623157e308",
            "4.9e-324",
            "1e-400",
            "123456789012345678901234567890",
            "0.000000000000000000000000001",
            "+.5e1",
            "5.e2",
        ] {
            same_bits(text);
        }
        // Not numbers (as before: fast-float's partial parse stopped early).
        for text in [
            "1e", "e5", ".", "+", "-", "1e+", "inf", "nan", "NaN", "0x10", "1_0", "1e400", "1.2.3",
            "1 ",
        ] {
            assert_eq!(parse_number(text.as_bytes()), None, "{text}");
        }
        let mut state = 88172645463325252u64;
        for _ in 0..20000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = format!("{}", state % 10_000_000_000_000_000);
            let cut = (state >> 60) as usize % digits.len();
            same_bits(&format!("{}.{}", &digits[..cut], &digits[cut..]));
        }
    }

    #[test]
    fn missing_tokens_any_case() {
        for m in [
            "", "NA", "na", "N/A", "n/a", "NaN", "nan", "NULL", "None", "none",
        ] {
            assert!(is_missing_token(m.as_bytes()), "{m}");
        }
        for not in ["N", "NAN!", "nil", "-", "0"] {
            assert!(!is_missing_token(not.as_bytes()), "{not}");
        }
    }

    #[test]
    fn trim_is_ascii_whitespace() {
        assert_eq!(trim_ascii(b"  a b\t"), b"a b");
        assert_eq!(trim_ascii(b"   "), b"");
    }
}

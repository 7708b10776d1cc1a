//! A compact, exact column-major form of the built-in CSV files.
//!
//! Why: the built-in datasets ship inside the worker's wasm, and every byte
//! of it is part of the page's first download. Served gzip-compressed, a CSV
//! of decimals costs about 2.8 bytes per value; the same values stored
//! column by column as integers, one byte plane at a time, gzip to about
//! 2 bytes (Breast Cancer Wisconsin: 46 KiB → 34 KiB).
//!
//! The form is exact: [`unpack`] gives back the CSV text byte for byte, so
//! a split file written from a sample in the browser equals the one the CLI
//! writes. `build.rs` packs each sample at compile time with [`pack`] and
//! checks the round trip; a file the packer cannot represent exactly
//! (quotes, CR, ragged rows) is stored as plain text instead.
//!
//! This file is also compiled into `build.rs` (as a `#[path]` module), so
//! it uses nothing but `std`.
//!
//! Layout (integers are LEB128 varints unless marked):
//! - `RAW` + the CSV text; or
//! - `PACKED`, rows, columns, trailing-newline flag (u8), the header line,
//!   then per column a kind byte:
//!   - `DECIMAL`: scale `d` (u8), width `w` (u8), then `w` byte planes of
//!     the zig-zagged integers `value × 10^d` (plane `k` holds byte `k` of
//!     every row). A value is written back with `d` decimals, trailing
//!     zeros dropped. `UNSIGNED_DECIMAL` is the same without the zig-zag,
//!     for columns with no negative value;
//!   - `DICTIONARY`: the distinct values (first-seen order), then the
//!     codes as `w` byte planes;
//!   - `TEXT`: every value, length-prefixed.

const RAW: &[u8; 4] = b"MLP0";
const PACKED: &[u8; 4] = b"MLP1";
const DECIMAL: u8 = 0;
const DICTIONARY: u8 = 1;
const TEXT: u8 = 2;
/// `DECIMAL` with no negative value: the integers as they are, no zig-zag.
const UNSIGNED_DECIMAL: u8 = 3;
/// Decimals beyond this are stored as text (10^18 still fits an i64).
const MAX_SCALE: usize = 17;
/// The most cells (rows × columns) [`unpack`] accepts: far above the
/// samples (~17,000), far below what a corrupt length could make it
/// allocate.
const MAX_CELLS: usize = 1 << 24;

/// The packed form of `csv`: column-major when every line splits into the
/// header's number of comma-separated fields with no quote or CR, else the
/// text as it is.
pub fn pack(csv: &str) -> Vec<u8> {
    match pack_columns(csv) {
        Some(packed) if unpack(&packed).as_deref() == Ok(csv) => packed,
        _ => {
            let mut out = RAW.to_vec();
            out.extend_from_slice(csv.as_bytes());
            out
        }
    }
}

fn pack_columns(csv: &str) -> Option<Vec<u8>> {
    if csv.contains(['"', '\r']) {
        return None;
    }
    let trailing_newline = csv.ends_with('\n');
    let body = csv.strip_suffix('\n').unwrap_or(csv);
    let mut lines = body.split('\n');
    let header = lines.next()?;
    let width = header.split(',').count();
    let mut columns: Vec<Vec<&str>> = vec![Vec::new(); width];
    for line in lines {
        let mut n = 0;
        for (column, field) in columns.iter_mut().zip(line.split(',')) {
            column.push(field);
            n += 1;
        }
        if n != width || line.split(',').count() != width {
            return None;
        }
    }
    let rows = columns.first().map_or(0, Vec::len);
    let mut out = PACKED.to_vec();
    put_varint(&mut out, rows as u64);
    put_varint(&mut out, width as u64);
    out.push(u8::from(trailing_newline));
    put_bytes(&mut out, header.as_bytes());
    for column in &columns {
        pack_column(&mut out, column);
    }
    Some(out)
}

fn pack_column(out: &mut Vec<u8>, values: &[&str]) {
    if let Some((scale, ints)) = decimals(values) {
        if ints.iter().all(|&m| m >= 0) {
            out.push(UNSIGNED_DECIMAL);
            out.push(scale as u8);
            put_planes(out, &ints.iter().map(|&m| m as u64).collect::<Vec<_>>());
        } else {
            out.push(DECIMAL);
            out.push(scale as u8);
            put_planes(out, &ints.iter().map(|&m| zigzag(m)).collect::<Vec<_>>());
        }
        return;
    }
    let mut dictionary: Vec<&str> = Vec::new();
    let mut codes = Vec::with_capacity(values.len());
    for v in values {
        let code = match dictionary.iter().position(|d| d == v) {
            Some(i) => i,
            None => {
                dictionary.push(v);
                dictionary.len() - 1
            }
        };
        codes.push(code as u64);
    }
    if dictionary.len() * 2 <= values.len() {
        out.push(DICTIONARY);
        put_varint(out, dictionary.len() as u64);
        for d in &dictionary {
            put_bytes(out, d.as_bytes());
        }
        put_planes(out, &codes);
    } else {
        out.push(TEXT);
        for v in values {
            put_bytes(out, v.as_bytes());
        }
    }
}

/// The common scale and the scaled integers, when every value is a
/// canonical decimal (`-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`) that writes back
/// exactly.
fn decimals(values: &[&str]) -> Option<(usize, Vec<i64>)> {
    let mut scale = 0;
    for v in values {
        let digits = v.strip_prefix('-').unwrap_or(v);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let canonical_int = int == "0" || (!int.is_empty() && !int.starts_with('0'));
        let all_digits = int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
        if !canonical_int
            || !all_digits
            || frac.ends_with('0')
            || (digits.contains('.') && frac.is_empty())
        {
            return None;
        }
        scale = scale.max(frac.len());
    }
    if scale > MAX_SCALE {
        return None;
    }
    let mut ints = Vec::with_capacity(values.len());
    for v in values {
        let negative = v.starts_with('-');
        let digits = v.trim_start_matches('-');
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let mut text = format!("{int}{frac}");
        text.extend(std::iter::repeat_n('0', scale - frac.len()));
        let m: i64 = text.parse().ok()?;
        let m = if negative { -m } else { m };
        if write_decimal(m, scale) != *v {
            return None; // e.g. "-0"
        }
        ints.push(m);
    }
    Some((scale, ints))
}

/// `m / 10^scale` in the shortest form: trailing zeros dropped.
fn write_decimal(m: i64, scale: usize) -> String {
    let digits = m.unsigned_abs().to_string();
    let sign = if m < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

fn zigzag(m: i64) -> u64 {
    ((m << 1) ^ (m >> 63)) as u64
}

fn unzigzag(z: u64) -> i64 {
    (z >> 1) as i64 ^ -((z & 1) as i64)
}

fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// The width in bytes of the largest value, then that many byte planes.
fn put_planes(out: &mut Vec<u8>, values: &[u64]) {
    let max = values.iter().copied().max().unwrap_or(0);
    let width = (64 - max.leading_zeros()).div_ceil(8) as u8;
    out.push(width);
    for plane in 0..width {
        out.extend(values.iter().map(|v| (v >> (8 * plane)) as u8));
    }
}

/// Reads a packed form back into CSV text. Errors name what is malformed
/// (only a corrupt build could produce one).
pub fn unpack(bytes: &[u8]) -> Result<String, String> {
    if let Some(text) = bytes.strip_prefix(RAW) {
        return String::from_utf8(text.to_vec()).map_err(|e| format!("packed sample: {e}"));
    }
    let mut r = Reader {
        bytes: bytes
            .strip_prefix(PACKED)
            .ok_or("packed sample: unknown format")?,
    };
    let rows = usize::try_from(r.varint()?).map_err(|_| "packed sample: too many rows")?;
    let width = usize::try_from(r.varint()?).map_err(|_| "packed sample: too many columns")?;
    if rows.saturating_mul(width.max(1)) > MAX_CELLS {
        return Err("packed sample: too large".into());
    }
    let trailing_newline = r.byte()? == 1;
    let header = r.text()?;
    let mut columns: Vec<Vec<String>> = Vec::with_capacity(width);
    for _ in 0..width {
        columns.push(r.column(rows)?);
    }
    let mut csv = header;
    for row in 0..rows {
        csv.push('\n');
        for (i, column) in columns.iter().enumerate() {
            if i > 0 {
                csv.push(',');
            }
            csv.push_str(column.get(row).map_or("", String::as_str));
        }
    }
    if trailing_newline {
        csv.push('\n');
    }
    Ok(csv)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        if n > self.bytes.len() {
            return Err("packed sample: truncated".into());
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            x |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(x);
            }
        }
        Err("packed sample: bad varint".into())
    }

    fn text(&mut self) -> Result<String, String> {
        let n = usize::try_from(self.varint()?).map_err(|_| "packed sample: truncated")?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|e| format!("packed sample: {e}"))
    }

    fn planes(&mut self, rows: usize) -> Result<Vec<u64>, String> {
        let width = usize::from(self.byte()?);
        if width > 8 || rows.saturating_mul(width) > self.bytes.len() {
            return Err("packed sample: bad byte planes".into());
        }
        let mut values = vec![0u64; rows];
        for plane in 0..width {
            for (v, &b) in values.iter_mut().zip(self.take(rows)?) {
                *v |= u64::from(b) << (8 * plane);
            }
        }
        Ok(values)
    }

    fn column(&mut self, rows: usize) -> Result<Vec<String>, String> {
        match self.byte()? {
            kind @ (DECIMAL | UNSIGNED_DECIMAL) => {
                let scale = usize::from(self.byte()?);
                Ok(self
                    .planes(rows)?
                    .into_iter()
                    .map(|z| match kind {
                        DECIMAL => unzigzag(z),
                        _ => z as i64,
                    })
                    .map(|m| write_decimal(m, scale))
                    .collect())
            }
            DICTIONARY => {
                let n = self.varint()?;
                // Every entry takes at least its length byte.
                if n > self.bytes.len() as u64 {
                    return Err("packed sample: bad dictionary".into());
                }
                let mut dictionary = Vec::new();
                for _ in 0..n {
                    dictionary.push(self.text()?);
                }
                self.planes(rows)?
                    .into_iter()
                    .map(|c| {
                        dictionary
                            .get(c as usize)
                            .cloned()
                            .ok_or_else(|| "packed sample: bad code".to_string())
                    })
                    .collect()
            }
            TEXT => (0..rows).map(|_| self.text()).collect(),
            other => Err(format!("packed sample: unknown column kind {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{pack, unpack};
    use proptest::prelude::*;

    fn kind_of(csv: &str) -> &'static str {
        match pack(csv).get(..4) {
            Some(b"MLP1") => "packed",
            Some(b"MLP0") => "raw",
            _ => "?",
        }
    }

    #[test]
    fn decimals_dictionaries_and_text_round_trip() {
        let csv =
            "id,x,y,label\nimg_1,0.5,-3,yes\nimg_2,12,0,no\nimg_3,-0.25,7,yes\nimg_4,0,100,yes\n";
        assert_eq!(kind_of(csv), "packed");
        assert_eq!(unpack(&pack(csv)).as_deref(), Ok(csv));
    }

    #[test]
    fn values_that_would_not_write_back_exactly_are_kept_as_text() {
        // Trailing zeros, leading zeros, "-0", "5.", ".5", exponents, empty
        // fields: none is a canonical decimal, so the column is stored as text.
        for column in ["1.50", "007", "-0", "5.", ".5", "1e3", "", "+1", "1.5.5"] {
            let csv = format!("a,b\n{column},1\n2,3\n");
            assert_eq!(
                unpack(&pack(&csv)).as_deref(),
                Ok(csv.as_str()),
                "{column:?}"
            );
        }
    }

    #[test]
    fn files_it_cannot_represent_are_stored_as_they_are() {
        for csv in [
            "a,b\n\"x,y\",1\n",
            "a,b\r\n1,2\r\n",
            "a,b\n1,2,3\n",
            "a,b\n1\n",
        ] {
            assert_eq!(kind_of(csv), "raw", "{csv:?}");
            assert_eq!(unpack(&pack(csv)).as_deref(), Ok(csv));
        }
    }

    #[test]
    fn no_trailing_newline_and_no_rows_round_trip() {
        for csv in ["a,b\n1,2", "a,b\n", "a,b", ""] {
            assert_eq!(unpack(&pack(csv)).as_deref(), Ok(csv), "{csv:?}");
        }
    }

    #[test]
    fn corrupt_input_is_an_error_not_a_panic() {
        let packed = pack("a,b\n1,2\n3,4\n");
        for cut in 0..packed.len() {
            let _ = unpack(&packed[..cut]);
        }
        assert!(unpack(b"nope").is_err());
        assert!(unpack(&packed[..packed.len() - 1]).is_err());
        // Lengths that would allocate without bound are refused up front.
        let mut huge = b"MLP1".to_vec();
        super::put_varint(&mut huge, 1 << 34); // rows
        super::put_varint(&mut huge, 1); // columns
        huge.extend_from_slice(&[1, 0, 0, 0]);
        assert!(unpack(&huge).is_err());
        let mut wide_planes = b"MLP1".to_vec();
        super::put_varint(&mut wide_planes, 2);
        super::put_varint(&mut wide_planes, 1);
        wide_planes.extend_from_slice(&[1, 1, b'a', super::DECIMAL, 0, 9]);
        wide_planes.extend_from_slice(&[0; 18]);
        assert!(unpack(&wide_planes).is_err());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..64)) {
            let mut bytes = b"MLP1".to_vec();
            bytes.extend_from_slice(&tail);
            let _ = unpack(&bytes);
        }
    }

    proptest! {
        #[test]
        fn any_small_csv_round_trips(
            rows in prop::collection::vec(
                prop::collection::vec(prop_oneof![
                    (-100_000i64..100_000, 0u32..6).prop_map(|(m, d)| {
                        let x = m as f64 / 10f64.powi(d as i32);
                        format!("{x}")
                    }),
                    "[a-z]{0,3}",
                    "[0-9.-]{0,4}",
                ], 3),
                0..40,
            ),
        ) {
            let mut csv = String::from("p,q,r\n");
            for row in &rows {
                csv.push_str(&row.join(","));
                csv.push('\n');
            }
            prop_assert_eq!(unpack(&pack(&csv)), Ok(csv));
        }
    }
}

//! The few text encodings a CSV may arrive in, decoded to UTF-8 by hand.
//!
//! Why not `encoding_rs`: its decoders dispatch over every encoding it knows,
//! so using any of them links all of its tables (about 170 KB of wasm in the
//! worker). We need three: UTF-8 (native), UTF-16 with a byte-order mark
//! (streamed, since the browser feeds the chunks of a `File`'s stream, which may split a code
//! unit or a surrogate pair), and Windows-1252 (the fallback for bytes that
//! are not UTF-8, a fixed 128-entry table).

/// Windows-1252's characters for bytes 0x80..=0x9F (the rest is Latin-1).
/// The five bytes the WHATWG encoding standard leaves undefined map to the
/// C1 control with the same number, as browsers do.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The character of one Windows-1252 byte.
pub fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Decodes Windows-1252 bytes (every byte is a character, so this never fails).
pub fn windows_1252_to_string(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| windows_1252_char(b)).collect()
}

/// A streaming UTF-16 decoder: feed it byte chunks of any size.
#[derive(Debug, Clone)]
pub struct Utf16Decoder {
    big_endian: bool,
    /// A lone byte left over from the previous chunk.
    odd_byte: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    /// Whether an unpaired surrogate or odd trailing byte became U+FFFD.
    pub replaced: bool,
}

impl Utf16Decoder {
    pub fn new(big_endian: bool) -> Self {
        Utf16Decoder {
            big_endian,
            odd_byte: None,
            high: None,
            replaced: false,
        }
    }

    fn push_unit(&mut self, unit: u16, out: &mut String) {
        match (self.high.take(), unit) {
            (None, 0xD800..=0xDBFF) => self.high = Some(unit),
            (None, 0xDC00..=0xDFFF) => self.replace(out),
            (None, u) => out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')),
            (Some(h), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            (Some(_), 0xD800..=0xDBFF) => {
                self.replace(out);
                self.high = Some(unit);
            }
            (Some(_), u) => {
                self.replace(out);
                out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'));
            }
        }
    }

    fn replace(&mut self, out: &mut String) {
        self.replaced = true;
        out.push('\u{FFFD}');
    }

    /// Decodes `input`, appending to `out`. With `last`, a dangling byte or
    /// surrogate at the very end becomes U+FFFD.
    pub fn decode(&mut self, input: &[u8], out: &mut String, last: bool) {
        let mut bytes = input;
        if let Some(first) = self.odd_byte.take() {
            match bytes.split_first() {
                Some((&second, rest)) => {
                    let unit = self.unit([first, second]);
                    self.push_unit(unit, out);
                    bytes = rest;
                }
                None => self.odd_byte = Some(first),
            }
        }
        let mut pairs = bytes.chunks_exact(2);
        for pair in &mut pairs {
            let unit = self.unit([pair[0], pair[1]]);
            self.push_unit(unit, out);
        }
        if let [b] = pairs.remainder() {
            self.odd_byte = Some(*b);
        }
        if last {
            if self.odd_byte.take().is_some() {
                self.replace(out);
            }
            if self.high.take().is_some() {
                self.replace(out);
            }
        }
    }

    fn unit(&self, pair: [u8; 2]) -> u16 {
        if self.big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    }
}

/// Decodes a whole UTF-16 text (without its byte-order mark).
pub fn utf16_to_string(bytes: &[u8], big_endian: bool) -> String {
    let mut out = String::with_capacity(bytes.len() / 2);
    Utf16Decoder::new(big_endian).decode(bytes, &mut out, true);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
    }

    #[test]
    fn windows_1252_known_characters() {
        assert_eq!(
            windows_1252_to_string(b"caf\xe9 \x80 \x93x\x94 \x96"),
            "café € “x” –"
        );
        assert_eq!(windows_1252_char(0x81), '\u{81}');
    }

    #[test]
    fn utf16_any_chunking_gives_the_same_text() {
        let text = "a,b\n😀é,\"x\"\r\n";
        let bytes = utf16le(text);
        for size in 1..bytes.len() {
            let mut d = Utf16Decoder::new(false);
            let mut out = String::new();
            let chunks: Vec<&[u8]> = bytes.chunks(size).collect();
            for (i, c) in chunks.iter().enumerate() {
                d.decode(c, &mut out, i + 1 == chunks.len());
            }
            assert_eq!(out, text, "chunk size {size}");
            assert!(!d.replaced);
        }
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(utf16_to_string(&be, true), text);
    }

    #[test]
    fn unpaired_surrogates_and_odd_bytes_are_replaced() {
        let mut d = Utf16Decoder::new(false);
        let mut out = String::new();
        d.decode(&[0x00, 0xD8, 0x41, 0x00, 0x42], &mut out, true);
        assert_eq!(out, "\u{FFFD}A\u{FFFD}");
        assert!(d.replaced);
    }
}

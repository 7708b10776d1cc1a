//! CSV → typed columns, incrementally.
//!
//! Rules: `docs/cli.md` ("Common rules"). The pipeline, chunk by chunk:
//!
//! 1. **Encoding.** The first bytes decide: a UTF-16 byte-order mark (`FF FE`
//!    or `FE FF`) sends everything through a streaming UTF-16 decoder
//!    (`crate::basics::text_encoding`) to UTF-8;
//!    a UTF-8 mark is dropped; anything else is read as UTF-8. Why not decode
//!    UTF-8 up front: CSV structure is ASCII, so the parser runs on raw bytes
//!    and only distinct text values are decoded, once, at the end. The first
//!    new text value (or header name) that is not valid UTF-8 marks the whole
//!    file as Windows-1252 (never a silent U+FFFD): because every distinct value
//!    is still held as raw bytes, decoding them all as Windows-1252 at the end
//!    gives exactly what decoding the whole file as Windows-1252 would, and a
//!    warning says so.
//! 2. **Delimiter.** Unless given, the decoded bytes are held until the header
//!    and 20 records can be cut with each candidate (`,` `;` tab `|`); the
//!    candidate that gives every one of them the same field count, above one,
//!    wins; more fields beat fewer; ties go to the earlier candidate; none →
//!    `,`. At most 16 MiB is held for this; past that the records complete so
//!    far decide.
//! 3. **Records.** `csv-core`'s incremental DFA cuts records (RFC 4180 with
//!    its leniencies: a quote inside an unquoted field is text, blank lines are
//!    skipped, CR, LF and CRLF all end records). The first record is the
//!    header. A record with another field count is an error naming the
//!    physical line where it starts.
//! 4. **Types.** Each field goes straight into its column's builder
//!    (`infer.rs`); the text is not kept.
//!
//! Choices where the spec is silent:
//!
//! - Header names: an empty name becomes `column_N` (N its 1-based position)
//!   and a repeated name gets a suffix `_2`, `_3`, ... so every column can be
//!   named on the command line; both with a warning. Names are kept as read
//!   (not trimmed).
//! - Numbers: `.5` and `5.` count (as numpy, pandas and Python's `float`
//!   read them); a value too large for `f64` (`1e999`) does not, so statistics
//!   never meet infinity. Numbers, booleans and missing tokens are recognised
//!   after trimming ASCII spaces and tabs; categories keep their exact text.
//! - A numeric column that meets a non-number becomes categorical, and the
//!   numbers before it are written back by [`super::format_number`] (`1.50`
//!   reads back as `1.5`): the text is not kept while streaming.
//! - Blank lines are skipped (as `csv-core`, pandas and Python's `csv` do);
//!   they still count in line numbers.
//! - Bytes that are not UTF-8 make the whole file Windows-1252, with a warning
//!   naming the line of the first such value. UTF-16 (with a mark) whose code
//!   units do not form characters gets U+FFFD and a warning.
//! - Empty input, or input with no record at all, is `Malformed`; a header
//!   with no rows is a table of 0 rows whose columns are numeric and empty.
//!
//! Speed: most lines of most files have no quote and no CR; those are split
//! in place and plain decimals are parsed in the same pass (see `Parser`), at
//! about 0.6x the speed of the `csv` crate's bare `ByteRecord` loop over the
//! same bytes (`benches/csv_read.rs`), with typed columns at the end.

mod header;
mod infer;
mod parser;
mod sniff;

use super::Table;
use crate::basics::error::{EngineError, Position, Result};

use parser::Parser;
use sniff::{detect_delimiter, SNIFF_CAP};

/// How to read a CSV.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// The dataset's name, used in every error message as the "file".
    pub name: String,
    /// The delimiter, or `None` to detect it among `,` `;` tab `|`.
    pub delimiter: Option<u8>,
}

/// Progress of an incremental read.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LoadProgress {
    /// Bytes of the file pushed so far.
    pub bytes_read: u64,
    /// Data records (the header excluded) parsed so far.
    pub rows_read: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// An incremental CSV reader: feed it chunks, then [`CsvLoader::finish`].
///
/// Chunks may split the file anywhere (inside a quoted field, between CR and
/// LF, inside a UTF-8 or UTF-16 character); the table is the same.
pub struct CsvLoader {
    options: CsvOptions,
    bytes_read: u64,
    /// The first bytes, held until the byte-order mark can be judged.
    head: Vec<u8>,
    encoding: Option<Encoding>,
    utf16: Option<crate::basics::text_encoding::Utf16Decoder>,
    utf16_replaced: bool,
    /// Decoded bytes held until the delimiter is known.
    sniff: Vec<u8>,
    parser: Option<Parser>,
    failed: Option<EngineError>,
}

impl std::fmt::Debug for CsvLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvLoader")
            .field("name", &self.options.name)
            .field("bytes_read", &self.bytes_read)
            .field("encoding", &self.encoding)
            .finish_non_exhaustive()
    }
}

impl CsvLoader {
    pub fn new(options: CsvOptions) -> Self {
        CsvLoader {
            options,
            bytes_read: 0,
            head: Vec::new(),
            encoding: None,
            utf16: None,
            utf16_replaced: false,
            sniff: Vec::new(),
            parser: None,
            failed: None,
        }
    }

    /// Feeds the next chunk of the file. After an error, every later call
    /// returns the same error.
    pub fn push(&mut self, chunk: &[u8]) -> Result<LoadProgress> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.bytes_read += chunk.len() as u64;
        if let Err(e) = self.accept(chunk, false) {
            self.failed = Some(e.clone());
            return Err(e);
        }
        Ok(self.progress())
    }

    /// Where the read is.
    pub fn progress(&self) -> LoadProgress {
        LoadProgress {
            bytes_read: self.bytes_read,
            rows_read: self.parser.as_ref().map_or(0, |p| p.rows as u64),
        }
    }

    /// Ends the input and returns the table.
    pub fn finish(mut self) -> Result<Table> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.accept(&[], true)?;
        let name = self.options.name.clone();
        let parser = match self.parser.take() {
            Some(p) => p,
            None => return Err(malformed(&name, "the file is empty")),
        };
        let mut table = parser.finish()?;
        table.source.bytes = self.bytes_read;
        table.source.encoding = match (self.encoding, table.source.encoding.as_str()) {
            (Some(Encoding::Utf16Le), _) => "utf-16le".into(),
            (Some(Encoding::Utf16Be), _) => "utf-16be".into(),
            (_, enc) => enc.to_string(),
        };
        if self.utf16_replaced {
            table.warnings.push(format!(
                "{name}: the file has UTF-16 code units that do not form characters; \
                 they were replaced by U+FFFD"
            ));
        }
        Ok(table)
    }

    fn accept(&mut self, chunk: &[u8], last: bool) -> Result<()> {
        if self.encoding.is_none() {
            if self.head.is_empty() && (chunk.len() >= 3 || last) {
                // The usual case: the first chunk shows the mark; no copy.
                let skip = self.choose_encoding(chunk);
                return self.decode(chunk.get(skip..).unwrap_or(&[]), last);
            }
            self.head.extend_from_slice(chunk);
            if self.head.len() < 3 && !last {
                return Ok(());
            }
            let head = std::mem::take(&mut self.head);
            let skip = self.choose_encoding(&head);
            return self.decode(head.get(skip..).unwrap_or(&[]), last);
        }
        self.decode(chunk, last)
    }

    /// Sets the encoding from the byte-order mark at the start of `head`;
    /// returns the length of the mark, to skip.
    fn choose_encoding(&mut self, head: &[u8]) -> usize {
        let (encoding, skip) = match head {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
            [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
            [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
            _ => (Encoding::Utf8, 0),
        };
        self.encoding = Some(encoding);
        self.utf16 = match encoding {
            Encoding::Utf16Le => Some(crate::basics::text_encoding::Utf16Decoder::new(false)),
            Encoding::Utf16Be => Some(crate::basics::text_encoding::Utf16Decoder::new(true)),
            Encoding::Utf8 => None,
        };
        skip
    }

    /// Decodes UTF-16 to UTF-8 (other input passes through) and parses it.
    fn decode(&mut self, bytes: &[u8], last: bool) -> Result<()> {
        let Some(decoder) = self.utf16.as_mut() else {
            return self.feed(bytes, last);
        };
        let mut utf8 = String::with_capacity(bytes.len() + bytes.len() / 2);
        decoder.decode(bytes, &mut utf8, last);
        self.utf16_replaced |= decoder.replaced;
        let utf8 = utf8.into_bytes();
        self.feed(&utf8, last)
    }

    /// Parses decoded bytes, detecting the delimiter first if needed.
    fn feed(&mut self, bytes: &[u8], last: bool) -> Result<()> {
        if let Some(parser) = self.parser.as_mut() {
            return parser.parse(bytes, last);
        }
        let delimiter = match self.options.delimiter {
            Some(d) => Some(d),
            None => {
                // A chunk that alone decides the delimiter is parsed in
                // place, not copied (a whole file given to `read_csv`).
                if self.sniff.is_empty() {
                    if let Some(d) = detect_delimiter(bytes, last) {
                        let mut parser = Parser::new(d, self.options.name.clone());
                        let result = parser.parse(bytes, last);
                        self.parser = Some(parser);
                        return result;
                    }
                }
                self.sniff.extend_from_slice(bytes);
                let worth_trying = last
                    || self.sniff.len() > SNIFF_CAP
                    || bytes.iter().any(|&b| b == b'\n' || b == b'\r');
                if worth_trying {
                    detect_delimiter(&self.sniff, last || self.sniff.len() > SNIFF_CAP)
                } else {
                    None
                }
            }
        };
        let Some(delimiter) = delimiter else {
            return Ok(());
        };
        let mut parser = Parser::new(delimiter, self.options.name.clone());
        let held = std::mem::take(&mut self.sniff);
        let result = if self.options.delimiter.is_some() {
            parser.parse(bytes, last)
        } else {
            parser.parse(&held, last)
        };
        self.parser = Some(parser);
        result
    }
}

pub(super) fn malformed(name: &str, message: &str) -> EngineError {
    EngineError::Malformed {
        pos: Position {
            file: name.to_string(),
            line: None,
            column: None,
        },
        message: message.to_string(),
    }
}

/// Reads a whole CSV held in memory.
pub fn read_csv(bytes: &[u8], options: &CsvOptions) -> Result<Table> {
    let mut loader = CsvLoader::new(options.clone());
    loader.push(bytes)?;
    loader.finish()
}

#[cfg(test)]
mod tests;

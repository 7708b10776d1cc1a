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

mod infer;

use super::{SourceInfo, Table};
use crate::basics::error::{EngineError, Position, Result};
use csv_core::ReadRecordResult;
use infer::{decode_text, ColumnBuilder};

/// The delimiters tried when none is given, in tie-breaking order.
pub const DELIMITER_CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Records (the header included) that decide the delimiter.
const SNIFF_RECORDS: usize = 21;
/// The most bytes held back while detecting the delimiter.
const SNIFF_CAP: usize = 16 << 20;

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

/// Field counts of the first records of `buf` cut with `delimiter`; the
/// partial record at the end counts only when `last`.
fn field_counts(buf: &[u8], delimiter: u8, last: bool) -> Vec<usize> {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; 8192];
    let mut ends = vec![0usize; 256];
    let mut counts = Vec::new();
    let mut fields = 0usize;
    let mut input = buf;
    // Each iteration consumes input or ends a record; the guard only keeps a
    // bug from ever becoming an endless loop.
    for _ in 0..(buf.len() * 2 + 64) {
        let (res, nin, _, nend) = rdr.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        fields += nend;
        match res {
            ReadRecordResult::InputEmpty => {
                if !last {
                    break;
                }
            }
            ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
            ReadRecordResult::Record => {
                counts.push(fields);
                fields = 0;
                if counts.len() == SNIFF_RECORDS {
                    break;
                }
            }
            ReadRecordResult::End => break,
        }
    }
    counts
}

/// The delimiter by the spec's rule, or `None` while more input could still
/// change the answer.
fn detect_delimiter(buf: &[u8], last: bool) -> Option<u8> {
    let all: Vec<Vec<usize>> = DELIMITER_CANDIDATES
        .iter()
        .map(|&d| field_counts(buf, d, last))
        .collect();
    if !last && all.iter().any(|c| c.len() < SNIFF_RECORDS) {
        return None;
    }
    let mut best: Option<(u8, usize)> = None;
    for (&d, counts) in DELIMITER_CANDIDATES.iter().zip(&all) {
        let Some(&n) = counts.first() else { continue };
        if n > 1 && counts.iter().all(|&c| c == n) && best.is_none_or(|(_, m)| n > m) {
            best = Some((d, n));
        }
    }
    Some(best.map_or(b',', |(d, _)| d))
}

fn malformed(name: &str, message: &str) -> EngineError {
    EngineError::Malformed {
        pos: Position {
            file: name.to_string(),
            line: None,
            column: None,
        },
        message: message.to_string(),
    }
}

/// Cuts records and types their fields.
///
/// Two paths give the same records. The fast path takes a whole line (up to
/// `\n`, within the chunk at hand) that holds no quote and no CR, and splits
/// it at the delimiter in place: for such a line that is all `csv-core` would
/// do, and most lines of most files are such lines. Everything else (quoted
/// fields, CR line ends, a line cut by the chunk's end) goes through
/// `csv-core`'s DFA, which keeps its state across chunks. The fast path runs
/// only between records, when `csv-core` holds nothing, and both keep one line
/// count.
struct Parser {
    name: String,
    delimiter: u8,
    rdr: csv_core::Reader,
    /// `csv-core` has been given input (see `parse` on the byte-order mark).
    core_started: bool,
    /// `csv-core` is inside a record (it consumed more than blank lines since
    /// the last record it returned).
    core_in_record: bool,
    /// The 1-based line of the next byte.
    line: u64,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// The last byte consumed, to tell whether a record ended on `\n`.
    last_byte: u8,
    header: Option<Vec<Vec<u8>>>,
    columns: Vec<ColumnBuilder>,
    rows: usize,
    /// The line of the first value that is not UTF-8, once one was seen.
    not_utf8_at: Option<u64>,
}

impl Parser {
    fn new(delimiter: u8, name: String) -> Self {
        Parser {
            name,
            delimiter,
            rdr: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            core_started: false,
            core_in_record: false,
            line: 1,
            out: vec![0; 64 * 1024],
            out_len: 0,
            ends: vec![0; 256],
            ends_len: 0,
            last_byte: 0,
            header: None,
            columns: Vec::new(),
            rows: 0,
            not_utf8_at: None,
        }
    }

    fn parse(&mut self, mut input: &[u8], last: bool) -> Result<()> {
        let mut idle = 0;
        loop {
            if !self.core_in_record {
                input = self.fast_lines(input)?;
            }
            if input.is_empty() && !last {
                return Ok(());
            }
            // csv-core drops a UTF-8 byte-order mark on its first read when
            // that read has three bytes or more, so whether it did would
            // depend on chunk sizes; a first read of one byte never drops it.
            // (The file's own mark was already removed.)
            let take = if self.core_started {
                input.len()
            } else {
                input.len().min(1)
            };
            self.core_started |= take > 0;
            self.rdr.set_line(self.line);
            let (res, nin, nout, nend) = self.rdr.read_record(
                &input[..take],
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.line = self.rdr.line();
            let consumed = &input[..nin];
            self.last_byte = consumed.last().copied().unwrap_or(0);
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    self.core_in_record |= consumed.iter().any(|&b| b != b'\n' && b != b'\r');
                    if input.is_empty() {
                        // With the input over, csv-core answers the next,
                        // empty read with the final record or `End`.
                        idle += 1;
                        if !last || idle > 2 {
                            return Ok(());
                        }
                    }
                }
                ReadRecordResult::OutputFull => {
                    self.core_in_record = true;
                    let n = self.out.len().max(1024) * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    self.core_in_record = true;
                    let n = self.ends.len().max(16) * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    self.core_record()?;
                    self.out_len = 0;
                    self.ends_len = 0;
                    self.core_in_record = false;
                }
                ReadRecordResult::End => return Ok(()),
            }
        }
    }

    /// Takes the simple lines at the start of `input` (see the type's docs);
    /// returns the rest.
    fn fast_lines<'a>(&mut self, mut input: &'a [u8]) -> Result<&'a [u8]> {
        while let Some(nl) = memchr::memchr(b'\n', input) {
            let line = &input[..nl];
            if memchr::memchr2(b'"', b'\r', line).is_some() {
                break;
            }
            if !line.is_empty() {
                self.line_record(line)?;
            }
            self.line += 1;
            input = &input[nl + 1..];
        }
        Ok(input)
    }

    /// One simple line, split at the delimiter.
    fn line_record(&mut self, line: &[u8]) -> Result<()> {
        let delimiter = self.delimiter;
        if self.header.is_none() {
            let fields = line.split(|&b| b == delimiter).map(<[u8]>::to_vec);
            return self.header_record(fields.collect(), self.line);
        }
        let check = self.not_utf8_at.is_none();
        let mut bad = false;
        let mut rest = line;
        let n = self.columns.len();
        let mut complete = false;
        for (i, column) in self.columns.iter_mut().enumerate() {
            let is_last = i + 1 == n;
            // Numbers take one pass; other fields are cut, then typed. Fields
            // are short, so a plain loop beats a vectorised search here.
            let len = match column.push_plain_number(rest, delimiter) {
                Some(len) => len,
                None => {
                    let len = rest
                        .iter()
                        .position(|&b| b == delimiter)
                        .unwrap_or(rest.len());
                    bad |= column.push(&rest[..len], check);
                    len
                }
            };
            if len == rest.len() {
                // The line ends here: right only for the last column.
                complete = is_last;
                break;
            }
            if is_last {
                break;
            }
            rest = &rest[len + 1..];
        }
        if complete {
            if bad {
                self.not_utf8_at = Some(self.line);
            }
            self.rows += 1;
            return Ok(());
        }
        Err(EngineError::UnequalLengths {
            pos: Position {
                file: self.name.clone(),
                line: Some(self.line),
                column: None,
            },
            expected_len: n as u64,
            len: memchr::memchr_iter(delimiter, line).count() as u64 + 1,
        })
    }

    /// The 1-based physical line where the record csv-core just cut starts:
    /// the line count, less the newlines inside its quoted fields and the
    /// `\n` that ended it.
    fn record_line(&self) -> u64 {
        let inside = self.out[..self.out_len]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        let ending = u64::from(self.last_byte == b'\n');
        self.line.saturating_sub(inside + ending).max(1)
    }

    /// The header, which starts at `line`.
    fn header_record(&mut self, names: Vec<Vec<u8>>, line: u64) -> Result<()> {
        if self.not_utf8_at.is_none() && names.iter().any(|n| std::str::from_utf8(n).is_err()) {
            self.not_utf8_at = Some(line);
        }
        self.columns = names.iter().map(|_| ColumnBuilder::default()).collect();
        self.header = Some(names);
        Ok(())
    }

    /// The record csv-core just cut.
    fn core_record(&mut self) -> Result<()> {
        let ends = &self.ends[..self.ends_len];
        let Some(header) = &self.header else {
            let mut names = Vec::with_capacity(ends.len());
            let mut start = 0;
            for &end in ends {
                names.push(self.out.get(start..end).unwrap_or(&[]).to_vec());
                start = end;
            }
            let line = self.record_line();
            return self.header_record(names, line);
        };
        if ends.len() != header.len() {
            return Err(EngineError::UnequalLengths {
                pos: Position {
                    file: self.name.clone(),
                    line: Some(self.record_line()),
                    column: None,
                },
                expected_len: header.len() as u64,
                len: ends.len() as u64,
            });
        }
        let check = self.not_utf8_at.is_none();
        let mut bad = false;
        let mut start = 0;
        for (column, &end) in self.columns.iter_mut().zip(ends) {
            let raw = self.out.get(start..end).unwrap_or(&[]);
            bad |= column.push(raw, check);
            start = end;
        }
        if bad {
            self.not_utf8_at = Some(self.record_line());
        }
        self.rows += 1;
        Ok(())
    }

    fn finish(self) -> Result<Table> {
        let Some(header) = self.header else {
            return Err(malformed(&self.name, "the file is empty: no header row"));
        };
        let windows_1252 = self.not_utf8_at.is_some();
        let mut warnings = Vec::new();
        if let Some(line) = self.not_utf8_at {
            warnings.push(format!(
                "{}: the file is not valid UTF-8 (first at line {line}); \
                 it was read as Windows-1252",
                self.name
            ));
        }
        let names = unique_names(
            header
                .into_iter()
                .map(|raw| decode_text(raw, windows_1252))
                .collect(),
            &self.name,
            &mut warnings,
        );
        let columns = self
            .columns
            .into_iter()
            .zip(names)
            .map(|(builder, name)| builder.finish(name, windows_1252))
            .collect();
        Ok(Table {
            name: self.name,
            columns,
            n_rows: self.rows,
            source: SourceInfo {
                delimiter: self.delimiter,
                encoding: if windows_1252 {
                    "windows-1252"
                } else {
                    "utf-8"
                }
                .into(),
                bytes: 0,
            },
            warnings,
        })
    }
}

/// Empty names become `column_N`; repeats get `_2`, `_3`, ...; each change is
/// reported in `warnings`.
fn unique_names(names: Vec<String>, file: &str, warnings: &mut Vec<String>) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = names.iter().cloned().collect();
    let mut seen = std::collections::HashSet::new();
    let mut result = Vec::with_capacity(names.len());
    for (i, name) in names.into_iter().enumerate() {
        let (fresh, warning) = if name.trim().is_empty() {
            let fresh = free_name(&taken, &format!("column_{}", i + 1), true);
            let warning = format!(
                "{file}: column {} has no name in the header; it is called \"{fresh}\"",
                i + 1
            );
            (fresh, warning)
        } else if !seen.insert(name.clone()) {
            let fresh = free_name(&taken, &name, false);
            let warning = format!(
                "{file}: the header repeats \"{name}\"; column {} is called \"{fresh}\"",
                i + 1
            );
            (fresh, warning)
        } else {
            result.push(name);
            continue;
        };
        warnings.push(warning);
        taken.insert(fresh.clone());
        seen.insert(fresh.clone());
        result.push(fresh);
    }
    result
}

/// `base` itself when `plain` and it is free, else the first free `base_2`,
/// `base_3`, ...
fn free_name(taken: &std::collections::HashSet<String>, base: &str, plain: bool) -> String {
    if plain && !taken.contains(base) {
        return base.to_string();
    }
    (2u64..)
        .map(|k| format!("{base}_{k}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

/// Reads a whole CSV held in memory.
pub fn read_csv(bytes: &[u8], options: &CsvOptions) -> Result<Table> {
    let mut loader = CsvLoader::new(options.clone());
    loader.push(bytes)?;
    loader.finish()
}

#[cfg(test)]
mod tests;

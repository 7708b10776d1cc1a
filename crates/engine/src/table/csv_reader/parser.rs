//! Records cut and their fields typed, chunk by chunk: a fast path for
//! plain lines, `csv-core`'s DFA for everything else (see [`Parser`]).

use super::header::unique_names;
use super::infer::{decode_text, ColumnBuilder};
use super::malformed;
use crate::basics::error::{EngineError, Position, Result};
use crate::table::{SourceInfo, Table};
use csv_core::ReadRecordResult;

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
pub(super) struct Parser {
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
    pub(super) rows: usize,
    /// The line of the first value that is not UTF-8, once one was seen.
    not_utf8_at: Option<u64>,
}

impl Parser {
    pub(super) fn new(delimiter: u8, name: String) -> Self {
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

    pub(super) fn parse(&mut self, mut input: &[u8], last: bool) -> Result<()> {
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

    pub(super) fn finish(self) -> Result<Table> {
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
        let columns: Vec<_> = self
            .columns
            .into_iter()
            .zip(names)
            .map(|(builder, name)| builder.finish(name, windows_1252))
            .collect();
        if self.delimiter != b',' {
            for c in &columns {
                if let Some(example) = decimal_comma_example(c) {
                    warnings.push(format!(
                        "{}: column \"{}\" holds numbers with a decimal comma (\"{example}\"); \
                         it is read as text, since a number's decimal point is '.': \
                         export the file with '.' decimals to read it as numbers",
                        self.name, c.name
                    ));
                }
            }
        }
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

/// A value of `column` written with a decimal comma (`1,52`, `-0,5`,
/// `1.234,5`) when every one of its values looks so and one has a comma:
/// the export of a spreadsheet set to a European locale.
fn decimal_comma_example(column: &crate::table::Column) -> Option<&str> {
    let crate::table::ColumnData::Categorical { dictionary, .. } = &column.data else {
        return None;
    };
    let looks_so = |v: &str| {
        let v = v.trim_matches([' ', '\t']);
        let v = v.strip_prefix(['-', '+']).unwrap_or(v);
        let (whole, fraction) = v.split_once(',').unwrap_or((v, "0"));
        let groups_ok = whole.split('.').enumerate().all(|(i, g)| {
            !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()) && (i == 0 || g.len() == 3)
        });
        groups_ok && !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit())
    };
    if dictionary.is_empty() || !dictionary.iter().all(|v| looks_so(v)) {
        return None;
    }
    dictionary
        .iter()
        .find(|v| v.contains(','))
        .map(String::as_str)
}

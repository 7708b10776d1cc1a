//! Writing the split files (`mlops split --out`, the Split lab's downloads).
//!
//! Why re-read the source: the table keeps numbers as `f64` and drops the
//! text, so writing from it would turn `0.50` into `0.5` and `1e3` into
//! `1000`. A split file must hold exactly the rows of the input, so the
//! source bytes are parsed again and every field is copied byte for byte.

use crate::basics::error::{EngineError, Result};
use crate::table::Table;
use std::borrow::Cow;

/// Writes each split's rows as CSV, re-reading the source so every field keeps
/// exactly its input text (`docs/cli.md`, `--out`). Returns one file's
/// bytes per split, in split order.
///
/// Rules: the input's header first, then the split's rows in their original
/// order; fields are the parsed (unquoted) input text; the delimiter is
/// `table.source.delimiter` (`,` when unset); UTF-8 without BOM (UTF-16 and
/// Windows-1252 sources, per `table.source.encoding`, are transcoded with
/// `crate::basics::text_encoding`); `\n` after every record; a field is quoted only when it
/// contains the delimiter, `"`, CR or LF, with `"` doubled. One exception:
/// a record made of a single empty field is written as `""`, since an empty
/// line would be skipped when read back and the row would vanish.
///
/// Records are cut by the `csv` crate with the same defaults as the reader
/// (`csv-core`: blank lines skipped, a quote inside an unquoted field kept
/// as text). The number of data records must equal `assignment.len()`;
/// anything else means the bytes are not the table's source.
pub fn export_splits(
    source: &[u8],
    table: &Table,
    assignment: &[u8],
    n_splits: usize,
) -> Result<Vec<Vec<u8>>> {
    let text = decode(source, &table.source.encoding, &table.name)?;
    let delimiter = delimiter_of(table);
    let mut reader = source_reader(&text, delimiter);
    let mut files: Vec<Vec<u8>> = vec![Vec::new(); n_splits];
    let mut record = csv::ByteRecord::new();
    let mut row: Option<usize> = None; // None while reading the header
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            EngineError::unusable(&table.name, format!("could not re-read the file: {e}"))
        })?;
        if !more {
            break;
        }
        match row {
            None => {
                for file in files.iter_mut() {
                    write_record(file, &record, delimiter);
                }
                row = Some(0);
            }
            Some(i) => {
                let split = assignment
                    .get(i)
                    .ok_or_else(|| mismatch(table, assignment, i + 1))?;
                let file = files.get_mut(*split as usize).ok_or_else(|| {
                    EngineError::bad_request(format!(
                        "row {} is assigned to split {split}, but there are {n_splits} splits",
                        i + 1
                    ))
                })?;
                write_record(file, &record, delimiter);
                row = Some(i + 1);
            }
        }
    }
    let rows = row.unwrap_or(0);
    if rows != assignment.len() {
        return Err(mismatch(table, assignment, rows));
    }
    if row.is_none() {
        return Err(EngineError::unusable(&table.name, "the file has no header"));
    }
    Ok(files)
}

/// The source with columns appended: every input row, in order, its fields
/// written back as [`export_splits`] writes them, then `columns[k][row]`
/// under the header `names[k]` (`mlops train --predictions-out`,
/// `mlops predict`).
pub fn append_columns(
    source: &[u8],
    table: &Table,
    names: &[&str],
    columns: &[Vec<String>],
) -> Result<Vec<u8>> {
    let text = decode(source, &table.source.encoding, &table.name)?;
    let delimiter = delimiter_of(table);
    let mut reader = source_reader(&text, delimiter);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut row: Option<usize> = None;
    while reader.read_byte_record(&mut record).map_err(|e| {
        EngineError::unusable(&table.name, format!("could not re-read the file: {e}"))
    })? {
        match row {
            None => names.iter().for_each(|n| record.push_field(n.as_bytes())),
            Some(i) => {
                for column in columns {
                    let value = column.get(i).ok_or_else(|| {
                        EngineError::unusable(
                            &table.name,
                            "the file has more rows than were scored",
                        )
                    })?;
                    record.push_field(value.as_bytes());
                }
            }
        }
        write_record(&mut out, &record, delimiter);
        row = Some(row.map_or(0, |i| i + 1));
    }
    if row.is_none() {
        return Err(EngineError::unusable(&table.name, "the file has no header"));
    }
    Ok(out)
}

/// Every record of the source, the header first, cut and decoded as
/// [`export_splits`] reads them (`mlops simulate --out` copies rows from
/// them).
pub fn source_records(source: &[u8], table: &Table) -> Result<Vec<csv::ByteRecord>> {
    let text = decode(source, &table.source.encoding, &table.name)?;
    let mut reader = source_reader(&text, delimiter_of(table));
    let mut records = Vec::with_capacity(table.n_rows + 1);
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(|e| {
        EngineError::unusable(&table.name, format!("could not re-read the file: {e}"))
    })? {
        records.push(record.clone());
    }
    if records.len() != table.n_rows + 1 {
        return Err(mismatch(
            table,
            &vec![0; table.n_rows],
            records.len().saturating_sub(1),
        ));
    }
    Ok(records)
}

/// The delimiter the table was read with (`,` when unset).
pub(crate) fn delimiter_of(table: &Table) -> u8 {
    match table.source.delimiter {
        0 => b',',
        d => d,
    }
}

/// A reader of the decoded source's records, header included, cut as the
/// table's reader cut them.
fn source_reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text)
}

fn mismatch(table: &Table, assignment: &[u8], rows: usize) -> EngineError {
    EngineError::unusable(
        &table.name,
        format!(
            "the file has {}{rows} rows but the split covers {}; was it changed since it was read?",
            if rows > assignment.len() {
                "at least "
            } else {
                ""
            },
            assignment.len()
        ),
    )
}

/// The source as UTF-8 bytes: a UTF-8 BOM dropped, UTF-16 and Windows-1252
/// transcoded.
fn decode<'a>(source: &'a [u8], encoding: &str, name: &str) -> Result<Cow<'a, [u8]>> {
    let utf8 =
        |bytes: &'a [u8]| Cow::Borrowed(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let text: Cow<'a, str> = match encoding.to_ascii_lowercase().as_str() {
        "" | "utf-8" | "utf8" => return Ok(utf8(source)),
        "utf-16le" => Cow::Owned(crate::basics::text_encoding::utf16_to_string(
            source.strip_prefix(b"\xFF\xFE").unwrap_or(source),
            false,
        )),
        "utf-16be" => Cow::Owned(crate::basics::text_encoding::utf16_to_string(
            source.strip_prefix(b"\xFE\xFF").unwrap_or(source),
            true,
        )),
        "windows-1252" => {
            let bytes = source.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(source);
            Cow::Owned(crate::basics::text_encoding::windows_1252_to_string(bytes))
        }
        other => {
            return Err(EngineError::unusable(
                name,
                format!("cannot write split files from a source in the \"{other}\" encoding"),
            ))
        }
    };
    Ok(match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    })
}

/// Appends one record: fields joined by the delimiter, quoted only when
/// needed, then `\n`.
pub(crate) fn write_record(out: &mut Vec<u8>, record: &csv::ByteRecord, delimiter: u8) {
    if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
        out.extend_from_slice(b"\"\"\n");
        return;
    }
    for (i, field) in record.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        let needs_quotes = field
            .iter()
            .any(|&b| b == delimiter || b == b'"' || b == b'\r' || b == b'\n');
        if needs_quotes {
            out.push(b'"');
            for &b in field {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(field);
        }
    }
    out.push(b'\n');
}

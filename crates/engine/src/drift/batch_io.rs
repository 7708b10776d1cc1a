//! A simulated batch as a table (for the drift tests and the timeline)
//! and as CSV (`mlops simulate --out`): the reference's rows with the
//! batch's edits, every untouched field keeping its input text.

use super::scenario::Change;
use super::simulate::Batch;
use crate::basics::error::Result;
use crate::split::export::{delimiter_of, source_records, write_record};
use crate::table::{format_number, Bitmap, Column, ColumnData, Table, MISSING_BOOL, MISSING_CODE};

/// The batch's rows of `table` with its edits applied.
pub fn batch_table(table: &Table, batch: &Batch, name: String) -> Table {
    let rows = &batch.rows;
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let edits = (ci == batch.column && !batch.edits.is_empty()).then_some(&batch.edits[..]);
            Column {
                name: c.name.clone(),
                data: gather(&c.data, rows, edits),
            }
        })
        .collect();
    Table {
        name,
        columns,
        n_rows: rows.len(),
        source: table.source.clone(),
        warnings: Vec::new(),
    }
}

fn gather(data: &ColumnData, rows: &[u32], edits: Option<&[Change]>) -> ColumnData {
    let edit = |k: usize| edits.and_then(|e| e.get(k)).unwrap_or(&Change::Keep);
    match data {
        ColumnData::Numeric { values, missing } => {
            let mut out = Vec::with_capacity(rows.len());
            let mut miss = Bitmap::with_capacity(rows.len());
            for (k, &r) in rows.iter().enumerate() {
                let (v, m) = match edit(k) {
                    Change::Number(x) => (*x, false),
                    Change::Missing => (f64::NAN, true),
                    Change::Text(t) => t
                        .trim()
                        .parse::<f64>()
                        .map_or((f64::NAN, true), |x| (x, false)),
                    Change::Keep => (values[r as usize], missing.get(r as usize)),
                };
                out.push(v);
                miss.push(m);
            }
            ColumnData::Numeric {
                values: out,
                missing: miss,
            }
        }
        ColumnData::Categorical { codes, dictionary } => {
            let mut dictionary = dictionary.clone();
            let codes = rows
                .iter()
                .enumerate()
                .map(|(k, &r)| match edit(k) {
                    Change::Keep => codes[r as usize],
                    Change::Missing => MISSING_CODE,
                    Change::Number(x) => code_of(&mut dictionary, &format_number(*x)),
                    Change::Text(t) => code_of(&mut dictionary, t),
                })
                .collect();
            ColumnData::Categorical { codes, dictionary }
        }
        ColumnData::Boolean { values } => ColumnData::Boolean {
            values: rows
                .iter()
                .enumerate()
                .map(|(k, &r)| match edit(k) {
                    Change::Keep => values[r as usize],
                    Change::Text(t) => u8::from(t.eq_ignore_ascii_case("true")),
                    _ => MISSING_BOOL,
                })
                .collect(),
        },
    }
}

fn code_of(dictionary: &mut Vec<String>, text: &str) -> u32 {
    match dictionary.iter().position(|d| d == text) {
        Some(i) => i as u32,
        None => {
            dictionary.push(text.to_string());
            dictionary.len() as u32 - 1
        }
    }
}

/// The batches as CSV files: the reference's header and delimiter, each
/// row's fields as read, the edited field written anew (a number as the
/// shortest text that reads back as the same f64, missing as empty).
pub fn batch_files(source: &[u8], table: &Table, batches: &[Batch]) -> Result<Vec<Vec<u8>>> {
    let records = source_records(source, table)?;
    let delimiter = delimiter_of(table);
    let mut files = Vec::with_capacity(batches.len());
    for batch in batches {
        let mut out = Vec::new();
        if let Some(header) = records.first() {
            write_record(&mut out, header, delimiter);
        }
        for (k, &r) in batch.rows.iter().enumerate() {
            let Some(record) = records.get(r as usize + 1) else {
                continue;
            };
            match batch.edits.get(k).unwrap_or(&Change::Keep) {
                Change::Keep => write_record(&mut out, record, delimiter),
                change => {
                    let text = match change {
                        Change::Number(x) => format_number(*x),
                        Change::Text(t) => t.clone(),
                        _ => String::new(),
                    };
                    let edited: csv::ByteRecord = record
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            if i == batch.column {
                                text.as_bytes()
                            } else {
                                f
                            }
                        })
                        .collect();
                    write_record(&mut out, &edited, delimiter);
                }
            }
        }
        files.push(out);
    }
    Ok(files)
}

/// The simulated batches as named tables (`batch-001.csv`, …, the file
/// names `mlops simulate --out` writes, which `mlops monitor` reports the
/// batches by).
pub fn named_batches(table: &Table, batches: &[Batch]) -> Vec<(String, Table)> {
    batches
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let name = format!("batch-{:03}.csv", i + 1);
            (name.clone(), batch_table(table, b, name))
        })
        .collect()
}

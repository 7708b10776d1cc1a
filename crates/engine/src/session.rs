//! The engine's state between requests: the loaded datasets.
//!
//! The browser's worker keeps one `Session` for the page's lifetime; the CLI
//! makes one per command. A failed load leaves the previous working dataset
//! in place, so a bad file never costs the user their data.

use crate::api::ExportedFile;
use crate::api::{ColumnInfo, DatasetSummary, Request, Response};
use crate::error::{EngineError, Result};
use crate::table::positive_index;
use crate::table::{profile, profile_with_progress, read_csv, CsvLoader, CsvOptions, Table};
use crate::{agreement, samples, split, what_if};

/// Rows shown in the Data lab's preview.
pub const PREVIEW_ROWS: usize = 10;

/// Loaded datasets and the one being worked on.
#[derive(Debug, Default)]
pub struct Session {
    working: Option<Table>,
    /// The built-in sample the working dataset came from, if any (its text
    /// is the source for exports).
    working_sample: Option<String>,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn working(&self) -> Result<&Table> {
        self.working
            .as_ref()
            .ok_or_else(|| EngineError::UnknownDataset {
                name: "(none loaded)".into(),
            })
    }

    /// Answers a request. `bytes` carries a file's content for `LoadCsv`.
    pub fn handle(&mut self, request: Request, bytes: Option<&[u8]>) -> Response {
        match self.try_handle(request, bytes) {
            Ok(r) => r,
            Err(e) => Response::from_error(&e),
        }
    }

    fn try_handle(&mut self, request: Request, bytes: Option<&[u8]>) -> Result<Response> {
        match request {
            Request::LoadSample { id } => {
                let csv = samples::csv(&id)
                    .ok_or_else(|| EngineError::UnknownDataset { name: id.clone() })?;
                let table = read_csv(
                    csv.as_bytes(),
                    &CsvOptions {
                        name: id.clone(),
                        delimiter: None,
                    },
                )?;
                let response = self.adopt(table);
                self.working_sample = Some(id);
                Ok(response)
            }
            Request::LoadCsv { name, delimiter } => {
                let bytes = bytes.ok_or_else(|| {
                    EngineError::bad_request(format!("{name}: no file content was sent"))
                })?;
                let mut load = CsvLoad::begin(name, delimiter.as_deref())?;
                load.push(bytes)?;
                Ok(self.finish_load(load, &mut |_| {}))
            }
            Request::Profile => Ok(Response::Profile(profile(self.working()?))),
            Request::Agreement { raters } => Ok(Response::Agreement(agreement::agreement(
                self.working()?,
                &raters,
            )?)),
            Request::LabelCheck { target } => {
                let table = self.working()?;
                table.column(&target)?;
                let raters = crate::suggest::raters(table, &target);
                let report = if raters.len() >= 2 {
                    Some(agreement::agreement(table, &raters)?)
                } else {
                    None
                };
                Ok(Response::LabelCheck { report })
            }
            Request::Split(req) => Ok(Response::Split(
                split::split_table(self.working()?, &req)?.report,
            )),
            Request::Lottery {
                target,
                ratios,
                seeds,
                base_seed,
                rows,
            } => {
                let classes = self.working()?.column(&target)?.class_index();
                let counts: Vec<u64> = classes.counts().iter().map(|&c| c as u64).collect();
                let counts = match rows {
                    Some(rows) => what_if::scale_counts(&counts, rows),
                    None => counts,
                };
                let report = split::lottery::lottery(&counts, &ratios, seeds, base_seed)?;
                Ok(Response::Lottery {
                    report,
                    positive: positive_index(&classes.labels),
                    labels: classes.labels,
                })
            }
            Request::ExportSplits(req) => {
                let table = self.working()?;
                let sample_text;
                let source: &[u8] = match (bytes, &self.working_sample) {
                    (Some(b), _) => b,
                    (None, Some(id)) => {
                        sample_text = samples::csv(id).unwrap_or_default();
                        sample_text.as_bytes()
                    }
                    (None, None) => {
                        return Err(EngineError::bad_request(format!(
                            "{}: the file's content is needed to write the splits",
                            table.name
                        )))
                    }
                };
                let outcome = split::split_table(table, &req)?;
                let n = outcome.report.splits.len();
                let files = split::export_splits(source, table, &outcome.assignment, n)?;
                let files = split::split_names(n)
                    .iter()
                    .zip(files)
                    .map(|(name, bytes)| ExportedFile {
                        name: format!("{name}.csv"),
                        csv: String::from_utf8_lossy(&bytes).into_owned(),
                    })
                    .collect();
                Ok(Response::Exported { files })
            }
            Request::Leakage { split: req, column } => {
                let table = self.working()?;
                let outcome = split::split_table(table, &req)?;
                let names = split::split_names(outcome.report.splits.len());
                Ok(Response::Leakage(what_if::leakage(
                    table,
                    &column,
                    &outcome.assignment,
                    names,
                )?))
            }
        }
    }

    /// Ends a [`CsvLoad`]: the table read becomes the working dataset (with
    /// its summary and profile, `progress` hearing 0..1 while it is
    /// profiled), or, if the file is broken, the error comes back and the
    /// previous dataset stays.
    pub fn finish_load(&mut self, load: CsvLoad, progress: &mut dyn FnMut(f64)) -> Response {
        match load.loader.finish() {
            Ok(table) => self.adopt_with_progress(table, progress),
            Err(e) => Response::from_error(&e),
        }
    }

    /// Makes `table` the working dataset and describes it.
    pub fn adopt(&mut self, table: Table) -> Response {
        self.adopt_with_progress(table, &mut |_| {})
    }

    /// [`Session::adopt`], reporting profiling progress 0..1.
    pub fn adopt_with_progress(&mut self, table: Table, progress: &mut dyn FnMut(f64)) -> Response {
        let dataset = summarize(&table);
        let profile = profile_with_progress(&table, &mut |done, total| {
            progress(done as f64 / total.max(1) as f64)
        });
        self.working = Some(table);
        self.working_sample = None;
        Response::Loaded { dataset, profile }
    }
}

/// A CSV file on its way into the session, chunk by chunk: the one path of
/// every load. `Session::handle(LoadCsv)` pushes the whole file at once; the
/// browser's worker pushes each chunk of the `File`'s stream as it arrives,
/// so reading overlaps parsing and no copy of the whole file is held.
#[derive(Debug)]
pub struct CsvLoad {
    loader: CsvLoader,
}

impl CsvLoad {
    /// Starts reading a file called `name` (`delimiter`: one character,
    /// `tab`, or `None` to detect it).
    pub fn begin(name: String, delimiter: Option<&str>) -> Result<CsvLoad> {
        let delimiter = parse_delimiter(delimiter)?;
        Ok(CsvLoad {
            loader: CsvLoader::new(CsvOptions { name, delimiter }),
        })
    }

    /// Reads the next bytes of the file.
    pub fn push(&mut self, bytes: &[u8]) -> Result<()> {
        self.loader.push(bytes).map(|_| ())
    }
}

/// Parses a delimiter option: one character, or the word `tab`.
pub fn parse_delimiter(text: Option<&str>) -> Result<Option<u8>> {
    match text {
        None | Some("") => Ok(None),
        Some(t) if t.eq_ignore_ascii_case("tab") || t == "\\t" => Ok(Some(b'\t')),
        Some(t) if t.len() == 1 && t.is_ascii() => Ok(Some(t.as_bytes()[0])),
        Some(t) => Err(EngineError::bad_request(format!(
            "delimiter must be one character or \"tab\", not \"{t}\""
        ))),
    }
}

/// The header's and the Data lab's description of a table.
pub fn summarize(table: &Table) -> DatasetSummary {
    let rows = table.n_rows.min(PREVIEW_ROWS);
    DatasetSummary {
        name: table.name.clone(),
        rows: table.n_rows as u64,
        columns: table
            .columns
            .iter()
            .map(|c| ColumnInfo {
                name: c.name.clone(),
                kind: c.kind(),
            })
            .collect(),
        delimiter: (table.source.delimiter as char).to_string(),
        encoding: table.source.encoding.clone(),
        bytes: table.source.bytes,
        preview: (0..rows)
            .map(|r| {
                table
                    .columns
                    .iter()
                    .map(|c| c.text(r).map(|t| t.into_owned()).unwrap_or_default())
                    .collect()
            })
            .collect(),
        suggested_target: crate::suggest::target(table),
        label_columns: crate::suggest::label_columns(table),
        warnings: table.warnings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_parsing() {
        assert_eq!(parse_delimiter(None).unwrap(), None);
        assert_eq!(parse_delimiter(Some("tab")).unwrap(), Some(b'\t'));
        assert_eq!(parse_delimiter(Some(";")).unwrap(), Some(b';'));
        assert!(parse_delimiter(Some(";;")).unwrap_err().is_usage());
    }

    #[test]
    fn unknown_sample_is_an_error_response() {
        let mut s = Session::new();
        let r = s.handle(Request::LoadSample { id: "nope".into() }, None);
        assert!(matches!(r, Response::Error { usage: false, .. }));
    }

    #[test]
    fn requests_without_data_say_so() {
        let mut s = Session::new();
        match s.handle(Request::Profile, None) {
            Response::Error { message, .. } => assert!(message.contains("no dataset")),
            other => panic!("unexpected {other:?}"),
        }
    }
}

//! Every load, one path: a CSV read chunk by chunk into a [`CsvLoad`], then
//! [`finish`]: the table becomes the working dataset, summarised and
//! profiled, or the error comes back and the previous dataset stays.
//!
//! Why chunks: the browser's worker pushes each chunk of a `File`'s stream
//! as it arrives, so reading overlaps parsing and no copy of the whole file
//! is held; the CLI and `Request::LoadCsv` push the whole file at once; a
//! built-in sample pushes its text. All three meet the same reader.

use super::{summarize, Response};
use crate::basics::error::{EngineError, Result};
use crate::state::{Datasets, Role};
use crate::table::{profile_with_progress, CsvLoader, CsvOptions};

/// A CSV file on its way into the engine's datasets.
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

/// Ends a load: the table read becomes the working dataset (`sample`: the
/// built-in dataset it is, if any), with its summary and profile;
/// `progress` hears 0..1 while it is profiled.
pub fn finish(
    datasets: &mut Datasets,
    load: CsvLoad,
    sample: Option<String>,
    progress: &mut dyn FnMut(f64),
) -> Result<Response> {
    let table = load.loader.finish()?;
    let profile = profile_with_progress(&table, &mut |done, total| {
        progress(done as f64 / total.max(1) as f64)
    });
    let d = datasets.put(Role::Working, table, sample);
    Ok(Response::Loaded {
        dataset: summarize(&d.table, d.generation),
        profile,
    })
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
    fn a_broken_file_keeps_the_previous_dataset_and_every_load_is_a_new_generation() {
        let mut s = Datasets::default();
        let mut load = CsvLoad::begin("a.csv".into(), None).unwrap();
        load.push(b"x,y\n1,2\n").unwrap();
        let first = match finish(&mut s, load, None, &mut |_| {}).unwrap() {
            Response::Loaded { dataset, .. } => dataset.generation,
            other => panic!("{other:?}"),
        };
        let mut broken = CsvLoad::begin("b.csv".into(), None).unwrap();
        let _ = broken.push(b"x,y\n1,2\n3\n");
        assert!(finish(&mut s, broken, None, &mut |_| {}).is_err());
        assert_eq!(s.working().unwrap().name, "a.csv");
        // The same bytes again: another generation.
        let mut again = CsvLoad::begin("a.csv".into(), None).unwrap();
        again.push(b"x,y\n1,2\n").unwrap();
        match finish(&mut s, again, None, &mut |_| {}).unwrap() {
            Response::Loaded { dataset, .. } => assert_ne!(dataset.generation, first),
            other => panic!("{other:?}"),
        }
    }
}

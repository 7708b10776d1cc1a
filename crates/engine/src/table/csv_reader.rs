//! CSV → typed columns (stub: the real reader replaces this file).
//!
//! Rules: `shared/spec/cli.md` ("Common rules").

use super::Table;
use crate::error::{EngineError, Result};

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
    pub bytes_read: u64,
    pub rows_read: u64,
}

/// An incremental CSV reader: feed it chunks, then [`CsvLoader::finish`].
#[derive(Debug)]
pub struct CsvLoader {
    options: CsvOptions,
    buffer: Vec<u8>,
}

impl CsvLoader {
    pub fn new(options: CsvOptions) -> Self {
        CsvLoader {
            options,
            buffer: Vec::new(),
        }
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<LoadProgress> {
        self.buffer.extend_from_slice(chunk);
        Ok(LoadProgress {
            bytes_read: self.buffer.len() as u64,
            rows_read: 0,
        })
    }

    /// Ends the input and returns the table.
    pub fn finish(self) -> Result<Table> {
        Err(EngineError::Malformed {
            pos: crate::error::Position {
                file: self.options.name,
                line: None,
                column: None,
            },
            message: "CSV reader not built yet".into(),
        })
    }
}

/// Reads a whole CSV held in memory.
pub fn read_csv(bytes: &[u8], options: &CsvOptions) -> Result<Table> {
    let mut loader = CsvLoader::new(options.clone());
    loader.push(bytes)?;
    loader.finish()
}

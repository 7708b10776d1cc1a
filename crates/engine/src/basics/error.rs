//! Positioned errors, in the manner of the `csv` crate: every error that comes
//! from a file says which file, and the line and column where one applies, so
//! a person can open the file and find the problem.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where in an input a problem is. Lines and columns are 1-based, as an
/// editor shows them; `column` is the field number within the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Position {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        Ok(())
    }
}

/// Every way the engine can refuse an input. The `Display` text is what the
/// CLI prints after `error:` and what the page shows in its error banner.
/// Externally tagged (serde's default): the worker sends it to the page in
/// postcard, which cannot read internally tagged enums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EngineError {
    /// A record has a different number of fields than the header.
    UnequalLengths {
        pos: Position,
        expected_len: u64,
        len: u64,
    },
    /// The CSV could not be parsed at all (empty file, no header, ...).
    Malformed { pos: Position, message: String },
    /// A column named by the user does not exist.
    UnknownColumn { file: String, column: String },
    /// No built-in dataset has this name.
    UnknownDataset { name: String },
    /// Nothing is loaded in this role (`working`, `reference`, `current`).
    NoDataset { role: String },
    /// The input is well-formed but cannot be used for what was asked.
    Unusable { file: String, message: String },
    /// The request itself is wrong (bad ratios, bad option values).
    BadRequest { message: String },
    /// One setting is wrong: `setting` is its name in words (`max
    /// increase`), which the page turns into its control's label and the
    /// CLI into its flag (`--max-increase`).
    BadSetting { setting: String, message: String },
    /// The engine could not be reached or answered out of turn (the page's
    /// worker is gone, a message could not be read).
    Unavailable { message: String },
}

impl EngineError {
    /// True when the error is about how the tool was called (CLI exit 2), not
    /// about the data (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            EngineError::BadRequest { .. } | EngineError::BadSetting { .. }
        )
    }

    pub fn bad_setting(setting: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError::BadSetting {
            setting: setting.into(),
            message: message.into(),
        }
    }

    /// The message with the setting named as `name` calls it (the CLI's
    /// `--max-increase`, a page's label); other errors as they display.
    pub fn naming_setting(&self, name: impl Fn(&str) -> String) -> String {
        match self {
            EngineError::BadSetting { setting, message } => {
                format!("{}: {message}", name(setting))
            }
            other => other.to_string(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        EngineError::BadRequest {
            message: message.into(),
        }
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        EngineError::Unavailable {
            message: message.into(),
        }
    }

    pub fn unusable(file: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError::Unusable {
            file: file.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::UnequalLengths {
                pos,
                expected_len,
                len,
            } => write!(
                f,
                "{pos}: found a record with {len} fields, but the header has {expected_len}"
            ),
            EngineError::Malformed { pos, message } => write!(f, "{pos}: {message}"),
            EngineError::UnknownColumn { file, column } => {
                write!(f, "{file}: no column named \"{column}\"")
            }
            EngineError::UnknownDataset { name } => {
                write!(f, "no dataset named \"{name}\" is loaded")
            }
            EngineError::NoDataset { role } if role == "working" => {
                write!(
                    f,
                    "no working dataset is loaded: load a file or a sample first"
                )
            }
            EngineError::NoDataset { role } => write!(f, "no {role} dataset is loaded"),
            EngineError::Unusable { file, message } => write!(f, "{file}: {message}"),
            EngineError::BadSetting { setting, message } => write!(f, "{setting}: {message}"),
            EngineError::BadRequest { message } | EngineError::Unavailable { message } => {
                write!(f, "{message}")
            }
        }
    }
}

impl std::error::Error for EngineError {}

pub type Result<T> = std::result::Result<T, EngineError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unequal_lengths_names_file_line_and_counts() {
        let e = EngineError::UnequalLengths {
            pos: Position {
                file: "a.csv".into(),
                line: Some(7),
                column: None,
            },
            expected_len: 3,
            len: 4,
        };
        assert_eq!(
            e.to_string(),
            "a.csv, line 7: found a record with 4 fields, but the header has 3"
        );
        assert!(!e.is_usage());
    }
}

//! The Drift lab's requests: load a reference or a current file, compare
//! them (`mlops drift`).

use super::report::{compare, DriftReport, DriftRequest};
use super::simulate::{simulate, SimulateReport, SimulateRequest};
use crate::basics::error::{EngineError, Result};
use crate::session::{Role, Session};
use serde::{Deserialize, Serialize};

/// Which of the two datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Reference,
    Current,
}

impl Side {
    fn role(self) -> Role {
        match self {
            Side::Reference => Role::Reference,
            Side::Current => Role::Current,
        }
    }
}

/// What the Drift lab asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Read the CSV riding beside the request as the reference or current
    /// dataset.
    Load {
        side: Side,
        name: String,
        delimiter: Option<String>,
    },
    /// Compare the current dataset with the reference.
    Compare(DriftRequest),
    /// Simulate a stream of batches from the reference; with `files`, also
    /// each batch as CSV (the reference's source rides beside).
    Simulate {
        request: SimulateRequest,
        files: bool,
    },
}

/// What the Drift lab is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Loaded {
        side: Side,
        name: String,
        rows: u64,
        columns: Vec<String>,
        warnings: Vec<String>,
    },
    Compared(DriftReport),
    Simulated {
        report: SimulateReport,
        files: Vec<Vec<u8>>,
    },
}

pub fn handle(session: &mut Session, request: Request, bytes: Option<&[u8]>) -> Result<Response> {
    match request {
        Request::Load {
            side,
            name,
            delimiter,
        } => {
            let bytes = bytes.ok_or_else(|| {
                EngineError::bad_request(format!("{name}: no file content was sent"))
            })?;
            let options = crate::table::CsvOptions {
                name: name.clone(),
                delimiter: crate::data::parse_delimiter(delimiter.as_deref())?,
            };
            let table = crate::table::read_csv(bytes, &options)?;
            let answer = Response::Loaded {
                side,
                name,
                rows: table.n_rows as u64,
                columns: table.column_names(),
                warnings: table.warnings.clone(),
            };
            session.put(side.role(), table, None);
            Ok(answer)
        }
        Request::Compare(r) => {
            let missing =
                |side: &str| EngineError::bad_request(format!("no {side} dataset is loaded"));
            let reference = session
                .dataset(Role::Reference)
                .map_err(|_| missing("reference"))?;
            let current = session
                .dataset(Role::Current)
                .map_err(|_| missing("current"))?;
            let (rt, ct) = (&reference.table, &current.table);
            Ok(Response::Compared(compare(
                (rt, &rt.name),
                (ct, &ct.name),
                &r,
            )?))
        }
        Request::Simulate { request, files } => {
            let reference = session
                .dataset(Role::Reference)
                .map_err(|_| EngineError::bad_request("no reference dataset is loaded"))?;
            let table = &reference.table;
            let (report, batches) = simulate(table, &request)?;
            let files = match (files, bytes) {
                (false, _) => Vec::new(),
                (true, Some(source)) => super::batch_io::batch_files(source, table, &batches)?,
                (true, None) => {
                    return Err(EngineError::bad_request(
                        "writing batch files needs the reference's source",
                    ))
                }
            };
            Ok(Response::Simulated { report, files })
        }
    }
}

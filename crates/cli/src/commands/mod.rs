//! One file per subcommand, each with its clap `Args` and its `run`; the
//! helpers they share (reading a file into a session) are here.

pub mod agreement;
pub mod drift;
pub mod metrics;
pub mod monitor;
pub mod predict;
pub mod profile;
pub mod rollout;
pub mod serve;
pub mod simulate;
pub mod split;
pub mod train;

use crate::failure::Failure;
use mlops_engine::api::{Request, Response};
use mlops_engine::data;
use mlops_engine::table::ProfileReport;
use mlops_engine::Session;
use std::path::Path;

/// A loaded file: the session holding it, the warnings from reading it, and
/// its profile (every load profiles).
pub struct Loaded {
    pub session: Session,
    pub warnings: Vec<String>,
    pub profile: ProfileReport,
}

/// Reads a file and makes it a session's working dataset.
pub fn load(file: &Path, delimiter: Option<&str>) -> Result<Loaded, Failure> {
    let bytes = read_file(file)?;
    let mut session = Session::new();
    let request = Request::Data(data::Request::LoadCsv {
        name: file.display().to_string(),
        delimiter: delimiter.map(str::to_string),
    });
    match session.handle(request, Some(&bytes)) {
        Response::Data(data::Response::Loaded { dataset, profile }) => Ok(Loaded {
            session,
            warnings: dataset.warnings,
            profile,
        }),
        other => Err(Failure::unexpected(other)),
    }
}

/// Reads a model written by `train --model-out` (`mlops-model/1` JSON).
pub fn read_model(file: &Path) -> Result<mlops_engine::model::FittedModel, Failure> {
    let text = String::from_utf8(read_file(file)?)
        .map_err(|_| Failure::input(format!("{}: not UTF-8 text", file.display())))?;
    Ok(mlops_engine::model::FittedModel::from_json(
        &text,
        &file.display().to_string(),
    )?)
}

pub fn read_file(file: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| Failure::input(format!("{}: {e}", file.display())))
}

//! `mlops agreement FILE --raters a,b,...`: how far label columns agree.

use crate::failure::Failure;
use crate::output;
use mlops_engine::api::{Request, Response};
use mlops_engine::data;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    file: PathBuf,
    /// The label columns, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    raters: Vec<String>,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<String, Failure> {
    let mut loaded = super::load(&args.file, args.delimiter.as_deref())?;
    let request = Request::Data(data::Request::Agreement {
        raters: args.raters,
    });
    match loaded.session.handle(request, None) {
        Response::Data(data::Response::Agreement(mut r)) => {
            r.warnings.splice(0..0, loaded.warnings);
            Ok(output::render(&r, args.json, output::agreement_table))
        }
        other => Err(Failure::unexpected(other)),
    }
}

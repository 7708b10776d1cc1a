//! `mlops profile FILE`: every column's profile (the Data lab's cards).

use crate::failure::Failure;
use crate::output;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    file: PathBuf,
    /// One character, or `tab`; detected when absent.
    #[arg(long)]
    delimiter: Option<String>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<String, Failure> {
    // A load answers with the profile (reading warnings included): the file
    // is profiled once.
    let loaded = super::load(&args.file, args.delimiter.as_deref())?;
    Ok(output::render(
        &loaded.profile,
        args.json,
        output::profile_table,
    ))
}

//! `mlops profile FILE`: every column's profile (the Data lab's cards);
//! `--plot FILE.svg --column NAME` also draws that column's histogram (or
//! value counts) with the chart layer, as the page draws it.

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
    /// Also draw `--column`'s histogram (value counts for text) into this
    /// SVG file.
    #[arg(long, value_name = "FILE.svg", requires = "column")]
    plot: Option<PathBuf>,
    /// The column `--plot` draws.
    #[arg(long, requires = "plot")]
    column: Option<String>,
}

/// The size of `--plot`'s picture, in pixels.
const PLOT_SIZE: (u32, u32) = (640, 360);

pub fn run(args: Args) -> Result<String, Failure> {
    // A load answers with the profile (reading warnings included): the file
    // is profiled once.
    let loaded = super::load(&args.file, args.delimiter.as_deref())?;
    if let (Some(path), Some(column)) = (&args.plot, &args.column) {
        let profile = loaded
            .profile
            .columns
            .iter()
            .find(|c| &c.name == column)
            .ok_or_else(|| {
                Failure::usage(format!(
                    "--column: no column \"{column}\" in {}",
                    args.file.display()
                ))
            })?;
        let bars = mlops_charts::Bars::from_profile(profile)
            .ok_or_else(|| Failure::input(format!("column \"{column}\" has no values to draw")))?;
        let svg =
            mlops_charts::bars_svg(&bars, PLOT_SIZE.0, PLOT_SIZE.1).map_err(Failure::input)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    }
    Ok(output::render(
        &loaded.profile,
        args.json,
        output::profile_table,
    ))
}

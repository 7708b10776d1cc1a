//! `mlops split FILE --target y --strategy s --ratios 60,20,20 --seed n`:
//! a train/dev/test split's counts, and with `--out` its files.
//!
//! It calls the split functions directly rather than through a session
//! request because `--out` needs the table and the source bytes together.

use crate::failure::Failure;
use crate::output;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use mlops_engine::split::{self, SplitRequest, Strategy};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    file: PathBuf,
    /// The label column.
    #[arg(long)]
    target: String,
    /// random, stratified, group or time.
    #[arg(long, value_parser = strategy_parser())]
    strategy: Strategy,
    /// Two or three whole percentages summing to 100, e.g. 60,20,20.
    #[arg(long)]
    ratios: String,
    #[arg(long)]
    seed: u64,
    /// The group (group) or time (time) column.
    #[arg(long)]
    by: Option<String>,
    /// Write train.csv, dev.csv, test.csv here.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
}

/// `--strategy`: the engine's names ([`Strategy::ALL`]), listed in the help.
fn strategy_parser() -> impl TypedValueParser<Value = Strategy> {
    PossibleValuesParser::new(Strategy::ALL.map(Strategy::as_str))
        .try_map(|s| s.parse::<Strategy>())
}

pub fn run(args: Args) -> Result<String, Failure> {
    let request = SplitRequest {
        target: args.target,
        strategy: args.strategy,
        ratios: parse_ratios(&args.ratios)?,
        seed: args.seed,
        by: args.by,
    };
    // Through the one dispatch: the split, and with --out its files (the
    // source's bytes riding beside, so every field is written as read).
    let loaded = super::load(&args.file, args.delimiter.as_deref())?;
    let (mut session, warnings) = (loaded.session, loaded.warnings);
    let mut report = match &args.out {
        None => match session.ask(split::Request::Split(request), None)? {
            split::Response::Split(report) => report,
            _ => return Err(Failure::input("unexpected engine answer to a split")),
        },
        Some(dir) => {
            let bytes = super::read_file(&args.file)?;
            let split::Response::Exported { report, files } =
                session.ask(split::Request::Export(request), Some(&bytes))?
            else {
                return Err(Failure::input("unexpected engine answer to a split export"));
            };
            write_splits(dir, &files)?;
            report
        }
    };
    // Reading warnings (a Windows-1252 file, renamed headers) first.
    report.warnings.splice(0..0, warnings);
    Ok(output::render(&report, args.json, output::split_table))
}

/// `--ratios`: the engine's rules, failing as bad usage (exit 2).
pub fn parse_ratios(text: &str) -> Result<Vec<u32>, Failure> {
    split::parse_ratios(text).map_err(|e| Failure::usage(format!("--{e}")))
}

fn write_splits(dir: &Path, files: &[split::ExportedFile]) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::input(format!("{}: {e}", dir.display())))?;
    for f in files {
        let path = dir.join(&f.name);
        std::fs::write(&path, &f.bytes)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_rules() {
        assert_eq!(parse_ratios("60,20,20").ok(), Some(vec![60, 20, 20]));
        assert_eq!(parse_ratios("80, 20").ok(), Some(vec![80, 20]));
        assert_eq!(parse_ratios("60,20,10").err().map(|f| f.code), Some(2));
        assert_eq!(parse_ratios("100").err().map(|f| f.code), Some(2));
        assert_eq!(parse_ratios("a,b").err().map(|f| f.code), Some(2));
    }
}

//! `mlops`: the MLOps Playground engine on the command line.
//!
//! A thin layer: arguments are parsed and validated here, turned into an
//! engine [`Request`], answered by the same [`Session`] the browser's worker
//! uses, and printed as JSON (`--json`) or as a table for a person. The
//! contract is `shared/spec/cli.md`: exit 0 success, 1 unusable input (one
//! `error:` line naming the file), 2 bad usage; stdout stays empty on errors.

mod output;

use clap::{Parser, Subcommand};
use mlops_engine::api::{Request, Response};
use mlops_engine::session::{parse_delimiter, Session};
use mlops_engine::split::{self, SplitRequest, Strategy};
use mlops_engine::table::{read_csv, CsvOptions, ProfileReport};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "mlops",
    version,
    about = "MLOps Playground on the command line, with the same engine as the browser app: profile, agreement and split today; metrics, drift and rollouts arrive with their labs."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Profile every column of a CSV file.
    Profile {
        file: PathBuf,
        /// One character, or `tab`; detected when absent.
        #[arg(long)]
        delimiter: Option<String>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Label agreement between two or more label columns.
    Agreement {
        file: PathBuf,
        /// The label columns, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        raters: Vec<String>,
        #[arg(long)]
        delimiter: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Split a CSV file into train/dev/test.
    Split {
        file: PathBuf,
        /// The label column.
        #[arg(long)]
        target: String,
        /// random, stratified, group or time.
        #[arg(long, value_enum)]
        strategy: StrategyArg,
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
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum StrategyArg {
    Random,
    Stratified,
    Group,
    Time,
}

impl From<StrategyArg> for Strategy {
    fn from(s: StrategyArg) -> Self {
        match s {
            StrategyArg::Random => Strategy::Random,
            StrategyArg::Stratified => Strategy::Stratified,
            StrategyArg::Group => Strategy::Group,
            StrategyArg::Time => Strategy::Time,
        }
    }
}

/// A failure: the message (without `error:`) and the exit status.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn input(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<mlops_engine::EngineError> for Failure {
    fn from(e: mlops_engine::EngineError) -> Self {
        Failure {
            code: if e.is_usage() { 2 } else { 1 },
            message: e.to_string(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(text) => {
            // Not `println!`, which panics when stdout is closed early
            // (`mlops profile big.csv --json | head`).
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // The reader left: nobody is there to tell.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "error: writing to stdout: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(f) => {
            let _ = writeln!(std::io::stderr(), "error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Runs a command and returns what goes to stdout.
fn run(cli: Cli) -> Result<String, Failure> {
    match cli.command {
        Command::Profile {
            file,
            delimiter,
            json,
        } => {
            // A load answers with the profile (reading warnings included):
            // the file is profiled once.
            let (_, _, report) = load(&file, delimiter.as_deref())?;
            Ok(output::render(&report, json, output::profile_table))
        }
        Command::Agreement {
            file,
            raters,
            delimiter,
            json,
        } => {
            let (mut session, read_warnings, _) = load(&file, delimiter.as_deref())?;
            match session.handle(Request::Agreement { raters }, None) {
                Response::Agreement(mut r) => {
                    r.warnings.splice(0..0, read_warnings);
                    Ok(output::render(&r, json, output::agreement_table))
                }
                other => Err(unexpected(other)),
            }
        }
        Command::Split {
            file,
            target,
            strategy,
            ratios,
            seed,
            by,
            out,
            delimiter,
            json,
        } => {
            let request = SplitRequest {
                target,
                strategy: strategy.into(),
                ratios: parse_ratios(&ratios)?,
                seed,
                by,
            };
            let bytes = read_file(&file)?;
            let table = read_csv(
                &bytes,
                &CsvOptions {
                    name: file.display().to_string(),
                    delimiter: parse_delimiter(delimiter.as_deref())?,
                },
            )?;
            let mut outcome = split::split_table(&table, &request)?;
            // Reading warnings (a Windows-1252 file, renamed headers) first.
            outcome
                .report
                .warnings
                .splice(0..0, table.warnings.iter().cloned());
            if let Some(dir) = out {
                write_splits(&dir, &bytes, &table, &outcome)?;
            }
            Ok(output::render(&outcome.report, json, output::split_table))
        }
    }
}

/// Reads a file and makes it a session's working dataset; also returns the
/// warnings from reading it.
fn load(
    file: &Path,
    delimiter: Option<&str>,
) -> Result<(Session, Vec<String>, ProfileReport), Failure> {
    let bytes = read_file(file)?;
    let mut session = Session::new();
    let request = Request::LoadCsv {
        name: file.display().to_string(),
        delimiter: delimiter.map(str::to_string),
    };
    match session.handle(request, Some(&bytes)) {
        Response::Loaded { dataset, profile } => Ok((session, dataset.warnings, profile)),
        other => Err(unexpected(other)),
    }
}

fn read_file(file: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| Failure::input(format!("{}: {e}", file.display())))
}

/// An error response becomes a failure; any other surprise is an input error.
fn unexpected(r: Response) -> Failure {
    match r {
        Response::Error { message, usage } => Failure {
            message,
            code: if usage { 2 } else { 1 },
        },
        other => Failure::input(format!("unexpected engine answer: {other:?}")),
    }
}

/// `--ratios`: the engine's rules, failing as bad usage (exit 2).
fn parse_ratios(text: &str) -> Result<Vec<u32>, Failure> {
    split::parse_ratios(text).map_err(|e| Failure::usage(format!("--{e}")))
}

fn write_splits(
    dir: &Path,
    bytes: &[u8],
    table: &mlops_engine::Table,
    outcome: &split::SplitOutcome,
) -> Result<(), Failure> {
    let n = outcome.report.splits.len();
    let files = split::export_splits(bytes, table, &outcome.assignment, n)?;
    std::fs::create_dir_all(dir).map_err(|e| Failure::input(format!("{}: {e}", dir.display())))?;
    for (name, content) in split::split_names(n).iter().zip(files) {
        let path = dir.join(format!("{name}.csv"));
        std::fs::write(&path, content)
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

//! `mlops`: the MLOps Playground engine on the command line.
//!
//! A thin layer: this file only parses the command line and dispatches; each
//! subcommand lives in `commands/<name>.rs`, turns its arguments into an
//! engine request answered by the same `Session` the browser's worker uses,
//! and prints through [`output`] (JSON with `--json`, else a table for a
//! person). The contract is `docs/cli.md`: exit 0 success, 1 unusable
//! input (one `error:` line naming the file), 2 bad usage; stdout stays
//! empty on errors.

mod commands;
mod failure;
mod output;

use clap::{Parser, Subcommand};
use failure::Failure;
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "mlops",
    version,
    about = "MLOps Playground on the command line, with the same engine as the browser app: profile, agreement, split, metrics, train, predict, drift, simulate, monitor, rollout and serve."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One line per subcommand: the registry a new lab's command is added to.
#[derive(Subcommand, Debug)]
enum Command {
    /// Profile every column of a CSV file.
    Profile(commands::profile::Args),
    /// Label agreement between two or more label columns.
    Agreement(commands::agreement::Args),
    /// Split a CSV file into train/dev/test.
    Split(commands::split::Args),
    /// Metrics of prediction or score columns (scikit-learn's definitions).
    Metrics(commands::metrics::Args),
    /// Train a baseline model on a split and measure every split.
    Train(commands::train::Args),
    /// Apply a model written by `train --model-out` to a file's rows.
    Predict(commands::predict::Args),
    /// Drift of each shared column between a reference and a current file.
    Drift(commands::drift::Args),
    /// A seeded stream of batches drawn from a reference and changed by a scenario.
    Simulate(commands::simulate::Args),
    /// Watch a directory of batches against a reference (drift, outputs, performance, alerts).
    Monitor(commands::monitor::Args),
    /// Simulate a canary, shadow or blue-green rollout and judge each step.
    Rollout(commands::rollout::Args),
    /// Serve a model over HTTP: POST /predict, GET /health, GET /metrics.
    Serve(commands::serve::Args),
}

/// Runs a command and returns what goes to stdout.
fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Profile(args) => commands::profile::run(args),
        Command::Agreement(args) => commands::agreement::run(args),
        Command::Split(args) => commands::split::run(args),
        Command::Metrics(args) => commands::metrics::run(args),
        Command::Train(args) => commands::train::run(args),
        Command::Predict(args) => commands::predict::run(args),
        Command::Drift(args) => commands::drift::run(args),
        Command::Simulate(args) => commands::simulate::run(args),
        Command::Monitor(args) => commands::monitor::run(args),
        Command::Rollout(args) => commands::rollout::run(args),
        Command::Serve(args) => commands::serve::run(args),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(text) => output::print(&text),
        Err(f) => {
            let _ = writeln!(std::io::stderr(), "error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

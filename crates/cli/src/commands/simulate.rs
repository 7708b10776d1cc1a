//! `mlops simulate FILE --scenario S --shape H --batches N --seed N`: a
//! seeded stream of batches drawn from FILE and changed by a scenario;
//! `--out DIR` writes `batch-001.csv` ….

use crate::failure::Failure;
use crate::output;
use mlops_engine::api::{Request, Response};
use mlops_engine::drift::{self, Scenario, Shape, Side, SimulateReport, SimulateRequest};
use mlops_engine::Session;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The reference the batches are drawn from.
    file: PathBuf,
    /// data, concept, prior or quality.
    #[arg(long, value_parser = ["data", "concept", "prior", "quality"])]
    scenario: String,
    /// sudden, incremental, gradual or recurring.
    #[arg(long, value_parser = ["sudden", "incremental", "gradual", "recurring"])]
    shape: String,
    #[arg(long)]
    batches: u32,
    #[arg(long)]
    seed: u64,
    /// Rows per batch (default: the reference's rows, at most 1,000).
    #[arg(long)]
    batch_rows: Option<u32>,
    /// How far the scenario goes at full strength (default 1.0).
    #[arg(long, allow_negative_numbers = true)]
    magnitude: Option<f64>,
    /// The column that changes (data, concept, quality).
    #[arg(long)]
    feature: Option<String>,
    /// The label column (concept, prior).
    #[arg(long)]
    target: Option<String>,
    /// The first changed batch (default N/2 + 1).
    #[arg(long)]
    change_at: Option<u32>,
    /// recurring: batches per block (default 2).
    #[arg(long)]
    period: Option<u32>,
    /// Write batch-001.csv … into this directory.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<String, Failure> {
    let mut session = Session::new();
    let warnings = super::drift::load_side(
        &mut session,
        Side::Reference,
        &args.file,
        args.delimiter.as_deref(),
    )?;
    let request = SimulateRequest {
        scenario: Scenario::parse(&args.scenario).unwrap_or(Scenario::Data),
        shape: Shape::parse(&args.shape).unwrap_or(Shape::Sudden),
        batches: args.batches,
        seed: args.seed,
        batch_rows: args.batch_rows,
        magnitude: args.magnitude,
        feature: args.feature,
        target: args.target,
        change_at: args.change_at,
        period: args.period,
    };
    let files = args.out.is_some();
    let source = if files {
        Some(super::read_file(&args.file)?)
    } else {
        None
    };
    let answer = session.handle(
        Request::Drift(drift::Request::Simulate { request, files }),
        source.as_deref(),
    );
    let (mut report, files) = match answer {
        Response::Drift(drift::Response::Simulated { report, files }) => (report, files),
        other => return Err(Failure::unexpected(other)),
    };
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::input(format!("{}: {e}", dir.display())))?;
        for (i, bytes) in files.iter().enumerate() {
            let path = dir.join(format!("batch-{:03}.csv", i + 1));
            std::fs::write(&path, bytes)
                .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        }
    }
    report.warnings.splice(0..0, warnings);
    Ok(output::render(&report, args.json, table))
}

fn table(r: &SimulateReport) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "{} drift, {} shape, seed {}, magnitude {}, change at batch {}\nbatch   rows  strength\n",
        r.scenario.as_str(),
        r.shape.as_str(),
        r.seed,
        r.magnitude,
        r.change_at
    );
    for b in &r.batches {
        let _ = writeln!(out, "{:>5} {:>6}  {:>8.3}", b.batch, b.rows, b.strength);
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out.trim_end().to_string()
}

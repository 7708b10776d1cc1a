//! `mlops monitor REFERENCE BATCH_DIR [--model MODEL.json] [--target COL]`:
//! every `*.csv` of BATCH_DIR (in name order) watched against REFERENCE:
//! drift tests, input and output statistics, estimated and realized
//! performance, alerts (docs/cli.md, "mlops monitor"). `--plot FILE.svg` draws
//! the timeline.

use crate::failure::Failure;
use crate::output;
use mlops_engine::drift::{self, DriftRequest, Method, MonitorReport, MonitorRequest, Side};
use mlops_engine::model;
use mlops_engine::Session;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    reference: PathBuf,
    /// A directory of batch files (`*.csv`, read in name order).
    batch_dir: PathBuf,
    /// A model (mlops-model/1 JSON) whose outputs and performance to watch.
    #[arg(long)]
    model: Option<PathBuf>,
    /// The label column (default: the model's target).
    #[arg(long)]
    target: Option<String>,
    #[arg(long, default_value = "auto", value_parser = ["auto", "ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi", "kl"])]
    method: String,
    #[arg(long)]
    threshold: Option<f64>,
    #[arg(long, default_value_t = 0.5)]
    drift_share: f64,
    /// The batch the change began at (a simulation's change_at): the
    /// detections then give each alert's delay and false alarms.
    #[arg(long)]
    change_at: Option<u32>,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
    /// Draw the timeline (drift per input and batch, performance, outputs).
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<String, Failure> {
    if !(0.0..=1.0).contains(&args.drift_share) {
        return Err(Failure::usage("--drift-share must be between 0 and 1"));
    }
    let delimiter = args.delimiter.as_deref();
    let mut session = Session::new();
    super::drift::load_side(&mut session, Side::Reference, &args.reference, delimiter)?;
    let dir = std::fs::read_dir(&args.batch_dir)
        .map_err(|e| Failure::input(format!("{}: {e}", args.batch_dir.display())))?;
    let mut files: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Failure::input(format!(
            "{}: no .csv batch files",
            args.batch_dir.display()
        )));
    }
    for f in &files {
        let bytes = super::read_file(f)?;
        let name = f.file_name().map_or_else(
            || f.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // Errors name the file by its path, as every command's do.
        let request = drift::Request::AddBatch {
            name,
            delimiter: args.delimiter.clone(),
        };
        session
            .ask(request, Some(&bytes))
            .map_err(|e| with_path(e, f))?;
    }
    let model = match &args.model {
        None => None,
        Some(path) => {
            super::read_model(path)?;
            let bytes = super::read_file(path)?;
            let name = path.display().to_string();
            match session.ask(model::Request::ImportModel { name }, Some(&bytes))? {
                model::Response::Imported { id, .. } => Some(id),
                _ => return Err(Failure::input("unexpected engine answer to a model import")),
            }
        }
    };
    let request = MonitorRequest {
        drift: DriftRequest {
            method: Method::parse(&args.method),
            threshold: args.threshold,
            drift_share: Some(args.drift_share),
            ..DriftRequest::default()
        },
        target: args.target,
        change_at: args.change_at,
    };
    let drift::Response::Monitored(report) =
        session.ask(drift::Request::Monitor { request, model }, None)?
    else {
        return Err(Failure::input("unexpected engine answer to a monitor"));
    };
    if let Some(path) = &args.plot {
        let svg = mlops_charts::monitor_svg(&report).map_err(Failure::input)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    }
    Ok(output::render(&report, args.json, table))
}

fn table(r: &MonitorReport) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "reference {} rows ({} chunks of {}); inputs: {}\n{:<18} {:>6} {:>8} {:>10} {:>10} {:>7}  alerts\n",
        r.reference_rows, r.chunks, r.chunk_rows, r.inputs.join(", "), "batch", "rows", "drifted", "est. acc", "real acc", "alerts"
    );
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
    for b in &r.batches {
        let alerts: Vec<&str> = b.alerts.iter().map(|a| a.metric.as_str()).collect();
        let _ = writeln!(
            out,
            "{:<18} {:>6} {:>8} {:>10} {:>10} {:>7}  {}",
            b.batch,
            b.rows,
            format!("{}/{}", b.drifted_columns, b.columns.len()),
            f(b.estimated.as_ref().and_then(|p| p.accuracy)),
            f(b.realized.as_ref().and_then(|p| p.accuracy)),
            b.alerts.len(),
            alerts.join(" ")
        );
    }
    if !r.detections.is_empty() {
        let _ = writeln!(
            out,
            "detections (first alert, delay after the change, false alarms):"
        );
        for d in &r.detections {
            let delay = d.delay.map_or("-".to_string(), |x| x.to_string());
            let _ = writeln!(
                out,
                "  {:<40} batch {:>3}  delay {:>3}  false alarms {}",
                d.metric, d.first_alert, delay, d.false_alarms
            );
        }
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out.trim_end().to_string()
}

/// A batch file's error, naming the file by its path (the engine knows it
/// by its file name, the stream's batch name).
fn with_path(e: mlops_engine::EngineError, path: &std::path::Path) -> Failure {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = e.to_string();
    let shown = path.display().to_string();
    let message = if !name.is_empty() && text.starts_with(&name) {
        format!("{shown}{}", &text[name.len()..])
    } else {
        text
    };
    Failure {
        code: if e.is_usage() { 2 } else { 1 },
        message,
    }
}

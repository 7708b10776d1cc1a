//! `mlops drift REFERENCE CURRENT`: each shared column's drift by
//! Evidently's methods, and whether the dataset drifted; `--plot FILE.svg`
//! draws each column's two distributions.

use crate::failure::Failure;
use crate::output;
use mlops_engine::api::{Request, Response};
use mlops_engine::drift::{self, DriftReport, DriftRequest, Method, Side};
use mlops_engine::Session;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    reference: PathBuf,
    current: PathBuf,
    /// Compare only these columns (comma-separated).
    #[arg(long, value_delimiter = ',')]
    columns: Option<Vec<String>>,
    /// auto (Evidently's choice per column), ks, chisquare, z, wasserstein,
    /// jensenshannon, psi or kl.
    #[arg(long, default_value = "auto", value_parser = ["auto", "ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi", "kl"])]
    method: String,
    /// One threshold for every column (default: the method's).
    #[arg(long)]
    threshold: Option<f64>,
    /// The dataset drifts when at least this share of columns drifts.
    #[arg(long, default_value_t = 0.5)]
    drift_share: f64,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
    /// Draw each column's reference and current distributions into this SVG.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
}

/// Loads `file` as one side of the comparison.
pub fn load_side(
    session: &mut Session,
    side: Side,
    file: &Path,
    delimiter: Option<&str>,
) -> Result<Vec<String>, Failure> {
    let bytes = super::read_file(file)?;
    let request = Request::Drift(drift::Request::Load {
        side,
        name: file.display().to_string(),
        delimiter: delimiter.map(str::to_string),
    });
    match session.handle(request, Some(&bytes)) {
        Response::Drift(drift::Response::Loaded { warnings, .. }) => Ok(warnings),
        other => Err(Failure::unexpected(other)),
    }
}

pub fn run(args: Args) -> Result<String, Failure> {
    if args.threshold.is_some_and(|t| !t.is_finite()) {
        return Err(Failure::usage("--threshold must be a number"));
    }
    if !(0.0..=1.0).contains(&args.drift_share) {
        return Err(Failure::usage("--drift-share must be between 0 and 1"));
    }
    let mut session = Session::new();
    let delimiter = args.delimiter.as_deref();
    let mut warnings = load_side(&mut session, Side::Reference, &args.reference, delimiter)?;
    warnings.extend(load_side(
        &mut session,
        Side::Current,
        &args.current,
        delimiter,
    )?);
    let request = DriftRequest {
        columns: args.columns,
        method: Method::parse(&args.method),
        threshold: args.threshold,
        drift_share: Some(args.drift_share),
        distributions: args.plot.is_some(),
        ..DriftRequest::default()
    };
    let mut report = match session.handle(Request::Drift(drift::Request::Compare(request)), None) {
        Response::Drift(drift::Response::Compared(r)) => r,
        other => return Err(Failure::unexpected(other)),
    };
    if let Some(path) = &args.plot {
        let charts: Vec<_> = report
            .columns
            .iter()
            .filter_map(mlops_charts::Lines::distribution)
            .collect();
        let svg = mlops_charts::lines_grid_svg(&charts, 3, 400, 300).map_err(Failure::input)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        for c in &mut report.columns {
            c.distribution = None;
        }
    }
    report.warnings.splice(0..0, warnings);
    Ok(output::render(&report, args.json, table))
}

fn table(r: &DriftReport) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "reference {} rows, current {} rows\n{:<24} {:<12} {:<14} {:>12} {:>9}  drifted\n",
        r.reference_rows, r.current_rows, "column", "kind", "method", "score", "threshold"
    );
    for c in &r.columns {
        let score = c.score.map_or("-".to_string(), |s| format!("{s:.6}"));
        let kind = c.kind.as_str();
        let _ = writeln!(
            out,
            "{:<24} {:<12} {:<14} {:>12} {:>9}  {}",
            c.name,
            kind,
            c.method.name(),
            score,
            c.threshold,
            if c.drifted { "yes" } else { "no" }
        );
    }
    let _ = writeln!(
        out,
        "{} of {} columns drifted ({:.1}%): dataset drift {}",
        r.drifted_columns,
        r.columns.len(),
        r.share * 100.0,
        if r.dataset_drift { "yes" } else { "no" }
    );
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out.trim_end().to_string()
}

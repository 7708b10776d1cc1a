//! `mlops metrics FILE --target COL (--pred COL | --score COL)`: the Model
//! lab's metrics of a file's columns; `--plot FILE.svg` draws the ROC,
//! precision–recall and calibration charts with the chart layer.

use crate::failure::Failure;
use crate::output;
use mlops_engine::api::{Request, Response};
use mlops_engine::metrics::{self, MetricsBody, MetricsRequest, Task};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["pred", "score"])))]
pub struct Args {
    file: PathBuf,
    /// The label column.
    #[arg(long)]
    target: String,
    /// The predicted-label column.
    #[arg(long)]
    pred: Option<String>,
    /// The positive class's probability (binary targets).
    #[arg(long)]
    score: Option<String>,
    /// With --score: predict positive when score >= T (default 0.5).
    #[arg(long)]
    threshold: Option<f64>,
    /// The positive label (default: 1, else true/yes, else the last label).
    #[arg(long)]
    positive: Option<String>,
    /// classification or regression (default: from the target).
    #[arg(long, value_parser = ["classification", "regression"])]
    task: Option<String>,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
    /// Also give bootstrap 95% intervals of the headline metrics (1,000
    /// resamples drawn with this seed), as `"intervals"`.
    #[arg(long, value_name = "SEED")]
    bootstrap: Option<u64>,
    /// Also give the degrees-of-automation curve (needs --score): for
    /// confidence bars 0.50…1.00, the share of rows the model would decide
    /// and its error rate on them, as `"automation"`.
    #[arg(long, requires = "score")]
    automation: bool,
    /// Draw the ROC, PR and calibration charts (needs --score) into this SVG.
    #[arg(long, value_name = "FILE.svg", requires = "score")]
    plot: Option<PathBuf>,
}

/// The size of `--plot`'s picture (three charts side by side).
const PLOT_SIZE: (u32, u32) = (1200, 380);

pub fn run(args: Args) -> Result<String, Failure> {
    if args.plot.is_some() && args.score.is_none() {
        return Err(Failure::usage(
            "--plot draws the score curves: it needs --score",
        ));
    }
    if args.threshold.is_some_and(|t| !t.is_finite()) {
        return Err(Failure::usage("--threshold must be a number"));
    }
    let mut loaded = super::load(&args.file, args.delimiter.as_deref())?;
    let (target, score, positive, threshold) = (
        args.target.clone(),
        args.score.clone(),
        args.positive.clone(),
        args.threshold,
    );
    let request = MetricsRequest {
        target: args.target,
        pred: args.pred,
        score: args.score,
        threshold: args.threshold,
        positive: args.positive,
        intervals: args.bootstrap,
        task: args.task.as_deref().map(|t| {
            if t == "regression" {
                Task::Regression
            } else {
                Task::Classification
            }
        }),
    };
    let mut report = match loaded
        .session
        .handle(Request::Metrics(metrics::Request::Metrics(request)), None)
    {
        Response::Metrics(metrics::Response::Metrics(r)) => r,
        other => return Err(Failure::unexpected(other)),
    };
    if let Some(path) = &args.plot {
        let MetricsBody::Classification(c) = &report.body else {
            return Err(Failure::usage(
                "--plot draws score curves: give --score for a class target",
            ));
        };
        if let Some(s) = &c.scores {
            let t = c.threshold.unwrap_or(0.5);
            let charts = [
                mlops_charts::Lines::roc(s, t),
                mlops_charts::Lines::pr(s, t),
                mlops_charts::Lines::calibration(s, t),
            ];
            let svg = mlops_charts::lines_row_svg(&charts, PLOT_SIZE.0, PLOT_SIZE.1)
                .map_err(Failure::input)?;
            std::fs::write(path, svg)
                .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        }
    }
    report.warnings.dedup();
    let mut json = metrics::spec_json(&report);
    if args.automation {
        let table = loaded.session.datasets.working()?;
        let curve = metrics::automation::automation(
            table,
            &target,
            score.as_deref().unwrap_or_default(),
            positive.as_deref(),
            threshold.unwrap_or(0.5),
        )?;
        if let Some(obj) = json.as_object_mut() {
            obj.insert(
                "automation".into(),
                serde_json::to_value(curve).unwrap_or_default(),
            );
        }
    }
    Ok(output::render(&json, args.json, output::json_table))
}

//! `mlops train FILE --target COL --model M --ratios R --seed N`: a
//! baseline fitted on the train split, measured on every split; with
//! `--model-out` the `mlops-model/1` JSON, with `--predictions-out` every
//! row with its split, prediction and score.

use crate::failure::Failure;
use crate::output;
use mlops_engine::metrics::spec_json;
use mlops_engine::model::{self, ModelKind, TrainRequest};
use mlops_engine::split::{SplitRequest, Strategy};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    file: PathBuf,
    /// The label column.
    #[arg(long)]
    target: String,
    /// majority, logistic, naive-bayes, tree (mean, ridge, tree for a
    /// numeric target).
    #[arg(long)]
    model: String,
    /// Two or three whole percentages summing to 100, e.g. 60,20,20.
    #[arg(long)]
    ratios: String,
    #[arg(long)]
    seed: u64,
    /// random, stratified (default), group or time.
    #[arg(long, default_value = "stratified")]
    strategy: String,
    /// The group or time column.
    #[arg(long)]
    by: Option<String>,
    /// k=v, repeatable: C (logistic), max_depth and min_samples_leaf
    /// (tree), var_smoothing (naive-bayes), alpha (ridge).
    #[arg(long = "param", value_name = "K=V")]
    params: Vec<String>,
    /// The feature columns (default: every column but the target and --by).
    #[arg(long, value_delimiter = ',')]
    features: Option<Vec<String>>,
    /// Write the fitted model here (mlops-model/1 JSON).
    #[arg(long, value_name = "FILE")]
    model_out: Option<PathBuf>,
    /// Write every row with its split, prediction and score here.
    #[arg(long, value_name = "FILE")]
    predictions_out: Option<PathBuf>,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
}

/// `--param k=v` pairs.
pub fn parse_params(pairs: &[String]) -> Result<BTreeMap<String, f64>, Failure> {
    pairs
        .iter()
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| Failure::usage(format!("--param {p}: expected k=v")))?;
            let v: f64 = v
                .trim()
                .parse()
                .map_err(|_| Failure::usage(format!("--param {p}: {v} is not a number")))?;
            Ok((k.trim().to_string(), v))
        })
        .collect()
}

pub fn run(args: Args) -> Result<String, Failure> {
    let kind: ModelKind = args.model.parse()?;
    let strategy: Strategy = args.strategy.parse().map_err(|_| {
        Failure::usage(format!(
            "--strategy {}: random, stratified, group or time",
            args.strategy
        ))
    })?;
    let request = TrainRequest {
        model: kind,
        params: parse_params(&args.params)?,
        features: args.features,
        split: SplitRequest {
            target: args.target,
            strategy,
            ratios: super::split::parse_ratios(&args.ratios)?,
            seed: args.seed,
            by: args.by,
        },
    };
    // Through the one dispatch: load, train, then the model's JSON and its
    // predictions as the page would ask for them.
    let bytes = super::read_file(&args.file)?;
    let mut session = super::load(&args.file, args.delimiter.as_deref())?.session;
    let model::Response::Trained(trained) = session.ask(model::Request::Train(request), None)?
    else {
        return Err(Failure::input("unexpected engine answer to a training"));
    };
    let id = trained.id;
    if let Some(path) = &args.model_out {
        let model::Response::ModelJson { text } =
            session.ask(model::Request::ModelJson { id }, None)?
        else {
            return Err(Failure::input(
                "unexpected engine answer for the model's JSON",
            ));
        };
        write(path, text.as_bytes())?;
    }
    if let Some(path) = &args.predictions_out {
        let asked = model::Request::PredictionsCsv { id, splits: true };
        let model::Response::Csv(csv) = session.ask(asked, Some(&bytes))? else {
            return Err(Failure::input(
                "unexpected engine answer for the predictions",
            ));
        };
        write(path, &csv)?;
    }
    let m = &trained.info;
    let splits: serde_json::Map<String, serde_json::Value> = trained
        .splits
        .iter()
        .map(|s| (s.name.clone(), spec_json(&s.metrics)))
        .collect();
    let report = json!({
        "model": m.kind.as_str(),
        "params": m.params,
        "target": m.target,
        "task": m.task.as_str(),
        "positive": m.positive,
        "features": m.features,
        "splits": splits,
        "warnings": trained.warnings,
    });
    Ok(output::render(&report, args.json, output::json_table))
}

fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::input(format!("{}: {e}", path.display())))
}

//! `mlops predict MODEL FILE [--out FILE]`: a model written by
//! `mlops train --model-out` applied to FILE's rows; with `--json`, the
//! `metrics` object when FILE has the target.

use crate::failure::Failure;
use mlops_engine::metrics::spec_json;
use mlops_engine::model;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The model (mlops-model/1 JSON).
    model: PathBuf,
    /// The rows to score.
    file: PathBuf,
    /// Write the rows with prediction (and score) here instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<String, Failure> {
    // Read and checked first: a bad model file is named before the data.
    super::read_model(&args.model)?;
    let model_bytes = super::read_file(&args.model)?;
    let bytes = super::read_file(&args.file)?;
    let loaded = super::load(&args.file, args.delimiter.as_deref())?;
    let (mut session, warnings) = (loaded.session, loaded.warnings);
    let name = args.model.display().to_string();
    let model::Response::Imported { id, .. } =
        session.ask(model::Request::ImportModel { name }, Some(&model_bytes))?
    else {
        return Err(Failure::input("unexpected engine answer to a model import"));
    };
    let asked = model::Request::PredictionsCsv { id, splits: false };
    let model::Response::Csv(csv) = session.ask(asked, Some(&bytes))? else {
        return Err(Failure::input(
            "unexpected engine answer for the predictions",
        ));
    };
    if let Some(path) = &args.out {
        std::fs::write(path, &csv)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    }
    let model::Response::Scored { metrics, rows, .. } =
        session.ask(model::Request::Score { id }, None)?
    else {
        return Err(Failure::input("unexpected engine answer to a scoring"));
    };
    if args.json {
        let value = match metrics {
            Some(mut m) => {
                m.warnings.splice(0..0, warnings);
                spec_json(&m)
            }
            None => serde_json::json!({"rows": rows, "warnings": warnings}),
        };
        return Ok(value.to_string());
    }
    if args.out.is_some() {
        return Ok(format!("{rows} rows scored"));
    }
    Ok(String::from_utf8_lossy(&csv)
        .trim_end_matches('\n')
        .to_string())
}

//! `mlops predict MODEL FILE [--out FILE]`: a model written by
//! `mlops train --model-out` applied to FILE's rows; with `--json`, the
//! `metrics` object when FILE has the target.

use crate::failure::Failure;
use mlops_engine::metrics::spec_json;
use mlops_engine::model::train::measure;
use mlops_engine::split::append_columns;
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
    let model = super::read_model(&args.model)?;
    let (bytes, table) = super::read_table(&args.file, args.delimiter.as_deref())?;
    let rows: Vec<usize> = (0..table.n_rows).collect();
    let predictions = model.predict(&table, &rows)?;
    let mut columns = vec![predictions.labels.clone()];
    let mut headers = vec!["prediction"];
    if let Some(scores) = &predictions.scores {
        columns.push(scores.iter().map(|s| format!("{s}")).collect());
        headers.push("score");
    }
    let csv = append_columns(&bytes, &table, &headers, &columns)?;
    if let Some(path) = &args.out {
        std::fs::write(path, &csv)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    }
    if args.json {
        let value = match table.column(&model.target) {
            Ok(target) => {
                let with: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&r| !target.is_missing(r))
                    .collect();
                let mut m = measure(&table, &model, &predictions, &with)?;
                m.warnings.splice(0..0, table.warnings.iter().cloned());
                spec_json(&m)
            }
            Err(_) => serde_json::json!({"rows": table.n_rows, "warnings": table.warnings}),
        };
        return Ok(value.to_string());
    }
    if args.out.is_some() {
        return Ok(format!("{} rows scored", table.n_rows));
    }
    Ok(String::from_utf8_lossy(&csv)
        .trim_end_matches('\n')
        .to_string())
}

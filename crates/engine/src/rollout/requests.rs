//! The Deploy lab's requests and answers, and [`handle`], the lab's door:
//! a rollout run with true error rates, or with kept models whose errors
//! are their real errors on the working dataset's rows (`mlops rollout`,
//! with or without `--baseline-model`/`--candidate-model` and `--data`).

use super::config::RolloutRequest;
use super::explain::{explain, Explanation};
use super::models::wrong_on_rows;
use super::plan::{plan, Plan, PlanRequest};
use super::run::{run, Errors, RolloutReport};
use super::service::{example_body, HttpRequest, HttpResponse, Service};
use crate::basics::error::Result;
use crate::model::ModelStore;
use crate::state::Datasets;
use serde::{Deserialize, Serialize};

/// What the Deploy lab asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Simulate a rollout. A side with a kept model (its id) draws its
    /// errors from the model's real errors on the working dataset's rows
    /// (each request a row); a side without one uses its true error rate
    /// in `request`.
    Run {
        request: RolloutRequest,
        baseline_model: Option<u32>,
        candidate_model: Option<u32>,
    },
    /// One HTTP request to the model service (`mlops serve`'s answer); the
    /// body rides beside.
    Serve(HttpRequest),
    /// A `POST /predict` body from the working dataset's first `rows` rows
    /// with model `model`'s features.
    ExampleBody { model: u32, rows: u32 },
    /// The requests each canary step needs to catch an increase of the
    /// error rate, and the time they take.
    Plan(PlanRequest),
}

/// What the Deploy lab is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The run, and why each step got its verdict (with the event log).
    Ran {
        report: Box<RolloutReport>,
        explanation: Explanation,
    },
    Planned(Plan),
    Served(HttpResponse),
    ExampleBody(String),
}

/// Answers a Deploy lab request: `models` holds the kept models,
/// `datasets` the working dataset their requests are rows of, `service`
/// the served requests so far; `now` reads a clock in ms (only the
/// service's latency statistics use it); `bytes` carries a request body.
pub fn handle(
    models: &ModelStore,
    datasets: &Datasets,
    service: &mut Service,
    now: &dyn Fn() -> f64,
    request: Request,
    bytes: Option<&[u8]>,
) -> Result<Response> {
    match request {
        Request::Serve(http) => {
            let model = models.model(http.model)?;
            Ok(Response::Served(service.answer(
                model,
                &http,
                bytes.unwrap_or_default(),
                now,
            )))
        }
        Request::ExampleBody { model, rows } => {
            let model = models.model(model)?;
            Ok(Response::ExampleBody(example_body(
                model,
                datasets.working()?,
                rows as usize,
            )))
        }
        Request::Plan(r) => Ok(Response::Planned(plan(&r)?)),
        Request::Run {
            request,
            baseline_model,
            candidate_model,
        } => {
            request.check()?;
            let mut baseline = Errors::Rate(request.baseline_error);
            let mut candidate = Errors::Rate(request.candidate_error);
            let mut rows = 0;
            let mut warnings = Vec::new();
            let sides: Vec<(bool, u32)> = [(true, baseline_model), (false, candidate_model)]
                .into_iter()
                .filter_map(|(is_baseline, id)| id.map(|id| (is_baseline, id)))
                .collect();
            if !sides.is_empty() {
                let table = datasets.working()?;
                let fitted = sides
                    .iter()
                    .map(|&(_, id)| models.model(id))
                    .collect::<Result<Vec<_>>>()?;
                let wrong = wrong_on_rows(table, &fitted)?;
                for (&(is_baseline, _), w) in sides.iter().zip(wrong) {
                    rows = w.len();
                    let rate = w.iter().filter(|&&x| x).count() as f64 / w.len().max(1) as f64;
                    warnings.push(format!(
                        "{} model: error rate {rate:.4} on {} rows of {}",
                        if is_baseline { "baseline" } else { "candidate" },
                        w.len(),
                        table.name
                    ));
                    if is_baseline {
                        baseline = Errors::Rows(w);
                    } else {
                        candidate = Errors::Rows(w);
                    }
                }
            }
            let mut report = run(&request, &baseline, &candidate, rows)?;
            report.warnings.splice(0..0, warnings);
            let explanation = explain(&request, &report);
            Ok(Response::Ran {
                report: Box::new(report),
                explanation,
            })
        }
    }
}

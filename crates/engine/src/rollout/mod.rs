//! The Deploy lab's engine: canary, shadow and blue-green rollouts,
//! simulated with a seed and judged step by step.
//!
//! [`request`] holds the settings (checked: weights in 0–100 that only
//! rise, rates in 0–1, a confidence below 1, …); [`run`] simulates the
//! traffic and decides (promote, roll back at once on a fail, pause after K
//! inconclusive steps); [`analysis`] judges a step: the error rate by the
//! spec's one-sided test, the latency by Kayenta's Mann–Whitney U test with
//! a tolerance, and both together by the canary score; [`models`] turns
//! trained models into error sources (their real errors on data rows);
//! [`export`] writes the plan as Argo Rollouts and Flagger YAML;
//! [`service`] is the model as a prediction service (`mlops serve`);
//! [`plan`] says how many requests a step needs to catch an increase;
//! [`explain`] says why each step got its verdict and logs the run's
//! events; [`requests`] is the lab's door.

pub mod analysis;
pub mod config;
pub mod explain;
pub mod export;
pub mod golden;
pub mod models;
pub mod plan;
pub mod requests;
pub mod run;
pub mod service;

pub use analysis::Verdict;
pub use config::{Latency, LatencyJudge, RolloutRequest, Strategy};
pub use explain::Explanation;
pub use plan::{plan, Plan, PlanRequest, PlanStep};
pub use requests::{handle, Request, Response};
pub use run::{run, Errors, Outcome, RolloutReport, StepResult};
pub use service::{HttpRequest, HttpResponse, Service};

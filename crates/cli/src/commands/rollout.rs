//! `mlops rollout --strategy canary|shadow|blue-green`: a seeded rollout of
//! a candidate beside the baseline, judged step by step (spec); with
//! `--baseline-model` / `--candidate-model` and `--data`, requests are rows
//! of the data and errors the models' real errors; with latencies, the
//! Kayenta-style latency check and canary score. `--plot FILE.svg` draws the
//! traffic and error charts.

use crate::failure::Failure;
use crate::output;
use mlops_engine::model;
use mlops_engine::rollout::{
    self, Explanation, Latency, LatencyJudge, Plan, PlanRequest, RolloutReport, RolloutRequest,
    Strategy,
};
use mlops_engine::Session;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_parser = ["canary", "shadow", "blue-green"])]
    strategy: String,
    /// Canary traffic percentages, rising.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "5,10,25,50,100",
        allow_negative_numbers = true
    )]
    steps: Vec<f64>,
    /// Shadow steps.
    #[arg(long, default_value_t = 5)]
    step_count: u32,
    #[arg(long, default_value_t = 1000)]
    requests_per_step: u32,
    /// The baseline's true error rate (without --baseline-model).
    #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
    baseline_error: f64,
    /// The candidate's true error rate (without --candidate-model).
    #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
    candidate_error: f64,
    #[arg(long, default_value_t = 0.01, allow_negative_numbers = true)]
    max_increase: f64,
    #[arg(long, default_value_t = 0.95, allow_negative_numbers = true)]
    confidence: f64,
    #[arg(long, default_value_t = 30)]
    min_requests: u32,
    #[arg(long, default_value_t = 3)]
    max_inconclusive: u32,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The baseline model (mlops-model/1 JSON); needs --data.
    #[arg(long, requires = "data")]
    baseline_model: Option<PathBuf>,
    /// The candidate model (mlops-model/1 JSON); needs --data.
    #[arg(long, requires = "data")]
    candidate_model: Option<PathBuf>,
    /// The rows requests are drawn from (with the models' target).
    #[arg(long)]
    data: Option<PathBuf>,
    /// The baseline's latency in ms: MEDIAN,P99 (log-normal).
    #[arg(long, value_delimiter = ',')]
    baseline_latency: Option<Vec<f64>>,
    /// The candidate's latency in ms: MEDIAN,P99.
    #[arg(long, value_delimiter = ',')]
    candidate_latency: Option<Vec<f64>>,
    /// Latency: fail only when the candidate's median is slower by more than this share.
    #[arg(long, default_value_t = 0.10)]
    latency_tolerance: f64,
    /// Canary score (0–100) at or above which a step passes.
    #[arg(long, default_value_t = 95.0)]
    pass_score: f64,
    /// Canary score below which a step fails.
    #[arg(long, default_value_t = 75.0)]
    marginal_score: f64,
    #[arg(long)]
    delimiter: Option<String>,
    #[arg(long)]
    json: bool,
    /// Write the canary plan as an Argo Rollouts strategy block and
    /// AnalysisTemplate (YAML) into this file.
    #[arg(long, value_name = "FILE.yaml")]
    export_argo: Option<PathBuf>,
    /// Write the canary plan as a Flagger Canary (YAML) into this file.
    #[arg(long, value_name = "FILE.yaml")]
    export_flagger: Option<PathBuf>,
    /// The service's name in the exported YAML.
    #[arg(long, default_value = "model-server")]
    service_name: String,
    /// Labels arrive late: the last N requests of each step have no label
    /// yet when it is judged.
    #[arg(long, default_value_t = 0)]
    label_delay: u32,
    /// Gate each step on a proxy that needs no label: fail when the
    /// candidate disagrees with the baseline on more than this share of its
    /// requests (a step without enough labels then passes on the proxy).
    #[arg(long, allow_negative_numbers = true)]
    max_disagreement: Option<f64>,
    /// Plan instead of run: the requests each canary step needs to catch
    /// this increase of the error rate (e.g. 0.03), and the time they take.
    #[arg(long, allow_negative_numbers = true)]
    catch: Option<f64>,
    /// With --catch: the chance of catching it.
    #[arg(long, default_value_t = 0.8, allow_negative_numbers = true)]
    power: f64,
    /// With --catch: the service's requests per minute.
    #[arg(long, default_value_t = 100.0, allow_negative_numbers = true)]
    traffic_per_minute: f64,
    /// Draw the traffic share and error rates per step into this SVG.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
}

fn latency(flag: &str, v: &Option<Vec<f64>>) -> Result<Option<Latency>, Failure> {
    match v.as_deref() {
        None => Ok(None),
        Some(&[median_ms, p99_ms]) => Ok(Some(Latency { median_ms, p99_ms })),
        Some(_) => Err(Failure::usage(format!(
            "{flag} takes MEDIAN,P99 in ms (two numbers)"
        ))),
    }
}

pub fn run(args: Args) -> Result<String, Failure> {
    let strategy = Strategy::parse(&args.strategy).unwrap_or(Strategy::Canary);
    let request = RolloutRequest {
        strategy,
        steps: args.steps,
        step_count: args.step_count,
        requests_per_step: args.requests_per_step,
        baseline_error: args.baseline_error,
        candidate_error: args.candidate_error,
        max_increase: args.max_increase,
        confidence: args.confidence,
        min_requests: args.min_requests,
        max_inconclusive: args.max_inconclusive,
        seed: args.seed,
        baseline_latency: latency("--baseline-latency", &args.baseline_latency)?,
        candidate_latency: latency("--candidate-latency", &args.candidate_latency)?,
        latency_judge: LatencyJudge {
            tolerance: args.latency_tolerance,
            pass_score: args.pass_score,
            marginal_score: args.marginal_score,
        },
        label_delay: args.label_delay,
        max_disagreement: args.max_disagreement,
    };
    if let Some(catch) = args.catch {
        let plan = PlanRequest {
            baseline_error: request.baseline_error,
            catch,
            max_increase: request.max_increase,
            confidence: request.confidence,
            power: args.power,
            steps: request.steps.clone(),
            traffic_per_minute: args.traffic_per_minute,
        };
        let rollout::Response::Planned(p) =
            Session::new().ask(rollout::Request::Plan(plan.clone()), None)?
        else {
            return Err(Failure::input("unexpected engine answer to a plan"));
        };
        return Ok(if args.json {
            output::render(&p, true, |_| String::new())
        } else {
            plan_table(&plan, &p)
        });
    }
    request.check()?;
    for (path, yaml) in [
        (
            &args.export_argo,
            rollout::export::argo_yaml as fn(&RolloutRequest, &str) -> String,
        ),
        (&args.export_flagger, rollout::export::flagger_yaml),
    ] {
        if let Some(path) = path {
            std::fs::write(path, yaml(&request, &args.service_name))
                .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        }
    }
    // With --data, the rows become the working dataset and the models are
    // kept in the session; the rollout then asks for them by id.
    let (mut session, baseline_model, candidate_model) = match &args.data {
        None => (Session::new(), None, None),
        Some(data) => {
            if args.baseline_model.is_none() && args.candidate_model.is_none() {
                return Err(Failure::usage(
                    "--data needs --baseline-model or --candidate-model",
                ));
            }
            let mut session = super::load(data, args.delimiter.as_deref())?.session;
            let mut import = |path: &Option<PathBuf>| -> Result<Option<u32>, Failure> {
                let Some(path) = path else { return Ok(None) };
                let bytes = super::read_file(path)?;
                let name = path.display().to_string();
                match session.ask(model::Request::ImportModel { name }, Some(&bytes))? {
                    model::Response::Imported { id, .. } => Ok(Some(id)),
                    other => Err(Failure::input(format!(
                        "unexpected engine answer: {other:?}"
                    ))),
                }
            };
            let baseline = import(&args.baseline_model)?;
            let candidate = import(&args.candidate_model)?;
            (session, baseline, candidate)
        }
    };
    let rollout::Response::Ran {
        report,
        explanation,
    } = session.ask(
        rollout::Request::Run {
            request,
            baseline_model,
            candidate_model,
        },
        None,
    )?
    else {
        return Err(Failure::input("unexpected engine answer to a rollout"));
    };
    let report = *report;
    if let Some(path) = &args.plot {
        let charts = [
            mlops_charts::Lines::rollout_traffic(&report),
            mlops_charts::Lines::rollout_errors(&report),
        ];
        let svg =
            mlops_charts::lines_row_with_legends_svg(&charts, 1100, 420).map_err(Failure::input)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    }
    Ok(if args.json {
        output::render(&report, true, |_| String::new())
    } else {
        table(&report, &explanation)
    })
}

fn table(r: &RolloutReport, why: &Explanation) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "{} rollout, seed {}\n step weight  baseline (err)   candidate (err)  verdict\n",
        r.strategy.name(),
        r.seed
    );
    for s in &r.steps {
        let _ = writeln!(
            out,
            "{:>5} {:>5}%  {:>7} ({:>4})  {:>7} ({:>4})  {}",
            s.step,
            s.candidate_weight,
            s.baseline_requests,
            s.baseline_errors,
            s.candidate_requests,
            s.candidate_errors,
            s.verdict.as_str()
        );
    }
    for (s, reason) in r.steps.iter().zip(&why.reasons) {
        let _ = writeln!(out, "step {}: {reason}", s.step);
    }
    let _ = writeln!(out, "events:");
    for e in &why.events {
        let _ = writeln!(out, "  {e}");
    }
    let _ = writeln!(
        out,
        "outcome: {} at step {}; the candidate served {} requests, {} of them errors",
        r.outcome.as_str().replace('_', " "),
        r.decided_at_step,
        r.requests_served_by_candidate,
        r.errors_served_by_candidate
    );
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out.trim_end().to_string()
}

fn plan_table(r: &PlanRequest, p: &Plan) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "plan: catch an increase of {} over the baseline error rate {} (+{} allowed) with {} confidence and {} power, at {} requests a minute\n weight  candidate requests  requests   minutes\n",
        r.catch, r.baseline_error, r.max_increase, r.confidence, r.power, r.traffic_per_minute
    );
    for s in &p.steps {
        let _ = writeln!(
            out,
            "{:>6}%  {:>18}  {:>8}  {:>8.1}",
            s.weight, s.candidate_requests, s.requests, s.minutes
        );
    }
    let _ = writeln!(
        out,
        "total: {} requests, {:.1} minutes",
        p.total_requests, p.total_minutes
    );
    for w in &p.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out.trim_end().to_string()
}

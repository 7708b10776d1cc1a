//! The seeded rollout (`mlops rollout`): requests per step, each an error
//! with its model's true error rate or the model's real error on a sampled
//! data row; the step judged ([`super::analysis`]); rollback at once on a
//! fail, `paused` after K inconclusive steps in a row, else `promoted`.
//!
//! Draw order, per step: for each request, the data row (with models),
//! then the serving model's error draw, then (shadow and preview steps,
//! where the candidate answers a copy) the candidate's; then, only with
//! latencies, every baseline latency and every candidate latency (the
//! baseline's judged over all steps so far, as its error rate is). So
//! without latency options a run is exactly the spec's.

use super::analysis::{
    canary_score, error_verdict, latency_verdict, mann_whitney_greater, Verdict,
};
use super::config::{Latency, RolloutRequest, Strategy};
use crate::basics::error::Result;
use crate::basics::math::{exp, ln};
use crate::basics::rng::{below, seeded, unit_f64};
use crate::basics::special::normal_quantile;
use crate::basics::stats::quantile_sorted;
use rand_core::RngCore;
use serde::{Deserialize, Serialize};

/// Where a model's errors come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Errors {
    /// A true error rate.
    Rate(f64),
    /// Whether the model is wrong on each data row (requests sample rows).
    Rows(Vec<bool>),
}

/// One step's latency judgement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatencyResult {
    pub baseline_p50_ms: f64,
    pub candidate_p50_ms: f64,
    pub baseline_p99_ms: f64,
    pub candidate_p99_ms: f64,
    pub p_value: Option<f64>,
    pub verdict: Verdict,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepResult {
    pub step: u32,
    pub candidate_weight: f64,
    pub baseline_requests: u64,
    /// Requests the candidate answered (served, or copies in shadow and
    /// preview steps).
    pub candidate_requests: u64,
    pub baseline_errors: u64,
    pub candidate_errors: u64,
    /// Requests the candidate's answers were served on.
    pub candidate_served: u64,
    pub verdict: Verdict,
    /// The candidate's error rate in this step and the baseline's over all
    /// steps so far (what the test compares).
    pub candidate_error_rate: Option<f64>,
    pub baseline_error_rate: Option<f64>,
    pub z: Option<f64>,
    /// The error metric's own verdict (the step's, without latencies).
    pub error_verdict: Verdict,
    /// Shadow and preview: the share of requests where both models were
    /// right or both wrong.
    pub agreement: Option<f64>,
    pub latency: Option<LatencyResult>,
    /// Kayenta's canary score (0–100), with latencies.
    pub score: Option<f64>,
    /// With a label delay: the requests whose labels had arrived when the
    /// step was judged, and the errors among them (what the error test
    /// saw; the baseline's over its steps so far).
    pub candidate_labelled: u64,
    pub candidate_errors_labelled: u64,
    pub baseline_labelled: u64,
    pub baseline_errors_labelled: u64,
    /// With a disagreement limit: the share of the candidate's requests on
    /// which its answer differs from the baseline's, and its verdict.
    pub disagreement: Option<f64>,
    pub proxy_verdict: Option<Verdict>,
}

/// How it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Promoted,
    RolledBack,
    Paused,
}

impl Outcome {
    /// Its name, as serde writes it (`promoted`, `rolled_back`, `paused`).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Promoted => "promoted",
            Outcome::RolledBack => "rolled_back",
            Outcome::Paused => "paused",
        }
    }
}

/// `mlops rollout --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolloutReport {
    pub strategy: Strategy,
    pub seed: u64,
    pub steps: Vec<StepResult>,
    pub outcome: Outcome,
    pub rolled_back_at_step: Option<u32>,
    pub requests_served_by_candidate: u64,
    pub errors_served_by_candidate: u64,
    /// The step the outcome was decided at (the last step run).
    pub decided_at_step: u32,
    /// All requests in the steps run (the users the rollout touched).
    pub total_requests: u64,
    pub warnings: Vec<String>,
}

fn is_error(source: &Errors, row: usize, rng: &mut impl RngCore) -> bool {
    match source {
        Errors::Rate(p) => unit_f64(rng) < *p,
        Errors::Rows(wrong) => wrong.get(row).copied().unwrap_or(false),
    }
}

/// A log-normal draw with the latency's median and p99: `exp(ln m + σ z)`,
/// `σ = (ln p99 − ln m) / Φ⁻¹(0.99)`, `z = Φ⁻¹(u)`.
fn latency_draw(l: &Latency, rng: &mut impl RngCore) -> f64 {
    let sigma = (ln(l.p99_ms) - ln(l.median_ms)) / normal_quantile(0.99);
    let u = ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    exp(ln(l.median_ms) + sigma * normal_quantile(u))
}

/// The median and the 99th percentile, sorting once.
fn p50_p99(values: &mut [f64]) -> (f64, f64) {
    crate::basics::sort::sort_f64(values);
    let q = |p| quantile_sorted(values, p).unwrap_or(f64::NAN);
    (q(0.5), q(0.99))
}

/// Runs the rollout. `baseline` and `candidate` give each model's errors
/// (`Errors::Rate` from the request's rates when no model is given); with
/// `Errors::Rows`, `rows` is the number of data rows requests sample.
pub fn run(
    request: &RolloutRequest,
    baseline: &Errors,
    candidate: &Errors,
    rows: usize,
) -> Result<RolloutReport> {
    request.check()?;
    let mut rng = seeded(request.seed);
    let n = u64::from(request.requests_per_step);
    let sample_rows = matches!(baseline, Errors::Rows(_)) || matches!(candidate, Errors::Rows(_));
    let latencies = match (request.baseline_latency, request.candidate_latency) {
        (Some(b), Some(c)) => Some((b, c)),
        _ => None,
    };
    let mut warnings = Vec::new();
    if request.baseline_latency.is_some() != request.candidate_latency.is_some() {
        warnings.push("latency needs both models' median and p99: not judged".into());
    }
    let (mut nb_total, mut eb_total) = (0u64, 0u64);
    let (mut served, mut served_errors, mut total) = (0u64, 0u64, 0u64);
    let mut steps = Vec::new();
    let mut outcome = Outcome::Promoted;
    let mut rolled_back_at = None;
    let mut inconclusive_run = 0;
    let mut baseline_latencies: Vec<f64> = Vec::new();
    for (k, weight) in request.weights().into_iter().enumerate() {
        let copy = weight == 0.0 || request.strategy == Strategy::Shadow;
        let nc_served = if copy {
            0
        } else {
            (n as f64 * weight / 100.0).round() as u64
        };
        let nb = n - nc_served;
        let nc = if copy { n } else { nc_served };
        // Labels of the step's last `label_delay` requests have not arrived:
        // each side loses its share of them.
        let delay = u64::from(request.label_delay).min(n);
        let unlabelled = |side: u64| (delay as f64 * side as f64 / n.max(1) as f64).round() as u64;
        let (nb_l, nc_l) = (nb - unlabelled(nb).min(nb), nc - unlabelled(nc).min(nc));
        let proxy = request.max_disagreement.is_some();
        let (mut eb, mut ec, mut agree) = (0u64, 0u64, 0u64);
        let (mut eb_l, mut ec_l, mut disagree) = (0u64, 0u64, 0u64);
        for i in 0..n {
            let row = if sample_rows {
                below(&mut rng, rows.max(1) as u64) as usize
            } else {
                0
            };
            if i < nb {
                let b_wrong = is_error(baseline, row, &mut rng);
                eb += u64::from(b_wrong);
                if i < nb_l {
                    eb_l += u64::from(b_wrong);
                }
                if copy {
                    let c_wrong = is_error(candidate, row, &mut rng);
                    ec += u64::from(c_wrong);
                    if i < nc_l {
                        ec_l += u64::from(c_wrong);
                    }
                    agree += u64::from(b_wrong == c_wrong);
                    disagree += u64::from(b_wrong != c_wrong);
                }
            } else {
                let c_wrong = is_error(candidate, row, &mut rng);
                ec += u64::from(c_wrong);
                if i - nb < nc_l {
                    ec_l += u64::from(c_wrong);
                }
                // The baseline answers a copy only for the proxy (so runs
                // without it draw exactly as before).
                if proxy {
                    disagree += u64::from(is_error(baseline, row, &mut rng) != c_wrong);
                }
            }
        }
        let (ec_all, ec) = (ec, ec_l);
        nb_total += nb_l;
        eb_total += eb_l;
        total += n;
        served += nc_served;
        if !copy {
            served_errors += ec_all;
        }
        let (ev, z) = error_verdict(
            ec,
            nc_l,
            eb_total,
            nb_total,
            request.max_increase,
            request.confidence,
            u64::from(request.min_requests),
        );
        let (mut verdict, mut latency, mut score) = (ev, None, None);
        if let Some((lb, lc)) = latencies {
            // Like the error rate, the baseline's latencies are all it has
            // served so far, so the 100 % step still has a reference.
            baseline_latencies.extend((0..nb).map(|_| latency_draw(&lb, &mut rng)));
            let mut b = baseline_latencies.clone();
            let mut c: Vec<f64> = (0..nc).map(|_| latency_draw(&lc, &mut rng)).collect();
            let p_value = mann_whitney_greater(&c, &b);
            let ((b50, b99), (c50, c99)) = (p50_p99(&mut b), p50_p99(&mut c));
            let min = u64::from(request.min_requests);
            let j = request.latency_judge;
            let lv = latency_verdict(
                p_value,
                c50,
                b50,
                j.tolerance,
                request.confidence,
                b.len() as u64 >= min && nc >= min,
            );
            let (v, s) = canary_score(&[ev, lv], j.pass_score, j.marginal_score);
            verdict = v;
            score = s;
            latency = Some(LatencyResult {
                baseline_p50_ms: b50,
                candidate_p50_ms: c50,
                baseline_p99_ms: b99,
                candidate_p99_ms: c99,
                p_value,
                verdict: lv,
            });
        }
        // The proxy: it needs no label, so it can gate a step whose labels
        // have not arrived.
        let disagreement = (proxy && nc > 0).then(|| disagree as f64 / nc as f64);
        let proxy_verdict = request
            .max_disagreement
            .zip(disagreement)
            .map(|(limit, d)| {
                if d > limit {
                    Verdict::Fail
                } else {
                    Verdict::Pass
                }
            });
        let min = u64::from(request.min_requests);
        match proxy_verdict {
            Some(Verdict::Fail) => verdict = Verdict::Fail,
            Some(Verdict::Pass)
                if verdict == Verdict::Inconclusive
                    && ev == Verdict::Inconclusive
                    && nc >= min
                    && nc_l < min =>
            {
                verdict = Verdict::Pass;
            }
            _ => {}
        }
        steps.push(StepResult {
            step: k as u32 + 1,
            candidate_weight: weight,
            baseline_requests: nb,
            candidate_requests: nc,
            baseline_errors: eb,
            candidate_errors: ec_all,
            candidate_served: nc_served,
            verdict,
            candidate_error_rate: (nc_l > 0).then(|| ec as f64 / nc_l as f64),
            baseline_error_rate: (nb_total > 0).then(|| eb_total as f64 / nb_total as f64),
            z,
            error_verdict: ev,
            agreement: (copy && n > 0).then(|| agree as f64 / n as f64),
            latency,
            score,
            candidate_labelled: nc_l,
            candidate_errors_labelled: ec,
            baseline_labelled: nb_total,
            baseline_errors_labelled: eb_total,
            disagreement,
            proxy_verdict,
        });
        match verdict {
            Verdict::Fail => {
                outcome = Outcome::RolledBack;
                rolled_back_at = Some(k as u32 + 1);
                break;
            }
            Verdict::Inconclusive => {
                inconclusive_run += 1;
                if inconclusive_run >= request.max_inconclusive {
                    outcome = Outcome::Paused;
                    break;
                }
            }
            Verdict::Pass => inconclusive_run = 0,
        }
    }
    Ok(RolloutReport {
        strategy: request.strategy,
        seed: request.seed,
        decided_at_step: steps.len() as u32,
        steps,
        outcome,
        rolled_back_at_step: rolled_back_at,
        requests_served_by_candidate: served,
        errors_served_by_candidate: served_errors,
        total_requests: total,
        warnings,
    })
}

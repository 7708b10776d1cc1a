//! A golden rollout, computed the same way natively and in wasm (the
//! engine's and the web app's tests compare it with
//! `tests/fixtures/rollout/golden.json`): a canary with latencies, so the
//! error draws, the latency draws (log-normal through the portable
//! `exp`/`ln` and the normal quantile) and the Mann–Whitney test are all
//! covered.

use super::config::{Latency, RolloutRequest};
use super::run::{run, Errors};

/// Each step's error counts and the bits of its latency p-value, and the
/// outcome, as one line of text.
pub fn values() -> String {
    let r = RolloutRequest {
        candidate_error: 0.07,
        seed: 13,
        baseline_latency: Some(Latency {
            median_ms: 40.0,
            p99_ms: 180.0,
        }),
        candidate_latency: Some(Latency {
            median_ms: 44.0,
            p99_ms: 200.0,
        }),
        ..RolloutRequest::default()
    };
    let Ok(out) = run(
        &r,
        &Errors::Rate(r.baseline_error),
        &Errors::Rate(r.candidate_error),
        0,
    ) else {
        return "error".into();
    };
    let steps: Vec<String> = out
        .steps
        .iter()
        .map(|s| {
            let p = s
                .latency
                .as_ref()
                .and_then(|l| l.p_value)
                .unwrap_or(f64::NAN);
            format!(
                "{}:{}/{}:{:x}",
                s.step,
                s.baseline_errors,
                s.candidate_errors,
                p.to_bits()
            )
        })
        .collect();
    format!("{:?} {}", out.outcome, steps.join(" "))
}

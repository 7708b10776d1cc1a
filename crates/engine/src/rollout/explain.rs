//! Why each step got its verdict, in words and numbers, and the run as an
//! event log in Flagger's style ("advance canary weight 10", "halt
//! advancement", "rolling back"). `Fail` alone does not teach: a candidate
//! with fewer errors than the baseline can fail on latency, and a step can
//! be inconclusive only because too few requests reached the candidate.
//! The Deploy lab shows these beside each step, `mlops rollout` prints them.
//!
//! The error test's p-value is the one-sided `1 − Φ(z)` of
//! [`super::analysis::error_verdict`]'s `z`: the step fails when
//! `p < 1 − C` (the same as `z > Φ⁻¹(C)`).

use super::analysis::Verdict;
use super::config::{RolloutRequest, Strategy};
use super::run::{LatencyResult, Outcome, RolloutReport, StepResult};
use crate::basics::special::normal_cdf;
use serde::{Deserialize, Serialize};

/// The reasons (one per step run) and the event log.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Explanation {
    pub reasons: Vec<String>,
    pub events: Vec<String>,
}

/// Explains `report`, the run of `request`.
pub fn explain(request: &RolloutRequest, report: &RolloutReport) -> Explanation {
    let mut baseline_so_far = 0;
    let reasons = report
        .steps
        .iter()
        .map(|s| {
            baseline_so_far += s.baseline_requests;
            step_reason(request, s, baseline_so_far)
        })
        .collect::<Vec<_>>();
    Explanation {
        events: events(request, report, &reasons),
        reasons,
    }
}

/// `0.041` → `4.1%`.
fn pct(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

/// A one-sided p-value, `p = 0.003` or `p < 0.001`.
fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {p:.3}")
    }
}

/// A p-value under the test's level: `p = 0.003 < 0.05`, `p < 0.001`.
fn p_below(p: f64, alpha: &str) -> String {
    if p < 0.001 {
        p_text(p)
    } else {
        format!("{} < {alpha}", p_text(p))
    }
}

/// `+1 pt`, `+0.5 pts`.
fn points(d: f64) -> String {
    let v = d * 100.0;
    let unit = if (v - 1.0).abs() < 1e-12 { "pt" } else { "pts" };
    format!("+{} {unit}", trim(v))
}

/// A number with at most 2 decimals and no trailing zeros.
fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The error metric's reason: "error 4.1% vs 2.0% (+2.1 pts > +1 pt
/// allowed, p = 0.003 < 0.05): fail".
fn error_reason(request: &RolloutRequest, s: &StepResult, baseline_so_far: u64) -> String {
    let min = u64::from(request.min_requests);
    let verdict = s.error_verdict.as_str();
    if s.error_verdict == Verdict::Inconclusive {
        return if s.candidate_requests >= min && s.candidate_labelled < min {
            format!(
                "{} of {} candidate requests labelled so far, {min} needed: {verdict}",
                s.candidate_labelled, s.candidate_requests
            )
        } else if s.candidate_requests < min || s.candidate_requests == 0 {
            format!(
                "{} candidate requests, {min} needed: {verdict}",
                s.candidate_requests
            )
        } else {
            format!("{baseline_so_far} baseline requests so far, {min} needed: {verdict}")
        };
    }
    let (Some(pc), Some(pb)) = (s.candidate_error_rate, s.baseline_error_rate) else {
        return format!("error rate undefined: {verdict}");
    };
    let diff = (pc - pb) * 100.0;
    let sign = if diff >= 0.0 { "+" } else { "−" };
    let diff_text = format!("{sign}{:.1} pts", diff.abs());
    let allowed = points(request.max_increase);
    let over = pc - pb > request.max_increase;
    let alpha = trim(1.0 - request.confidence);
    let why = match (s.z, s.error_verdict, over) {
        (Some(z), Verdict::Fail, _) => {
            format!(
                "{diff_text} > {allowed} allowed, {}",
                p_below(1.0 - normal_cdf(z), &alpha)
            )
        }
        (Some(z), _, true) => format!(
            "{diff_text} > {allowed} allowed, but {} ≥ {alpha}: not shown yet",
            p_text(1.0 - normal_cdf(z))
        ),
        (None, _, true) => format!("{diff_text} > {allowed} allowed, no variance to test"),
        (_, _, false) => format!("{diff_text}, within the {allowed} allowed"),
    };
    format!("error {} vs {} ({why}): {verdict}", pct(pc), pct(pb))
}

/// "latency median 25.1 ms vs 20.0 ms (+25% > 10% tolerated, p < 0.001): fail".
fn latency_reason(request: &RolloutRequest, l: &LatencyResult) -> String {
    let verdict = l.verdict.as_str();
    let Some(p) = l.p_value.filter(|_| l.verdict != Verdict::Inconclusive) else {
        return format!(
            "latency: too few samples ({} needed on each side): {verdict}",
            request.min_requests
        );
    };
    let change = (l.candidate_p50_ms / l.baseline_p50_ms - 1.0) * 100.0;
    let tolerance = request.latency_judge.tolerance * 100.0;
    let sign = if change >= 0.0 { "+" } else { "−" };
    let alpha = trim(1.0 - request.confidence);
    let why = match (change > tolerance, l.verdict) {
        (true, Verdict::Fail) => {
            format!("> {}% tolerated, {}", trim(tolerance), p_below(p, &alpha))
        }
        (true, _) => format!(
            "> {}% tolerated, but {} ≥ {alpha}: not shown yet",
            trim(tolerance),
            p_text(p)
        ),
        (false, _) => format!("within the {}% tolerated", trim(tolerance)),
    };
    format!(
        "latency median {:.1} ms vs {:.1} ms ({sign}{:.0}% {why}): {verdict}",
        l.candidate_p50_ms,
        l.baseline_p50_ms,
        change.abs(),
    )
}

/// Every metric's reason, then the canary score and the shadow's
/// agreement where there are.
fn step_reason(request: &RolloutRequest, s: &StepResult, baseline_so_far: u64) -> String {
    let mut parts = vec![error_reason(request, s, baseline_so_far)];
    if let Some(l) = &s.latency {
        parts.push(latency_reason(request, l));
    }
    if let Some(score) = s.score {
        let j = request.latency_judge;
        parts.push(format!(
            "canary score {} (pass at {}, fail below {}): {}",
            trim(score),
            trim(j.pass_score),
            trim(j.marginal_score),
            s.verdict.as_str()
        ));
    } else if s.latency.is_some() {
        parts.push(format!("step: {}", s.verdict.as_str()));
    }
    if let (Some(d), Some(v), Some(limit)) =
        (s.disagreement, s.proxy_verdict, request.max_disagreement)
    {
        let cmp = if d > limit { ">" } else { "≤" };
        parts.push(format!(
            "disagrees with the baseline on {} of its requests ({cmp} {} allowed, no label needed): {}",
            pct(d),
            pct(limit),
            v.as_str()
        ));
        if v == Verdict::Pass
            && s.error_verdict == Verdict::Inconclusive
            && s.verdict == Verdict::Pass
        {
            parts.push("the step passes on the proxy while the labels wait".into());
        }
    }
    if let Some(a) = s.agreement {
        parts.push(format!("the two models agree on {} of requests", pct(a)));
    }
    parts.join("; ")
}

/// Flagger-style events: what the controller did at each step and why it
/// stopped.
fn events(request: &RolloutRequest, report: &RolloutReport, reasons: &[String]) -> Vec<String> {
    let n = request.requests_per_step;
    let mut out = vec![match request.strategy {
        Strategy::Canary => format!(
            "Starting canary analysis: weights {}% ({n} requests per step)",
            request
                .steps
                .iter()
                .map(|w| trim(*w))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Strategy::Shadow => format!(
            "Starting shadow analysis: the candidate answers a copy of every request, users see only the baseline ({n} requests per step)"
        ),
        Strategy::BlueGreen => format!(
            "Starting blue-green: the candidate (green) is previewed, then takes all traffic ({n} requests per step)"
        ),
    }];
    let mut inconclusive = 0;
    for (s, why) in report.steps.iter().zip(reasons) {
        out.push(match (request.strategy, s.step) {
            (Strategy::Canary, _) => format!("Advance canary weight {}", trim(s.candidate_weight)),
            (Strategy::Shadow, k) => format!("Mirror traffic to the candidate (step {k})"),
            (Strategy::BlueGreen, 1) => {
                "Preview: the candidate (green) answers copies, users see the baseline (blue)"
                    .to_string()
            }
            (Strategy::BlueGreen, _) => "Switch all traffic to the candidate (green)".to_string(),
        });
        match s.verdict {
            Verdict::Pass => {
                inconclusive = 0;
                out.push(format!("Step {} analysis passed", s.step));
            }
            Verdict::Inconclusive => {
                inconclusive += 1;
                out.push(format!(
                    "Halt advancement: step {} inconclusive ({inconclusive} of {} in a row): {why}",
                    s.step, request.max_inconclusive
                ));
            }
            Verdict::Fail => {
                out.push(format!("Halt advancement: step {} failed: {why}", s.step));
            }
        }
    }
    out.push(match report.outcome {
        Outcome::Promoted => match request.strategy {
            Strategy::Shadow => {
                "Shadow analysis passed: ready to promote (no user was served by the candidate)"
                    .to_string()
            }
            _ => "Promotion completed: the candidate serves all traffic".to_string(),
        },
        Outcome::RolledBack => format!(
            "Rolling back: all traffic to the baseline ({} of the candidate's answers served, {} of them errors)",
            report.requests_served_by_candidate, report.errors_served_by_candidate
        ),
        Outcome::Paused => format!(
            "Paused after {} inconclusive steps in a row: a human decides",
            request.max_inconclusive
        ),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rollout::{run, Errors};

    fn explained(request: &RolloutRequest) -> (RolloutReport, Explanation) {
        let report = run(
            request,
            &Errors::Rate(request.baseline_error),
            &Errors::Rate(request.candidate_error),
            0,
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        let e = explain(request, &report);
        (report, e)
    }

    #[test]
    fn a_failed_step_says_how_much_worse_and_how_sure() {
        let request = RolloutRequest {
            baseline_error: 0.02,
            candidate_error: 0.20,
            seed: 1,
            ..RolloutRequest::default()
        };
        let (report, e) = explained(&request);
        assert_eq!(report.outcome, Outcome::RolledBack);
        assert_eq!(e.reasons.len(), report.steps.len());
        let last = e.reasons.last().map(String::as_str).unwrap_or("");
        assert!(last.starts_with("error "), "{last}");
        assert!(last.contains("> +1 pt allowed"), "{last}");
        assert!(last.ends_with(": fail"), "{last}");
        assert!(e.events.iter().any(|x| x.starts_with("Rolling back")));
        assert!(e.events.iter().any(|x| x == "Advance canary weight 5"));
    }

    #[test]
    fn too_few_requests_is_inconclusive_and_says_how_many_were_needed() {
        let request = RolloutRequest {
            steps: vec![1.0, 2.0, 3.0],
            requests_per_step: 100,
            ..RolloutRequest::default()
        };
        let (report, e) = explained(&request);
        assert_eq!(report.outcome, Outcome::Paused);
        assert_eq!(
            e.reasons[0],
            "1 candidate requests, 30 needed: inconclusive"
        );
        assert!(e
            .events
            .last()
            .is_some_and(|x| x.starts_with("Paused after 3")));
    }

    #[test]
    fn a_slower_candidate_fails_on_latency_and_says_so() {
        let request = RolloutRequest {
            baseline_error: 0.05,
            candidate_error: 0.01,
            baseline_latency: Some(crate::rollout::Latency {
                median_ms: 20.0,
                p99_ms: 80.0,
            }),
            candidate_latency: Some(crate::rollout::Latency {
                median_ms: 30.0,
                p99_ms: 120.0,
            }),
            ..RolloutRequest::default()
        };
        let (report, e) = explained(&request);
        assert_eq!(report.outcome, Outcome::RolledBack);
        let last = e.reasons.last().map(String::as_str).unwrap_or("");
        assert!(last.contains("latency median"), "{last}");
        assert!(last.contains("% > 10% tolerated"), "{last}");
        assert!(last.contains("canary score 50"), "{last}");
    }

    #[test]
    fn late_labels_wait_or_trust_the_proxy() {
        let late = RolloutRequest {
            candidate_error: 0.05,
            label_delay: 980,
            ..RolloutRequest::default()
        };
        let (report, e) = explained(&late);
        // Too few labels at every step: the canary waits, then pauses.
        assert_eq!(report.outcome, Outcome::Paused);
        assert!(
            e.reasons[1].contains("candidate requests labelled so far"),
            "{}",
            e.reasons[1]
        );
        let trusting = RolloutRequest {
            max_disagreement: Some(0.2),
            ..late.clone()
        };
        let (report, e) = explained(&trusting);
        assert_eq!(report.outcome, Outcome::Promoted);
        assert!(
            e.reasons[2].contains("passes on the proxy"),
            "{}",
            e.reasons[2]
        );
        // A candidate that disagrees a lot fails on the proxy, labels or not.
        let bad = RolloutRequest {
            candidate_error: 0.4,
            ..trusting
        };
        let (report, e) = explained(&bad);
        assert_eq!(report.outcome, Outcome::RolledBack);
        assert!(e
            .reasons
            .last()
            .is_some_and(|r| r.contains("> 20.0% allowed")));
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(points(0.01), "+1 pt");
        assert_eq!(points(0.005), "+0.5 pts");
        assert_eq!(trim(0.05), "0.05");
        assert_eq!(trim(100.0), "100");
        assert_eq!(p_text(0.0004), "p < 0.001");
        assert_eq!(p_text(0.0312), "p = 0.031");
    }
}

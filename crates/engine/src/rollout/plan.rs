//! Plan the canary: how many requests a step needs to catch a given
//! increase of the error rate, and how long that takes at a traffic rate.
//! No rollout tool answers this; it is the power of the analysis' one-sided
//! test ([`super::analysis::error_verdict`]).
//!
//! The step fails when `z = (pc − pb − D) / se > z_C` (`z_C = Φ⁻¹(C)`),
//! `se² = pc(1 − pc)/nc + pb(1 − pb)/nb`. A candidate whose true rate is
//! `pc = pb + Δ` (Δ > D) is caught with probability `power` when
//! `(Δ − D)/se = z_C + z_P` (`z_P = Φ⁻¹(power)`), so with the baseline
//! answering `k = nb/nc` times as many requests (`(100 − w)/w` at a weight
//! of w %):
//!
//! `nc = (pc(1 − pc) + pb(1 − pb)/k) · ((z_C + z_P)/(Δ − D))²`,
//!
//! rounded up. At 100 % the baseline's rate is known from the steps before
//! and only the candidate's term counts. The step's requests are then
//! `nc · 100 / w`, and its time those requests over the traffic rate.

use crate::basics::error::{EngineError, Result};
use crate::basics::special::normal_quantile;
use serde::{Deserialize, Serialize};

/// What the plan is asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    pub baseline_error: f64,
    /// The increase of the error rate that must be caught (Δ).
    pub catch: f64,
    /// The allowed increase (D, the analysis' `max_increase`).
    pub max_increase: f64,
    pub confidence: f64,
    /// The chance of catching it (default 0.8).
    pub power: f64,
    /// Canary weights in percent.
    pub steps: Vec<f64>,
    /// Requests per minute the service gets.
    pub traffic_per_minute: f64,
}

/// One step's needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanStep {
    pub weight: f64,
    /// Candidate requests needed to catch the increase with the power.
    pub candidate_requests: u64,
    /// All requests of the step at its weight.
    pub requests: u64,
    pub minutes: f64,
}

/// The plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub steps: Vec<PlanStep>,
    pub total_requests: u64,
    pub total_minutes: f64,
    pub warnings: Vec<String>,
}

/// Candidate requests for one step (see the module's formula); `k` is the
/// baseline's requests per candidate request (`None`: the baseline's rate
/// is known).
pub fn candidate_requests(r: &PlanRequest, k: Option<f64>) -> u64 {
    let (pb, pc) = (r.baseline_error, r.baseline_error + r.catch);
    let z = normal_quantile(r.confidence) + normal_quantile(r.power);
    let variance = pc * (1.0 - pc) + k.map_or(0.0, |k| pb * (1.0 - pb) / k);
    let n = variance * (z / (r.catch - r.max_increase)).powi(2);
    n.ceil().max(1.0) as u64
}

fn bad(setting: &str, message: String) -> EngineError {
    EngineError::bad_setting(setting, message)
}

/// The plan for every step of `r.steps`.
pub fn plan(r: &PlanRequest) -> Result<Plan> {
    if !(0.0..1.0).contains(&r.baseline_error) {
        return Err(bad(
            "baseline error",
            format!("{} is outside 0–1", r.baseline_error),
        ));
    }
    if !(r.catch > r.max_increase && r.baseline_error + r.catch < 1.0) {
        return Err(bad(
            "catch",
            format!(
                "the increase to catch ({}) must be above the allowed increase ({}) and keep the error rate below 1",
                r.catch, r.max_increase
            ),
        ));
    }
    if !(0.0..1.0).contains(&r.max_increase) {
        return Err(bad(
            "max increase",
            format!("{} is outside 0–1", r.max_increase),
        ));
    }
    for (setting, p) in [("confidence", r.confidence), ("power", r.power)] {
        if !(p > 0.0 && p < 1.0) {
            return Err(bad(
                setting,
                format!("{p} must be strictly between 0 and 1"),
            ));
        }
    }
    if !(r.traffic_per_minute > 0.0 && r.traffic_per_minute.is_finite()) {
        return Err(bad(
            "traffic per minute",
            format!("{} must be a positive number", r.traffic_per_minute),
        ));
    }
    let mut steps = Vec::new();
    for &w in &r.steps {
        if !(w > 0.0 && w <= 100.0) {
            return Err(bad("steps", format!("weight {w} is outside (0, 100]")));
        }
        let k = (w < 100.0).then(|| (100.0 - w) / w);
        let nc = candidate_requests(r, k);
        let requests = (nc as f64 * 100.0 / w).ceil() as u64;
        steps.push(PlanStep {
            weight: w,
            candidate_requests: nc,
            requests,
            minutes: requests as f64 / r.traffic_per_minute,
        });
    }
    let total_minutes: f64 = steps.iter().map(|s| s.minutes).sum();
    let mut warnings = Vec::new();
    if total_minutes > 24.0 * 60.0 {
        warnings.push(format!(
            "at {} requests a minute the plan takes {:.1} days: catch a larger increase, accept a lower power, or send the first steps more traffic",
            r.traffic_per_minute,
            total_minutes / (24.0 * 60.0)
        ));
    }
    Ok(Plan {
        total_requests: steps.iter().map(|s| s.requests).sum(),
        total_minutes,
        steps,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::rng::{seeded, unit_f64};
    use crate::rollout::analysis::error_verdict;
    use crate::rollout::Verdict;

    fn request() -> PlanRequest {
        PlanRequest {
            baseline_error: 0.05,
            catch: 0.03,
            max_increase: 0.01,
            confidence: 0.95,
            power: 0.8,
            steps: vec![5.0, 10.0, 25.0, 50.0, 100.0],
            traffic_per_minute: 100.0,
        }
    }

    #[test]
    fn the_textbook_case() {
        // pc = 0.08, pb = 0.05, k = 19 at 5 %: (0.0736 + 0.0475/19) ·
        // ((1.6449 + 0.8416)/0.02)² = 0.0761 · 15,456 = 1,176.2 → 1,177.
        let p = plan(&request()).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.steps[0].candidate_requests, 1177);
        assert_eq!(p.steps[0].requests, 23_540);
        assert!((p.steps[0].minutes - 235.4).abs() < 1e-9);
        // At 100 % only the candidate's term counts.
        assert_eq!(p.steps[4].candidate_requests, 1138);
        assert!(plan(&PlanRequest {
            catch: 0.01,
            ..request()
        })
        .is_err());
    }

    /// The planned number of requests catches the increase about `power`
    /// of the time when the analysis' own test is run on simulated steps.
    #[test]
    fn the_plan_holds_in_simulation() {
        let r = PlanRequest {
            steps: vec![25.0],
            ..request()
        };
        let p = plan(&r).unwrap_or_else(|e| unreachable!("{e}"));
        let nc = p.steps[0].candidate_requests;
        let nb = p.steps[0].requests - nc;
        let mut rng = seeded(11);
        let runs = 2000;
        let mut caught = 0;
        for _ in 0..runs {
            let ec = (0..nc).filter(|_| unit_f64(&mut rng) < 0.08).count() as u64;
            let eb = (0..nb).filter(|_| unit_f64(&mut rng) < 0.05).count() as u64;
            let (v, _) = error_verdict(ec, nc, eb, nb, 0.01, 0.95, 30);
            caught += u64::from(v == Verdict::Fail);
        }
        let rate = caught as f64 / runs as f64;
        // 0.8 ± 3 standard errors of 2,000 runs (0.009 each).
        assert!((rate - 0.8).abs() < 0.03, "caught {rate}");
    }
}

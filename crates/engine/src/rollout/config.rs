//! What a rollout simulation is asked: the strategy, the traffic plan, the
//! two models and the analysis settings (`mlops rollout`), checked before
//! anything runs so a bad setting is named, never a panic.

use crate::basics::error::{EngineError, Result};
use serde::{Deserialize, Serialize};

/// The most requests a rollout simulates in all.
pub const MAX_REQUESTS: u64 = 100_000_000;

/// How the candidate meets traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    Canary,
    Shadow,
    BlueGreen,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [Strategy::Canary, Strategy::Shadow, Strategy::BlueGreen];

    pub fn parse(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The name `mlops rollout --strategy` takes.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Canary => "canary",
            Strategy::Shadow => "shadow",
            Strategy::BlueGreen => "blue-green",
        }
    }
}

/// The latency of a model's responses: log-normal with this median and
/// 99th percentile (ms).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    pub median_ms: f64,
    pub p99_ms: f64,
}

/// The Kayenta-style latency judgement (on when both models have a
/// latency).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatencyJudge {
    /// The candidate fails only when its median is slower than the
    /// baseline's by more than this share (default 0.10).
    pub tolerance: f64,
    /// A step passes with a canary score (share of metrics passing, 0–100)
    /// at or above this (default 95) …
    pub pass_score: f64,
    /// … and fails below this (default 75); in between it is inconclusive.
    pub marginal_score: f64,
}

impl Default for LatencyJudge {
    fn default() -> Self {
        LatencyJudge {
            tolerance: 0.10,
            pass_score: 95.0,
            marginal_score: 75.0,
        }
    }
}

/// Everything a rollout needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolloutRequest {
    pub strategy: Strategy,
    /// Canary weights in percent (default 5, 10, 25, 50, 100).
    pub steps: Vec<f64>,
    /// Shadow steps (default 5).
    pub step_count: u32,
    pub requests_per_step: u32,
    /// True error rates; with models, each request samples a data row and
    /// the model's real error on it counts instead.
    pub baseline_error: f64,
    pub candidate_error: f64,
    pub max_increase: f64,
    pub confidence: f64,
    pub min_requests: u32,
    pub max_inconclusive: u32,
    pub seed: u64,
    pub baseline_latency: Option<Latency>,
    pub candidate_latency: Option<Latency>,
    pub latency_judge: LatencyJudge,
    /// Labels arrive late: the last this many requests of each step (on
    /// both sides, in proportion) have no label yet when the step is
    /// judged, so the error test sees only the others (default 0).
    #[serde(default)]
    pub label_delay: u32,
    /// A proxy that needs no label: the share of the candidate's requests
    /// on which its answer disagrees with the baseline's. With a limit, a
    /// step whose disagreement is above it fails, and a step the error test
    /// cannot judge yet (too few labels) passes on the proxy.
    #[serde(default)]
    pub max_disagreement: Option<f64>,
}

impl Default for RolloutRequest {
    fn default() -> Self {
        RolloutRequest {
            strategy: Strategy::Canary,
            steps: vec![5.0, 10.0, 25.0, 50.0, 100.0],
            step_count: 5,
            requests_per_step: 1000,
            baseline_error: 0.05,
            candidate_error: 0.05,
            max_increase: 0.01,
            confidence: 0.95,
            min_requests: 30,
            max_inconclusive: 3,
            seed: 0,
            baseline_latency: None,
            candidate_latency: None,
            latency_judge: LatencyJudge::default(),
            label_delay: 0,
            max_disagreement: None,
        }
    }
}

fn bad(setting: &str, message: String) -> EngineError {
    EngineError::bad_setting(setting, message)
}

impl RolloutRequest {
    /// Names the first bad setting.
    pub fn check(&self) -> Result<()> {
        if self.strategy == Strategy::Canary {
            if self.steps.is_empty() {
                return Err(bad("steps", "needs at least one weight".into()));
            }
            for (i, &w) in self.steps.iter().enumerate() {
                if !(0.0..=100.0).contains(&w) {
                    return Err(bad("steps", format!("weight {w} is outside 0–100")));
                }
                if i > 0 && w < self.steps[i - 1] {
                    return Err(bad(
                        "steps",
                        format!(
                            "weight {w} goes down after {} (weights only rise)",
                            self.steps[i - 1]
                        ),
                    ));
                }
            }
        }
        if self.strategy == Strategy::Shadow && self.step_count == 0 {
            return Err(bad("step count", "must be at least 1".into()));
        }
        if self.requests_per_step == 0 {
            return Err(bad("requests per step", "must be at least 1".into()));
        }
        let steps = match self.strategy {
            Strategy::Canary => self.steps.len() as u64,
            Strategy::Shadow => u64::from(self.step_count),
            Strategy::BlueGreen => 2,
        };
        if steps * u64::from(self.requests_per_step) > MAX_REQUESTS {
            return Err(bad(
                "requests per step",
                format!(
                    "{steps} steps × {} is over {MAX_REQUESTS} requests in all",
                    self.requests_per_step
                ),
            ));
        }
        for (flag, p) in [
            ("baseline error", self.baseline_error),
            ("candidate error", self.candidate_error),
        ] {
            if !(0.0..=1.0).contains(&p) {
                return Err(bad(flag, format!("{p} is outside 0–1")));
            }
        }
        if !(self.confidence > 0.0 && self.confidence < 1.0) {
            return Err(bad(
                "confidence",
                format!("{} must be strictly between 0 and 1", self.confidence),
            ));
        }
        if !(0.0..1.0).contains(&self.max_increase) {
            return Err(bad(
                "max increase",
                format!("{} is outside 0–1", self.max_increase),
            ));
        }
        if self.max_inconclusive == 0 {
            return Err(bad("max inconclusive", "must be at least 1".into()));
        }
        for (setting, latency) in [
            ("baseline latency", self.baseline_latency),
            ("candidate latency", self.candidate_latency),
        ] {
            let Some(l) = latency else { continue };
            if !(l.median_ms > 0.0 && l.p99_ms >= l.median_ms && l.p99_ms.is_finite()) {
                return Err(bad(
                    setting,
                    format!(
                        "the median ({} ms) must be positive and the p99 ({} ms) at least the median",
                        l.median_ms, l.p99_ms
                    ),
                ));
            }
        }
        if self.label_delay > self.requests_per_step {
            return Err(bad(
                "label delay",
                format!(
                    "{} is more than the {} requests of a step",
                    self.label_delay, self.requests_per_step
                ),
            ));
        }
        if let Some(m) = self.max_disagreement {
            if !(0.0..=1.0).contains(&m) {
                return Err(bad("max disagreement", format!("{m} is outside 0–1")));
            }
        }
        let j = self.latency_judge;
        if j.tolerance.is_nan() || j.tolerance < 0.0 {
            return Err(bad(
                "latency tolerance",
                format!("{} must be 0 or more", j.tolerance),
            ));
        }
        if !(0.0..=100.0).contains(&j.pass_score) {
            return Err(bad(
                "pass score",
                format!("{} is outside 0–100", j.pass_score),
            ));
        }
        if j.marginal_score.is_nan() || j.marginal_score > j.pass_score {
            return Err(bad(
                "marginal score",
                format!(
                    "{} must be at most the pass score ({})",
                    j.marginal_score, j.pass_score
                ),
            ));
        }
        Ok(())
    }

    /// The weights of the steps, by strategy.
    pub fn weights(&self) -> Vec<f64> {
        match self.strategy {
            Strategy::Canary => self.steps.clone(),
            Strategy::Shadow => vec![0.0; self.step_count as usize],
            Strategy::BlueGreen => vec![0.0, 100.0],
        }
    }
}

//! The Deploy lab's charts: traffic share per step (the candidate's weight
//! and the share it actually served), and each step's error rates with the
//! baseline's 95% band.

use crate::lines::{Lines, Series};
use mlops_engine::rollout::{RolloutReport, Verdict};

fn series(name: &str, points: Vec<(f64, f64)>) -> Series {
    Series {
        name: name.into(),
        points,
        reference: false,
        dots: true,
    }
}

impl Lines {
    /// The same chart over every planned step (`weights`, in percent, the
    /// request's), with the plan's weights as a grey line when they are
    /// traffic shares (`shares`): where the rollout stopped shows against
    /// where it was going.
    pub fn over_plan(mut self, weights: &[f64], shares: bool) -> Lines {
        self.x_range.1 = self.x_range.1.max(weights.len() as f64);
        if shares {
            self.series.insert(
                0,
                Series {
                    name: "the plan".into(),
                    points: weights
                        .iter()
                        .enumerate()
                        .map(|(i, w)| ((i + 1) as f64, w / 100.0))
                        .collect(),
                    reference: true,
                    dots: false,
                },
            );
        }
        self
    }

    /// The candidate's traffic weight per step, and the marker on the step
    /// that decided (rollback or promotion).
    pub fn rollout_traffic(r: &RolloutReport) -> Lines {
        let weight = r
            .steps
            .iter()
            .map(|s| (f64::from(s.step), s.candidate_weight / 100.0))
            .collect();
        let served = r
            .steps
            .iter()
            .map(|s| {
                (
                    f64::from(s.step),
                    s.candidate_served as f64
                        / (s.baseline_requests + s.candidate_served).max(1) as f64,
                )
            })
            .collect();
        let last = r.steps.last();
        let marker = last.map(|s| {
            let label = if s.verdict == Verdict::Fail {
                "rolled back"
            } else {
                "decided"
            };
            (
                f64::from(s.step),
                s.candidate_weight / 100.0,
                label.to_string(),
            )
        });
        Lines {
            title: format!(
                "{}: candidate traffic per step ({:?})",
                r.strategy.name(),
                r.outcome
            )
            .replace("RolledBack", "rolled back")
            .replace("Promoted", "promoted")
            .replace("Paused", "paused"),
            x_label: "step".into(),
            y_label: "share of requests".into(),
            x_range: (1.0, r.steps.len().max(2) as f64),
            y_range: (0.0, 1.02),
            series: vec![
                series("candidate weight", weight),
                series("served by candidate", served),
            ],
            marker,
        }
    }

    /// Error rates per step: the candidate's in the step, the baseline's
    /// over the steps so far, and the baseline's normal-approximation 95%
    /// band (reference lines).
    pub fn rollout_errors(r: &RolloutReport) -> Lines {
        let pts =
            |f: &dyn Fn(&mlops_engine::rollout::StepResult) -> Option<f64>| -> Vec<(f64, f64)> {
                r.steps
                    .iter()
                    .filter_map(|s| f(s).map(|v| (f64::from(s.step), v)))
                    .collect()
            };
        let band = |sign: f64| {
            let mut nb = 0u64;
            r.steps
                .iter()
                .filter_map(|s| {
                    nb += s.baseline_requests;
                    let p = s.baseline_error_rate?;
                    Some((
                        f64::from(s.step),
                        (p + sign * 1.96 * (p * (1.0 - p) / nb.max(1) as f64).sqrt()).max(0.0),
                    ))
                })
                .collect::<Vec<_>>()
        };
        let c = pts(&|s| s.candidate_error_rate);
        let b = pts(&|s| s.baseline_error_rate);
        let top = c.iter().chain(&b).fold(0.0f64, |a, p| a.max(p.1));
        let mut all = vec![
            series("candidate error rate", c),
            series("baseline error rate", b),
        ];
        for (name, sign) in [("baseline 95% low", -1.0), ("baseline 95% high", 1.0)] {
            all.push(Series {
                name: name.into(),
                points: band(sign),
                reference: true,
                dots: false,
            });
        }
        Lines {
            title: "Error rate per step".into(),
            x_label: "step".into(),
            y_label: "error rate".into(),
            x_range: (1.0, r.steps.len().max(2) as f64),
            y_range: (0.0, (top * 1.3).max(0.01)),
            series: all,
            marker: None,
        }
    }
}

impl Lines {
    /// Latency per step (with latencies): the baseline's and the
    /// candidate's medians and the candidate's p99; `None` without.
    pub fn rollout_latency(r: &RolloutReport) -> Option<Lines> {
        let with: Vec<_> = r
            .steps
            .iter()
            .filter_map(|s| s.latency.as_ref().map(|l| (f64::from(s.step), l)))
            .collect();
        if with.is_empty() {
            return None;
        }
        let pick = |f: &dyn Fn(&mlops_engine::rollout::run::LatencyResult) -> f64| {
            with.iter().map(|(x, l)| (*x, f(l))).collect::<Vec<_>>()
        };
        let top = with
            .iter()
            .map(|(_, l)| l.candidate_p99_ms.max(l.baseline_p99_ms))
            .fold(1.0f64, f64::max);
        Some(Lines {
            title: "Latency per step".into(),
            x_label: "step".into(),
            y_label: "ms".into(),
            x_range: (1.0, r.steps.len().max(2) as f64),
            y_range: (0.0, top * 1.1),
            series: vec![
                series("baseline median", pick(&|l| l.baseline_p50_ms)),
                series("candidate median", pick(&|l| l.candidate_p50_ms)),
                series("candidate p99", pick(&|l| l.candidate_p99_ms)),
            ],
            marker: None,
        })
    }

    /// Degrees of automation: at each confidence bar, the share of cases
    /// the model decides alone and its error rate on them.
    pub fn automation(points: &[mlops_engine::metrics::automation::AutomationPoint]) -> Lines {
        let share = points
            .iter()
            .map(|p| (p.confidence, p.automated_share))
            .collect();
        let error = points
            .iter()
            .filter_map(|p| p.error_rate.map(|e| (p.confidence, e)))
            .collect();
        Lines {
            title: "Partial automation: the model decides when it is confident".into(),
            x_label: "confidence bar".into(),
            y_label: "share".into(),
            x_range: (0.5, 1.0),
            y_range: (0.0, 1.02),
            series: vec![
                series("share of cases automated", share),
                series("error rate on them", error),
            ],
            marker: None,
        }
    }
}

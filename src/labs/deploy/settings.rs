//! The Deploy lab's settings, declared once: the strategy, where errors
//! come from, the traffic plan and the analysis (`mlops rollout`'s
//! meanings). Read from the URL (`deploy.<key>`) and written back; a
//! default is left out of the URL.

use crate::lab::Lab;
use crate::setting::{Rule, Setting};
use crate::url_state::{LabSettings, UrlState};
use mlops_engine::rollout::{Latency, LatencyJudge, PlanRequest, RolloutRequest, Strategy};
use mlops_engine::EngineError;

/// Where the two models' errors come from (`rollout-source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// True error rates typed in.
    #[default]
    Rates,
    /// The Model lab's models, measured on the working dataset's rows.
    Models,
}

impl Source {
    pub const ALL: [Source; 2] = [Source::Rates, Source::Models];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Rates => "rates",
            Source::Models => "models",
        }
    }

    pub fn parse(text: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The Deploy lab's settings, under `deploy.` in the URL; each label is
/// its control's, and the engine's name for it where that differs (the
/// engine's `requests per step` is the page's `requests`).
pub mod key {
    use super::*;

    const fn typed(key: &'static str, label: &'static str, rule: Rule) -> Setting {
        Setting::new(Lab::Deploy, key, label, rule)
    }
    const RATE: Rule = Rule::Number {
        lo: 0.0,
        hi: 1.0,
        percent: false,
    };
    const COUNT: Rule = Rule::Whole {
        lo: 0,
        hi: u32::MAX as u64,
    };

    pub const STRATEGY: Setting = typed(
        "strategy",
        "Strategy",
        Rule::Valid(|v| Strategy::parse(v).is_some()),
    );
    pub const SOURCE: Setting = typed(
        "source",
        "Errors from",
        Rule::Valid(|v| Source::parse(v).is_some()),
    );
    pub const BASELINE_ERROR: Setting =
        typed("baseline-error", "Baseline error rate", RATE).engine("baseline error");
    pub const CANDIDATE_ERROR: Setting =
        typed("candidate-error", "Candidate error rate", RATE).engine("candidate error");
    pub const STEPS: Setting = typed(
        "steps",
        "Canary weights (%)",
        Rule::Valid(|v| {
            v.split(',')
                .all(|w| w.trim().parse::<f64>().is_ok_and(f64::is_finite))
        }),
    );
    pub const STEP_COUNT: Setting = typed(
        "step-count",
        "Shadow steps",
        Rule::Whole { lo: 1, hi: 1_000 },
    )
    .engine("step count");
    pub const REQUESTS: Setting =
        typed("requests", "Requests per step", COUNT).engine("requests per step");
    pub const SEED: Setting = typed(
        "seed",
        "Seed",
        Rule::Whole {
            lo: 0,
            hi: u64::MAX,
        },
    );
    pub const MAX_INCREASE: Setting =
        typed("max-increase", "Allowed error increase", RATE).engine("max increase");
    pub const CONFIDENCE: Setting = typed("confidence", "Confidence", RATE);
    pub const MIN_REQUESTS: Setting =
        typed("min-requests", "Min requests", COUNT).engine("min requests");
    pub const BASELINE_LATENCY: Setting = typed(
        "baseline-latency",
        "Baseline latency ms (median,p99)",
        Rule::Valid(latency_valid),
    )
    .engine("baseline latency");
    pub const CANDIDATE_LATENCY: Setting = typed(
        "candidate-latency",
        "Candidate latency ms (median,p99)",
        Rule::Valid(latency_valid),
    )
    .engine("candidate latency");
    pub const LATENCY_TOLERANCE: Setting = typed(
        "latency-tolerance",
        "Latency tolerance (share slower allowed)",
        Rule::Number {
            lo: 0.0,
            hi: 10.0,
            percent: false,
        },
    )
    .engine("latency tolerance");
    pub const LABEL_DELAY: Setting = typed(
        "label-delay",
        "Label delay (requests per step without a label yet)",
        COUNT,
    )
    .engine("label delay");
    pub const MAX_DISAGREEMENT: Setting = typed(
        "max-disagreement",
        "Max disagreement with the baseline (proxy; empty: off)",
        RATE,
    )
    .engine("max disagreement");
    pub const CATCH: Setting = typed("catch", "Increase to catch", RATE);
    pub const POWER: Setting = typed("power", "Power", RATE);
    pub const TRAFFIC: Setting = typed(
        "traffic",
        "Requests per minute",
        Rule::Number {
            lo: 0.0,
            hi: 1e9,
            percent: false,
        },
    )
    .engine("traffic per minute");

    /// `MEDIAN,P99` in ms.
    fn latency_valid(v: &str) -> bool {
        let parts: Vec<&str> = v.split(',').collect();
        parts.len() == 2
            && parts
                .iter()
                .all(|p| p.trim().parse::<f64>().is_ok_and(f64::is_finite))
    }
}

/// Every setting of the Deploy lab.
pub const SETTINGS: &[Setting] = &[
    key::STRATEGY,
    key::SOURCE,
    key::BASELINE_ERROR,
    key::CANDIDATE_ERROR,
    key::STEPS,
    key::STEP_COUNT,
    key::REQUESTS,
    key::SEED,
    key::MAX_INCREASE,
    key::CONFIDENCE,
    key::MIN_REQUESTS,
    key::BASELINE_LATENCY,
    key::CANDIDATE_LATENCY,
    key::LATENCY_TOLERANCE,
    key::LABEL_DELAY,
    key::MAX_DISAGREEMENT,
    key::CATCH,
    key::POWER,
    key::TRAFFIC,
];

/// What the Deploy lab's controls hold: every value as typed (text), so a
/// half-typed setting is named in the error banner instead of vanishing.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploySettings {
    pub strategy: Strategy,
    pub source: Source,
    /// One value per setting of [`key`] besides strategy and source.
    pub values: Vec<(&'static str, String)>,
}

/// Each typed setting with its default (`mlops rollout`'s, except the
/// candidate's error rate: 0.08, so the page opens on a rollout that
/// teaches something).
pub const DEFAULTS: [(Setting, &str); 17] = [
    (key::BASELINE_ERROR, "0.05"),
    (key::CANDIDATE_ERROR, "0.08"),
    (key::STEPS, "5,10,25,50,100"),
    (key::STEP_COUNT, "5"),
    (key::REQUESTS, "1000"),
    (key::SEED, "0"),
    (key::MAX_INCREASE, "0.01"),
    (key::CONFIDENCE, "0.95"),
    (key::MIN_REQUESTS, "30"),
    (key::BASELINE_LATENCY, ""),
    (key::CANDIDATE_LATENCY, ""),
    (key::LATENCY_TOLERANCE, "0.1"),
    (key::LABEL_DELAY, "0"),
    (key::MAX_DISAGREEMENT, ""),
    (key::CATCH, "0.03"),
    (key::POWER, "0.8"),
    (key::TRAFFIC, "100"),
];

impl Default for DeploySettings {
    fn default() -> Self {
        DeploySettings {
            strategy: Strategy::Canary,
            source: Source::Rates,
            values: DEFAULTS
                .iter()
                .map(|&(k, v)| (k.key, v.to_string()))
                .collect(),
        }
    }
}

impl DeploySettings {
    /// The value typed for `setting` (its default when none).
    pub fn get(&self, setting: Setting) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == setting.key)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn set(&mut self, setting: Setting, value: String) {
        match self.values.iter_mut().find(|(k, _)| *k == setting.key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((setting.key, value)),
        }
    }

    /// The canary plan's request: the increase to catch, the power and the
    /// traffic, with the rollout's baseline error, allowed increase,
    /// confidence and weights.
    pub fn plan_request(&self) -> Result<PlanRequest, EngineError> {
        let r = self.request()?;
        let number = |k: Setting| -> Result<f64, EngineError> {
            let text = self.get(k).trim();
            text.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| EngineError::bad_setting(k.key, format!("'{text}' is not a number")))
        };
        Ok(PlanRequest {
            baseline_error: r.baseline_error,
            catch: number(key::CATCH)?,
            max_increase: r.max_increase,
            confidence: r.confidence,
            power: number(key::POWER)?,
            steps: r.steps,
            traffic_per_minute: number(key::TRAFFIC)?,
        })
    }

    /// The engine's request, or the first setting that does not read as a
    /// number (named as its control is).
    pub fn request(&self) -> Result<RolloutRequest, EngineError> {
        let text = |k: Setting| self.get(k).trim();
        let number = |k: Setting| -> Result<f64, EngineError> {
            text(k)
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    EngineError::bad_setting(k.key, format!("'{}' is not a number", text(k)))
                })
        };
        let whole = |k: Setting| -> Result<u32, EngineError> {
            text(k).parse::<u32>().map_err(|_| {
                EngineError::bad_setting(k.key, format!("'{}' is not a whole number ≥ 0", text(k)))
            })
        };
        let latency = |k: Setting| -> Result<Option<Latency>, EngineError> {
            if text(k).is_empty() {
                return Ok(None);
            }
            let parts: Vec<Option<f64>> = text(k)
                .split(',')
                .map(|p| p.trim().parse::<f64>().ok())
                .collect();
            match parts.as_slice() {
                [Some(median_ms), Some(p99_ms)] => Ok(Some(Latency {
                    median_ms: *median_ms,
                    p99_ms: *p99_ms,
                })),
                _ => Err(EngineError::bad_setting(
                    k.key,
                    "takes MEDIAN,P99 in ms (two numbers), or nothing",
                )),
            }
        };
        let steps = text(key::STEPS)
            .split(',')
            .map(|w| w.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect::<Option<Vec<f64>>>()
            .ok_or_else(|| {
                EngineError::bad_setting(
                    key::STEPS.key,
                    "takes weights in percent, e.g. 5,10,25,50,100",
                )
            })?;
        Ok(RolloutRequest {
            strategy: self.strategy,
            steps,
            step_count: whole(key::STEP_COUNT)?,
            requests_per_step: whole(key::REQUESTS)?,
            baseline_error: number(key::BASELINE_ERROR)?,
            candidate_error: number(key::CANDIDATE_ERROR)?,
            max_increase: number(key::MAX_INCREASE)?,
            confidence: number(key::CONFIDENCE)?,
            min_requests: whole(key::MIN_REQUESTS)?,
            seed: text(key::SEED).parse::<u64>().map_err(|_| {
                EngineError::bad_setting(
                    key::SEED.key,
                    format!("'{}' is not a whole number ≥ 0", text(key::SEED)),
                )
            })?,
            baseline_latency: latency(key::BASELINE_LATENCY)?,
            candidate_latency: latency(key::CANDIDATE_LATENCY)?,
            latency_judge: LatencyJudge {
                tolerance: number(key::LATENCY_TOLERANCE)?,
                ..LatencyJudge::default()
            },
            label_delay: whole(key::LABEL_DELAY)?,
            max_disagreement: if text(key::MAX_DISAGREEMENT).is_empty() {
                None
            } else {
                Some(number(key::MAX_DISAGREEMENT)?)
            },
            ..RolloutRequest::default()
        })
    }
}

/// A setting's name (the page's key or the engine's, `requests per
/// step`) as its control is labelled ("Requests per step").
pub fn label(setting: &str) -> String {
    crate::setting::label_of(SETTINGS, setting)
}

impl LabSettings for DeploySettings {
    const LAB: Lab = Lab::Deploy;

    fn from_url(url: &UrlState) -> Self {
        let mut s = DeploySettings {
            strategy: key::STRATEGY
                .raw(url)
                .and_then(Strategy::parse)
                .unwrap_or(Strategy::Canary),
            source: key::SOURCE
                .raw(url)
                .and_then(Source::parse)
                .unwrap_or_default(),
            ..DeploySettings::default()
        };
        for (k, _) in DEFAULTS {
            if let Some(v) = k.raw(url) {
                s.set(k, v.to_string());
            }
        }
        s
    }

    fn write(&self, url: &mut UrlState) {
        let strategy = if self.strategy == Strategy::Canary {
            ""
        } else {
            self.strategy.name()
        };
        let source = if self.source == Source::default() {
            ""
        } else {
            self.source.as_str()
        };
        key::STRATEGY.set(url, strategy);
        key::SOURCE.set(url, source);
        for (k, default) in DEFAULTS {
            let v = self.get(k);
            k.set(url, if v == default { "" } else { v });
        }
    }
}

/// The Deploy lab's settings, as the URL holds them (tracked).
pub fn current(state: crate::state::AppState) -> DeploySettings {
    state.settings()
}

/// Changes the Deploy lab's settings (and so the URL).
pub fn update(state: crate::state::AppState, change: impl FnOnce(&mut DeploySettings)) {
    state.update_settings(change);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_stay_out_of_the_url_and_changes_round_trip() {
        let mut u = UrlState::default();
        DeploySettings::default().write(&mut u);
        assert!(u.settings.is_empty());
        let mut s = DeploySettings {
            strategy: Strategy::Shadow,
            ..DeploySettings::default()
        };
        s.set(key::CANDIDATE_ERROR, "0.1".into());
        s.set(key::BASELINE_LATENCY, "20,80".into());
        s.write(&mut u);
        assert_eq!(u.get("deploy.strategy"), Some("shadow"));
        assert_eq!(u.get("deploy.candidate-error"), Some("0.1"));
        assert_eq!(DeploySettings::from_url(&u), s);
    }

    #[test]
    fn the_request_is_mlops_rollouts_and_bad_text_names_its_control() {
        let r = DeploySettings::default().request();
        let r = r.unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(r.steps, vec![5.0, 10.0, 25.0, 50.0, 100.0]);
        assert_eq!(r.candidate_error, 0.08);
        assert_eq!(r.baseline_latency, None);
        let mut s = DeploySettings::default();
        s.set(key::REQUESTS, "many".into());
        let e = s.request().err().map(|e| e.naming_setting(label));
        assert_eq!(
            e.as_deref(),
            Some("Requests per step: 'many' is not a whole number ≥ 0")
        );
        s.set(key::REQUESTS, "100".into());
        s.set(key::CANDIDATE_LATENCY, "30".into());
        assert!(s.request().is_err());
        assert_eq!(label("max increase"), "Allowed error increase");
        assert_eq!(label("requests per step"), "Requests per step");
    }
}

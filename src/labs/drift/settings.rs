//! The Drift lab's settings, declared once: where reference and current
//! come from, the method chosen per column, and the column whose
//! distributions are drawn. Read from the URL and written back.

use crate::lab::Lab;
use crate::url_state::{LabSettings, UrlState};
use mlops_engine::drift::{Method, Scenario, Shape};

/// Where the two datasets come from (`drift-source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// Two files the user uploads.
    Upload,
    /// The Split lab's train rows (reference) against its test rows.
    #[default]
    Split,
    /// A stream simulated from the working dataset.
    Simulate,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Upload, Source::Split, Source::Simulate];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Upload => "upload",
            Source::Split => "split",
            Source::Simulate => "simulate",
        }
    }

    pub fn parse(text: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The keys under `drift.` in the URL.
pub mod key {
    pub const SOURCE: &str = "source";
    pub const METHODS: &str = "methods";
    pub const COLUMN: &str = "column";
    pub const SCENARIO: &str = "scenario";
    pub const SHAPE: &str = "shape";
    pub const FEATURE: &str = "feature";
    pub const MAGNITUDE: &str = "magnitude";
    pub const BATCHES: &str = "batches";
    pub const ROWS: &str = "rows";
    pub const SEED: &str = "seed";
    pub const CHANGE_AT: &str = "change";
}

/// The most batches the page simulates (a heatmap column each).
pub const MAX_BATCHES: u32 = 100;

/// The simulated stream's settings (`sim-*`), with `mlops simulate`'s
/// meanings; `None` is the CLI's default.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub scenario: Scenario,
    pub shape: Shape,
    /// The changed column (else the first numeric column besides the
    /// target).
    pub feature: Option<String>,
    pub magnitude: f64,
    pub batches: u32,
    pub batch_rows: Option<u32>,
    pub seed: u64,
    pub change_at: Option<u32>,
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation {
            scenario: Scenario::Data,
            shape: Shape::Sudden,
            feature: None,
            magnitude: 1.0,
            batches: 10,
            batch_rows: None,
            seed: 0,
            change_at: None,
        }
    }
}

impl Simulation {
    fn from_url(url: &UrlState) -> Self {
        let get = |k| url.lab_get(Lab::Drift, k, false).filter(|v| !v.is_empty());
        let d = Simulation::default();
        Simulation {
            scenario: get(key::SCENARIO)
                .and_then(Scenario::parse)
                .unwrap_or(d.scenario),
            shape: get(key::SHAPE).and_then(Shape::parse).unwrap_or(d.shape),
            feature: get(key::FEATURE).map(str::to_string),
            magnitude: get(key::MAGNITUDE)
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|m| m.is_finite())
                .map_or(d.magnitude, |m| m.clamp(-10.0, 10.0)),
            batches: get(key::BATCHES)
                .and_then(|v| v.parse::<u32>().ok())
                .map_or(d.batches, |b| b.clamp(1, MAX_BATCHES)),
            batch_rows: get(key::ROWS)
                .and_then(|v| v.parse::<u32>().ok())
                .map(|r| r.clamp(1, 100_000)),
            seed: get(key::SEED)
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.seed),
            change_at: get(key::CHANGE_AT).and_then(|v| v.parse::<u32>().ok()),
        }
    }

    fn write(&self, url: &mut UrlState) {
        let d = Simulation::default();
        let or_empty = |differs: bool, v: String| if differs { v } else { String::new() };
        let pairs = [
            (
                key::SCENARIO,
                or_empty(self.scenario != d.scenario, self.scenario.as_str().into()),
            ),
            (
                key::SHAPE,
                or_empty(self.shape != d.shape, self.shape.as_str().into()),
            ),
            (key::FEATURE, self.feature.clone().unwrap_or_default()),
            (
                key::MAGNITUDE,
                or_empty(self.magnitude != d.magnitude, self.magnitude.to_string()),
            ),
            (
                key::BATCHES,
                or_empty(self.batches != d.batches, self.batches.to_string()),
            ),
            (
                key::ROWS,
                self.batch_rows.map(|r| r.to_string()).unwrap_or_default(),
            ),
            (
                key::SEED,
                or_empty(self.seed != d.seed, self.seed.to_string()),
            ),
            (
                key::CHANGE_AT,
                self.change_at.map(|k| k.to_string()).unwrap_or_default(),
            ),
        ];
        for (k, v) in pairs {
            url.lab_set(Lab::Drift, k, &v);
        }
    }
}

/// What the Drift lab's controls hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DriftSettings {
    pub source: Source,
    /// Methods chosen per column (`auto` is the absence of a choice):
    /// `drift.methods=age:ks,bmi:psi`.
    pub methods: Vec<(String, Method)>,
    /// The column whose two distributions are drawn (else the first
    /// drifted one).
    pub column: Option<String>,
    /// The simulated stream.
    pub sim: Simulation,
}

impl LabSettings for DriftSettings {
    const LAB: Lab = Lab::Drift;

    fn from_url(url: &UrlState) -> Self {
        let get = |k| url.lab_get(Lab::Drift, k, false);
        DriftSettings {
            source: get(key::SOURCE).and_then(Source::parse).unwrap_or_default(),
            methods: get(key::METHODS).map(parse_methods).unwrap_or_default(),
            column: get(key::COLUMN)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            sim: Simulation::from_url(url),
        }
    }

    fn write(&self, url: &mut UrlState) {
        let source = if self.source == Source::default() {
            ""
        } else {
            self.source.as_str()
        };
        let methods = self
            .methods
            .iter()
            .map(|(c, m)| format!("{c}:{}", m.name()))
            .collect::<Vec<_>>()
            .join(",");
        url.lab_set(Lab::Drift, key::SOURCE, source);
        url.lab_set(Lab::Drift, key::METHODS, &methods);
        url.lab_set(
            Lab::Drift,
            key::COLUMN,
            self.column.as_deref().unwrap_or(""),
        );
        self.sim.write(url);
    }
}

impl DriftSettings {
    /// Sets `column`'s method (`None`: Evidently's choice again).
    pub fn set_method(&mut self, column: &str, method: Option<Method>) {
        self.methods.retain(|(c, _)| c != column);
        if let Some(m) = method {
            self.methods.push((column.to_string(), m));
        }
    }
}

/// `age:ks,bmi:psi`; pairs that name no method are skipped.
fn parse_methods(text: &str) -> Vec<(String, Method)> {
    text.split(',')
        .filter_map(|pair| {
            let (column, method) = pair.rsplit_once(':')?;
            Some((column.to_string(), Method::parse(method)?))
        })
        .collect()
}

/// A setting the engine names (`batch rows`) as its control is labelled
/// on the page ("Rows per batch").
pub fn label(setting: &str) -> String {
    match setting {
        "batch rows" => "Rows per batch".into(),
        "change at" => "Change at batch".into(),
        other => {
            let mut c = other.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

/// The Drift lab's settings, as the URL holds them (tracked).
pub fn current(state: crate::state::AppState) -> DriftSettings {
    state.settings()
}

/// The Drift lab's settings now, without tracking (a row's initial
/// choice).
pub fn current_untracked(state: crate::state::AppState) -> DriftSettings {
    use leptos::prelude::WithUntracked;
    state.url.with_untracked(DriftSettings::from_url)
}

/// Changes the Drift lab's settings (and so the URL).
pub fn update(state: crate::state::AppState, change: impl FnOnce(&mut DriftSettings)) {
    state.update_settings(change);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_url_and_defaults_stay_out() {
        let mut u = UrlState::default();
        DriftSettings::default().write(&mut u);
        assert!(u.settings.is_empty());
        let mut s = DriftSettings {
            source: Source::Upload,
            ..Default::default()
        };
        s.set_method("mean radius", Some(Method::Psi));
        s.set_method("bmi", Some(Method::Ks));
        s.set_method("bmi", None);
        s.write(&mut u);
        assert_eq!(u.get("drift.source"), Some("upload"));
        assert_eq!(DriftSettings::from_url(&u), s);
        assert_eq!(s.methods, vec![("mean radius".to_string(), Method::Psi)]);
    }

    #[test]
    fn the_simulation_round_trips_and_clamps() {
        let mut u = UrlState::default();
        let mut s = DriftSettings::default();
        s.sim.scenario = Scenario::Concept;
        s.sim.magnitude = 2.5;
        s.sim.batch_rows = Some(200);
        s.sim.change_at = Some(4);
        s.write(&mut u);
        assert_eq!(u.get("drift.scenario"), Some("concept"));
        assert_eq!(u.get("drift.shape"), None);
        assert_eq!(DriftSettings::from_url(&u), s);
        let wild = UrlState::parse("?drift.batches=5000&drift.magnitude=NaN&drift.rows=0");
        let sim = DriftSettings::from_url(&wild).sim;
        assert_eq!(sim.batches, MAX_BATCHES);
        assert_eq!(sim.magnitude, 1.0);
        assert_eq!(sim.batch_rows, Some(1));
    }

    #[test]
    fn unknown_values_fall_back() {
        let u = UrlState::parse("?drift.source=nope&drift.methods=a:zz,b:kl");
        let s = DriftSettings::from_url(&u);
        assert_eq!(s.source, Source::Split);
        assert_eq!(s.methods, vec![("b".to_string(), Method::Kl)]);
    }
}

//! The Drift lab's settings, declared once: where reference and current
//! come from, the method chosen per column, and the column whose
//! distributions are drawn. Read from the URL and written back.

use crate::lab::Lab;
use crate::setting::{Rule, Setting};
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

/// The most batches the page simulates (a heatmap column each).
pub const MAX_BATCHES: u32 = 100;

/// The Drift lab's settings, under `drift.` in the URL.
pub mod key {
    use super::*;

    pub const SOURCE: Setting = Setting::new(
        Lab::Drift,
        "source",
        "Reference and current",
        Rule::Valid(|v| Source::parse(v).is_some()),
    );
    /// Methods chosen per column: `age:ks,bmi:psi`.
    pub const METHODS: Setting = Setting::new(Lab::Drift, "methods", "Methods", Rule::Text);
    /// The column whose distributions are drawn.
    pub const COLUMN: Setting = Setting::new(Lab::Drift, "column", "Column drawn", Rule::Text);
    pub const SCENARIO: Setting = Setting::new(
        Lab::Drift,
        "scenario",
        "Scenario",
        Rule::Valid(|v| Scenario::parse(v).is_some()),
    );
    pub const SHAPE: Setting = Setting::new(
        Lab::Drift,
        "shape",
        "Shape",
        Rule::Valid(|v| Shape::parse(v).is_some()),
    );
    pub const FEATURE: Setting = Setting::new(Lab::Drift, "feature", "Feature", Rule::Text);
    pub const MAGNITUDE: Setting = Setting::new(
        Lab::Drift,
        "magnitude",
        "Magnitude",
        Rule::Number {
            lo: -10.0,
            hi: 10.0,
            percent: false,
        },
    );
    pub const BATCHES: Setting = Setting::new(
        Lab::Drift,
        "batches",
        "Batches",
        Rule::Whole {
            lo: 1,
            hi: MAX_BATCHES as u64,
        },
    );
    pub const ROWS: Setting = Setting::new(
        Lab::Drift,
        "rows",
        "Rows per batch",
        Rule::Whole { lo: 1, hi: 100_000 },
    )
    .engine("batch rows");
    pub const SEED: Setting = Setting::new(
        Lab::Drift,
        "seed",
        "Seed",
        Rule::Whole {
            lo: 0,
            hi: u64::MAX,
        },
    );
    pub const CHANGE_AT: Setting = Setting::new(
        Lab::Drift,
        "change",
        "Change at batch",
        Rule::Whole {
            lo: 1,
            hi: MAX_BATCHES as u64,
        },
    )
    .engine("change at");
}

/// Every setting of the Drift lab.
pub const SETTINGS: &[Setting] = &[
    key::SOURCE,
    key::METHODS,
    key::COLUMN,
    key::SCENARIO,
    key::SHAPE,
    key::FEATURE,
    key::MAGNITUDE,
    key::BATCHES,
    key::ROWS,
    key::SEED,
    key::CHANGE_AT,
];

/// The simulated stream's settings, in the order of their controls.
pub const SIMULATION: [Setting; 8] = [
    key::SCENARIO,
    key::SHAPE,
    key::FEATURE,
    key::MAGNITUDE,
    key::BATCHES,
    key::ROWS,
    key::SEED,
    key::CHANGE_AT,
];

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
        let mut sim = Simulation::default();
        for setting in SIMULATION {
            sim.set(setting, setting.raw(url).unwrap_or(""));
        }
        sim
    }

    /// Sets `setting` from its text, after its rule (clamped into range);
    /// text that means nothing sets the default.
    pub fn set(&mut self, setting: Setting, text: &str) {
        let checked = setting.rule.checked(text.trim());
        let v = checked.as_deref();
        let d = Simulation::default();
        let k = setting.key;
        if k == key::SCENARIO.key {
            self.scenario = v.and_then(Scenario::parse).unwrap_or(d.scenario);
        } else if k == key::SHAPE.key {
            self.shape = v.and_then(Shape::parse).unwrap_or(d.shape);
        } else if k == key::FEATURE.key {
            self.feature = v.map(str::to_string);
        } else if k == key::MAGNITUDE.key {
            self.magnitude = v.and_then(|v| v.parse().ok()).unwrap_or(d.magnitude);
        } else if k == key::BATCHES.key {
            self.batches = v.and_then(|v| v.parse().ok()).unwrap_or(d.batches);
        } else if k == key::ROWS.key {
            self.batch_rows = v.and_then(|v| v.parse().ok());
        } else if k == key::SEED.key {
            self.seed = v.and_then(|v| v.parse().ok()).unwrap_or(d.seed);
        } else if k == key::CHANGE_AT.key {
            self.change_at = v.and_then(|v| v.parse().ok());
        }
    }

    /// `setting`'s value as its control shows it (empty: the default).
    pub fn text(&self, setting: Setting) -> String {
        let k = setting.key;
        if k == key::SCENARIO.key {
            self.scenario.as_str().into()
        } else if k == key::SHAPE.key {
            self.shape.as_str().into()
        } else if k == key::FEATURE.key {
            self.feature.clone().unwrap_or_default()
        } else if k == key::MAGNITUDE.key {
            self.magnitude.to_string()
        } else if k == key::BATCHES.key {
            self.batches.to_string()
        } else if k == key::ROWS.key {
            self.batch_rows.map(|r| r.to_string()).unwrap_or_default()
        } else if k == key::SEED.key {
            self.seed.to_string()
        } else if k == key::CHANGE_AT.key {
            self.change_at.map(|c| c.to_string()).unwrap_or_default()
        } else {
            String::new()
        }
    }

    fn write(&self, url: &mut UrlState) {
        let d = Simulation::default();
        for setting in SIMULATION {
            let v = self.text(setting);
            let default = d.text(setting);
            setting.set(url, if v == default { "" } else { &v });
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
        DriftSettings {
            source: key::SOURCE
                .value(url)
                .and_then(|v| Source::parse(&v))
                .unwrap_or_default(),
            methods: key::METHODS.raw(url).map(parse_methods).unwrap_or_default(),
            column: key::COLUMN.value(url),
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
        key::SOURCE.set(url, source);
        key::METHODS.set(url, &methods);
        key::COLUMN.set(url, self.column.as_deref().unwrap_or(""));
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

/// A setting's name (the page's key or the engine's name, `batch rows`)
/// as its control is labelled ("Rows per batch").
pub fn label(setting: &str) -> String {
    crate::setting::label_of(SETTINGS, setting)
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

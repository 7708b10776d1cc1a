//! The Drift lab's settings, declared once: where reference and current
//! come from, the method chosen per column, and the column whose
//! distributions are drawn. Read from the URL and written back.

use crate::lab::Lab;
use crate::url_state::{LabSettings, UrlState};
use mlops_engine::drift::Method;

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
    fn unknown_values_fall_back() {
        let u = UrlState::parse("?drift.source=nope&drift.methods=a:zz,b:kl");
        let s = DriftSettings::from_url(&u);
        assert_eq!(s.source, Source::Split);
        assert_eq!(s.methods, vec![("b".to_string(), Method::Kl)]);
    }
}

//! The Model lab's settings: typed, read from the URL and written back
//! under `model.<key>`, and turned into engine requests.

use crate::lab::Lab;
use crate::setting::{Rule, Setting};
use crate::url_state::{LabSettings, UrlState};
use mlops_engine::basics::sort::sort_items;
use mlops_engine::metrics::MetricsRequest;
use mlops_engine::model::slices::Slice;
use mlops_engine::model::ModelKind;

/// Where predictions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Prediction and score columns of the data.
    Columns,
    /// A model trained on the Split lab's split.
    Model,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Columns => "columns",
            Source::Model => "model",
        }
    }
}

/// The Model lab's settings, under `model.` in the URL.
pub mod key {
    use super::*;

    pub const SOURCE: Setting = Setting::new(
        Lab::Model,
        "source",
        "Predictions from",
        Rule::Valid(|v| matches!(v, "columns" | "model")),
    );
    pub const PRED: Setting = Setting::new(Lab::Model, "pred", "Prediction column", Rule::Text);
    pub const SCORE: Setting = Setting::new(Lab::Model, "score", "Score column", Rule::Text);
    pub const KIND: Setting = Setting::new(
        Lab::Model,
        "kind",
        "Model",
        Rule::Valid(|v| v.parse::<ModelKind>().is_ok_and(|k| MODELS.contains(&k))),
    );
    /// A decision threshold on a probability: 0 ..= 1 in a link (a score
    /// column's own range is known only once the data is loaded; the
    /// slider keeps to it).
    pub const THRESHOLD: Setting = Setting::new(
        Lab::Model,
        "threshold",
        "Threshold",
        Rule::Number {
            lo: 0.0,
            hi: 1.0,
            percent: false,
        },
    );
    pub const HLP: Setting = Setting::new(Lab::Model, "hlp", "Second labels", Rule::Text);
    pub const HLP_ERROR: Setting = Setting::new(
        Lab::Model,
        "hlp_error",
        "Human-level error",
        Rule::Number {
            lo: 0.0,
            hi: 100.0,
            percent: true,
        },
    );
    pub const SLICE: Setting = Setting::new(Lab::Model, "slice", "Slice column", Rule::Text);
    pub const SORT: Setting = Setting::new(
        Lab::Model,
        "sort",
        "Sort slices by",
        Rule::Valid(|v| SliceSort::ALL.into_iter().any(|s| s.as_str() == v)),
    );
}

/// Every setting of the Model lab.
pub const SETTINGS: &[Setting] = &[
    key::SOURCE,
    key::PRED,
    key::SCORE,
    key::KIND,
    key::THRESHOLD,
    key::HLP,
    key::HLP_ERROR,
    key::SLICE,
    key::SORT,
];

/// Every model the lab can offer (the `model-select` hook's values); the
/// target decides which are offered ([`offered`]).
pub const MODELS: [ModelKind; 6] = [
    ModelKind::Majority,
    ModelKind::Logistic,
    ModelKind::NaiveBayes,
    ModelKind::Tree,
    ModelKind::Mean,
    ModelKind::Ridge,
];

/// Whether the working target is modelled as regression (the engine's
/// rule, on the profile's distinct count); `false` before a target.
#[cfg(feature = "ui")]
pub fn target_is_regression(state: crate::state::AppState) -> bool {
    use leptos::prelude::*;
    let Some(target) = state.target.get() else {
        return false;
    };
    state.profile.with(|p| {
        p.as_ref()
            .and_then(|p| p.columns.iter().find(|c| c.name == target))
            .is_some_and(|c| {
                mlops_engine::model::fitted::is_regression_target(c.kind, c.distinct as usize)
            })
    })
}

/// The models offered for the working target: classifiers for a class
/// target, regressors for a numeric one.
#[cfg(feature = "ui")]
pub fn offered(state: crate::state::AppState) -> &'static [ModelKind] {
    ModelKind::fitting(target_is_regression(state))
}

/// The model the lab trains: the chosen one when it fits the target, else
/// the target's default (logistic, or ridge for a numeric target).
#[cfg(feature = "ui")]
pub fn effective_model(state: crate::state::AppState) -> ModelKind {
    let chosen = current(state).model;
    let regression = target_is_regression(state);
    if ModelKind::fitting(regression).contains(&chosen) {
        chosen
    } else {
        ModelKind::default_for(regression)
    }
}

/// What the Model lab's controls hold.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSettings {
    pub source: Source,
    pub pred: Option<String>,
    pub score: Option<String>,
    pub model: ModelKind,
    /// The decision threshold for scores (the slider's committed value).
    pub threshold: f64,
    /// The second annotator column scored against the label (HLP).
    pub hlp_column: Option<String>,
    /// Human-level error typed by the user, in percent (as typed).
    pub hlp_error: Option<String>,
    /// The column the error analysis slices by.
    pub slice: Option<String>,
    /// How the slice table is ordered.
    pub sort: SliceSort,
}

/// Orders of the slice table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SliceSort {
    /// Most errors first (the engine's order).
    #[default]
    Errors,
    /// Most to gain first: (error − HLP) × share of data.
    Priority,
    /// Worst accuracy gap first.
    Gap,
    /// Largest first.
    Rows,
}

impl SliceSort {
    pub const ALL: [SliceSort; 4] = [
        SliceSort::Errors,
        SliceSort::Priority,
        SliceSort::Gap,
        SliceSort::Rows,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SliceSort::Errors => "errors",
            SliceSort::Priority => "priority",
            SliceSort::Gap => "gap",
            SliceSort::Rows => "rows",
        }
    }

    /// Orders `slices` in place (equal ones in any order).
    pub fn apply(self, slices: &mut Vec<Slice>) {
        match self {
            SliceSort::Errors => {}
            SliceSort::Priority => sort_items(slices, &|a: &Slice, b: &Slice| {
                b.priority.total_cmp(&a.priority)
            }),
            SliceSort::Gap => sort_items(slices, &|a: &Slice, b: &Slice| b.gap.total_cmp(&a.gap)),
            SliceSort::Rows => sort_items(slices, &|a: &Slice, b: &Slice| b.rows.cmp(&a.rows)),
        }
    }
}

impl Default for ModelSettings {
    fn default() -> Self {
        ModelSettings {
            source: Source::Model,
            pred: None,
            score: None,
            model: ModelKind::Logistic,
            threshold: 0.5,
            hlp_column: None,
            hlp_error: None,
            slice: None,
            sort: SliceSort::Errors,
        }
    }
}

impl LabSettings for ModelSettings {
    const LAB: Lab = Lab::Model;

    fn from_url(url: &UrlState) -> Self {
        let get = |s: Setting| s.raw(url).filter(|v| !v.is_empty());
        let text = |s: Setting| get(s).map(str::to_string);
        let d = ModelSettings::default();
        ModelSettings {
            source: match get(key::SOURCE) {
                Some("columns") => Source::Columns,
                _ => d.source,
            },
            pred: text(key::PRED),
            score: text(key::SCORE),
            model: key::KIND
                .value(url)
                .and_then(|k| k.parse().ok())
                .unwrap_or(d.model),
            threshold: get(key::THRESHOLD)
                .and_then(crate::number::parse_decimal)
                .filter(|t| t.is_finite())
                .unwrap_or(d.threshold),
            hlp_column: text(key::HLP),
            hlp_error: text(key::HLP_ERROR),
            slice: text(key::SLICE),
            sort: key::SORT
                .value(url)
                .and_then(|v| SliceSort::ALL.into_iter().find(|s| s.as_str() == v))
                .unwrap_or_default(),
        }
    }

    fn write(&self, url: &mut UrlState) {
        let d = ModelSettings::default();
        let threshold = if self.threshold == d.threshold {
            String::new()
        } else {
            format!("{}", self.threshold)
        };
        let pairs = [
            (
                key::SOURCE,
                if self.source == d.source {
                    ""
                } else {
                    self.source.as_str()
                },
            ),
            (key::PRED, self.pred.as_deref().unwrap_or("")),
            (key::SCORE, self.score.as_deref().unwrap_or("")),
            (
                key::KIND,
                if self.model == d.model {
                    ""
                } else {
                    self.model.as_str()
                },
            ),
            (key::THRESHOLD, threshold.as_str()),
            (key::HLP, self.hlp_column.as_deref().unwrap_or("")),
            (key::HLP_ERROR, self.hlp_error.as_deref().unwrap_or("")),
            (key::SLICE, self.slice.as_deref().unwrap_or("")),
            (
                key::SORT,
                if self.sort == SliceSort::Errors {
                    ""
                } else {
                    self.sort.as_str()
                },
            ),
        ];
        for (setting, value) in pairs {
            setting.set(url, value);
        }
    }
}

impl ModelSettings {
    /// Column choices do not carry over to another dataset.
    pub fn forget_columns(&mut self) {
        self.pred = None;
        self.score = None;
        self.hlp_column = None;
        self.slice = None;
    }

    /// The metrics request of the columns source (`None` until a column is
    /// chosen): a score wins over a prediction column.
    pub fn columns_request(&self, target: &str) -> Option<MetricsRequest> {
        let (pred, score) = match (&self.score, &self.pred) {
            (Some(s), _) => (None, Some(s.clone())),
            (None, Some(p)) => (Some(p.clone()), None),
            (None, None) => return None,
        };
        Some(MetricsRequest {
            target: target.to_string(),
            threshold: score.is_some().then_some(self.threshold),
            pred,
            score,
            ..MetricsRequest::default()
        })
    }

    /// The typed human-level error as a share 0..1, or a message.
    pub fn typed_hlp(&self) -> Option<Result<f64, String>> {
        let text = self.hlp_error.as_deref()?.trim().trim_end_matches('%');
        Some(match crate::number::parse_decimal(text) {
            Some(p) if (0.0..=100.0).contains(&p) => Ok(p / 100.0),
            _ => Err(format!(
                "human-level error is a percentage from 0 to 100, not \"{text}\""
            )),
        })
    }
}

/// The Model lab's settings now (tracked).
#[cfg(feature = "ui")]
pub fn current(state: crate::state::AppState) -> ModelSettings {
    state.settings()
}

/// Changes the Model lab's settings (and so the URL).
#[cfg(feature = "ui")]
pub fn update(state: crate::state::AppState, change: impl FnOnce(&mut ModelSettings)) {
    state.update_settings(change);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_under_the_labs_keys() {
        let s = ModelSettings {
            source: Source::Columns,
            pred: Some("p".into()),
            score: Some("s".into()),
            model: ModelKind::Tree,
            threshold: 0.3,
            hlp_column: Some("annotator_b".into()),
            hlp_error: Some("4".into()),
            slice: Some("region".into()),
            sort: SliceSort::Priority,
        };
        let mut u = UrlState::default();
        s.write(&mut u);
        assert_eq!(ModelSettings::from_url(&u), s);
        assert!(u.to_query().contains("model.threshold=0.3"));
        let mut empty = UrlState::default();
        ModelSettings::default().write(&mut empty);
        assert_eq!(empty.to_query(), "?lab=data");
    }

    #[test]
    fn bad_values_fall_back_and_score_wins() {
        let u = UrlState::parse("?model.kind=svm&model.threshold=abc&model.score=s&model.pred=p");
        let s = ModelSettings::from_url(&u);
        assert_eq!((s.model, s.threshold), (ModelKind::Logistic, 0.5));
        let r = s.columns_request("y").unwrap();
        assert_eq!(
            (r.score.as_deref(), r.pred, r.threshold),
            (Some("s"), None, Some(0.5))
        );
        let typed = ModelSettings {
            hlp_error: Some("150".into()),
            ..ModelSettings::default()
        };
        assert!(typed.typed_hlp().unwrap().is_err());
    }
}

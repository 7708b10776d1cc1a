//! The Model lab: metrics of prediction columns, or a baseline trained on
//! the Split lab's split in the worker; the threshold slider; baseline and
//! human-level performance side by side.

mod baseline;
mod experiments;
pub mod fields;
mod metrics_view;
mod model_file;
pub mod settings;
mod slices;

use crate::browser::answer::{ask, latest, Answer};
use crate::components::{ColumnSelect, LabIntro, Warnings};
use crate::state::{AppState, TrainedRun};
use leptos::prelude::*;
use mlops_engine::api::{Ask, Request, Response};
use mlops_engine::metrics::{self, MetricsReport};
use mlops_engine::model::{self, ModelKind, TrainRequest, TrainedSummary};
use mlops_engine::EngineError;
use settings::Source;

/// The seed of the bootstrap intervals the lab shows (`mlops metrics
/// --bootstrap 0` gives the same).
pub const BOOTSTRAP_SEED: u64 = 0;

/// Most rows the page asks bootstrap intervals for (about 7 s of the
/// worker's time per 100,000 rows).
pub const MAX_BOOTSTRAP_ROWS: u64 = 200_000;

/// The lab's view, for the registry.
pub fn view() -> AnyView {
    view! { <ModelLab /> }.into_any()
}

/// The metrics panel's question: the metrics of prediction columns (the
/// Metrics lab's request) or of a trained model's split (the Model lab's);
/// either is answered with a [`MetricsReport`].
#[derive(Debug, Clone)]
pub enum MetricsAsk {
    Columns(metrics::MetricsRequest),
    Model(model::Request),
}

impl From<MetricsAsk> for Request {
    fn from(ask: MetricsAsk) -> Request {
        match ask {
            MetricsAsk::Columns(r) => metrics::Request::Metrics(r).into(),
            MetricsAsk::Model(r) => r.into(),
        }
    }
}

impl Ask for MetricsAsk {
    type Answer = MetricsReport;

    fn answer(response: Response) -> Result<MetricsReport, EngineError> {
        match response {
            Response::Metrics(metrics::Response::Metrics(r))
            | Response::Model(model::Response::Evaluated(r)) => Ok(r),
            other => Err(model::Request::answer(other).err().unwrap_or_else(|| {
                EngineError::unavailable("the engine answered the metrics with something else")
            })),
        }
    }
}

/// Trains `kind` (and the baseline beside it: the majority class, or the
/// mean of a numeric target) on the current split.
pub(crate) fn train(state: AppState, kind: ModelKind) {
    let Some(split) = crate::labs::split::current_request(state) else {
        state
            .error
            .set(Some("choose a target in the Data lab first".into()));
        return;
    };
    let split = match split {
        Ok(s) => s,
        Err(e) => {
            return state
                .error
                .set(Some(format!("the Split lab's settings: {e}")))
        }
    };
    let Some(generation) = state.dataset_generation() else {
        return;
    };
    let request = move |model| {
        model::Request::Train(TrainRequest {
            model,
            params: Default::default(),
            features: None,
            split: split.clone(),
        })
    };
    let summary = |r: Answer<model::Request>| match r {
        Ok(model::Response::Trained(t)) => Ok(*t),
        Ok(_) => Err("the engine answered a training with something else".to_string()),
        Err(e) => Err(e.naming_setting(|s| crate::setting::label_of(settings::SETTINGS, s))),
    };
    let baseline = ModelKind::baseline(settings::target_is_regression(state));
    ask(request(baseline), None, move |baseline| {
        let baseline = summary(baseline).ok();
        ask(request(kind), None, move |trained| match summary(trained) {
            Ok(summary) => {
                state.error.set(None);
                state.trained.set(Some(TrainedRun {
                    generation,
                    trained: summary,
                    baseline,
                }));
            }
            Err(e) => state.error.set(Some(e)),
        });
    });
}

/// The columns that can be a second label of the working target: the
/// engine's raters (columns with the target's few values), never any
/// binary feature. Asked once for the lab's panels (HLP, data-centric).
fn second_labels(state: AppState) -> Signal<Vec<String>> {
    let raters = latest(move || {
        let _ = state.dataset_generation();
        state
            .target
            .get()
            .map(|target| mlops_engine::data::Request::LabelCheck { target })
    });
    Signal::derive(move || {
        let target = state.target.get().unwrap_or_default();
        raters.with(|r| match r {
            Some(Ok(mlops_engine::data::Response::LabelCheck { report: Some(r) })) => {
                r.raters.iter().filter(|c| **c != target).cloned().collect()
            }
            _ => Vec::new(),
        })
    })
}

#[component]
pub fn ModelLab() -> impl IntoView {
    let state = AppState::get();
    let second_labels = second_labels(state);
    let s = move || settings::current(state);
    // The slider's value while it moves (committed to the URL on release).
    let sliding = RwSignal::new(None::<f64>);
    let threshold = Signal::derive(move || sliding.get().unwrap_or_else(|| s().threshold));
    let run = Memo::new(move |_| state.current_run());
    // The metrics, and (a second request, so they do not wait for 1,000
    // resamples) the same with bootstrap intervals.
    let request = move |intervals: Option<u64>| {
        let _ = state.dataset_generation();
        let settings = s();
        match settings.source {
            Source::Columns => settings
                .columns_request(&state.target.get()?)
                .map(|r| MetricsAsk::Columns(metrics::MetricsRequest { intervals, ..r })),
            Source::Model => run.get().map(|r| {
                let split = if r.trained.splits.iter().any(|s| s.name == "test") {
                    "test"
                } else {
                    "dev"
                };
                MetricsAsk::Model(model::Request::Evaluate {
                    id: r.trained.id,
                    split: split.into(),
                    threshold: Some(settings.threshold),
                    intervals,
                })
            }),
        }
    };
    let result = latest::<MetricsAsk>(move || request(None));
    let report = Signal::derive(move || result.get().and_then(|r| r.ok()));
    let error = move || result.get().and_then(|r| r.err()).map(|e| e.to_string());
    // Intervals after the report they belong to, and only on data small
    // enough for the worker to resample in a few seconds (it would be busy
    // for a minute on a million rows; `mlops metrics --bootstrap` does any
    // size).
    let with_intervals = latest::<MetricsAsk>(move || {
        let rows = report.with(|r| r.as_ref().map(|r| r.rows))?;
        (rows <= MAX_BOOTSTRAP_ROWS).then_some(())?;
        request(Some(BOOTSTRAP_SEED))
    });
    let intervals = Signal::derive(move || {
        let shown = report.with(|r| {
            r.as_ref()
                .and_then(fields::classification)
                .map(|c| (c.threshold, c.labels.clone()))
        });
        with_intervals.with(|a| {
            a.as_ref()
                .and_then(|a| a.as_ref().ok())
                .and_then(|r| fields::classification(r).cloned())
                // Never another threshold's intervals beside these numbers.
                .filter(|c| shown.as_ref() == Some(&(c.threshold, c.labels.clone())))
                .map(|c| c.intervals)
                .unwrap_or_default()
        })
    });
    let warnings = Signal::derive(move || {
        report.with(|r| r.as_ref().map(|r| r.warnings.clone()).unwrap_or_default())
    });
    // Conditions as memos: the views below them are made again only when
    // the condition flips, not on every settings change.
    let is_model = Memo::new(move |_| s().source == Source::Model);
    let has_report = Memo::new(move |_| report.with(Option::is_some));
    let heading = Signal::derive(move || {
        if s().source == Source::Model {
            "Test-split metrics of the trained model"
        } else {
            "Metrics of the chosen columns"
        }
    });
    // An exercise link's check, on the numbers the panel shows.
    let exercise = state
        .url
        .with_untracked(|u| crate::labs::scope::exercises::active(u, crate::lab::Lab::Model))
        .filter(|e| {
            matches!(
                e.check,
                crate::labs::scope::exercises::Check::MetricAtLeast(..)
            )
        })
        .map(|e| {
            let solved = Signal::derive(move || {
                let t = threshold.get();
                let shown = report.with(|r| r.as_ref().map(|r| fields::shown_at(r, t)));
                Some(shown.and_then(|f| e.metric_solved(&f)).unwrap_or(false))
            });
            view! { <crate::labs::scope::ExerciseCard exercise=e solved=solved /> }
        });
    view! {
        <div class="lab-grid">
            {exercise}
            <LabIntro lab=crate::lab::Lab::Model>
                <Controls sliding=sliding threshold=threshold report=report />
                {move || error().map(|e| view! { <div class="error-banner" role="alert" data-testid="error-banner">{e}</div> }.into_any())}
            </LabIntro>
            {move || (s().source == Source::Model && run.get().is_none()).then(|| view! {
                <section class="card"><p class="hint">"Press " <strong>"Train"</strong> " to fit the chosen model on the Split lab's train split; the metrics below are then the test split's."</p></section>
            }.into_any())}
            {move || has_report.get().then(|| view! {
                <metrics_view::MetricsPanel report=report threshold=threshold heading=heading intervals=intervals />
            }.into_any())}
            <Warnings items=warnings />
            {move || is_model.get().then(|| view! {
                <baseline::Baseline run=Signal::derive(move || run.get()) second_labels=second_labels />
                <model_file::ModelFile run=Signal::derive(move || run.get()) />
                <slices::Slices run=Signal::derive(move || run.get()) />
                <experiments::Experiments run=Signal::derive(move || run.get()) second_labels=second_labels />
            }.into_any())}
        </div>
    }
}

/// Source, columns or model, and the threshold slider.
#[component]
fn Controls(
    sliding: RwSignal<Option<f64>>,
    threshold: Signal<f64>,
    report: Signal<Option<MetricsReport>>,
) -> impl IntoView {
    let state = AppState::get();
    let s = move || settings::current(state);
    let is_model = Memo::new(move |_| s().source == Source::Model);
    let columns = Signal::derive(move || state.column_names());
    let pick_pred = Callback::new(move |v: String| {
        settings::update(state, |s| s.pred = Some(v).filter(|v| !v.is_empty()))
    });
    let pick_score = Callback::new(move |v: String| {
        settings::update(state, |s| s.score = Some(v).filter(|v| !v.is_empty()))
    });
    // The slider spans the report's threshold table (0..1 for probabilities).
    let range = move || {
        report.with(|r| {
            let s = r
                .as_ref()
                .and_then(fields::classification)?
                .scores
                .as_ref()?;
            Some((*s.thresholds.first()?, *s.thresholds.last()?))
        })
    };
    let trained_label = move || {
        state
            .current_run()
            .map(|r: TrainedRun| describe(&r.trained))
    };
    let lock = move |setting| state.control(setting);
    view! {
        <div class="controls">
            <label class="field" hidden=move || lock(settings::key::SOURCE).hidden()>
                <span>"Predictions from"</span>
                <select data-testid="source-select" disabled=move || lock(settings::key::SOURCE).frozen() on:change=move |ev| {
                    let v = if event_target_value(&ev) == "columns" { Source::Columns } else { Source::Model };
                    settings::update(state, |s| s.source = v)
                }>
                    <option value="model" selected=move || s().source == Source::Model>"a model trained here"</option>
                    <option value="columns" selected=move || s().source == Source::Columns>"columns of the data"</option>
                </select>
            </label>
            {move || (!is_model.get()).then(|| view! {
                <label class="field"><span>"Prediction column"</span>
                    <ColumnSelect testid="prediction-select" none="—" columns=columns selected=Signal::derive(move || s().pred) on_pick=pick_pred /></label>
                <label class="field"><span>"Score column (P(positive))"</span>
                    <ColumnSelect testid="score-select" none="—" columns=columns selected=Signal::derive(move || s().score) on_pick=pick_score /></label>
            }.into_any())}
            {move || is_model.get().then(|| view! {
                <label class="field" hidden=move || lock(settings::key::KIND).hidden()><span>"Model"</span>
                    <select data-testid="model-select" disabled=move || lock(settings::key::KIND).frozen() on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse::<ModelKind>() { settings::update(state, |s| s.model = k) }
                    }>
                        {move || settings::offered(state).iter().map(|&k| view! { <option value=k.as_str() selected=move || settings::effective_model(state) == k>{k.as_str()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="primary" data-testid="train-run" on:click=move |_| train(state, settings::effective_model(state))>"Train"</button>
                <span class="muted">{trained_label}</span>
            }.into_any())}
            {move || range().map(|(lo, hi)| {
                let step = ((hi - lo) / 1000.0).max(f64::MIN_POSITIVE);
                view! {
                    <label class="field threshold" hidden=move || lock(settings::key::THRESHOLD).hidden()>
                        <span>"Threshold " <strong>{move || crate::components::format::fixed(threshold.get(), 3)}</strong></span>
                        <input type="range" data-testid="threshold" disabled=move || lock(settings::key::THRESHOLD).frozen() min=lo max=hi step=step
                            prop:value=move || threshold.get().to_string()
                            on:input=move |ev| { if let Some(t) = crate::number::parse_decimal(&event_target_value(&ev)) { sliding.set(Some(t)) } }
                            on:change=move |ev| {
                                if let Some(t) = crate::number::parse_decimal(&event_target_value(&ev)) { settings::update(state, |s| s.threshold = t) }
                                sliding.set(None);
                            } />
                    </label>
                }.into_any()
            })}
            {move || why_no_threshold(report.with(|r| r.as_ref().and_then(fields::classification).map(|c| c.labels.len()))).map(|why| view! {
                <p class="muted" data-testid="threshold-why-not">{why}</p>
            })}
        </div>
    }
}

/// Why a classification report with `classes` classes has no threshold
/// slider or ROC and precision–recall curves (a binary target has them).
fn why_no_threshold(classes: Option<usize>) -> Option<String> {
    classes.filter(|&k| k > 2).map(|k| {
        format!(
            "No threshold slider, ROC or precision–recall curve: a threshold decides between two classes, and this target has {k}. The cards show macro averages; the per-class table has each class's precision and recall."
        )
    })
}

/// "logistic, trained on 341 rows" for the controls.
fn describe(m: &TrainedSummary) -> String {
    let rows = m.splits.first().map_or(0, |s| s.metrics.rows);
    format!(
        "{} trained on {rows} rows (model {})",
        m.info.kind.as_str(),
        m.id
    )
}

//! Cause a drift and watch which signals catch it: a stream of batches
//! simulated from the working dataset (`mlops simulate`'s scenarios and
//! shapes), watched against the working dataset with the Model lab's
//! trained model (`mlops monitor --change-at`): the drift heatmap, the
//! realized and estimated accuracy with the reference's bounds, the model's
//! outputs, one row per batch and the detections (who alerted first, how
//! long after the change, false alarms).

use super::settings::{self, key, Simulation};
use crate::browser::answer::latest_answers;
use crate::components::format::{fmt_stat, raw};
use crate::components::{Chart, Warnings};
use crate::setting::Setting;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_charts::{Figure, Heatmap, Lines};
use mlops_engine::api::{Ask, Request};
use mlops_engine::drift::{
    self, DriftRequest, MonitorReport, MonitorRequest, Scenario, Shape, SimulateReport, WhatChanged,
};
use mlops_engine::table::ColumnKind;

/// The stream, what its change did, and what the monitor saw.
#[derive(Debug, Clone, PartialEq)]
struct Timeline {
    simulated: SimulateReport,
    changed: WhatChanged,
    monitored: MonitorReport,
}

/// The working dataset's columns besides the target: (name, numeric).
fn features(state: AppState) -> Vec<(String, bool)> {
    let target = state.target.get().unwrap_or_default();
    state.dataset.with(|d| {
        d.as_ref()
            .map(|d| {
                d.columns
                    .iter()
                    .filter(|c| c.name != target)
                    .map(|c| (c.name.clone(), c.kind == ColumnKind::Numeric))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The changed column: the chosen one, else the first numeric feature
/// (concept drift takes only numeric ones: it flips the label where the
/// feature is high).
fn feature(state: AppState, sim: &Simulation) -> Option<String> {
    let concept = sim.scenario == Scenario::Concept;
    let all: Vec<(String, bool)> = features(state)
        .into_iter()
        .filter(|(_, numeric)| !concept || *numeric)
        .collect();
    sim.feature
        .clone()
        .filter(|f| all.iter().any(|(n, _)| n == f))
        .or_else(|| {
            all.iter()
                .find(|(_, numeric)| *numeric)
                .map(|(n, _)| n.clone())
        })
        .or_else(|| all.first().map(|(n, _)| n.clone()))
}

/// The dial's column: the numeric feature with the most distinct values
/// (ties in a column with a few values make any shift look certain to KS;
/// the lesson is about sample size, so it takes the most continuous one).
fn dial_column(state: AppState) -> Option<String> {
    let target = state.target.get().unwrap_or_default();
    state.profile.with(|p| {
        p.as_ref()?
            .columns
            .iter()
            .filter(|c| c.name != target && c.kind == ColumnKind::Numeric)
            .max_by_key(|c| c.distinct)
            .map(|c| c.name.clone())
    })
}

/// The four requests: the working dataset as the reference, the stream
/// drawn from it, what its change did to the feature, the stream watched
/// with model `model`.
fn requests(state: AppState, sim: &Simulation, model: u32) -> Option<Vec<Request>> {
    let target = state.target.get()?;
    let shown = feature(state, sim)?;
    let changed = sim.scenario.has_feature().then(|| shown.clone());
    let simulate = super::signals::base_request(sim, changed, target.clone());
    let monitor = MonitorRequest {
        drift: DriftRequest {
            drift_share: Some(0.5),
            ..DriftRequest::default()
        },
        target: Some(target.clone()),
        change_at: None,
    };
    Some(vec![
        drift::Request::working_as_reference().into(),
        drift::Request::Simulate {
            request: simulate,
            files: false,
        }
        .into(),
        drift::Request::WhatChanged {
            feature: shown,
            target: Some(target.clone()),
        }
        .into(),
        drift::Request::Monitor {
            request: monitor,
            model: Some(model),
        }
        .into(),
    ])
}

#[component]
pub fn Simulate() -> impl IntoView {
    let state = AppState::get();
    let sim = Memo::new(move |_| settings::current(state).sim);
    let model = Memo::new(move |_| state.current_run().map(|r| r.trained.id));
    // Bumped by `sim-run` to ask again with the same settings.
    let runs = RwSignal::new(0u32);
    let answers = latest_answers(move || {
        let _ = state.dataset_generation();
        runs.track();
        requests(state, &sim.get(), model.get()?)
    });
    let timeline = Memo::new(move |_| {
        answers.get().map(|all| {
            let mut simulated = None;
            let mut changed = None;
            let mut monitored = None;
            for answer in all {
                match drift::Request::answer(answer)
                    .map_err(|e| e.naming_setting(settings::label))?
                {
                    drift::Response::Simulated { report, .. } => simulated = Some(report),
                    drift::Response::Monitored(r) => monitored = Some(r),
                    drift::Response::WhatChanged(w) => changed = Some(w),
                    _ => {}
                }
            }
            match (simulated, changed, monitored) {
                (Some(simulated), Some(changed), Some(monitored)) => Ok(Timeline {
                    simulated,
                    changed,
                    monitored,
                }),
                _ => Err("the engine gave no timeline".to_string()),
            }
        })
    });
    let run = move |_| {
        if model.get_untracked().is_some() {
            runs.update(|n| *n += 1);
        } else {
            let kind = crate::labs::model::settings::effective_model(state);
            crate::labs::model::train(state, kind);
        }
    };
    let warnings = Signal::derive(move || {
        timeline.with(|t| match t {
            Some(Ok(t)) => t
                .simulated
                .warnings
                .iter()
                .chain(&t.monitored.warnings)
                .cloned()
                .collect(),
            _ => Vec::new(),
        })
    });
    let model_label = move || {
        match state.current_run() {
        Some(r) => format!(
            "watched with the Model lab's {} model (model {})",
            r.trained.info.kind.as_str(),
            r.trained.id
        ),
        None => "no model trained yet: running trains the Model lab's chosen model on the Split lab's split first".to_string(),
    }
    };
    let exercise = move || {
        state
            .url
            .with(|u| crate::labs::scope::exercises::active(u, crate::lab::Lab::Drift))
            .map(|e| {
                let solved = Signal::derive(move || {
                    timeline.with(|t| match t {
                        Some(Ok(t)) => e.signals_solved(&t.monitored),
                        // Open until a timeline is on screen.
                        _ => Some(false),
                    })
                });
                view! { <crate::labs::scope::ExerciseCard exercise=e solved=solved /> }
            })
    };
    view! {
        {exercise}
        <section class="card wide">
            <h2>"Cause a drift"</h2>
            <Controls />
            <div class="actions">
                <button data-testid="sim-run" class="primary" on:click=run>"Simulate and monitor"</button>
                <span class="muted">{model_label}</span>
            </div>
        </section>
        {move || match timeline.get() {
            None => None,
            Some(Err(e)) => Some(view! {
                <section class="card wide"><div class="error-banner" role="alert" data-testid="error-banner">{e}</div></section>
            }.into_any()),
            Some(Ok(t)) => Some(view! { <TimelineView timeline=t /> }.into_any()),
        }}
        <Warnings items=warnings />
        <super::signals::Signals
            base=Signal::derive(move || {
                let target = state.target.get()?;
                let s = sim.get();
                let f = feature(state, &s);
                Some(super::signals::base_request(&s, f, target))
            })
            model=Signal::derive(move || model.get()) />
        <super::dial::Dial column=Signal::derive(move || dial_column(state)) />
    }
}

/// The `sim-*` controls, each written into the URL.
#[component]
fn Controls() -> impl IntoView {
    let state = AppState::get();
    let sim = Memo::new(move |_| settings::current(state).sim);
    let lock = move |setting| state.control(setting);
    let set = move |change: Box<dyn FnOnce(&mut Simulation)>| {
        settings::update(state, |s| change(&mut s.sim))
    };
    let number = move |testid: &'static str, k: Setting| {
        view! {
            <label class="field" hidden=move || lock(k).hidden()>
                <span>{k.label}</span>
                <input type="number" data-testid=testid disabled=move || lock(k).frozen()
                    prop:value=move || sim.with(|s| s.text(k))
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |s| s.set(k, &v)));
                    } />
            </label>
        }
    };
    let feature_options = move || {
        let chosen = sim.with(|s| feature(state, s));
        let concept = sim.with(|s| s.scenario == Scenario::Concept);
        features(state)
            .into_iter()
            // Concept drift flips the label where a numeric feature is high.
            .filter(|(_, numeric)| !concept || *numeric)
            .map(|(name, _)| {
                let selected = chosen.as_deref() == Some(name.as_str());
                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="controls">
            <label class="field" hidden=move || lock(key::SCENARIO).hidden()>
                <span>"Scenario"</span>
                <select data-testid="sim-scenario" disabled=move || lock(key::SCENARIO).frozen()
                    on:change=move |ev| {
                        let v = Scenario::parse(&event_target_value(&ev)).unwrap_or(Scenario::Data);
                        set(Box::new(move |s| s.scenario = v));
                    }>
                    {Scenario::ALL.into_iter().map(|x| {
                        let label = match x {
                            Scenario::Data => "data drift: a feature moves",
                            Scenario::Concept => "concept drift: the label's rule changes",
                            Scenario::Prior => "prior shift: the label's share changes",
                            Scenario::Quality => "data quality: values go missing",
                        };
                        view! { <option value=x.as_str() selected=move || sim.with(|s| s.scenario == x)>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field" hidden=move || lock(key::SHAPE).hidden()>
                <span>"Shape"</span>
                <select data-testid="sim-shape" disabled=move || lock(key::SHAPE).frozen()
                    on:change=move |ev| {
                        let v = Shape::parse(&event_target_value(&ev)).unwrap_or(Shape::Sudden);
                        set(Box::new(move |s| s.shape = v));
                    }>
                    {Shape::ALL.into_iter().map(|x| view! {
                        <option value=x.as_str() selected=move || sim.with(|s| s.shape == x)>{x.as_str()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field" hidden=move || lock(key::FEATURE).hidden()
                class:muted=move || sim.with(|s| !s.scenario.has_feature())>
                <span>"Feature"</span>
                <select data-testid="sim-feature" disabled=move || lock(key::FEATURE).frozen() || sim.with(|s| !s.scenario.has_feature())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |s| s.feature = Some(v).filter(|v| !v.is_empty())));
                    }>
                    {feature_options}
                </select>
            </label>
            {number("sim-magnitude", key::MAGNITUDE)}
            {number("sim-batches", key::BATCHES)}
            {number("sim-batch-rows", key::ROWS)}
            {number("sim-seed", key::SEED)}
            {number("sim-change-at", key::CHANGE_AT)}
        </div>
    }
}

/// The timeline: what was simulated, the charts, a row per batch, the
/// detections.
#[component]
fn TimelineView(timeline: Timeline) -> impl IntoView {
    let Timeline {
        simulated,
        changed,
        monitored,
    } = timeline;
    let shares = Figure::Lines(Lines::what_changed_shares(&changed));
    let rates = Figure::Lines(Lines::what_changed_rates(&changed));
    let bins = changed
        .bins
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (before, after) = (changed.before.get(i).copied(), changed.after.get(i).copied());
            let (rb, ra) = (
                changed.rate_before.get(i).copied().flatten(),
                changed.rate_after.get(i).copied().flatten(),
            );
            view! {
                <tr data-testid="what-changed-bin" data-bin=name.clone() data-before=raw(before) data-after=raw(after)
                    data-rate-before=raw(rb) data-rate-after=raw(ra)>
                    <th>{name.clone()}</th>
                    <td>{fmt_stat(before)}</td><td>{fmt_stat(after)}</td>
                    <td>{fmt_stat(rb)}</td><td>{fmt_stat(ra)}</td>
                </tr>
            }
        })
        .collect_view();
    let heatmap = Figure::Heatmap(Heatmap::drift(&monitored));
    let k = simulated.change_at;
    let change = format!("change (batch {k})");
    let performance =
        Figure::Lines(Lines::monitor_performance(&monitored).with_vertical(f64::from(k), &change));
    let outputs =
        Figure::Lines(Lines::monitor_outputs(&monitored).with_vertical(f64::from(k), &change));
    let what = format!(
        "{} drift, {} shape{}, magnitude {}: {} batches of {} rows; the change begins at batch {k}",
        simulated.scenario.as_str(),
        simulated.shape.as_str(),
        simulated
            .feature
            .as_ref()
            .map(|f| format!(" on {f}"))
            .unwrap_or_default(),
        fmt_stat(Some(simulated.magnitude)),
        simulated.batches.len(),
        simulated.batches.first().map_or(0, |b| b.rows),
    );
    let reference = format!(
        "reference: the working dataset, {} rows in {} chunks of {} (the bounds are the chunks' mean ± 3 std)",
        monitored.reference_rows, monitored.chunks, monitored.chunk_rows
    );
    let rows = monitored
        .batches
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let batch = i as u32 + 1;
            let estimated = b.estimated.as_ref().and_then(|p| p.accuracy);
            let realized = b.realized.as_ref().and_then(|p| p.accuracy);
            let alerts: Vec<&str> = b.alerts.iter().map(|a| a.metric.as_str()).collect();
            let changed = batch >= k;
            view! {
                <tr data-testid="timeline-batch" data-batch=batch data-drifted-columns=b.drifted_columns
                    data-dataset-drift=b.dataset_drift.to_string() data-estimated=raw(estimated)
                    data-realized=raw(realized) data-alerts=b.alerts.len()
                    class:changed=changed class:drifted=b.dataset_drift>
                    <th>{batch}{(batch == k).then_some(" (change)")}</th>
                    <td>{b.rows}</td>
                    <td>{format!("{}/{}", b.drifted_columns, b.columns.len())}</td>
                    <td>{fmt_stat(estimated)}</td>
                    <td>{fmt_stat(realized)}</td>
                    <td class="alerts">{alerts.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    let detections = monitored
        .detections
        .iter()
        .map(|d| {
            view! {
                <tr data-testid="monitor-detection" data-signal=d.metric.clone() data-first-alert=d.first_alert
                    data-delay=d.delay.map_or("null".to_string(), |x| x.to_string()) data-false-alarms=d.false_alarms>
                    <th>{d.metric.clone()}</th>
                    <td>{d.first_alert}</td>
                    <td>{d.delay.map_or("—".to_string(), |x| x.to_string())}</td>
                    <td>{d.false_alarms}</td>
                </tr>
            }
        })
        .collect_view();
    let quiet = monitored.detections.is_empty();
    view! {
        <section class="card wide">
            <h2>"What was changed"</h2>
            <p data-testid="sim-change-at-value" data-value=k>{what}</p>
            <p class="muted">{reference}</p>
            <p class="muted">"Before any monitor speaks: the feature's distribution (left) and the label's rate across its bins (right), in the reference and in the batches from the change on. Data drift moves the left; concept drift moves only the right."</p>
            <div class="chart-pair">
                <Chart figure=Signal::stored(shares) width=480 height=260 testid="what-changed-shares" file="what-changed-shares.png" legend=true />
                <Chart figure=Signal::stored(rates) width=480 height=260 testid="what-changed-rates" file="what-changed-rates.png" legend=true />
            </div>
            <details>
                <summary>"The numbers, bin by bin"</summary>
                <table class="metric-table">
                    <thead><tr><th>"bin"</th><th>"share before"</th><th>"share after"</th><th>"label rate before"</th><th>"label rate after"</th></tr></thead>
                    <tbody>{bins}</tbody>
                </table>
            </details>
        </section>
        <section class="card wide">
            <h2>"Drift per input and batch"</h2>
            <p class="muted">"Shaded by the Jensen–Shannon distance to the reference; outlined where the input's drift test fired."</p>
            <Chart figure=Signal::stored(heatmap) width=720 height=280 testid="drift-heatmap" file="drift-heatmap.png" />
        </section>
        <section class="card">
            <h2>"Accuracy: realized and estimated"</h2>
            <p class="muted">"Realized needs the labels; CBPE estimates it from the model's scores alone. The grey line marks the change."</p>
            <Chart figure=Signal::stored(performance) width=520 height=280 testid="monitor-performance-chart" file="monitor-performance.png" legend=true />
        </section>
        <section class="card">
            <h2>"The model's outputs"</h2>
            <p class="muted">"The share of inputs drifted, the predicted-positive share and the mean score per batch: signals that need no label."</p>
            <Chart figure=Signal::stored(outputs) width=520 height=280 testid="monitor-outputs-chart" file="monitor-outputs.png" legend=true />
        </section>
        <section class="card wide">
            <h2>"Which signal caught it"</h2>
            {if quiet {
                view! { <p class="muted">"No signal alerted on any batch."</p> }.into_any()
            } else {
                view! {
                    <table class="metric-table">
                        <thead><tr><th>"signal"</th><th>"first alert (batch)"</th><th>"delay after the change"</th><th>"false alarms"</th></tr></thead>
                        <tbody>{detections}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <Exports monitored=monitored.clone() />
        <section class="card wide">
            <h2>"Batch by batch"</h2>
            <table class="metric-table timeline">
                <thead><tr>
                    <th>"batch"</th><th>"rows"</th><th>"drifted inputs"</th><th>"est. accuracy"</th><th>"real accuracy"</th><th>"alerts"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Take it away: the timeline as `mlops monitor --json` gives it, and the
/// batches as one CSV with a batch column.
#[component]
fn Exports(monitored: MonitorReport) -> impl IntoView {
    let state = AppState::get();
    let fail = move |r: Result<(), String>| {
        if let Err(e) = r {
            state.error.set(Some(e));
        }
    };
    let batches = move |_| {
        crate::browser::answer::ask(drift::Request::StreamCsv, None, move |r| match r {
            Ok(drift::Response::Csv(text)) => fail(crate::browser::download::offer(
                "simulated-batches.csv",
                "text/csv",
                text.as_bytes(),
            )),
            Ok(_) => {}
            Err(e) => state.error.set(Some(e.to_string())),
        });
    };
    view! {
        <section class="card wide">
            <h2>"Take it away"</h2>
            <div class="actions">
                <button data-testid="monitor-download-json" on:click=move |_| fail(crate::browser::download::offer_json("monitor.json", &monitored))>"The timeline as JSON (mlops monitor --json)"</button>
                <button data-testid="batches-download-csv" on:click=batches>"The batches as one CSV"</button>
            </div>
        </section>
    }
}

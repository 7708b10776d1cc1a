//! The Deploy lab: roll a candidate model out beside the baseline (canary,
//! shadow or blue-green), judged step by step as Argo Rollouts, Flagger and
//! Kayenta judge, and see why each step passed or failed. Errors come from
//! true rates or from the Model lab's models on the working dataset's
//! rows. The numbers are `mlops rollout`'s.

mod api_panel;
mod automation;
mod export;
mod patterns;
mod planner;
pub mod settings;

use crate::browser::answer::latest;
use crate::components::format::raw;
use crate::components::{Chart, LabIntro, Warnings};
use crate::lab::Lab;
use crate::setting::Setting;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_charts::{Figure, Lines};
use mlops_engine::rollout::{self, Explanation, Outcome, RolloutReport, Strategy};
use settings::{key, Source};

/// The lab's view, for the registry.
pub fn view() -> AnyView {
    view! { <DeployLab /> }.into_any()
}

#[component]
pub fn DeployLab() -> impl IntoView {
    let state = AppState::get();
    let s = Memo::new(move |_| settings::current(state));
    // The Model lab's models: (baseline = its majority baseline, candidate
    // = its trained model).
    let models = Memo::new(move |_| {
        state
            .current_run()
            .map(|r| (r.baseline.as_ref().map(|b| b.id), r.trained.id))
    });
    let built = Memo::new(move |_| s.with(|s| s.request()));
    // Bumped by `rollout-run` to ask again.
    let runs = RwSignal::new(0u32);
    // The rollout asked: the settings' request with the models' ids.
    let asked = Memo::new(move |_| {
        let request = built.get().ok()?;
        let (baseline_model, candidate_model) = match s.with(|s| s.source) {
            Source::Rates => (None, None),
            Source::Models => {
                let (b, c) = models.get()?;
                (b, Some(c))
            }
        };
        Some(rollout::Request::Run {
            request,
            baseline_model,
            candidate_model,
        })
    });
    let answer = latest(move || {
        runs.track();
        let _ = state.dataset_generation();
        asked.get()
    });
    let error = move || {
        let e = match built.get() {
            Err(e) => Some(e),
            Ok(_) => answer.with(|a| a.as_ref().and_then(|a| a.as_ref().err().cloned())),
        };
        e.map(|e| e.naming_setting(settings::label))
    };
    let result = Memo::new(move |_| {
        answer.with(|a| match a {
            Some(Ok(rollout::Response::Ran {
                report,
                explanation,
            })) => asked.with(|a| match a {
                Some(rollout::Request::Run { request, .. }) => {
                    Some(((**report).clone(), explanation.clone(), request.clone()))
                }
                _ => None,
            }),
            _ => None,
        })
    });
    let warnings = Signal::derive(move || {
        result.with(|r| {
            r.as_ref()
                .map(|(r, ..)| r.warnings.clone())
                .unwrap_or_default()
        })
    });
    let needs_models = move || s.with(|s| s.source == Source::Models) && models.get().is_none();
    let train_default = move |_| {
        let kind = crate::labs::model::settings::effective_model(state);
        crate::labs::model::train(state, kind);
    };
    view! {
        <div class="lab-grid">
            <LabIntro lab=Lab::Deploy>
                <Controls />
                <div class="actions">
                    <button data-testid="rollout-run" class="primary" on:click=move |_| runs.update(|n| *n += 1)>"Run the rollout"</button>
                </div>
            </LabIntro>
            {move || state.url.with(|u| crate::labs::scope::exercises::active(u, Lab::Deploy)).map(|e| {
                let solved = Signal::derive(move || {
                    result.with(|r| match r {
                        Some((report, _, request)) => e.rollout_solved(request, report),
                        None => Some(false),
                    })
                });
                view! { <crate::labs::scope::ExerciseCard exercise=e solved=solved /> }
            })}
            <Show when=needs_models>
                <section class="card">
                    <h2>"No model yet"</h2>
                    <p class="muted">"The rollout puts the Model lab's trained model (the candidate) beside its majority baseline. Train them on the Split lab's split:"</p>
                    <button data-testid="train-default" class="primary" on:click=train_default>"Train the Model lab's model"</button>
                </section>
            </Show>
            {move || error().map(|e| view! {
                <section class="card wide"><div class="error-banner" role="alert" data-testid="error-banner">{e}</div></section>
            })}
            {move || result.get().map(|(report, why, request)| view! {
                <Run report=report.clone() why=why plan=request.weights() />
                <patterns::Patterns asked=Signal::derive(move || asked.get()) />
                <export::Export request=request report=report />
            })}
            <planner::Planner />
            <automation::Automation />
            <api_panel::ApiPanel />
            <Warnings items=warnings />
        </div>
    }
}

/// The settings' controls, each written into the URL.
#[component]
fn Controls() -> impl IntoView {
    let state = AppState::get();
    let s = Memo::new(move |_| settings::current(state));
    let lock = move |setting| state.control(setting);
    let field =
        move |k: Setting, kind: &'static str, shown: fn(&settings::DeploySettings) -> bool| {
            setting_field(format!("rollout-{}", k.key), k, kind, shown)
        };
    let rates = |s: &settings::DeploySettings| s.source == Source::Rates;
    let canary = |s: &settings::DeploySettings| s.strategy == Strategy::Canary;
    let shadow = |s: &settings::DeploySettings| s.strategy == Strategy::Shadow;
    let always = |_: &settings::DeploySettings| true;
    view! {
        <div class="controls">
            <label class="field" hidden=move || lock(key::STRATEGY).hidden()>
                <span>"Strategy"</span>
                <select data-testid="rollout-strategy" disabled=move || lock(key::STRATEGY).frozen()
                    on:change=move |ev| {
                        let v = Strategy::parse(&event_target_value(&ev)).unwrap_or(Strategy::Canary);
                        settings::update(state, |s| s.strategy = v);
                    }>
                    {Strategy::ALL.into_iter().map(|x| {
                        let label = match x {
                            Strategy::Canary => "canary: a rising share of users",
                            Strategy::Shadow => "shadow: a copy of the traffic, no user sees it",
                            Strategy::BlueGreen => "blue-green: preview, then switch all",
                        };
                        view! { <option value=x.name() selected=move || s.with(|s| s.strategy == x)>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field" hidden=move || lock(key::SOURCE).hidden()>
                <span>"Errors from"</span>
                <select data-testid="rollout-source" disabled=move || lock(key::SOURCE).frozen()
                    on:change=move |ev| {
                        let v = Source::parse(&event_target_value(&ev)).unwrap_or_default();
                        settings::update(state, |s| s.source = v);
                    }>
                    <option value="rates" selected=move || s.with(|s| s.source == Source::Rates)>"true error rates"</option>
                    <option value="models" selected=move || s.with(|s| s.source == Source::Models)>"the Model lab's models, on the working rows"</option>
                </select>
            </label>
            {field(key::BASELINE_ERROR, "number", rates)}
            {field(key::CANDIDATE_ERROR, "number", rates)}
            {field(key::STEPS, "text", canary)}
            {field(key::STEP_COUNT, "number", shadow)}
            {field(key::REQUESTS, "number", always)}
            {field(key::MAX_INCREASE, "number", always)}
            {field(key::CONFIDENCE, "number", always)}
            {field(key::MIN_REQUESTS, "number", always)}
            {field(key::BASELINE_LATENCY, "text", always)}
            {field(key::CANDIDATE_LATENCY, "text", always)}
            {field(key::LATENCY_TOLERANCE, "number", always)}
            {field(key::LABEL_DELAY, "number", always)}
            {field(key::MAX_DISAGREEMENT, "number", always)}
            {field(key::SEED, "number", always)}
        </div>
    }
}

/// One typed setting's control (`hook` its test id), shown when `shown`
/// says so, written into the URL on change.
pub(super) fn setting_field(
    hook: String,
    key: Setting,
    kind: &'static str,
    shown: fn(&settings::DeploySettings) -> bool,
) -> impl IntoView {
    let state = AppState::get();
    let s = Memo::new(move |_| settings::current(state));
    let lock = move |setting| state.control(setting);
    view! {
        <label class="field" hidden=move || lock(key).hidden() || !s.with(shown)>
            <span>{key.label}</span>
            <input type=kind step="any" data-testid=hook disabled=move || lock(key).frozen()
                prop:value=move || s.with(|s| s.get(key).to_string())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    settings::update(state, |s| s.set(key, v.trim().to_string()));
                } />
        </label>
    }
}

/// One run: the outcome, the charts, a row per step with its reason, the
/// event log.
#[component]
fn Run(report: RolloutReport, why: Explanation, plan: Vec<f64>) -> impl IntoView {
    let traffic = Figure::Lines(Lines::rollout_traffic(&report).over_plan(&plan, true));
    let errors = Figure::Lines(Lines::rollout_errors(&report).over_plan(&plan, false));
    let latency = Lines::rollout_latency(&report).map(|l| Figure::Lines(l.over_plan(&plan, false)));
    let outcome = report.outcome.as_str();
    let headline = match report.outcome {
        Outcome::Promoted => format!("Promoted after step {}", report.decided_at_step),
        Outcome::RolledBack => format!("Rolled back at step {}", report.decided_at_step),
        Outcome::Paused => format!(
            "Paused at step {}: too many inconclusive steps",
            report.decided_at_step
        ),
    };
    let blast = format!(
        "Users served by the candidate: {} requests, {} of them errors (of {} requests in all)",
        report.requests_served_by_candidate,
        report.errors_served_by_candidate,
        report.total_requests
    );
    let rows = report
        .steps
        .iter()
        .zip(&why.reasons)
        .map(|(s, reason)| {
            view! {
                <tr data-testid="rollout-step" data-step=s.step data-weight=s.candidate_weight
                    data-verdict=s.verdict.as_str() data-candidate-requests=s.candidate_requests
                    data-candidate-errors=s.candidate_errors data-baseline-requests=s.baseline_requests
                    data-baseline-errors=s.baseline_errors data-candidate-labelled=s.candidate_labelled
                    data-disagreement=raw(s.disagreement) class=s.verdict.as_str()>
                    <th>{s.step}</th>
                    <td>{format!("{}%", s.candidate_weight)}</td>
                    <td>{format!("{} ({} errors)", s.baseline_requests, s.baseline_errors)}</td>
                    <td>{format!("{} ({} errors)", s.candidate_requests, s.candidate_errors)}</td>
                    <td data-testid="rollout-score" data-value=raw(s.score)>{s.score.map_or("—".to_string(), |x| format!("{x}"))}</td>
                    <td class="verdict">{s.verdict.as_str()}</td>
                    <td class="reason">{reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let events = why
        .events
        .into_iter()
        .map(|e| view! { <li data-testid="rollout-event">{e}</li> })
        .collect_view();
    view! {
        <section class="card wide">
            <h2 data-testid="rollout-outcome" data-value=outcome class=outcome>{headline}</h2>
            <p data-testid="rollout-blast" data-value=report.errors_served_by_candidate>{blast}</p>
        </section>
        <section class="card">
            <h2>"Traffic per step"</h2>
            <p class="muted">"The grey line is the plan; the rollout stops where a step fails."</p>
            <Chart figure=Signal::stored(traffic) width=520 height=280 testid="rollout-traffic-chart" file="rollout-traffic.png" legend=true />
        </section>
        <section class="card">
            <h2>"Error rates per step"</h2>
            <Chart figure=Signal::stored(errors) width=520 height=280 testid="rollout-errors-chart" file="rollout-errors.png" legend=true />
        </section>
        {latency.map(|f| view! {
            <section class="card">
                <h2>"Latency per step"</h2>
                <Chart figure=Signal::stored(f) width=520 height=280 testid="rollout-latency-chart" file="rollout-latency.png" legend=true />
            </section>
        })}
        <section class="card wide">
            <h2>"Step by step, and why"</h2>
            <table class="metric-table rollout-steps">
                <thead><tr>
                    <th>"step"</th><th>"candidate weight"</th><th>"baseline"</th><th>"candidate"</th><th>"canary score"</th><th>"verdict"</th><th>"why"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
        <section class="card wide">
            <h2>"Events"</h2>
            <ol class="event-log">{events}</ol>
        </section>
    }
}

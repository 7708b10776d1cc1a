//! Choose what to monitor: pick signal families and the drift tests'
//! thresholds, and see, for the same stream under each scenario (data,
//! concept, prior, quality), whether the picked signals would have caught
//! the change, how many batches after it, and with how many false alarms:
//! the course's "iterate on the set of metrics to monitor", measured.
//! The simulated service has no software metrics (latency, throughput):
//! the Deploy lab's rollouts judge those.

use super::settings::Simulation;
use crate::browser::answer::latest_answers;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::api::Ask;
use mlops_engine::drift::scenarios::{family, ScenarioRun};
use mlops_engine::drift::{self, DriftRequest, MonitorRequest, SimulateRequest};

/// The signal families, as the monitor names them, with what they watch.
const FAMILIES: [(&str, &str); 8] = [
    ("drift", "input drift tests (per column)"),
    ("dataset_drift", "the dataset-drift rule"),
    ("js", "input distance (Jensen–Shannon)"),
    ("mean", "input means"),
    ("missing", "input missing share"),
    (
        "output",
        "the model's outputs (predicted-positive share, mean score)",
    ),
    ("estimated", "estimated performance (CBPE, no labels)"),
    ("realized", "realized performance (needs labels)"),
];

/// What the picked families make of one scenario's run: the first picked
/// signal after the change (name, delay), and the picked false alarms.
fn caught(run: &ScenarioRun, picked: &[&str]) -> (Option<(String, u32)>, u32) {
    let mine: Vec<_> = run
        .detections
        .iter()
        .filter(|d| picked.contains(&family(&d.metric)))
        .collect();
    let first = mine
        .iter()
        .filter_map(|d| Some((d.metric.clone(), d.delay?)))
        .min_by_key(|(_, delay)| *delay);
    (first, mine.iter().map(|d| d.false_alarms).sum())
}

#[component]
pub fn Signals(
    /// The stream's settings as the simulation has them (the scenario is
    /// replaced by each of the four).
    #[prop(into)]
    base: Signal<Option<SimulateRequest>>,
    #[prop(into)] model: Signal<Option<u32>>,
) -> impl IntoView {
    let state = AppState::get();
    let picked = RwSignal::new(FAMILIES.iter().map(|(f, _)| *f).collect::<Vec<&str>>());
    let threshold = RwSignal::new(String::new());
    let answers = latest_answers(move || {
        let _ = state.dataset_generation();
        // With the timeline's model: none, nothing is asked yet.
        let model = model.get()?;
        let base = base.get()?;
        let request = MonitorRequest {
            drift: DriftRequest {
                threshold: threshold.with(|t| t.trim().parse::<f64>().ok()),
                drift_share: Some(0.5),
                ..DriftRequest::default()
            },
            target: base.target.clone(),
            change_at: None,
        };
        Some(vec![
            drift::Request::working_as_reference().into(),
            drift::Request::CompareScenarios {
                base,
                request,
                model: Some(model),
            }
            .into(),
        ])
    });
    let runs = Memo::new(move |_| {
        answers.get().and_then(|all| {
            all.into_iter()
                .find_map(|a| match drift::Request::answer(a) {
                    Ok(drift::Response::Scenarios(r)) => Some(Ok(r)),
                    Err(e) => Some(Err(e.to_string())),
                    _ => None,
                })
        })
    });
    let toggle = move |f: &'static str| {
        picked.update(|p| {
            if let Some(i) = p.iter().position(|x| *x == f) {
                p.remove(i);
            } else {
                p.push(f);
            }
        })
    };
    let table = move || {
        let runs = match runs.get()? {
            Ok(r) => r,
            Err(e) => {
                return Some(view! { <p class="warning" data-testid="warning">{e}</p> }.into_any())
            }
        };
        let mine = picked.get();
        let rows = runs
            .iter()
            .map(|r| {
                let name = r.scenario.as_str();
                if let Some(e) = &r.error {
                    return view! {
                        <tr data-testid="scenario-caught" data-scenario=name data-caught="null">
                            <th>{name}</th><td colspan="3" class="muted">{e.clone()}</td>
                        </tr>
                    }
                    .into_any();
                }
                let (first, false_alarms) = caught(r, &mine);
                let (signal, delay) = first.clone().unzip();
                view! {
                    <tr data-testid="scenario-caught" data-scenario=name data-caught=first.is_some().to_string()
                        data-signal=signal.clone().unwrap_or_default()
                        data-delay=delay.map_or("null".to_string(), |d| d.to_string())
                        data-false-alarms=false_alarms class:drifted=first.is_none()>
                        <th>{name}</th>
                        <td>{match &first {
                            Some((s, d)) => format!("caught by {s}, {d} batch(es) after the change (batch {})", r.change_at),
                            None => "missed: none of the picked signals alerted after the change".to_string(),
                        }}</td>
                        <td>{false_alarms}</td>
                    </tr>
                }
                .into_any()
            })
            .collect_view();
        Some(view! {
            <table class="metric-table">
                <thead><tr><th>"scenario"</th><th>"with the picked signals"</th><th>"false alarms"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }.into_any())
    };
    view! {
        <section class="card wide">
            <h2>"Choose what to monitor"</h2>
            <p class="muted">"The same stream (batches, rows, shape, magnitude, seed, change point) under each scenario, watched with the same model. Pick the signals you would monitor: which drifts would they catch, how soon, and how often would they cry wolf? (The simulated stream has no software metrics; latency and throughput are judged in the Deploy lab's rollouts.)"</p>
            <div class="signal-picks">
                {FAMILIES.iter().map(|&(f, what)| view! {
                    <label class="check">
                        <input type="checkbox" data-testid="signal-pick" data-family=f
                            prop:checked=move || picked.with(|p| p.contains(&f))
                            on:change=move |_| toggle(f) />
                        {what}
                    </label>
                }).collect_view()}
            </div>
            <label class="field">
                <span>"Drift test threshold (empty: each method's own)"</span>
                <input type="number" step="any" data-testid="signal-threshold"
                    prop:value=move || threshold.get()
                    on:change=move |ev| threshold.set(event_target_value(&ev)) />
            </label>
            {table}
        </section>
    }
}

/// The simulation's settings as the scenarios' base request.
pub fn base_request(sim: &Simulation, feature: Option<String>, target: String) -> SimulateRequest {
    SimulateRequest {
        scenario: sim.scenario,
        shape: sim.shape,
        batches: sim.batches,
        seed: sim.seed,
        batch_rows: sim.batch_rows,
        magnitude: Some(sim.magnitude),
        feature,
        target: Some(target),
        change_at: sim.change_at,
        period: None,
    }
}

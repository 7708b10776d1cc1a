//! Take it to production: the canary plan as Argo Rollouts and Flagger
//! YAML (what `mlops rollout --export-argo` / `--export-flagger` write),
//! and the run as JSON in `mlops rollout --json`'s shape.

use crate::browser::download::{offer, offer_json};
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::rollout::export::{argo_yaml, flagger_yaml};
use mlops_engine::rollout::{RolloutReport, RolloutRequest};

/// The service's name in the YAML (the CLI's `--service-name` default).
pub const SERVICE: &str = "model-server";

#[component]
pub fn Export(request: RolloutRequest, report: RolloutReport) -> impl IntoView {
    let state = AppState::get();
    let argo = argo_yaml(&request, SERVICE);
    let flagger = flagger_yaml(&request, SERVICE);
    let fail = move |r: Result<(), String>| {
        if let Err(e) = r {
            state.error.set(Some(e));
        }
    };
    let (a, f) = (argo.clone(), flagger.clone());
    view! {
        <section class="card wide">
            <h2>"Take it to production"</h2>
            <p class="muted">"The same plan for a real cluster: Argo Rollouts' steps with an AnalysisTemplate, or a Flagger Canary (the error threshold is the allowed increase over the baseline's rate)."</p>
            <div class="actions">
                <button data-testid="rollout-export-argo" on:click=move |_| fail(offer("rollout-argo.yaml", "application/yaml", a.as_bytes()))>"Argo Rollouts YAML"</button>
                <button data-testid="rollout-export-flagger" on:click=move |_| fail(offer("rollout-flagger.yaml", "application/yaml", f.as_bytes()))>"Flagger YAML"</button>
                <button data-testid="rollout-download-json" on:click=move |_| fail(offer_json("rollout.json", &report))>"The run as JSON"</button>
            </div>
            <details>
                <summary>"Argo Rollouts"</summary>
                <pre class="yaml" data-testid="rollout-argo-yaml">{argo}</pre>
            </details>
            <details>
                <summary>"Flagger"</summary>
                <pre class="yaml" data-testid="rollout-flagger-yaml">{flagger}</pre>
            </details>
        </section>
    }
}

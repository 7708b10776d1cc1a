//! An honest placeholder for labs not built yet: what the lab will teach and
//! the `mlops` command behind it, with no made-up numbers.

use crate::lab::Lab;
use leptos::prelude::*;

#[component]
pub fn ComingLab(lab: Lab) -> impl IntoView {
    let plan: &[&str] = match lab {
        Lab::Model => &[
            "Accuracy, precision, recall, F1, ROC AUC and more, equal to scikit-learn's.",
            "A threshold slider and a live confusion matrix; train a baseline model in the browser.",
        ],
        Lab::Drift => &[
            "Upload reference and current data; per-column tests equal to Evidently's and SciPy's.",
            "Simulate data drift and concept drift and watch the detectors react.",
        ],
        Lab::Deploy => &[
            "Canary, shadow and blue-green rollouts with automatic analysis and rollback.",
            "Step through traffic weights and see each step's verdict.",
        ],
        _ => &[],
    };
    view! {
        <section class="card coming" data-testid="lab-coming">
            <h1>{super::entry(lab).title} " lab"</h1>
            <p class="lesson">{super::entry(lab).lesson}</p>
            <p class="badge">"Coming in a later release."</p>
            <ul>{plan.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
        </section>
    }
}

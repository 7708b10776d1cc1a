//! Degrees of automation (the course's human only → shadow → AI assistance
//! → partial automation → full automation): for partial automation, a
//! confidence bar on the Model lab's model decides which cases it takes
//! alone; the share it takes and its error rate on them, on the test split
//! (`mlops metrics --automation` on the run's scores).

use crate::browser::answer::latest;
use crate::components::format::{fmt_stat, percent, raw};
use crate::components::Chart;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_charts::{Figure, Lines};
use mlops_engine::model;

/// The degrees, from no model to no human.
const DEGREES: [(&str, &str); 5] = [
    ("Human only", "People decide every case; no model."),
    ("Shadow", "The model runs beside people; its answers are logged, never used (the Deploy lab's shadow rollout)."),
    ("AI assistance", "People decide, shown the model's answer."),
    ("Partial automation", "The model decides the cases it is confident about; people decide the rest (the bar below)."),
    ("Full automation", "The model decides every case (a confidence bar of 0.5)."),
];

#[component]
pub fn Automation() -> impl IntoView {
    let state = AppState::get();
    let run = Memo::new(move |_| state.current_run().map(|r| r.trained));
    let answer = latest(move || {
        let m = run.get()?;
        let split = if m.splits.iter().any(|s| s.name == "test") {
            "test"
        } else {
            "dev"
        };
        Some(model::Request::Automation {
            id: m.id,
            split: split.into(),
            threshold: None,
        })
    });
    let bar = RwSignal::new(0.8f64);
    let body = move || {
        let points =
            match answer.get()? {
                Ok(model::Response::Automation(p)) => p,
                Ok(_) => return None,
                Err(e) => return Some(
                    view! { <p class="muted" data-testid="automation-why-not">{e.to_string()}</p> }
                        .into_any(),
                ),
            };
        let figure = Figure::Lines(Lines::automation(&points));
        let at = move || {
            let b = bar.get();
            points
                .iter()
                .min_by(|x, y| {
                    (x.confidence - b)
                        .abs()
                        .total_cmp(&(y.confidence - b).abs())
                })
                .cloned()
        };
        Some(view! {
            <label class="field">
                <span>{move || format!("Confidence bar: {}", fmt_stat(Some(bar.get())))}</span>
                <input type="range" min="0.5" max="1" step="0.05" data-testid="automation-confidence"
                    prop:value=move || bar.get().to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            bar.set(v);
                        }
                    } />
            </label>
            {move || at().map(|p| view! {
                <p data-testid="automation-point" data-confidence=p.confidence data-share=p.automated_share
                    data-error=raw(p.error_rate) data-automated=p.automated>
                    {format!(
                        "At {}: the model decides {} of the cases alone ({} of them), with an error rate of {} on them; people decide the rest.",
                        fmt_stat(Some(p.confidence)), percent(p.automated_share), p.automated,
                        p.error_rate.map_or("—".to_string(), percent)
                    )}
                </p>
            })}
            <Chart figure=Signal::stored(figure) width=520 height=260 testid="automation-chart" file="automation.png" legend=true />
        }.into_any())
    };
    view! {
        <section class="card wide">
            <h2>"Degrees of automation"</h2>
            <ol class="degrees">
                {DEGREES.iter().map(|(name, what)| view! { <li><strong>{*name}</strong>": "{*what}</li> }).collect_view()}
            </ol>
            {move || match run.get() {
                None => Some(view! { <p class="muted">"Train a model in the Model lab (or with the button above) to see how much of the work it could take on."</p> }.into_any()),
                Some(_) => body(),
            }}
        </section>
    }
}

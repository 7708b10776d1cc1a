//! The sample-size dial: the same small shift of one column, measured at
//! growing sample sizes. The KS test's p-value collapses below 0.05 as the
//! samples grow while the normed Wasserstein distance and PSI settle near
//! the shift's size
//! (Evidently's issues #50 and #509): a test answers "is there any
//! difference?", a distance "how big is it?", and on big data every
//! difference is significant. Computed on the working dataset's column.

use crate::browser::answer::latest_answers;
use crate::components::format::{fmt_stat, raw};
use crate::components::Chart;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_charts::{Figure, Lines};
use mlops_engine::api::Ask;
use mlops_engine::drift::{self, sample_size::DialPoint};

/// The sizes measured (rows per side).
pub const SIZES: [u32; 9] = [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 50_000];

/// The dial's seed (fixed: the lesson is the trend, not one draw).
pub const SEED: u64 = 0;

#[component]
pub fn Dial(#[prop(into)] column: Signal<Option<String>>) -> impl IntoView {
    let state = AppState::get();
    // The shift in standard deviations: a teaching knob on the slider.
    let shift = RwSignal::new(0.05f64);
    let answers = latest_answers(move || {
        let _ = state.dataset_generation();
        let column = column.get()?;
        Some(vec![
            drift::Request::working_as_reference().into(),
            drift::Request::SampleSizes {
                column,
                shift: shift.get(),
                sizes: SIZES.to_vec(),
                seed: SEED,
            }
            .into(),
        ])
    });
    let points = Memo::new(move |_| {
        answers.get().map(|all| {
            let mut out = Err("the engine gave no dial".to_string());
            for a in all {
                match drift::Request::answer(a) {
                    Ok(drift::Response::Dial(p)) => out = Ok(p),
                    Ok(_) => {}
                    Err(e) => return Err(e.to_string()),
                }
            }
            out
        })
    });
    view! {
        <section class="card wide">
            <h2>"The sample-size dial"</h2>
            <p class="muted">{move || format!(
                "{} moved by {} standard deviations, measured on samples of growing size. The KS p-value falls below 0.05 once the samples are big enough, though the shift stays as small; the distances, noisy on small samples, settle near the shift's real size. On big data, choose a distance (and a threshold on its size), not a p-value.",
                column.get().unwrap_or_default(), fmt_stat(Some(shift.get()))
            )}</p>
            <label class="field">
                <span>{move || format!("Shift: {} std", fmt_stat(Some(shift.get())))}</span>
                <input type="range" min="0.01" max="0.5" step="0.01" data-testid="dial-shift"
                    prop:value=move || shift.get().to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            shift.set(v);
                        }
                    } />
            </label>
            {move || match points.get() {
                None => None,
                Some(Err(e)) => Some(view! { <p class="warning" data-testid="warning">{e}</p> }.into_any()),
                Some(Ok(p)) => Some(view! { <DialView points=p /> }.into_any()),
            }}
        </section>
    }
}

#[component]
fn DialView(points: Vec<DialPoint>) -> impl IntoView {
    let figure = Figure::Lines(Lines::sample_size_dial(&points));
    let rows = points
        .iter()
        .map(|p| {
            view! {
                <tr data-testid="dial-point" data-n=p.n data-ks=raw(p.ks_p_value)
                    data-wasserstein=raw(p.wasserstein) data-psi=raw(p.psi)>
                    <th>{p.n}</th>
                    <td class:drifted=p.ks_p_value.is_some_and(|v| v < 0.05)>{fmt_stat(p.ks_p_value)}</td>
                    <td class:drifted=p.wasserstein.is_some_and(|v| v >= 0.1)>{fmt_stat(p.wasserstein)}</td>
                    <td class:drifted=p.psi.is_some_and(|v| v >= 0.1)>{fmt_stat(p.psi)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="chart-pair">
            <Chart figure=Signal::stored(figure) width=520 height=280 testid="dial-chart" file="sample-size-dial.png" legend=true />
            <table class="metric-table">
                <thead><tr><th>"rows per side"</th><th>"KS p-value"</th><th>"Wasserstein"</th><th>"PSI"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

//! Train-only normalization: fit the scaler on train and apply it to dev and
//! test; fitting it on all rows lets dev/test leak into training.

use super::dataset_key;
use super::settings;
use crate::browser::answer::latest;
use crate::components::format::fmt_stat;
use crate::components::{lab_answer_view, ColumnSelect};
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::split::leakage::{LeakageFit, LeakageReport};
use mlops_engine::split::normalize::Scaler;
use mlops_engine::split::{self, SplitRequest};
use mlops_engine::table::ColumnKind;

#[component]
pub fn Leakage(#[prop(into)] request: Signal<Option<SplitRequest>>) -> impl IntoView {
    let state = AppState::get();
    let numeric = Memo::new(move |_| {
        state
            .dataset
            .with(|d| {
                d.as_ref().map(|d| {
                    d.columns
                        .iter()
                        .filter(|c| {
                            c.kind == ColumnKind::Numeric
                                && Some(&c.name) != state.target.get().as_ref()
                        })
                        .map(|c| c.name.clone())
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    let column = move || {
        let chosen = settings::current(state).scale.unwrap_or_default();
        let cols = numeric.get();
        if cols.contains(&chosen) {
            Some(chosen)
        } else {
            cols.first().cloned()
        }
    };
    let answer = latest(move || {
        let _ = dataset_key(state);
        let split = request.get()?;
        let column = column()?;
        Some(split::Request::Leakage { split, column })
    });
    let body = move || {
        lab_answer_view(answer.get(), |a| match a {
            split::Response::Leakage(r) => Some(report_view(&r).into_any()),
            _ => None,
        })
    };
    let pick = Callback::new(move |v: String| {
        settings::update(state, |s| s.scale = Some(v).filter(|v| !v.is_empty()))
    });
    view! {
        <section class="card wide leakage">
            <h2>"Normalize with train statistics only"</h2>
            <label class="field">
                <span>"Numeric column"</span>
                <ColumnSelect testid="scale-column" columns=numeric selected=Signal::derive(column) on_pick=pick />
            </label>
            {body}
        </section>
    }
}

fn fit_row(fit: &LeakageFit) -> impl IntoView {
    let (mean, scale) = match &fit.scaler {
        Scaler::ZScore { mean, scale, .. } => (*mean, *scale),
        Scaler::MinMax { min, max, .. } => (*min, *max - *min),
    };
    let cells = fit
        .splits
        .iter()
        .map(|m| view! { <td class="num">{fmt_stat(m.mean)}" ± "{fmt_stat(m.std)}</td> })
        .collect_view();
    view! {
        <tr>
            <th>{format!("fitted on {}", fit.fitted_on)}</th>
            <td class="num">{fmt_stat(Some(mean))}</td>
            <td class="num">{fmt_stat(Some(scale))}</td>
            {cells}
        </tr>
    }
}

fn report_view(r: &LeakageReport) -> impl IntoView {
    let heads = r
        .split_names
        .iter()
        .map(|s| view! { <th class="num">{format!("scaled {s}: mean ± std")}</th> })
        .collect_view();
    view! {
        <table class="grid" data-testid="leakage-table">
            <thead><tr><th>"z-score of " {r.column.clone()}</th><th class="num">"mean used"</th><th class="num">"std used"</th>{heads}</tr></thead>
            <tbody>{fit_row(&r.train_only)}{fit_row(&r.all_rows)}</tbody>
        </table>
        <p class="advice">"Fitted on train only, dev and test keep their honest offset from train (their scaled mean is not exactly 0). Fitted on all rows, the scaler has already seen dev and test: their statistics leaked into training, and your dev/test results look better than production will."</p>
    }
}

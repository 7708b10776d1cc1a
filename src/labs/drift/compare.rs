//! Reference against current: one row per column (method, score,
//! threshold, verdict; the method switchable), the dataset-drift rule, and
//! the chosen column's two distributions on the same bins.

use super::settings::{self, Source};
use super::Uploads;
use crate::browser::answer::latest_answers;
use crate::components::format::{fmt_stat, percent, raw};
use crate::components::{Chart, Warnings};
use crate::state::AppState;
use leptos::prelude::*;
use mlops_charts::{Figure, Lines};
use mlops_engine::api::{Ask, Request};
use mlops_engine::drift::stattests::METHODS;
use mlops_engine::drift::{self, ColumnDrift, DriftReport, DriftRequest, Method};

/// What the comparison asks: the sides (the split's, or the uploads once
/// both are read), then the comparison with the chosen methods.
fn requests(state: AppState, source: Source, uploads: &Uploads) -> Option<Vec<Request>> {
    let methods = settings::current(state).methods;
    let compare = drift::Request::Compare(DriftRequest {
        per_column: methods,
        drift_share: Some(0.5),
        distributions: true,
        ..DriftRequest::default()
    });
    match source {
        Source::Split => {
            let split = crate::labs::split::current_request(state)?.ok()?;
            Some(vec![drift::Request::UseSplit(split).into(), compare.into()])
        }
        Source::Upload => {
            (uploads.reference.is_some() && uploads.current.is_some()).then(|| vec![compare.into()])
        }
        Source::Simulate => None,
    }
}

#[component]
pub fn Comparison(source: Source, uploads: RwSignal<Uploads>) -> impl IntoView {
    let state = AppState::get();
    // Re-asked when the sides or a method change, not when a chart is picked.
    let asked = Memo::new(move |_| {
        let _ = state.dataset_generation();
        uploads.with(|u| requests(state, source, u))
    });
    let answers = latest_answers(move || asked.get());
    // The comparison, or the first error of the requests.
    let report = Memo::new(move |_| {
        answers.get().map(|all| {
            let mut last = None;
            for answer in all {
                last = Some(drift::Request::answer(answer).map_err(|e| e.to_string())?);
            }
            match last {
                Some(drift::Response::Compared(r)) => Ok(r),
                _ => Err("the engine gave no comparison".to_string()),
            }
        })
    });
    let warnings = Signal::derive(move || {
        report.with(|r| match r {
            Some(Ok(r)) => r.warnings.clone(),
            _ => Vec::new(),
        })
    });
    let waiting = move || match source {
        Source::Upload => "Upload a reference file and a current file to compare them.",
        _ => "Choose a target in the Data lab: the Split lab's split needs one.",
    };
    view! {
        {move || match report.get() {
            None => view! { <section class="card"><p class="muted">{waiting()}</p></section> }.into_any(),
            Some(Err(e)) => view! {
                <section class="card"><div class="error-banner" role="alert" data-testid="error-banner">{e}</div></section>
            }.into_any(),
            Some(Ok(r)) => view! { <Report report=r /> }.into_any(),
        }}
        <Warnings items=warnings />
    }
}

/// The per-column table (drifted columns first), the rule, the chart.
#[component]
fn Report(report: DriftReport) -> impl IntoView {
    let state = AppState::get();
    let mut columns = report.columns.clone();
    // Drifted columns first, each group in the reference's order.
    columns.sort_by_key(|c| !c.drifted);
    let chosen = {
        let columns = columns.clone();
        Memo::new(move |_| {
            let wanted = settings::current(state).column;
            wanted
                .and_then(|w| columns.iter().find(|c| c.name == w))
                // A numeric column first: an id-like text column's bins
                // (one per value) teach little.
                .or_else(|| {
                    columns.iter().find(|c| {
                        c.distribution.is_some()
                            && c.kind == mlops_engine::table::ColumnKind::Numeric
                    })
                })
                .or_else(|| columns.iter().find(|c| c.distribution.is_some()))
                .cloned()
        })
    };
    let figure = Signal::derive(move || {
        chosen.with(|c| c.as_ref().and_then(Lines::distribution).map(Figure::Lines))
    });
    let rule = format!(
        "{} of {} columns drifted ({}); the dataset drifts when at least 50% do: {}",
        report.drifted_columns,
        report.columns.len(),
        percent(report.share),
        if report.dataset_drift {
            "drift"
        } else {
            "no drift"
        }
    );
    // `mlops drift --json`'s shape: the distributions are the page's extra.
    let download = {
        let mut plain = report.clone();
        for c in &mut plain.columns {
            c.distribution = None;
        }
        move |_| {
            if let Err(e) = crate::browser::download::offer_json("drift.json", &plain) {
                state.error.set(Some(e));
            }
        }
    };
    view! {
        <section class="card wide">
            <h2>"Distributions, on the same bins"</h2>
            <p class="muted">"Reference (blue) and current (green): the share of rows per bin; both sides use the bins the method uses, so the picture and the score agree. Pick a column's name to draw it."</p>
            {move || figure.get().map(|f| view! {
                <Chart figure=Signal::stored(f) width=520 height=260 testid="drift-chart" file="drift-distribution.png" />
            })}
        </section>
        <section class="card wide">
            <h2>"Reference vs current"</h2>
            <p class="muted">{format!("reference {} rows, current {} rows", report.reference_rows, report.current_rows)}</p>
            <p data-testid="dataset-drift" data-value=report.dataset_drift.to_string()
                class:drifted=report.dataset_drift>{rule}</p>
            <div class="actions">
                <button data-testid="drift-download-json" on:click=download>"The comparison as JSON (mlops drift --json)"</button>
            </div>
            <table class="metric-table drift-columns">
                <thead><tr>
                    <th>"column"</th><th>"kind"</th><th>"method"</th><th>"score"</th><th>"threshold"</th><th>"verdict"</th>
                </tr></thead>
                <tbody>
                    {columns.into_iter().map(|c| view! { <ColumnRow column=c /> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// One column's row: its verdict and the method switch (`auto` is
/// Evidently's choice for the column's kind).
#[component]
fn ColumnRow(column: ColumnDrift) -> impl IntoView {
    let state = AppState::get();
    let name = column.name.clone();
    let chosen: Option<Method> = settings::current_untracked(state)
        .methods
        .iter()
        .find(|(c, _)| *c == name)
        .map(|(_, m)| *m);
    let pick = {
        let name = name.clone();
        move |ev: leptos::ev::Event| {
            let method = Method::parse(&event_target_value(&ev));
            settings::update(state, |s| s.set_method(&name, method));
        }
    };
    let show = {
        let name = name.clone();
        move |_| settings::update(state, |s| s.column = Some(name.clone()))
    };
    let score = if column.method.is_test() {
        format!("p = {}", fmt_stat(column.score))
    } else {
        fmt_stat(column.score)
    };
    let verdict = if column.drifted { "drift" } else { "no drift" };
    view! {
        <tr data-testid="drift-column" data-column=name.clone() data-method=column.method.name()
            data-score=raw(column.score) data-threshold=column.threshold.to_string()
            data-drifted=column.drifted.to_string() class:drifted=column.drifted>
            <th><button class="link" on:click=show>{name.clone()}</button></th>
            <td>{column.kind.as_str()}</td>
            <td>
                <select data-testid="drift-method" aria-label=format!("method for {name}") on:change=pick>
                    <option value="auto" selected=chosen.is_none()>"auto"</option>
                    {METHODS.into_iter().map(|m| view! {
                        <option value=m.name() selected=chosen == Some(m)>{m.name()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>{score}</td>
            <td>{fmt_stat(Some(column.threshold))}</td>
            <td>{verdict}</td>
        </tr>
    }
}

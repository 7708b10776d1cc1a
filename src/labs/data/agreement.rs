//! Label consistency: when the data has several label columns (annotators),
//! how often they agree, Cohen's and Fleiss' kappa, and the rows to review.
//! The raters start as the columns that look like the target's annotators;
//! the user can tick others (kept in the URL as `raters`).

use super::settings::DataSettings;
use crate::browser::answer::latest;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::data;
use mlops_engine::data::agreement::AgreementReport;

/// The raters named in the URL that are label columns of the dataset;
/// `None` when the user has not chosen (the suggestion applies).
fn chosen_raters(state: AppState) -> Option<Vec<String>> {
    let chosen = state.settings::<DataSettings>().rater_list()?;
    let candidates = state.label_columns();
    Some(
        chosen
            .into_iter()
            .filter(|r| candidates.iter().any(|c| c == r))
            .collect(),
    )
}

#[component]
pub fn AgreementPanel() -> impl IntoView {
    let state = AppState::get();
    let candidates = Memo::new(move |_| state.label_columns());
    // Re-asked whenever the dataset, the target or the chosen raters change.
    let check = latest(move || {
        let target = state.target.get();
        // Asked again on every load (even of a file of the same length).
        state.dataset_generation()?;
        match chosen_raters(state) {
            None => Some(data::Request::LabelCheck { target: target? }),
            Some(raters) if raters.len() < 2 => None,
            Some(raters) => Some(data::Request::Agreement { raters }),
        }
    });
    let report = move || match check.get() {
        Some(Ok(data::Response::LabelCheck { report })) => Ok(report),
        Some(Ok(data::Response::Agreement(report))) => Ok(Some(report)),
        Some(Err(e)) => Err(e.to_string()),
        _ => Ok(None),
    };
    let raters_now = move || match report() {
        Ok(Some(r)) => r.raters,
        _ => chosen_raters(state).unwrap_or_default(),
    };
    let toggle = move |column: String| {
        let mut raters = raters_now();
        if let Some(i) = raters.iter().position(|r| *r == column) {
            raters.remove(i);
        } else {
            raters.push(column);
        }
        // An empty choice is kept as one unknown name, so the automatic
        // suggestion does not come back by itself.
        let value = if raters.is_empty() {
            "-".to_string()
        } else {
            raters.join(",")
        };
        state.update_settings::<DataSettings>(|s| s.raters = Some(value));
    };
    move || {
        if candidates.with(|c| c.len() < 2) {
            return None;
        }
        let current = raters_now();
        let boxes = candidates
            .get()
            .into_iter()
            .map(|c| {
                let checked = current.contains(&c);
                let name = c.clone();
                view! {
                    <label class="rater">
                        <input type="checkbox" data-testid="rater-checkbox" data-column=c.clone()
                            prop:checked=checked on:change=move |_| toggle(name.clone()) />
                        {c}
                    </label>
                }
            })
            .collect_view();
        let body = match report() {
            Err(message) => view! { <p class="warning" data-testid="warning">{message}</p> }.into_any(),
            Ok(Some(r)) if r.raters.len() >= 2 => report_view(r).into_any(),
            Ok(_) => view! { <p class="dim">"Tick two or more label columns (one per annotator) to compare them."</p> }.into_any(),
        };
        Some(view! {
            <section class="card agreement" data-testid="agreement-panel">
                <h2>"Are the labels consistent?"</h2>
                <div class="raters"><span class="dim">"Label columns: "</span>{boxes}</div>
                {body}
            </section>
            <AgreementExercise report=Signal::derive(move || report().ok().flatten()) />
        })
    }
}

fn value_or_null(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "null".into())
}

fn report_view(report: AgreementReport) -> impl IntoView {
    let pct = report.percent_agreement;
    let fleiss = report.fleiss_kappa;
    let kappas = report
        .cohen_kappa
        .iter()
        .map(|k| {
            let text = k.kappa.map(|v| crate::components::format::fixed(v, 3)).unwrap_or_else(|| "undefined".into());
            view! {
                <li data-testid="kappa" data-a=k.a.clone() data-b=k.b.clone() data-value=value_or_null(k.kappa)>
                    "Cohen's κ " {k.a.clone()} " / " {k.b.clone()} ": " <strong>{text}</strong>
                </li>
            }
        })
        .collect_view();
    let header = report
        .raters
        .iter()
        .map(|r| view! { <th>{r.clone()}</th> })
        .collect_view();
    let rows = report
        .disagreeing_rows
        .iter()
        .take(20)
        .map(|d| {
            let cells = d
                .labels
                .iter()
                .map(|l| view! { <td>{l.clone()}</td> })
                .collect_view();
            // Rows are numbered from 1, the header not counted (a file line
            // can differ when a quoted field spans lines).
            view! { <tr><td class="dim">{d.row + 1}</td>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="big-numbers">
            <div data-testid="agreement-percent" data-value=value_or_null(pct)>
                <span class="big">{pct.map(crate::components::format::percent).unwrap_or_else(|| "—".into())}</span>
                <span class="dim">" rows where all agree"</span>
            </div>
            <div data-testid="fleiss-kappa" data-value=value_or_null(fleiss)>
                <span class="big">{fleiss.map(|v| crate::components::format::fixed(v, 3)).unwrap_or_else(|| "—".into())}</span>
                <span class="dim">" Fleiss' κ"</span>
            </div>
        </div>
        <ul class="kappas">{kappas}</ul>
        <p class="advice">
            {format!("{} of {} rows disagree. ", report.disagreements, report.rows)}
            "Look at them together with the labellers, then tighten the labelling instructions (for example: what scratch length counts as a defect) and relabel; consistent labels help more than a bigger model on small data."
        </p>
        <table class="grid">
            <thead><tr><th>"row"</th>{header}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The agreement exercise (`?exercise=agreement`): the student types how
/// many rows the two annotators disagree on; the check fires when it is
/// the report's count for those columns, and not before.
#[component]
fn AgreementExercise(#[prop(into)] report: Signal<Option<AgreementReport>>) -> impl IntoView {
    let state = AppState::get();
    let answer = RwSignal::new(String::new());
    move || {
        let e = state
            .url
            .with(|u| crate::labs::scope::exercises::active(u, crate::lab::Lab::Data))?;
        let solved = Signal::derive(move || {
            report.with(|r| answer.with(|a| e.disagreements_solved(r.as_ref(), a)))
        });
        Some(view! {
            <crate::labs::scope::ExerciseCard exercise=e solved=solved />
            <label class="field">
                <span>"Your answer: rows they disagree on"</span>
                <input type="number" min="0" data-testid="exercise-answer"
                    prop:value=move || answer.get()
                    on:input=move |ev| answer.set(event_target_value(&ev)) />
            </label>
        })
    }
}

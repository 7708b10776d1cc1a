//! Label consistency: when the data has several label columns (annotators),
//! how often they agree, Cohen's and Fleiss' kappa, and the rows to review.

use crate::browser::engine;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::api::{Request, Response};

#[component]
pub fn AgreementPanel() -> impl IntoView {
    let state = AppState::get();
    // Re-asked whenever the dataset or the target changes.
    let check = LocalResource::new(move || {
        let target = state.target.get();
        let loaded = state
            .dataset
            .with(|d| d.as_ref().map(|d| (d.name.clone(), d.rows)));
        async move {
            match (target, loaded) {
                (Some(target), Some(_)) => {
                    Some(engine::ask(Request::LabelCheck { target }, None).await)
                }
                _ => None,
            }
        }
    });
    move || {
        let response = check.get().flatten()?;
        let report = match response {
            Response::LabelCheck { report } => report?,
            Response::Error { message, .. } => {
                return Some(view! { <section class="card agreement"><p class="warning" data-testid="warning">{message}</p></section> }.into_any());
            }
            _ => return None,
        };
        let pct = report.percent_agreement;
        let fleiss = report.fleiss_kappa;
        let kappas = report
            .cohen_kappa
            .iter()
            .map(|k| {
                let value = k
                    .kappa
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "null".into());
                let text = k
                    .kappa
                    .map(|v| format!("{v:.3}"))
                    .unwrap_or_else(|| "undefined".into());
                view! {
                    <li data-testid="kappa" data-a=k.a.clone() data-b=k.b.clone() data-value=value>
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
                view! { <tr><td class="dim">{d.row + 2}</td>{cells}</tr> }
            })
            .collect_view();
        Some(view! {
            <section class="card agreement" data-testid="agreement-panel">
                <h2>"Are the labels consistent?"</h2>
                <p>{format!("{} label columns: {}", report.raters.len(), report.raters.join(", "))}</p>
                <div class="big-numbers">
                    <div data-testid="agreement-percent" data-value=pct.map(|v| v.to_string()).unwrap_or_else(|| "null".into())>
                        <span class="big">{pct.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())}</span>
                        <span class="dim">" rows where all agree"</span>
                    </div>
                    <div data-testid="fleiss-kappa" data-value=fleiss.map(|v| v.to_string()).unwrap_or_else(|| "null".into())>
                        <span class="big">{fleiss.map(|v| format!("{v:.3}")).unwrap_or_else(|| "—".into())}</span>
                        <span class="dim">" Fleiss' κ"</span>
                    </div>
                </div>
                <ul class="kappas">{kappas}</ul>
                <p class="advice">
                    {format!("{} rows disagree. ", report.disagreements)}
                    "Look at them together with the labellers, then tighten the labelling instructions (for example: what scratch length counts as a defect) and relabel; consistent labels help more than a bigger model on small data."
                </p>
                <table class="grid">
                    <thead><tr><th>"line"</th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }.into_any())
    }
}

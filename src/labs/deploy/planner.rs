//! Plan the canary: for the baseline's error rate, the increase that must
//! be caught, the confidence and the power, the requests each step needs
//! and the time they take at the service's traffic (`mlops rollout
//! --catch`). The Deploy lab's rollout then shows whether the plan's
//! requests were enough.

use super::settings::{self, key};
use crate::browser::answer::latest;
use crate::components::format::fmt_stat;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::rollout;

#[component]
pub fn Planner() -> impl IntoView {
    let state = AppState::get();
    let s = Memo::new(move |_| settings::current(state));
    let built = Memo::new(move |_| s.with(|s| s.plan_request()));
    let answer = latest(move || built.get().ok().map(rollout::Request::Plan));
    let field = |k: crate::setting::Setting| {
        super::setting_field(format!("plan-{}", k.key), k, "number", |_| true)
    };
    let result = move || {
        let plan = match (built.get(), answer.get()) {
            (Err(e), _) | (_, Some(Err(e))) => {
                let message = e.naming_setting(settings::label);
                return Some(
                    view! { <p class="warning" data-testid="plan-error">{message}</p> }.into_any(),
                );
            }
            (_, Some(Ok(rollout::Response::Planned(p)))) => p,
            _ => return None,
        };
        let rows = plan
            .steps
            .iter()
            .map(|p| {
                view! {
                    <tr data-testid="plan-step" data-weight=p.weight data-candidate-requests=p.candidate_requests
                        data-requests=p.requests data-minutes=p.minutes>
                        <th>{format!("{}%", p.weight)}</th>
                        <td>{p.candidate_requests}</td>
                        <td>{p.requests}</td>
                        <td>{fmt_stat(Some(p.minutes))}</td>
                    </tr>
                }
            })
            .collect_view();
        let summary = format!(
            "{} requests in all: {} minutes at this traffic",
            plan.total_requests,
            fmt_stat(Some(plan.total_minutes))
        );
        Some(view! {
            <table class="metric-table">
                <thead><tr><th>"weight"</th><th>"candidate requests needed"</th><th>"requests in the step"</th><th>"minutes"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p data-testid="plan-total" data-requests=plan.total_requests data-minutes=plan.total_minutes>{summary}</p>
            {plan.warnings.into_iter().map(|w| view! { <p class="warning" data-testid="warning">{w}</p> }).collect_view()}
        }.into_any())
    };
    view! {
        <section class="card wide">
            <h2>"Plan the canary"</h2>
            <p class="muted">"How many requests must each step see to catch a candidate whose error rate is this much higher than the baseline's (with the confidence and allowed increase above)? A smaller increase, or a higher power, needs many more."</p>
            <div class="controls">
                {field(key::CATCH)}
                {field(key::POWER)}
                {field(key::TRAFFIC)}
            </div>
            {result}
        </section>
    }
}

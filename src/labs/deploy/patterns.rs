//! Compare the patterns on the same scenario: shadow, canary and
//! blue-green run with the same models, plan and seed; what the users got
//! from the candidate (the blast radius), when the decision came, and what
//! each pattern can and cannot see.

use crate::browser::answer::latest_answers;
use leptos::prelude::*;
use mlops_engine::api::{Ask, Request};
use mlops_engine::rollout::{self, RolloutReport, RolloutRequest, Strategy};

/// What each pattern can and cannot see.
fn sees(s: Strategy) -> &'static str {
    match s {
        Strategy::Shadow => "sees the candidate's errors on every request, serves users none of them; cannot see how users react to its answers",
        Strategy::Canary => "sees errors and user reactions on a growing share; a bad candidate reaches a few users before it is stopped",
        Strategy::BlueGreen => "previews on copies, then switches everyone at once: a fast rollback, but a miss in the preview reaches all users",
    }
}

#[component]
pub fn Patterns(#[prop(into)] asked: Signal<Option<rollout::Request>>) -> impl IntoView {
    let answers = latest_answers(move || {
        let rollout::Request::Run {
            request: r,
            baseline_model,
            candidate_model,
        } = asked.get()?
        else {
            return None;
        };
        Some(
            Strategy::ALL
                .into_iter()
                .map(|strategy| {
                    Request::from(rollout::Request::Run {
                        request: RolloutRequest {
                            strategy,
                            ..r.clone()
                        },
                        baseline_model,
                        candidate_model,
                    })
                })
                .collect(),
        )
    });
    let reports = Memo::new(move |_| {
        answers.get().map(|all| {
            all.into_iter()
                .filter_map(|a| match rollout::Request::answer(a) {
                    Ok(rollout::Response::Ran { report, .. }) => Some(*report),
                    _ => None,
                })
                .collect::<Vec<RolloutReport>>()
        })
    });
    view! {
        <section class="card wide">
            <h2>"Compare the patterns"</h2>
            <p class="muted">"The same candidate, plan and seed under each pattern: how many requests users got from the candidate, how many of them wrong, and when the decision came."</p>
            <table class="metric-table patterns">
                <thead><tr>
                    <th>"pattern"</th><th>"outcome"</th><th>"decided at step"</th><th>"users served by the candidate"</th><th>"of them errors"</th><th>"what it can see"</th>
                </tr></thead>
                <tbody>
                    {move || reports.get().unwrap_or_default().into_iter().map(|r| {
                        let outcome = r.outcome.as_str();
                        view! {
                            <tr data-testid="pattern-row" data-strategy=r.strategy.name() data-outcome=outcome
                                data-decided-at=r.decided_at_step data-served=r.requests_served_by_candidate
                                data-errors-served=r.errors_served_by_candidate>
                                <th>{r.strategy.name()}</th>
                                <td>{outcome.replace('_', " ")}</td>
                                <td>{r.decided_at_step}</td>
                                <td>{r.requests_served_by_candidate}</td>
                                <td>{r.errors_served_by_candidate}</td>
                                <td class="reason">{sees(r.strategy)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

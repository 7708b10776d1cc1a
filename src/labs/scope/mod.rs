//! The Scope lab, the course's first stage: the lifecycle map (each stage
//! linked to its lab, the loops between them drawn), the scoping worksheet
//! exported as a Markdown project brief, and the index of exercises.
//! [`ExerciseCard`] is the question panel every lab shows for an exercise
//! link.

pub mod brief;
mod content;
pub mod exercises;

use crate::components::LabIntro;
use crate::lab::Lab;
use crate::setting::Setting;
use crate::state::AppState;
use brief::{Worksheet, FIELDS};
use content::{ETHICS, LOOPS, ML_METRICS, PROBLEMS, STAGES};
use exercises::{Exercise, EXERCISES};
use leptos::prelude::*;

/// The lab's view, for the registry.
pub fn view() -> AnyView {
    view! {
        <div class="lab-grid">
            <LabIntro lab=Lab::Scope><LifecycleMap /></LabIntro>
            <WorksheetCard />
            <ExerciseIndex />
        </div>
    }
    .into_any()
}

#[component]
fn LifecycleMap() -> impl IntoView {
    let stages = STAGES.iter().map(|s| {
        let labs = s.labs.iter().map(|&lab| {
            view! { <a class="lab-link" href=format!("?lab={}", lab.slug())>{crate::labs::entry(lab).title} " lab →"</a> }
        }).collect_view();
        view! {
            <li class="stage" data-testid="scope-stage">
                <h3>{s.name}</h3>
                <ul>{s.steps.iter().map(|t| view! { <li>{*t}</li> }).collect_view()}</ul>
                {labs}
            </li>
        }
    }).collect_view();
    let loops = LOOPS.iter().map(|&(from, to, why)| view! {
        <li data-testid="scope-loop"><strong>{STAGES[from].name} " ↺ " {STAGES[to].name}</strong> ": " {why}</li>
    }).collect_view();
    view! {
        <ol class="stages" aria-label="The ML project lifecycle">{stages}</ol>
        <ul class="loops" aria-label="Iterative loops">{loops}</ul>
    }
}

#[component]
fn WorksheetCard() -> impl IntoView {
    let state = AppState::get();
    let sheet = move || state.settings::<Worksheet>();
    let field = |key: Setting| {
        let set = move |ev| {
            let v = event_target_value(&ev);
            state.update_settings::<Worksheet>(|w| w.set_field(key, v));
        };
        let value = move || sheet().field(key).to_string();
        let testid = format!("scope-{}", key.key);
        let control = if key.key == brief::key::ML_METRIC.key {
            view! {
                <select data-testid=testid on:change=set>
                    <option value="">"—"</option>
                    {ML_METRICS.iter().map(|m| view! { <option value=*m selected=move || sheet().ml_metric == *m>{*m}</option> }).collect_view()}
                </select>
            }.into_any()
        } else {
            view! { <input type="text" data-testid=testid prop:value=value on:change=set /> }
                .into_any()
        };
        view! { <label class="field"><span>{key.label}</span>{control}</label> }
    };
    let fields = FIELDS.iter().map(|f| field(f.setting)).collect_view();
    let ethics = ETHICS.iter().enumerate().map(|(i, &(key, question))| view! {
        <label class="check">
            <input type="checkbox" data-testid=format!("scope-{key}") prop:checked=move || sheet().ethics[i]
                on:change=move |ev| { let on = event_target_checked(&ev); state.update_settings::<Worksheet>(|w| w.ethics[i] = on) } />
            {question}
        </label>
    }).collect_view();
    let data = move || {
        sheet()
            .data_in_days()
            .map(|n| format!("In {} days: {n} labelled examples.", sheet().days.trim()))
    };
    let export = move |_| {
        let rows = state.dataset.with_untracked(|d| d.as_ref().map(|d| d.rows));
        let md = state
            .url
            .with_untracked(<Worksheet as crate::url_state::LabSettings>::from_url)
            .to_markdown(rows);
        if let Err(e) =
            crate::browser::download::offer("project-brief.md", "text/markdown", md.as_bytes())
        {
            state.error.set(Some(e));
        }
    };
    let problems = PROBLEMS
        .iter()
        .map(|&(p, s)| view! { <tr><td>{p}</td><td>{s}</td></tr> })
        .collect_view();
    view! {
        <section class="card worksheet">
            <h2>"Scoping worksheet"</h2>
            <p class="dim">"Separate the business problem from the solution. Kept in the link: copy it to share the brief."</p>
            <table class="problems"><thead><tr><th>"Business problem"</th><th>"ML solutions to try"</th></tr></thead><tbody>{problems}</tbody></table>
            <div class="controls">{fields}</div>
            <p data-testid="scope-data-estimate">{data}</p>
            <fieldset><legend>"Ethics"</legend>{ethics}</fieldset>
            <button type="button" class="primary" data-testid="scope-export" on:click=export>"⬇ project-brief.md"</button>
        </section>
    }
}

#[component]
fn ExerciseIndex() -> impl IntoView {
    let items = EXERCISES.iter().map(|e| view! {
        <li data-testid="exercise-link-item">
            <a href=e.link data-testid=format!("exercise-{}", e.id)>{crate::labs::entry(e.lab).title} ": " {e.title}</a>
        </li>
    }).collect_view();
    view! {
        <section class="card exercises">
            <h2>"Exercises for a workshop"</h2>
            <p class="dim">"Each link sets a lab up and asks one question; the lab says when the answer is on screen."</p>
            <ul>{items}</ul>
        </section>
    }
}

/// The question of an exercise link, and whether it is solved
/// (`exercise-check`: `data-value` `open` until the check fires, then
/// `solved`).
#[component]
pub fn ExerciseCard(
    exercise: &'static Exercise,
    #[prop(into)] solved: Signal<Option<bool>>,
) -> impl IntoView {
    let status = move || match solved.get() {
        Some(true) => ("solved", "✓ Solved: the answer is on screen."),
        Some(false) => ("open", "Not yet: keep trying."),
        // Not checked yet (nothing on screen to check): open.
        None => ("open", "Not yet: keep trying."),
    };
    view! {
        <section class="card exercise" data-testid="exercise">
            <h2>"Exercise: " {exercise.title}</h2>
            <p>{exercise.question}</p>
            <p class="exercise-check" class:solved=move || solved.get() == Some(true)
                data-testid="exercise-check" data-value=move || status().0 role="status">{move || status().1}</p>
        </section>
    }
}

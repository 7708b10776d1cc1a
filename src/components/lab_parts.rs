//! Pieces every lab writes the same way: the intro card (title and lesson
//! from the registry), a worker answer shown as its report or its error,
//! and a picker of the dataset's columns.

use crate::lab::Lab;
use leptos::prelude::*;
use mlops_engine::api::Response;

/// The lab's first card: its title and lesson (from `labs::REGISTRY`),
/// then the lab's own controls.
#[component]
pub fn LabIntro(lab: Lab, children: Children) -> impl IntoView {
    let entry = crate::labs::entry(lab);
    view! {
        <section class="card intro">
            <h1>{entry.title}</h1>
            <p class="lesson">{entry.lesson}</p>
            {children()}
        </section>
    }
}

/// A worker's answer as a view: `report` turns the lab's own answer into
/// its view; an error shows as a `warning`; nothing while none has come.
pub fn answer_view(
    answer: Option<Response>,
    report: impl FnOnce(Response) -> Option<AnyView>,
) -> Option<AnyView> {
    match answer? {
        Response::Error(message) => Some(
            view! { <p class="warning" data-testid="warning">{message.to_string()}</p> }.into_any(),
        ),
        other => report(other),
    }
}

/// A lab's typed answer as a view: `report` turns the lab's answer into
/// its view; the engine's error shows as a `warning`; nothing while none
/// has come (the typed twin of [`answer_view`]).
pub fn lab_answer_view<A>(
    answer: Option<Result<A, mlops_engine::EngineError>>,
    report: impl FnOnce(A) -> Option<AnyView>,
) -> Option<AnyView> {
    match answer? {
        Err(e) => {
            Some(view! { <p class="warning" data-testid="warning">{e.to_string()}</p> }.into_any())
        }
        Ok(a) => report(a),
    }
}

/// A `<select>` of columns, `testid` its hook; `on_pick` hears the chosen
/// name (`""` for the empty choice when `none` labels one).
#[component]
pub fn ColumnSelect(
    #[prop(into)] columns: Signal<Vec<String>>,
    #[prop(into)] selected: Signal<Option<String>>,
    on_pick: Callback<String>,
    testid: &'static str,
    #[prop(optional)] none: Option<&'static str>,
) -> impl IntoView {
    view! {
        <select data-testid=testid on:change=move |ev| on_pick.run(event_target_value(&ev))>
            {none.map(|label| view! { <option value="">{label}</option> })}
            {options(columns, selected)}
        </select>
    }
}

/// The `<option>`s of `names`, `selected` marked: one view for every
/// column list of the labs (re-rendered whole when the list changes; a
/// keyed `<For>` per list cost the page's wasm several KiB each).
pub fn options(names: Signal<Vec<String>>, selected: Signal<Option<String>>) -> AnyView {
    (move || {
        names
            .get()
            .into_iter()
            .map(|c| {
                let (is, value) = (c.clone(), c.clone());
                view! { <option value=value selected=move || selected.get().as_deref() == Some(is.as_str())>{c}</option> }
            })
            .collect_view()
    })
    .into_any()
}

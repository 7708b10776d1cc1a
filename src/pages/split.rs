//! The Split lab (being built).

use leptos::prelude::*;

#[component]
pub fn SplitLab() -> impl IntoView {
    view! { <section class="card"><h1>"Split"</h1><p class="lesson">{crate::lab::Lab::Split.lesson()}</p></section> }
}

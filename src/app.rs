//! The shell: header with the working dataset, the lifecycle map (which is
//! also the navigation), the error banner and progress bar, and the current
//! lab chosen by the `lab` query parameter.
//!
//! No router: the page is one file and the lab is a query parameter, so any
//! static host (including a sub-path, with no rewrite rules) serves every
//! link. The URL is written back whenever a setting changes.

use crate::browser::{engine, location};
use crate::components::{Banner, BusyBar, DatasetBadge};
use crate::lab::Lab;
use crate::pages::{ComingLab, DataLab, SplitLab};
use crate::state::AppState;
use crate::url_state::UrlState;
use leptos::prelude::*;

/// The sample loaded when the link names none.
pub const DEFAULT_SAMPLE: &str = "sample-defects";

#[component]
pub fn App() -> impl IntoView {
    let initial = UrlState::parse(&location::query());
    let state = AppState::new(initial.clone());
    provide_context(state);

    if let Err(message) = engine::start(move |busy| state.busy.set(busy)) {
        state.error.set(Some(message));
    }
    let sample = initial.sample.unwrap_or_else(|| DEFAULT_SAMPLE.to_string());
    crate::actions::load_sample(state, sample);

    // Keep the URL in step with the lab, target and settings.
    Effect::new(move |_| {
        let lab = state.lab.get();
        let target = state.target.get();
        let query = state.url.with(|u| {
            let mut u = u.clone();
            u.lab = lab;
            u.target = target;
            u.to_query()
        });
        location::replace_query(&query);
    });
    location::on_pop(move |query| state.lab.set(UrlState::parse(&query).lab));

    view! {
        <div class="app" data-testid="app-ready">
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">"◆"</span>
                    <span class="name">"MLOps Playground"</span>
                </div>
                <DatasetBadge />
            </header>
            <LifecycleNav />
            <BusyBar />
            <Banner />
            <main class="lab">{move || lab_view(state.lab.get())}</main>
            <footer class="footer">
                "Everything runs in this browser tab: no data leaves your machine."
            </footer>
        </div>
    }
}

fn lab_view(lab: Lab) -> AnyView {
    match lab {
        Lab::Data => view! { <DataLab /> }.into_any(),
        Lab::Split => view! { <SplitLab /> }.into_any(),
        other => view! { <ComingLab lab=other /> }.into_any(),
    }
}

/// The lifecycle map: Scope → Data → Split → Model → Drift → Deploy.
#[component]
fn LifecycleNav() -> impl IntoView {
    let state = AppState::get();
    let go = move |lab: Lab| {
        let query = state.url.with_untracked(|u| {
            let mut u = u.clone();
            u.lab = lab;
            u.target = state.target.get_untracked();
            u.to_query()
        });
        location::push_query(&query);
        state.lab.set(lab);
    };
    let items = Lab::ALL
        .into_iter()
        .enumerate()
        .map(|(i, lab)| {
            let href = format!("?lab={}", lab.slug());
            let testid = format!("nav-{}", lab.slug());
            let current = move || state.lab.get() == lab;
            view! {
                <li class="step" class:current=current class:built=lab.is_built()>
                    <a
                        href=href
                        data-testid=testid
                        aria-current=move || current().then_some("page")
                        title=lab.lesson()
                        on:click=move |ev| {
                            ev.prevent_default();
                            go(lab);
                        }
                    >
                        <span class="num">{i + 1}</span>
                        <span class="label">{lab.title()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="lifecycle" aria-label="Lifecycle">
            <ol>{items}</ol>
        </nav>
    }
}

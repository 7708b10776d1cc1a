//! The shell: header with the working dataset, the lifecycle map (which is
//! also the navigation), the error banner and progress bar, and the current
//! lab chosen by the `lab` query parameter.
//!
//! No router: the page is one file and the lab is a query parameter, so any
//! static host (including a sub-path, with no rewrite rules) serves every
//! link. The URL is written back whenever a setting changes.

use crate::browser::{engine, location};
use crate::components::{Banner, BusyBar, DatasetBadge, Notices, SharePanel};
use crate::lab::Lab;
use crate::labs;
use crate::state::AppState;
use crate::url_state::UrlState;
use leptos::prelude::*;

/// The sample loaded when the link names none.
pub const DEFAULT_SAMPLE: &str = "sample-defects";

#[component]
pub fn App() -> impl IntoView {
    let query = location::query();
    let mut initial = UrlState::parse(&query);
    let lab_text = crate::url_state::raw_value(&query, "lab");
    let notices = crate::link_check::check_link(&mut initial, lab_text.as_deref());
    let embedded = crate::share::embedded_lab(&initial);
    if let Some(lab) = embedded {
        initial.lab = lab;
    }
    let state = AppState::new(initial.clone());
    state.notices.set(notices);
    provide_context(state);

    if let Err(message) = engine::start(move |busy| state.busy.set(busy)) {
        state.error.set(Some(message));
    }
    // A link naming a sample this build does not have still opens on data;
    // a link naming none opens the upload kept from the last visit, if any.
    match initial.sample {
        Some(id) if mlops_engine::data::samples::get(&id).is_some() => {
            crate::actions::load_sample(state, id)
        }
        Some(id) => crate::actions::load_sample_with_notice(
            state,
            DEFAULT_SAMPLE.to_string(),
            Some(format!(
                "this link names a built-in dataset \"{id}\" that does not exist; showing {DEFAULT_SAMPLE} instead"
            )),
        ),
        None => crate::actions::restore_or_load_sample(state, DEFAULT_SAMPLE.to_string()),
    }

    // Keep the URL in step with the lab, target and settings.
    Effect::new(move |_| location::replace_query(&state.query()));
    // Back/Forward: the whole entry comes back (lab, dataset, target, settings).
    location::on_pop(move |query| {
        let popped = UrlState::parse(&query);
        let current_sample = state.url.with_untracked(|u| u.sample.clone());
        if popped.sample.is_some() && popped.sample != current_sample {
            if let Some(id) = popped.sample.clone() {
                crate::actions::load_sample(state, id);
            }
        }
        state.lab.set(popped.lab);
        if popped.target.is_some() {
            state.target.set(popped.target.clone());
        }
        state.url.set(popped);
    });

    if embedded.is_some() {
        crate::browser::share::report_height(crate::share::HEIGHT_MESSAGE);
        return view! { <EmbeddedLab /> }.into_any();
    }
    view! {
        <div class="app" data-testid="app-ready">
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">"◆"</span>
                    <span class="name">"MLOps Playground"</span>
                </div>
                <DatasetBadge />
                <SharePanel />
            </header>
            <LifecycleNav />
            <BusyBar />
            <Banner />
            <Notices />
            <main class="lab">{move || labs::view(state.lab.get())}</main>
            <footer class="footer">
                "Everything runs in this browser tab: no data leaves your machine."
            </footer>
        </div>
    }
    .into_any()
}

/// `?embed=<lab>`: one lab alone for a course page's iframe, without the
/// header, map and footer; a link opens it in the whole app.
#[component]
fn EmbeddedLab() -> impl IntoView {
    let state = AppState::get();
    let full = move || crate::share::full_link(&crate::browser::share::base(), &state.shown_url());
    view! {
        <div class="app embed" data-testid="app-ready">
            <BusyBar />
            <Banner />
            <Notices />
            <main class="lab">{move || labs::view(state.lab.get())}</main>
            <p class="embed-credit">
                <a href=full target="_blank" rel="noopener" data-testid="open-full">"Open in MLOps Playground ↗"</a>
            </p>
        </div>
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
        state.error.set(None);
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
                <li class="step" class:current=current>
                    <a
                        href=href
                        data-testid=testid
                        aria-current=move || current().then_some("page")
                        title=labs::entry(lab).lesson
                        on:click=move |ev| {
                            ev.prevent_default();
                            go(lab);
                        }
                    >
                        <span class="num">{i + 1}</span>
                        <span class="label">{labs::entry(lab).title}</span>
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

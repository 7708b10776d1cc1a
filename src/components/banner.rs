//! The error banner, the progress bar and warning lists.

use crate::state::AppState;
use leptos::prelude::*;

/// `error-banner`: the current user-facing error, dismissible.
#[component]
pub fn Banner() -> impl IntoView {
    let state = AppState::get();
    move || {
        state.error.get().map(|message| {
            view! {
                <div class="error-banner" role="alert" data-testid="error-banner">
                    <span class="msg">{message}</span>
                    <button class="dismiss" aria-label="Dismiss" on:click=move |_| state.error.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}

/// `notice`: what the page changed or could not do without stopping you:
/// a link's values clamped or dropped, a file not kept for the next visit.
/// Dismissed together.
#[component]
pub fn Notices() -> impl IntoView {
    let state = AppState::get();
    move || {
        let notices = state.notices.get();
        (!notices.is_empty()).then(|| view! {
            <div class="notices" role="status">
                <ul>{notices.into_iter().map(|n| view! { <li data-testid="notice">{n}</li> }).collect_view()}</ul>
                <button class="dismiss" aria-label="Dismiss" on:click=move |_| state.notices.set(Vec::new())>"×"</button>
            </div>
        })
    }
}

/// `busy`: a progress bar while the worker works.
#[component]
pub fn BusyBar() -> impl IntoView {
    let state = AppState::get();
    move || {
        state.busy.get().map(|p| {
            let width = format!("width: {}%", super::format::fixed(p * 100.0, 1));
            view! {
                <div class="busy" data-testid="busy" data-value=p.to_string() role="progressbar"
                    aria-valuemin="0" aria-valuemax="1" aria-valuenow=p.to_string()>
                    <div class="fill" style=width></div>
                </div>
            }
        })
    }
}

/// One `warning` element per engine warning.
#[component]
pub fn Warnings(#[prop(into)] items: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <ul class="warnings">
            {move || items.get().into_iter().map(|w| view! { <li class="warning" data-testid="warning">{w}</li> }).collect_view()}
        </ul>
    }
}

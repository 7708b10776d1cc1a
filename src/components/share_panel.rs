//! "Copy link" and "Embed": the link that reproduces what is on screen
//! (copied, and shown in a field to copy by hand), and the iframe snippet
//! of this lab for a course page. Uploaded data never goes into a link:
//! the panel says so when the working dataset is an upload.

use crate::browser::share;
use crate::state::AppState;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Link,
    Embed,
}

#[component]
pub fn SharePanel() -> impl IntoView {
    let state = AppState::get();
    let open = RwSignal::new(None::<Open>);
    let link = move || format!("{}{}", share::base(), state.query());
    let snippet = move || {
        let lab = state.lab.get();
        let url = state.shown_url();
        let title = format!("MLOps Playground: {}", crate::labs::entry(lab).title);
        share::embed_snippet_for(&url, lab, &title)
    };
    let toggle =
        move |which| open.update(|o| *o = if *o == Some(which) { None } else { Some(which) });
    let uploaded =
        move || state.url.with(|u| u.sample.is_none()) && state.dataset.with(Option::is_some);
    view! {
        <div class="share">
            <button type="button" data-testid="copy-link" on:click=move |_| { share::copy(&link()); toggle(Open::Link) }>
                "Copy link"
            </button>
            <button type="button" data-testid="embed-button" on:click=move |_| toggle(Open::Embed)>"Embed"</button>
            {move || open.get().map(|which| view! {
                <div class="share-box" role="dialog" aria-label="Share"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { open.set(None) }>
                    <button type="button" class="dismiss" aria-label="Close" data-testid="share-close" on:click=move |_| open.set(None)>"×"</button>
                    {(which == Open::Link).then(|| view! {
                        <label class="field"><span>"Link to this view"</span>
                            <input readonly data-testid="share-url" prop:value=link /></label>
                    })}
                    {(which == Open::Embed).then(|| view! {
                        <label class="field"><span>"Paste into a course page (the lab alone, fitted to its height)"</span>
                            <textarea readonly rows="6" data-testid="embed-snippet" prop:value=snippet></textarea></label>
                    })}
                    {move || uploaded().then(|| view! {
                        <p class="dim">"Your uploaded file is not in the link: it never leaves this browser. Whoever opens it sees the built-in dataset."</p>
                    })}
                </div>
            })}
        </div>
    }
}

//! Where data comes from: a drop zone with the `file-input`, and the built-in
//! samples. The file's bytes go to the worker; nothing is parsed here.

use crate::actions;
use crate::browser::files;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::data::samples::SAMPLES;

#[component]
pub fn DataSource() -> impl IntoView {
    let state = AppState::get();
    let dragging = RwSignal::new(false);
    // "" = detect; else one character or "tab".
    let delimiter = RwSignal::new(String::new());
    let chosen = move || Some(delimiter.get_untracked()).filter(|d| !d.is_empty());
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(file) = files::from_input(&ev) {
            actions::load_file(state, file, chosen());
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = files::from_drop(&ev) {
            actions::load_file(state, file, chosen());
        }
    };
    let samples = SAMPLES
        .iter()
        .map(|s| {
            let id = s.id.to_string();
            view! {
                <button class="sample" data-testid=s.id title=s.description disabled=move || state.control(super::settings::key::SAMPLES).frozen()
                    on:click=move |_| actions::load_sample(state, id.clone())>
                    {s.title}
                </button>
            }
        })
        .collect_view();
    let lock = move |setting| state.control(setting);
    view! {
        <div class="source">
            <label class="dropzone" hidden=move || lock(super::settings::key::UPLOAD).hidden() class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="file-input" disabled=move || lock(super::settings::key::UPLOAD).frozen() on:change=on_change />
                <strong>"Drop a CSV here"</strong>
                <span class="dim">" or click to choose one. It stays in this browser."</span>
            </label>
            <label class="field inline" hidden=move || lock(super::settings::key::UPLOAD).hidden()>
                <span>"Delimiter"</span>
                <select data-testid="delimiter-select" on:change=move |ev| {
                    delimiter.set(event_target_value(&ev));
                    actions::reload_with_delimiter(state, chosen());
                }>
                    <option value="">"detect"</option>
                    <option value=",">"comma ,"</option>
                    <option value=";">"semicolon ;"</option>
                    <option value="tab">"tab"</option>
                    <option value="|">"pipe |"</option>
                </select>
            </label>
            <div class="samples" hidden=move || lock(super::settings::key::SAMPLES).hidden()>
                <span class="dim">"Or start from a built-in dataset: "</span>
                {samples}
            </div>
            <p class="dim kept">
                "An uploaded file is kept in this browser for your next visit. "
                <button type="button" class="link" data-testid="clear-data"
                    on:click=move |_| actions::clear_kept_data(state, crate::app::DEFAULT_SAMPLE.to_string())>
                    "Clear my data"
                </button>
            </p>
        </div>
    }
}

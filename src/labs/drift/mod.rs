//! The Drift lab: is the current data still like the reference? Reference
//! and current come from the Split lab's split (train against test) or two
//! uploads; each column is compared with Evidently's method (switchable),
//! its two distributions drawn on the same bins, and the dataset-drift
//! share rule applied. The numbers are `mlops drift`'s. Or a stream is
//! simulated from the working dataset and watched with the Model lab's
//! model (`mlops simulate`, `mlops monitor`).

mod compare;
mod dial;
pub mod settings;
mod signals;
mod simulate;

use crate::browser::answer::ask;
use crate::browser::engine::Payload;
use crate::browser::files;
use crate::components::LabIntro;
use crate::lab::Lab;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::drift::{self, Side};
use settings::Source;

/// The lab's view, for the registry.
pub fn view() -> AnyView {
    view! { <DriftLab /> }.into_any()
}

/// The uploaded files' names, per side, once the worker has read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Uploads {
    pub reference: Option<String>,
    pub current: Option<String>,
}

#[component]
pub fn DriftLab() -> impl IntoView {
    let state = AppState::get();
    let uploads = RwSignal::new(Uploads::default());
    let source = move || settings::current(state).source;
    let lock = move |setting| state.control(setting);
    let upload = move |side: Side, ev: web_sys::Event| {
        let Some(file) = files::from_input(&ev) else {
            return;
        };
        let name = file.name();
        let request = drift::Request::Load {
            side,
            name: name.clone(),
            delimiter: None,
        };
        ask(
            request,
            Some(Payload::File(file)),
            move |answer| match answer {
                Ok(_) => {
                    state.error.set(None);
                    uploads.update(|u| match side {
                        Side::Reference => u.reference = Some(name),
                        Side::Current => u.current = Some(name),
                    });
                }
                Err(e) => state.error.set(Some(e.to_string())),
            },
        );
    };
    view! {
        <div class="lab-grid">
            <LabIntro lab=Lab::Drift>
                <div class="controls">
                    <label class="field" hidden=move || lock(settings::key::SOURCE).hidden()>
                        <span>"Reference and current"</span>
                        <select data-testid="drift-source" disabled=move || lock(settings::key::SOURCE).frozen()
                            on:change=move |ev| {
                                let v = Source::parse(&event_target_value(&ev)).unwrap_or_default();
                                settings::update(state, |s| s.source = v);
                            }>
                            {Source::ALL.into_iter().map(|s| {
                                let label = match s {
                                    Source::Upload => "two uploads",
                                    Source::Split => "the Split lab's train rows vs its test rows",
                                    Source::Simulate => "a stream simulated from the working dataset",
                                };
                                view! { <option value=s.as_str() selected=move || source() == s>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <Show when=move || source() == Source::Upload>
                        <label class="field">
                            <span>"Reference file"</span>
                            <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="reference-file-input"
                                on:change=move |ev| upload(Side::Reference, ev) />
                        </label>
                        <label class="field">
                            <span>"Current file"</span>
                            <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="current-file-input"
                                on:change=move |ev| upload(Side::Current, ev) />
                        </label>
                    </Show>
                </div>
            </LabIntro>
            {move || match source() {
                Source::Simulate => view! { <simulate::Simulate /> }.into_any(),
                s => view! { <compare::Comparison source=s uploads=uploads /> }.into_any(),
            }}
        </div>
    }
}

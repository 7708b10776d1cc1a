//! The trained model as a file: download its `mlops-model/1` JSON (what
//! `mlops predict` reads), or upload one to score the working dataset.

use crate::browser::engine::{self, Payload};
use crate::browser::{download, files};
use crate::components::format::fmt_stat;
use crate::state::{AppState, TrainedRun};
use leptos::prelude::*;
use mlops_engine::api::{Request, Response};
use mlops_engine::model;

/// Asks the worker for model `id`'s JSON and offers it as a download.
fn download_model(state: AppState, id: u32, name: String) {
    engine::send(
        Request::Model(model::Request::ModelJson { id }),
        None,
        move |r| match r {
            Response::Model(model::Response::ModelJson { text }) => {
                if let Err(e) = download::offer(&name, "application/json", text.as_bytes()) {
                    state.error.set(Some(e));
                }
            }
            Response::Error { message, .. } => state.error.set(Some(message)),
            _ => {}
        },
    );
}

#[component]
pub fn ModelFile(#[prop(into)] run: Signal<Option<TrainedRun>>) -> impl IntoView {
    let state = AppState::get();
    let scored = RwSignal::new(None::<Result<(String, Vec<(String, Option<f64>)>), String>>);
    let on_upload = move |ev: leptos::ev::Event| {
        let Some(file) = files::from_input(&ev) else {
            return;
        };
        let name = file.name();
        engine::send(
            Request::Model(model::Request::ImportModel { name: name.clone() }),
            Some(Payload::File(file)),
            move |r| match r {
                Response::Model(model::Response::Imported { id, .. }) => {
                    engine::send(
                        Request::Model(model::Request::Score { id }),
                        None,
                        move |r| {
                            scored.set(Some(match r {
                        Response::Model(model::Response::Scored { metrics: Some(m), .. }) => {
                            let fields = super::fields::fields(&m).into_iter().filter(|f| !f.name.contains('.')).map(|f| (f.name, f.value)).collect();
                            Ok((name, fields))
                        }
                        Response::Model(model::Response::Scored { rows, .. }) => Ok((format!("{name}: {rows} rows scored (no target column to measure against)"), Vec::new())),
                        Response::Error { message, .. } => Err(message),
                        _ => Err("unexpected answer from the engine".into()),
                    }))
                        },
                    );
                }
                Response::Error { message, .. } => scored.set(Some(Err(message))),
                _ => {}
            },
        );
    };
    let uploaded = move || {
        scored.get().map(|r| match r {
        Ok((name, fields)) => view! {
            <p>{format!("{name} on the working dataset:")}</p>
            <table class="metric-table"><tbody>
                {fields.into_iter().map(|(k, v)| { let metric = k.clone(); view! { <tr data-testid="uploaded-metric" data-metric=metric data-value=crate::components::format::raw(v)><th>{k}</th><td class="num">{fmt_stat(v)}</td></tr> } }).collect_view()}
            </tbody></table>
        }.into_any(),
        Err(e) => view! { <p class="warning" data-testid="warning">{e}</p> }.into_any(),
    })
    };
    view! {
        <section class="card">
            <h2>"The model as a file"</h2>
            <p class="muted">"The same JSON " <code>"mlops predict"</code> " and " <code>"mlops serve"</code> " read: preprocessing fitted on train, and the model."</p>
            <div class="controls">
                {move || run.get().map(|r| {
                    let (id, file) = (r.model.id, format!("{}-{}.json", r.model.model.target, r.model.model.model.as_str()));
                    view! { <button type="button" class="primary" data-testid="model-download" on:click=move |_| download_model(state, id, file.clone())>"Download model JSON"</button> }
                })}
                <label class="field"><span>"Score the working dataset with a model file"</span>
                    <input type="file" accept=".json,application/json" data-testid="model-file-input" on:change=on_upload /></label>
            </div>
            {uploaded}
        </section>
    }
}

//! The trained model as a file: download its `mlops-model/1` JSON (what
//! `mlops predict` reads), or upload one to score the working dataset.

use crate::browser::answer::ask;
use crate::browser::engine::Payload;
use crate::browser::{download, files};
use crate::components::format::{fmt_stat, raw};
use crate::components::{data_table, TableRow};
use crate::state::{AppState, TrainedRun};
use leptos::prelude::*;
use mlops_engine::model;

/// Asks the worker for model `id`'s JSON and offers it as a download.
fn download_model(state: AppState, id: u32, name: String) {
    ask(model::Request::ModelJson { id }, None, move |r| match r {
        Ok(model::Response::ModelJson { text }) => {
            if let Err(e) = download::offer(&name, "application/json", text.as_bytes()) {
                state.error.set(Some(e));
            }
        }
        Ok(_) => {}
        Err(e) => state.error.set(Some(e.to_string())),
    });
}

/// Sends a model file to the worker (which reads it), then scores the
/// working dataset with the model.
fn upload_model(file: web_sys::File, scored: RwSignal<Option<Scored>>) {
    let name = file.name();
    let request = model::Request::ImportModel { name: name.clone() };
    ask(request, Some(Payload::File(file)), move |r| match r {
        Ok(model::Response::Imported { id, .. }) => score(id, name, scored),
        Ok(_) => {}
        Err(e) => scored.set(Some(Err(e.to_string()))),
    });
}

/// What an uploaded model scored: the file's name and the metrics' fields.
type Scored = Result<(String, Vec<(String, Option<f64>)>), String>;

fn score(id: u32, name: String, scored: RwSignal<Option<Scored>>) {
    ask(model::Request::Score { id }, None, move |r| {
        scored.set(Some(match r {
            Ok(model::Response::Scored {
                metrics: Some(m), ..
            }) => {
                let fields = super::fields::fields(&m)
                    .into_iter()
                    .filter(|f| !f.name.contains('.'))
                    .map(|f| (f.name, f.value))
                    .collect();
                Ok((name, fields))
            }
            Ok(model::Response::Scored { rows, .. }) => Ok((
                format!("{name}: {rows} rows scored (no target column to measure against)"),
                Vec::new(),
            )),
            Ok(_) => Err("the engine answered a scoring with something else".into()),
            Err(e) => Err(e.to_string()),
        }))
    });
}

#[component]
pub fn ModelFile(#[prop(into)] run: Signal<Option<TrainedRun>>) -> impl IntoView {
    let state = AppState::get();
    let scored = RwSignal::new(None::<Scored>);
    let on_upload = move |ev: leptos::ev::Event| {
        if let Some(file) = files::from_input(&ev) {
            upload_model(file, scored);
        }
    };
    let uploaded = move || {
        scored.get().map(|r| match r {
        Ok((name, fields)) => view! {
            <p>{format!("{name} on the working dataset:")}</p>
            {data_table(Vec::new(), fields.into_iter().map(|(k, v)| TableRow { testid: Some("uploaded-metric"), metric: Some(k.clone()), value: Some(raw(v)), ..TableRow::new(vec![k, fmt_stat(v)]) }).collect(), "metric-table")}
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
                    let (id, file) = (r.trained.id, format!("{}-{}.json", r.trained.info.target, r.trained.info.kind.as_str()));
                    view! { <button type="button" class="primary" data-testid="model-download" on:click=move |_| download_model(state, id, file.clone())>"Download model JSON"</button> }.into_any()
                })}
                <label class="field"><span>"Score the working dataset with a model file"</span>
                    <input type="file" accept=".json,application/json" data-testid="model-file-input" on:change=on_upload /></label>
            </div>
            {uploaded}
        </section>
    }
}

//! What happens when the user loads data: ask the worker, then put the answer
//! into the app's state. The previous dataset stays when a load fails.

use crate::browser::{engine, file};
use crate::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mlops_engine::api::{Request, Response};

/// Loads a built-in dataset through the worker.
pub fn load_sample(state: AppState, id: String) {
    spawn_local(async move {
        let response = engine::ask(Request::LoadSample { id: id.clone() }, None).await;
        apply_load(state, response, Some(id));
    });
}

/// Reads a user's file and loads it through the worker (bytes transferred).
pub fn load_file(state: AppState, file: web_sys::File) {
    state.busy.set(Some(0.0));
    spawn_local(async move {
        let name = file.name();
        let response = match file::array_buffer(&file).await {
            Ok(buffer) => {
                let request = Request::LoadCsv {
                    name,
                    delimiter: None,
                };
                engine::ask(request, Some(buffer)).await
            }
            Err(message) => Response::Error {
                message,
                usage: false,
            },
        };
        apply_load(state, response, None);
    });
}

fn apply_load(state: AppState, response: Response, sample: Option<String>) {
    match response {
        Response::Loaded { dataset, profile } => {
            let keep_target = state.target.with_untracked(|t| {
                t.as_ref()
                    .filter(|t| dataset.columns.iter().any(|c| &c.name == *t))
                    .cloned()
            });
            state
                .target
                .set(keep_target.or_else(|| dataset.suggested_target.clone()));
            state.url.update(|u| u.sample = sample);
            state.dataset.set(Some(dataset));
            state.profile.set(Some(profile));
            state.error.set(None);
        }
        Response::Error { message, .. } => {
            state.busy.set(None);
            state.error.set(Some(message));
        }
        other => state.error.set(Some(format!(
            "unexpected answer from the engine: {other:?}"
        ))),
    }
}

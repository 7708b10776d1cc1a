//! See the API: the course's POST and GET. A JSON body (prefilled from the
//! working dataset's rows) goes to the Model lab's trained model in the
//! worker, which answers exactly what `mlops serve` answers for the same
//! model and body (the engine's one service, `rollout::service`); `GET
//! /health` and `GET /metrics` of this session's requests; the `mlops
//! serve` and `curl` lines that run the same model as a real service.

use crate::browser::answer::ask;
use crate::browser::engine::Payload;
use crate::browser::files;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::rollout::service::DEFAULT_MAX_BODY;
use mlops_engine::rollout::{self, HttpRequest, HttpResponse};

/// The three routes, as `METHOD path`.
const ROUTES: [(&str, &str); 3] = [
    ("POST", "/predict"),
    ("GET", "/health"),
    ("GET", "/metrics"),
];

#[component]
pub fn ApiPanel() -> impl IntoView {
    let state = AppState::get();
    let model = Memo::new(move |_| state.current_run().map(|r| r.trained.id));
    let body = RwSignal::new(String::new());
    let route = RwSignal::new(0usize);
    let answer = RwSignal::new(None::<HttpResponse>);
    // A fresh body for each model: its features, the first two rows.
    Effect::new(move |_| {
        let Some(id) = model.get() else {
            return;
        };
        ask(
            rollout::Request::ExampleBody { model: id, rows: 2 },
            None,
            move |r| {
                if let Ok(rollout::Response::ExampleBody(text)) = r {
                    body.set(text);
                }
            },
        );
    });
    let send = move |_| {
        let Some(id) = model.get_untracked() else {
            return;
        };
        let (method, path) = ROUTES[route.get_untracked().min(ROUTES.len() - 1)];
        let text = body.get_untracked();
        let file = match files::from_text("body.json", &text) {
            Ok(f) => f,
            Err(e) => return state.error.set(Some(e)),
        };
        let request = HttpRequest {
            model: id,
            method: method.into(),
            path: path.into(),
            max_body: DEFAULT_MAX_BODY,
            declared_length: Some(text.len() as u64),
            read_error: None,
        };
        ask(
            rollout::Request::Serve(request),
            Some(Payload::File(file)),
            move |r| match r {
                Ok(rollout::Response::Served(http)) => answer.set(Some(http)),
                Ok(_) => {}
                Err(e) => state.error.set(Some(e.to_string())),
            },
        );
    };
    let train = move |_| {
        let kind = crate::labs::model::settings::effective_model(state);
        crate::labs::model::train(state, kind);
    };
    let curl = move || {
        let (method, path) = ROUTES[route.get().min(ROUTES.len() - 1)];
        if method == "POST" {
            let compact: String = body.with(|b| {
                serde_json::from_str::<serde_json::Value>(b)
                    .map(|v| v.to_string())
                    .unwrap_or_else(|_| b.clone())
            });
            format!(
                "curl -s -X POST http://127.0.0.1:8000{path} -H 'Content-Type: application/json' -d '{}'",
                compact.replace('\'', "'\\''")
            )
        } else {
            format!("curl -s http://127.0.0.1:8000{path}")
        }
    };
    view! {
        <section class="card wide">
            <h2>"See the API"</h2>
            <p class="muted">"The trained model as a prediction service: the answer, status and body are exactly what "<code>"mlops serve"</code>" gives for the same model and request."</p>
            {move || match model.get() {
                None => view! {
                    <p class="muted">"No model is trained yet."</p>
                    <button data-testid="predict-train" class="primary" on:click=train>"Train the Model lab's model"</button>
                }.into_any(),
                Some(id) => view! {
                    <div class="controls">
                        <label class="field">
                            <span>"Request"</span>
                            <select data-testid="predict-route" on:change=move |ev| {
                                let v = event_target_value(&ev).parse().unwrap_or(0);
                                route.set(v);
                            }>
                                {ROUTES.iter().enumerate().map(|(i, (m, p))| view! {
                                    <option value=i.to_string() selected=move || route.get() == i>{format!("{m} {p}")}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    </div>
                    <label class="field wide" hidden=move || route.get() != 0>
                        <span>"JSON body"</span>
                        <textarea data-testid="predict-request" rows="8" class="code"
                            prop:value=move || body.get()
                            on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                    </label>
                    <div class="actions">
                        <button data-testid="predict-send" class="primary" on:click=send>"Send"</button>
                        <span class="muted">{format!("answered by model {id} in this tab's worker")}</span>
                    </div>
                }.into_any(),
            }}
            {move || answer.get().map(|r| {
                let ok = r.status < 400;
                view! {
                    <p data-testid="predict-status" data-value=r.status class:drifted=!ok>{format!("HTTP {}", r.status)}</p>
                    <pre class="yaml" data-testid="predict-response" data-value=r.body.clone()>{r.body.clone()}</pre>
                }
            })}
            <details>
                <summary>"Run the same model as a real service"</summary>
                <pre class="yaml">"mlops serve model.json --port 8000"</pre>
                <pre class="yaml" data-testid="predict-curl">{curl}</pre>
                <p class="muted">"model.json is what the Model lab's \"Download the model\" gives."</p>
            </details>
        </section>
    }
}

//! The worker's latest answer to a request that follows the page's state.
//!
//! Why not `LocalResource`: every lab asks the worker for reports, and a
//! resource per report compiles Leptos' async-derived machinery (futures,
//! wakers, suspense hooks) once per answer type. A signal set by the
//! worker's callback does the same job with one small function.

use crate::browser::engine;
use leptos::prelude::*;
use mlops_engine::api::{Request, Response};

/// Asks the worker whenever `request` (a reactive closure) changes, and
/// holds the latest answer. `None` until the first answer and whenever
/// `request` gives `None`; while a new answer is on its way the previous
/// one stays (so a lab does not blink). An answer to a request that has
/// since been replaced is dropped.
pub fn latest_answer(
    request: impl Fn() -> Option<Request> + 'static,
) -> ReadSignal<Option<Response>> {
    let answer = RwSignal::new(None);
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let generation = asked.get_value().wrapping_add(1);
        asked.set_value(generation);
        match request() {
            None => answer.set(None),
            Some(request) => engine::send(request, None, move |response| {
                if asked.try_get_value() == Some(generation) {
                    answer.try_set(Some(response));
                }
            }),
        }
    });
    answer.read_only()
}

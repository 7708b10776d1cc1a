//! The worker's latest answers to requests that follow the page's state.
//!
//! Why not `LocalResource`: every lab asks the worker for reports, and a
//! resource per report compiles Leptos' async-derived machinery (futures,
//! wakers, suspense hooks) once per answer type. A signal set by the
//! worker's callbacks does the same job with one small function.

use crate::browser::engine;
use leptos::prelude::*;
use mlops_engine::api::{Ask, Request, Response};
use mlops_engine::EngineError;
use std::cell::RefCell;
use std::rc::Rc;

/// Asks the worker whenever `requests` (a reactive closure) changes, and
/// holds the latest answers, in request order. They arrive together: only
/// once every request asked at the same time has been answered, so views
/// that compare two answers never show two different settings side by side.
/// `None` until then and whenever `requests` gives `None`; while new answers
/// are on their way the previous ones stay (so a lab does not blink).
/// Answers to requests that have since been replaced are dropped.
pub fn latest_answers(
    requests: impl Fn() -> Option<Vec<Request>> + 'static,
) -> ReadSignal<Option<Vec<Response>>> {
    let answers = RwSignal::new(None);
    ask_on_change(
        Box::new(requests),
        Rc::new(move |all| {
            answers.try_set(all);
        }),
    );
    answers.read_only()
}

/// [`latest_answers`] for one request.
pub fn latest_answer(
    request: impl Fn() -> Option<Request> + 'static,
) -> ReadSignal<Option<Response>> {
    let answer = RwSignal::new(None);
    ask_on_change(
        Box::new(move || request().map(|r| vec![r])),
        Rc::new(move |all| {
            answer.try_set(all.and_then(|mut v| v.pop()));
        }),
    );
    answer.read_only()
}

/// The effect behind both: `store` hears `None` when `requests` gives none,
/// and the complete, current set of answers when it has come back. (Boxed
/// closures: one copy of this code in the wasm, whatever the caller.)
fn ask_on_change(
    requests: Box<dyn Fn() -> Option<Vec<Request>>>,
    store: Rc<dyn Fn(Option<Vec<Response>>)>,
) {
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let generation = asked.get_value().wrapping_add(1);
        asked.set_value(generation);
        let Some(requests) = requests() else {
            store(None);
            return;
        };
        let collected: Rc<RefCell<Vec<Option<Response>>>> =
            Rc::new(RefCell::new(requests.iter().map(|_| None).collect()));
        for (i, request) in requests.into_iter().enumerate() {
            let collected = Rc::clone(&collected);
            let store = Rc::clone(&store);
            engine::send(request, None, move |response| {
                if asked.try_get_value() != Some(generation) {
                    return;
                }
                let complete = {
                    let mut slots = collected.borrow_mut();
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = Some(response);
                    }
                    slots.iter().all(Option::is_some)
                };
                if complete {
                    store(Some(collected.take().into_iter().flatten().collect()));
                }
            });
        }
    });
}

/// Asks one lab's request; `reply` hears that lab's answer or the engine's
/// error (typed: no view matches another lab's reply).
pub fn ask<Q: Ask + 'static>(
    request: Q,
    file: Option<engine::Payload>,
    reply: impl FnOnce(Result<Q::Answer, EngineError>) + 'static,
) {
    engine::send(request.into(), file, move |r| reply(Q::answer(r)));
}

/// The latest answer to one lab's request that follows the page's state
/// ([`latest_answer`], typed): `None` until it comes, then the lab's answer
/// or the engine's error.
pub fn latest<Q>(request: impl Fn() -> Option<Q> + 'static) -> Memo<Option<Answer<Q>>>
where
    Q: Ask + 'static,
    Q::Answer: Clone + PartialEq + Send + Sync + 'static,
{
    let answer = latest_answer(move || request().map(Into::into));
    Memo::new(move |_| answer.get().map(Q::answer))
}

/// What [`latest`] holds: the lab's answer or the engine's error.
pub type Answer<Q> = Result<<Q as Ask>::Answer, EngineError>;

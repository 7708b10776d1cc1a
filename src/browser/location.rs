//! Reading and writing the page's query string (the lab and its settings).

use wasm_bindgen::prelude::*;

/// `location.search`, e.g. `?lab=split&seed=7` (empty when unavailable).
pub fn query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Replaces the current history entry's query (no reload, no new entry).
pub fn replace_query(query: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        if query != self::query() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(query));
        }
    }
}

/// Adds a history entry with this query (for lab changes, so Back works).
pub fn push_query(query: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        if query != self::query() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(query));
        }
    }
}

/// Calls `f` with the new query when the user goes Back or Forward.
pub fn on_pop(f: impl Fn(String) + 'static) {
    let closure = Closure::<dyn FnMut()>::new(move || f(query()));
    if let Some(w) = web_sys::window() {
        w.set_onpopstate(Some(closure.as_ref().unchecked_ref()));
    }
    closure.forget();
}

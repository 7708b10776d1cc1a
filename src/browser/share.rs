//! The browser side of sharing: the page's address, the clipboard, and an
//! embedded lab telling its parent page how tall it is.

use wasm_bindgen::prelude::*;

/// `origin + pathname` of the page (`http://127.0.0.1:8080/`).
pub fn base() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The page's origin (`http://127.0.0.1:8080`).
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Puts `text` on the clipboard (best effort: a page may refuse it; the
/// link is also shown in a field to copy by hand).
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        // A refusal is expected (permissions, an iframe): swallow it rather
        // than leave an unhandled rejection.
        // (One small closure per click is kept: the promise may settle late.)
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
        let _ = w.navigator().clipboard().write_text(text).catch(&ignore);
        ignore.forget();
    }
}

/// In an iframe: posts `{type, height}` to the parent whenever the page's
/// height changes, so the host can fit the iframe to it.
pub fn report_height(message_type: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let measured = root.clone();
    let post = Closure::<dyn FnMut()>::new(move || {
        let message = js_sys::Object::new();
        let height = f64::from(measured.scroll_height());
        let _ = js_sys::Reflect::set(&message, &"type".into(), &message_type.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = window.document().and_then(|d| d.body()) {
            observer.observe(&body);
        }
    }
    post.forget();
}

/// The embed snippet of `lab` with `url`'s settings, for this page.
pub fn embed_snippet_for(
    url: &crate::url_state::UrlState,
    lab: crate::lab::Lab,
    title: &str,
) -> String {
    let link = crate::share::embed_link(&base(), url, lab);
    crate::share::embed_snippet(&link, &origin(), title)
}

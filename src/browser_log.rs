//! The browser console, for the page and the worker alike: where a panic
//! (a bug: the engine never panics on input) is logged. A plain
//! `console.error` rather than a panic-hook crate, which costs both wasm
//! binaries a stack-trace helper they do not need.

/// Logs `message` with `console.error`.
pub fn error(message: &str) {
    web_sys::console::error_1(&message.into());
}

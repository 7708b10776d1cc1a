//! Getting a user's file to the worker: its bytes as an `ArrayBuffer`, which
//! is then transferred (moved, not copied) to the worker. The file is never
//! read as one JavaScript string.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// Reads a file's bytes. The promise resolves off the main thread's tasks.
pub async fn array_buffer(file: &File) -> Result<js_sys::ArrayBuffer, String> {
    let value = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{}: could not be read: {e:?}", file.name()))?;
    value
        .dyn_into::<js_sys::ArrayBuffer>()
        .map_err(|_| format!("{}: could not be read", file.name()))
}

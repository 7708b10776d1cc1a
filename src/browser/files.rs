//! The user's files: the one a file input or a drop hands over. The page
//! never reads them (the worker does); it only passes the handle on.

use wasm_bindgen::JsCast;

/// A user's file, as a handle (`File`).
pub type UserFile = web_sys::File;

/// The first file of the `<input type=file>` that fired `ev`; the input is
/// cleared so the same file can be chosen again after it is fixed.
pub fn from_input(ev: &web_sys::Event) -> Option<UserFile> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// The first file dropped by `ev`.
pub fn from_drop(ev: &web_sys::DragEvent) -> Option<UserFile> {
    ev.data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
}

/// `text` as a file named `name` (a request body the user typed, sent to
/// the worker the way a picked file is).
pub fn from_text(name: &str, text: &str) -> Result<UserFile, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
    web_sys::File::new_with_u8_array_sequence(&parts, name)
        .map_err(|e| format!("could not prepare {name}: {e:?}"))
}

//! Offering bytes (split CSVs) or a data URL (chart PNGs) as a file
//! download, without any server.

use wasm_bindgen::JsCast;

/// Starts a download of `bytes` named `name`.
pub fn offer(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| format!("could not prepare {name}: {e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| format!("could not prepare {name}: {e:?}"))?;
    offer_url(name, &url)?;
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Starts a download of `value` as JSON, in the shape `mlops … --json`
/// prints it (the same serde types, the same serializer).
pub fn offer_json<T: serde::Serialize>(name: &str, value: &T) -> Result<(), String> {
    let text = serde_json::to_string(value).map_err(|e| format!("could not write {name}: {e}"))?;
    offer(name, "application/json", text.as_bytes())
}

/// Starts a download of what `url` holds (an object or data URL), named
/// `name`.
pub fn offer_url(name: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
    Ok(())
}

//! The working dataset kept for the next visit: an uploaded file is stored
//! in IndexedDB (as the `File` itself), so a reload finds the data still
//! there; "clear my data" deletes it. Settings need no storage: they are in
//! the URL, which a reload keeps, and built-in datasets are named there.
//!
//! The IndexedDB calls are a few lines of JavaScript (an inline snippet, a
//! same-origin module under the page's CSP) with callbacks, not web-sys's
//! IDB bindings: the same work for a fraction of the page's wasm. A failed
//! save or read reports a message and never touches the open session.

use crate::browser::files::UserFile;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const DB = "mlops-playground", STORE = "session", KEY = "working";
function withStore(mode, use, fail) {
  let req;
  try { req = indexedDB.open(DB, 1); } catch (e) { fail(String(e)); return; }
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  req.onerror = () => fail(String(req.error));
  req.onsuccess = () => {
    try {
      const tx = req.result.transaction(STORE, mode);
      use(tx.objectStore(STORE), tx);
    } catch (e) { fail(String(e)); }
  };
}
export function idb_save(file, done) {
  withStore("readwrite", (s, tx) => {
    s.put(file, KEY);
    tx.oncomplete = () => done("");
    tx.onabort = () => done(String(tx.error));
  }, done);
}
export function idb_load(done) {
  withStore("readonly", (s) => {
    const get = s.get(KEY);
    get.onsuccess = () => done(get.result instanceof File ? get.result : null);
    get.onerror = () => done(null);
  }, () => done(null));
}
export function idb_clear(done) {
  withStore("readwrite", (s, tx) => {
    s.delete(KEY);
    tx.oncomplete = () => done("");
    tx.onabort = () => done(String(tx.error));
  }, done);
}
"#)]
extern "C" {
    fn idb_save(file: &UserFile, done: &js_sys::Function);
    fn idb_load(done: &js_sys::Function);
    fn idb_clear(done: &js_sys::Function);
}

/// A JS callback of one argument that runs `f` once.
fn callback(f: impl FnOnce(JsValue) + 'static) -> js_sys::Function {
    Closure::<dyn FnMut(JsValue)>::once_into_js(f).unchecked_into()
}

/// `""` → done; any other text → the reason it failed.
fn outcome(v: &JsValue) -> Result<(), String> {
    match v.as_string() {
        Some(s) if s.is_empty() => Ok(()),
        Some(s) => Err(s),
        None => Err("the browser's storage did not answer".into()),
    }
}

/// Keeps `file` as the working dataset for the next visit.
pub fn save(file: &UserFile, done: impl FnOnce(Result<(), String>) + 'static) {
    idb_save(file, &callback(move |v| done(outcome(&v))));
}

/// The file kept by [`save`], if any (none when storage is unavailable).
pub fn restore(done: impl FnOnce(Option<UserFile>) + 'static) {
    idb_load(&callback(move |v| done(v.dyn_into::<UserFile>().ok())));
}

/// Deletes the kept file.
pub fn clear(done: impl FnOnce(Result<(), String>) + 'static) {
    idb_clear(&callback(move |v| done(outcome(&v))));
}

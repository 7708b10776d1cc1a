// Loads the engine's Web Worker (wasm-bindgen "no-modules" output, classic
// worker). The page passes a version in the query string; it is forwarded so
// a cached worker of another version is never paired with this page.
// `engine` (the wasm exports, once loaded) lets the browser benchmark read
// the worker's memory size; nothing else uses it.
const version = self.location.search;
importScripts("./worker.js" + version);
const engine = wasm_bindgen({ module_or_path: "./worker_bg.wasm" + version });

// Loads the engine's Web Worker (wasm-bindgen "no-modules" output, classic worker).
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });

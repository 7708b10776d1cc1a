// Starts the engine's Web Worker as soon as the page's HTML is read, so the
// worker's wasm downloads and compiles beside the page's own instead of
// after it (the felt load time, docs/benchmarks.md). The page adopts this
// worker when its wasm is ready (src/browser/engine.rs, `start`), with the
// messages the worker sent before (its `Ready`). The URL must equal the one
// engine.rs builds: a test there reads this file; with any other URL the
// page starts its own worker.
(function () {
  var url = "./worker_loader.js?v=0.1.0-6";
  try {
    var early = [];
    var worker = new Worker(url);
    worker.onmessage = function (event) { early.push(event); };
    self.__mlopsWorker = { worker: worker, url: url, early: early };
  } catch (e) {
    // The page starts its own and says so if that fails too.
  }
})();

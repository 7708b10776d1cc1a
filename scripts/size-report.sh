#!/usr/bin/env bash
# Reports the initial download (page + worker: wasm + js, snippets included,
# gzip -9) of the release build in dist/, and each lab's share. There is no
# byte ceiling any more: the budget is the felt load time (DEVELOPERS'
# brief: <= 1.5 s cold over 10 Mbit/s, 40 ms RTT), measured by a benchmark,
# not here. The checks that stay: the worker holds no chart or UI code.
set -euo pipefail
cd "$(dirname "$0")/.."
total=0
page=0
worker=0
# wasm-bindgen's inline snippets (dist/snippets/) are part of the page.
for f in dist/*.wasm dist/*.js $(find dist/snippets -name '*.js' 2>/dev/null | sort); do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  case "$(basename "$f")" in worker*) worker=$((worker + gz)) ;; *) page=$((page + gz)) ;; esac
  printf '  %-40s %8d B  gzip %8d B\n' "$(basename "$f")" "$raw" "$gz"
done
# The page grows with each lab's UI, the worker with its engine code.
echo "page (app wasm + js): $((page / 1024)) KiB; worker (wasm + js): $((worker / 1024)) KiB"
kib=$((total / 1024))
echo "initial download (wasm + js, gzip): ${kib} KiB"
# The felt time, roughly: the bytes over the benchmark link (10 Mbit/s)
# plus a few round trips; the real figure is the load benchmark's.
echo "transfer at 10 Mbit/s: $(( total * 8 / 10000 )) ms (plus round trips)"
# Each lab's share, by the linked binaries' function names (an estimate:
# scripts/wasm_shares.py). The worker must hold no chart code.
linked="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown"
echo "page, by part:"
python3 scripts/wasm_shares.py "$linked/release-ui/app.wasm" dist/app-*_bg.wasm
echo "worker, by part:"
python3 scripts/wasm_shares.py "$linked/release-worker/worker.wasm" dist/worker_bg.wasm --forbid charts
if cargo tree -q -p mlops-playground --no-default-features --target wasm32-unknown-unknown -e normal --prefix none | grep -qE '^(plotters|plotters-canvas|leptos) '; then
  echo "error: the worker's build (no default features) depends on plotters or leptos"; exit 1
fi
# The worker is built without the `ui` feature: no Leptos, so none of the JS
# classes Leptos' dependencies export (wasm-streams) may appear in its glue.
if grep -q "IntoUnderlying" dist/worker.js; then
  echo "error: dist/worker.js carries Leptos' dependencies (was the worker built with --no-default-features?)"; exit 1
fi

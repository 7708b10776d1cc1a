#!/usr/bin/env bash
# Reports the initial download (page + worker: wasm + js, snippets included,
# gzip -9) of the
# release build in dist/ and fails above the ceiling for all six labs (500 KiB).
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KIB=300
CEILING_KIB=500
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
echo "initial download (wasm + js, gzip): ${kib} KiB (budget ${BUDGET_KIB} KiB, ceiling ${CEILING_KIB} KiB)"
if (( kib > BUDGET_KIB )); then echo "note: $((kib - BUDGET_KIB)) KiB over the budget"; fi
if (( kib > CEILING_KIB )); then echo "error: over the size ceiling (a regression)"; exit 1; fi
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

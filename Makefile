# MLOps Playground: two commands.
#   make run   builds and serves the app on http://127.0.0.1:8080
#   make test  the whole suite: fmt, clippy, native tests, wasm tests in
#              headless Chromium, release build + size budget, Playwright
# Each installs what it needs when it is missing and skips what is there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test tools browser lint engine-deps native-test wasm-test build size e2e cli bench bench-browser bench-profile bench-model bench-threshold bench-drift

run: tools
	cargo fetch --quiet
	trunk serve --release --offline --address 127.0.0.1 --port 8080

test: tools browser lint engine-deps native-test wasm-test build size e2e

tools:
	@scripts/ensure-tools.sh

browser:
	@scripts/ensure-browser.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p mlops-playground --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p mlops-playground --target wasm32-unknown-unknown --no-default-features --lib --bin worker -- -D warnings

# The engine must stay free of web, UI and plotting crates (on every target).
engine-deps:
	@if cargo tree -p mlops-engine --target all --prefix none | grep -E '^(leptos|web-sys|js-sys|wasm-bindgen|plotters|plotters-canvas|plotters-svg)( |$$)'; then \
	  echo "error: mlops-engine depends on a web or plotting crate (above)"; exit 1; \
	else echo "engine-deps: mlops-engine has no web, UI or plotting crates"; fi

native-test:
	cargo test --workspace

wasm-test:
	cargo test -p mlops-playground --target wasm32-unknown-unknown --test browser

build:
	cargo fetch --quiet
	trunk build --release --offline

size:
	@scripts/size-report.sh

e2e:
	cargo build -p mlops-cli
	playwright test

cli:
	cargo build --release -p mlops-cli

bench:
	cargo bench -p mlops-engine

# Upload speed as the user feels it, in Chromium, against Papa Parse, uDSV
# and DuckDB-wasm in the same run (tests/bench/upload-browser.mjs).
bench-browser: tools browser build
	node tests/bench/upload-browser.mjs

# The Model lab's threshold slider on 1M rows in Chromium: each move's time
# to the updated matrix and to its rendered frame, and the commit's round
# trip to the worker (tests/bench/threshold-browser.mjs).
bench-threshold: tools browser build
	node tests/bench/threshold-browser.mjs

# `mlops profile` against pandas and polars on the upload benchmark's 1M-row
# file, alternating runs (scripts/bench_profile.py; Python peers in .venv/).
bench-profile: cli
	@scripts/bench-python-env.sh
	node -e "import('./tests/bench/generate.mjs').then((g) => g.writeCsv('bench-data/upload-1000000.csv', 'upload', 1000000))"
	.venv/bin/python scripts/bench_profile.py bench-data/upload-1000000.csv 5

# The Model lab's metrics (ROC AUC, ROC and PR curves on 1M scores) and
# logistic regression (100k x 20) against scikit-learn on the same data
# (scripts/bench_model.py; the pinned scikit-learn in .venv-fixtures/).
bench-drift:
	@scripts/fixtures-python-env.sh
	cargo build --release -p mlops-engine --features drift --example drift_timing
	.venv-fixtures/bin/python scripts/bench_drift.py 5

bench-model:
	@scripts/fixtures-python-env.sh
	cargo build --release -p mlops-engine --example model_timing
	.venv-fixtures/bin/python scripts/bench_model.py 5

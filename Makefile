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

.PHONY: run test tools browser lint bench-load engine-deps native-test wasm-test build size e2e cli bench bench-browser bench-profile bench-model bench-threshold bench-drift bench-labs

run: tools
	cargo fetch --quiet
	trunk serve --release --offline --address 127.0.0.1 --port 8080

test: tools browser lint engine-deps native-test wasm-test build size e2e

tools:
	@scripts/ensure-tools.sh

browser:
	@scripts/ensure-browser.sh

lint:
	scripts/engine-cycles.py
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

# The felt load time, cold and warm, over an emulated 10 Mbit/s, 40 ms RTT
# link from a gzip host (tests/bench/load-browser.mjs).
bench-load: tools browser build
	node tests/bench/load-browser.mjs

# The Drift lab's 20 x 20 timeline and the Deploy lab's 1M-request canary,
# recomputed in Chromium beside the release CLI doing the same work
# (tests/bench/labs-browser.mjs).
bench-labs: tools browser build cli
	node tests/bench/labs-browser.mjs

# The Model lab's threshold slider on 1M rows in Chromium: each move's time
# to the updated matrix and to its rendered frame, and the commit's round
# trip to the worker (tests/bench/threshold-browser.mjs).
bench-threshold: tools browser build
	node tests/bench/threshold-browser.mjs

# The one Python environment (.venv/, pinned by scripts/python-env.sh): the
# references the fixture generators take their known answers from and the
# Python peers of the benchmarks. Every Python target below goes through it.
.PHONY: python-env fixtures fixtures-cli fixtures-data fixtures-drift fixtures-model samples bench-sklearn-split bench-pyarrow

python-env:
	@scripts/python-env.sh

# Known answers, regenerated from the pinned references; commit what changes.
# Each writes into the repository:
#   fixtures-cli    crates/cli/tests/fixtures/ (and prints the values the CLI
#                   tests hard-code)
#   fixtures-data   crates/engine/tests/fixtures/data/
#   fixtures-drift  crates/engine/tests/fixtures/drift/ (ks.json,
#                   stattests.json, dataset/)
#   fixtures-model  crates/engine/tests/fixtures/metrics/ and models/ (deleted
#                   and rewritten)
fixtures: fixtures-cli fixtures-data fixtures-drift fixtures-model

fixtures-cli: python-env
	.venv/bin/python scripts/make_cli_fixtures.py

fixtures-data: python-env
	.venv/bin/python scripts/make_data_fixtures.py

fixtures-drift: python-env
	.venv/bin/python scripts/make_drift_fixtures.py

fixtures-model: python-env
	.venv/bin/python scripts/make_model_fixtures.py

# The built-in datasets in crates/engine/data/: sample-defects (synthetic)
# and the two copied from the pinned scikit-learn's package.
samples: python-env
	.venv/bin/python scripts/make_sample_defects.py
	.venv/bin/python scripts/copy_sklearn_samples.py

# `mlops profile` against pandas and polars on the upload benchmark's 1M-row
# file, alternating runs (scripts/bench_profile.py).
bench-profile: cli python-env
	node -e "import('./tests/bench/generate.mjs').then((g) => g.writeCsv('bench-data/upload-1000000.csv', 'upload', 1000000))"
	.venv/bin/python scripts/bench_profile.py bench-data/upload-1000000.csv 5

# The Drift lab's tests (KS, Wasserstein, PSI, chi-square on 1M vs 1M values)
# against SciPy and NumPy, and the monitoring timeline (scripts/bench_drift.py).
bench-drift: python-env
	cargo build --release -p mlops-engine --example drift_timing
	.venv/bin/python scripts/bench_drift.py 5

# The Model lab's metrics (ROC AUC, ROC and PR curves on 1M scores) and
# logistic regression (100k x 20) against scikit-learn on the same data
# (scripts/bench_model.py).
bench-model: python-env
	cargo build --release -p mlops-engine --example model_timing
	.venv/bin/python scripts/bench_model.py 5

# scikit-learn's stratified train_test_split on 1M rows, the peer of
# `cargo bench -p mlops-engine --bench split` (scripts/bench_sklearn_split.py).
bench-sklearn-split: python-env
	.venv/bin/python scripts/bench_sklearn_split.py

# pyarrow's single-threaded read_csv on bench-data/bench.csv, which
# `cargo bench -p mlops-engine --bench csv_read` writes (`make bench` runs it).
bench-pyarrow: python-env
	.venv/bin/python scripts/bench_pyarrow_csv.py

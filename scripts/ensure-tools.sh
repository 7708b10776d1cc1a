#!/usr/bin/env bash
# Installs the build tools when missing or at the wrong version; skips them
# otherwise. Versions are pinned: trunk 0.21.14 (0.22 needs a newer rustc),
# wasm-bindgen-cli 0.2.130 (= the wasm-bindgen crate pinned in Cargo.toml),
# binaryen 132 from npm for wasm-opt (Debian's 108 cannot read this wasm).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

command -v rustup >/dev/null || { echo "error: rustup is required (see README)"; exit 1; }
command -v npm >/dev/null || { echo "error: Node.js 20+ with npm is required (see README)"; exit 1; }

# rust-toolchain.toml pins the compiler; make sure it and the wasm target exist.
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install "$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  echo "installing trunk $TRUNK_VERSION (takes a while on 2 cores)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  echo "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile wants a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "installing npm tools (binaryen, @playwright/test)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
echo "tools: $(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version)"

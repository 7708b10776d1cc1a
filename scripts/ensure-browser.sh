#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the browser tests (never a download
# of a test tool's own browser). Needs root (or sudo) when they are missing.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "browser: $(chromium --version 2>/dev/null | head -n1)"
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
echo "browser: $(chromium --version 2>/dev/null | head -n1)"

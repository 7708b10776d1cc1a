#!/usr/bin/env bash
# The Python peers of the native benchmarks, pinned, in .venv/ (git-ignored):
# pandas and polars for `scripts/bench_profile.py`, pyarrow for
# `scripts/bench_pyarrow_csv.py`. Skips the install when they are there.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv; fi
if ! .venv/bin/python -c "import pandas, polars, pyarrow" 2>/dev/null; then
  .venv/bin/pip install --quiet "pandas==2.3.3" "polars==1.35.2" "pyarrow==21.0.0"
fi
.venv/bin/python -c "import pandas, polars, pyarrow; print(f'python peers: pandas {pandas.__version__}, polars {polars.__version__}, pyarrow {pyarrow.__version__}')"

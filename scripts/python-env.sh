#!/usr/bin/env bash
# The project's one Python environment, in .venv/ (git-ignored): the pinned
# references the fixture generators take their known answers from and the
# Python peers of the benchmarks.
#
#   numpy, scipy, scikit-learn  scripts/make_model_fixtures.py (it refuses
#                               other versions), make_data_fixtures.py,
#                               make_cli_fixtures.py, copy_sklearn_samples.py,
#                               bench_model.py, bench_drift.py,
#                               bench_sklearn_split.py
#   evidently, pandas           scripts/make_drift_fixtures.py (it refuses
#                               other versions of evidently, pandas, numpy,
#                               scipy), make_cli_fixtures.py, bench_profile.py
#   statsmodels                 make_data_fixtures.py, make_cli_fixtures.py
#   polars                      bench_profile.py
#   pyarrow                     bench_pyarrow_csv.py
#
# The pins are the versions the committed fixtures were made with (numpy
# 2.2.6, scipy 1.15.3, scikit-learn 1.7.2, evidently 0.7.23, pandas 2.2.3).
# Skips the install when the pinned versions are already there.
#
# Usage: scripts/python-env.sh, then .venv/bin/python scripts/<script>.py
# (the Makefile's fixture and bench targets do both).
set -euo pipefail
cd "$(dirname "$0")/.."
PINS=(
  "numpy==2.2.6"
  "scipy==1.15.3"
  "scikit-learn==1.7.2"
  "pandas==2.2.3"
  "evidently==0.7.23"
  "statsmodels==0.14.5"
  "polars==1.35.2"
  "pyarrow==21.0.0"
)
if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv; fi
# Every pin, checked against what is installed (distribution name == version).
installed() {
  .venv/bin/python - "${PINS[@]}" <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        have = version(name)
    except PackageNotFoundError:
        sys.exit(1)
    if have != want:
        sys.exit(1)
PY
}
if ! installed 2>/dev/null; then
  .venv/bin/pip install --quiet "${PINS[@]}"
fi
.venv/bin/python - "${PINS[@]}" <<'PY'
import sys
from importlib.metadata import version
print("python env (.venv):", ", ".join(f"{p.split('==')[0]} {version(p.split('==')[0])}" for p in sys.argv[1:]))
PY

#!/usr/bin/env bash
# The pinned Evidently (legacy stattests) and SciPy that
# scripts/make_drift_fixtures.py takes its known answers from, in
# .venv-drift/ (git-ignored): evidently, pandas, numpy, scipy, scikit-learn
# (an Evidently dependency, pinned so the environment stays reproducible).
# Skips the install when the pinned versions are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .venv-drift/bin/python ]]; then python3 -m venv .venv-drift; fi
if ! .venv-drift/bin/python -c "
import numpy, scipy, pandas, sklearn
from importlib.metadata import version
assert (version('evidently'), pandas.__version__, numpy.__version__, scipy.__version__, sklearn.__version__) \
    == ('0.7.23', '2.2.3', '2.2.6', '1.15.3', '1.9.1')
" 2>/dev/null; then
  .venv-drift/bin/pip install --quiet "evidently==0.7.23" "pandas==2.2.3" "numpy==2.2.6" "scipy==1.15.3" \
    "scikit-learn==1.9.1"
fi
.venv-drift/bin/python -c "
import numpy, scipy, pandas
from importlib.metadata import version
print(f'drift references: evidently {version(\"evidently\")}, pandas {pandas.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}')"

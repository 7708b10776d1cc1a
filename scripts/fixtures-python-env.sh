#!/usr/bin/env bash
# The pinned scikit-learn that scripts/make_model_fixtures.py takes its known
# answers from, in .venv-fixtures/ (git-ignored): numpy, scipy, scikit-learn.
# Skips the install when the pinned versions are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .venv-fixtures/bin/python ]]; then python3 -m venv .venv-fixtures; fi
if ! .venv-fixtures/bin/python -c "
import numpy, scipy, sklearn
assert (numpy.__version__, scipy.__version__, sklearn.__version__) == ('2.2.6', '1.15.3', '1.7.2')
" 2>/dev/null; then
  .venv-fixtures/bin/pip install --quiet "numpy==2.2.6" "scipy==1.15.3" "scikit-learn==1.7.2"
fi
.venv-fixtures/bin/python -c "import numpy, scipy, sklearn; print(f'fixture references: numpy {numpy.__version__}, scipy {scipy.__version__}, scikit-learn {sklearn.__version__}')"

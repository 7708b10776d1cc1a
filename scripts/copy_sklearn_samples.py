#!/usr/bin/env python3
"""Copies the Breast Cancer Wisconsin and Iris CSV files that scikit-learn
ships inside its package into crates/engine/data/, with a header row of
feature names and a text label column (scikit-learn's own files start with a
counts line instead of a header). Needs scikit-learn: `make samples` runs it
with the pinned one (scripts/python-env.sh)."""
import csv
from pathlib import Path

from sklearn.datasets import load_breast_cancer, load_iris

out_dir = Path(__file__).resolve().parent.parent / "crates/engine/data"
for name, loader, label in [("sample-breast-cancer", load_breast_cancer, "diagnosis"),
                            ("sample-iris", load_iris, "species")]:
    bunch = loader()
    # Read the package's CSV text directly so values keep their original text.
    import importlib.resources as res
    fname = {"sample-breast-cancer": "breast_cancer.csv", "sample-iris": "iris.csv"}[name]
    text = (res.files("sklearn.datasets") / "data" / fname).read_text()
    lines = list(csv.reader(text.splitlines()))[1:]
    with open(out_dir / f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([*bunch.feature_names, label])
        for row in lines:
            *features, target = row
            w.writerow([*features, bunch.target_names[int(target)]])
    print(f"wrote {name}.csv: {len(lines)} rows")

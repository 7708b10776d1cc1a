#!/usr/bin/env python3
"""Known answers for the engine's Data lab functions (profile, agreement).

Writes CSV inputs and JSON expected outputs into
crates/engine/tests/fixtures/data/; crates/engine/tests/data_known_answers.rs
compares the engine with them (relative tolerance 1e-9).

The references are the libraries the spec names: numpy (mean, std with
ddof=1, percentiles with the default linear method, histogram with
bins="sturges"), scikit-learn (cohen_kappa_score) and statsmodels
(fleiss_kappa, method="fleiss"). Column kinds and missing tokens follow
docs/cli.md, implemented here with a regular expression so the
reference does not depend on pandas' own type inference.

Run: `make fixtures-data` (or scripts/python-env.sh, then
.venv/bin/python scripts/make_data_fixtures.py); deterministic; commit the output
"""

import csv
import io
import json
import math
import re
from itertools import combinations
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "engine" / "tests" / "fixtures" / "data"
DATA = ROOT / "crates" / "engine" / "data"

MISSING = {"", "na", "n/a", "nan", "null", "none"}
NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
WS = " \t\r\n\x0c"


def is_missing(v):
    return v.strip(WS).lower() in MISSING


def kind_of(values):
    present = [v.strip(WS) for v in values if not is_missing(v)]
    if all(NUMBER.match(v) and math.isfinite(float(v)) for v in present):
        return "numeric"
    if present and all(v.lower() in ("true", "false") for v in present):
        return "boolean"
    return "categorical"


def none_if_nan(x):
    x = float(x)
    return None if math.isnan(x) else x


def profile(text):
    rows = list(csv.reader(io.StringIO(text)))
    header, data = rows[0], [r for r in rows[1:] if r]
    cols = []
    for j, name in enumerate(header):
        values = [r[j] for r in data]
        kind = kind_of(values)
        present = [v for v in values if not is_missing(v)]
        col = {"name": name, "kind": kind, "missing": len(values) - len(present)}
        if kind == "numeric":
            x = np.array([float(v) for v in present], dtype=np.float64)
            col["distinct"] = int(len(np.unique(x)))
            if len(x):
                col.update(
                    mean=float(np.mean(x)),
                    std=none_if_nan(np.std(x, ddof=1)) if len(x) > 1 else None,
                    min=float(np.min(x)),
                    p25=float(np.percentile(x, 25)),
                    p50=float(np.percentile(x, 50)),
                    p75=float(np.percentile(x, 75)),
                    max=float(np.max(x)),
                )
                counts, edges = np.histogram(x, bins="sturges")
                col["histogram"] = {"edges": [float(e) for e in edges],
                                    "counts": [int(c) for c in counts]}
            else:
                col.update(mean=None, std=None, min=None, p25=None, p50=None,
                           p75=None, max=None)
            col["top"] = []
        else:
            if kind == "boolean":
                present = [v.strip(WS).lower() for v in present]
            counts = {}
            for v in present:
                counts[v] = counts.get(v, 0) + 1
            ranked = sorted(counts.items(),
                            key=lambda kv: (-kv[1], kv[0].encode("utf-8")))
            col["distinct"] = len(counts)
            col.update(mean=None, std=None, min=None, p25=None, p50=None,
                       p75=None, max=None)
            col["top"] = [{"value": v, "count": c} for v, c in ranked[:10]]
        cols.append(col)
    return {"rows": len(data), "columns": cols}


def agreement(text, raters):
    rows = list(csv.DictReader(io.StringIO(text)))
    kept = [r for r in rows if not any(is_missing(r[a]) for a in raters)]
    labels = [[r[a] for a in raters] for r in kept]
    agree = sum(1 for ls in labels if len(set(ls)) == 1)
    out = {
        "raters": raters,
        "rows": len(kept),
        "left_out": len(rows) - len(kept),
        "percent_agreement": agree / len(kept),
        "disagreements": len(kept) - agree,
        "cohen_kappa": [],
    }
    for i, j in combinations(range(len(raters)), 2):
        k = cohen_kappa_score([ls[i] for ls in labels], [ls[j] for ls in labels])
        out["cohen_kappa"].append({"a": raters[i], "b": raters[j],
                                   "kappa": none_if_nan(k)})
    counts, _ = aggregate_raters(np.array(labels, dtype=object))
    out["fleiss_kappa"] = none_if_nan(fleiss_kappa(counts, method="fleiss"))
    return out


def messy_csv():
    rng = np.random.default_rng(20261126)
    lines = ["id,score,offset,ratio,city,flag,single,empty,mixed"]
    cities = ["Zürich", "Oslo", "oslo", "Lyon", "São Paulo", "Kraków"]
    missing = ["", "NA", "n/a", "NaN", "null", "None", " na "]
    for i in range(157):
        score = f"{rng.normal(50, 12):.3f}" if rng.random() > 0.1 else missing[i % 7]
        offset = f"{1e9 + rng.integers(0, 5)}" if i % 11 else "1e9"
        ratio = [".5", "5.", "-0", " 2.25 ", "1E-3", "+7"][i % 6]
        city = cities[int(rng.integers(0, len(cities)))] if i % 13 else "NA"
        flag = ["True", "false", "TRUE", "False", ""][int(rng.integers(0, 5))]
        single = "42" if i == 17 else ""
        mixed = str(int(rng.integers(0, 4))) if i % 9 else "x"
        lines.append(f"{i},{score},{offset},{ratio},\"{city}\",{flag},{single},,{mixed}")
    return "\n".join(lines) + "\n"


def raters_csv():
    rng = np.random.default_rng(7)
    cats = ["cat", "dog", "bird", "fish"]
    lines = ["item,ann_a,ann_b,ann_c"]
    for i in range(240):
        truth = cats[int(rng.choice(4, p=[0.4, 0.3, 0.2, 0.1]))]
        row = []
        for skill in (0.85, 0.7, 0.6):
            if rng.random() < 0.03:
                row.append("")
            elif rng.random() < skill:
                row.append(truth)
            else:
                row.append(cats[int(rng.integers(0, 4))])
        lines.append(f"{i}," + ",".join(row))
    return "\n".join(lines) + "\n"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    inputs = {
        "messy.csv": messy_csv(),
        "raters3.csv": raters_csv(),
    }
    for name, text in inputs.items():
        (OUT / name).write_text(text, encoding="utf-8", newline="")
    profiles = {name: profile(text) for name, text in inputs.items()}
    for sample in sorted(DATA.glob("sample-*.csv")):
        profiles[sample.name] = profile(sample.read_text(encoding="utf-8-sig"))
    agreements = {
        "raters3.csv": agreement(inputs["raters3.csv"], ["ann_a", "ann_b", "ann_c"]),
        "sample-defects.csv": agreement(
            (DATA / "sample-defects.csv").read_text(encoding="utf-8-sig"),
            ["defect", "annotator_b"]),
    }
    expected = {"profile": profiles, "agreement": agreements}
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    print(f"wrote {len(inputs)} inputs and expected.json to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

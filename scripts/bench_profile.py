#!/usr/bin/env python3
"""`mlops profile` against pandas and polars on the same file, alternating runs.

Each side reads the CSV and computes what the Data lab's profile holds:
per column the missing count, distinct count, mean, std, min, quartiles and
max (numeric), the value counts (text). pandas: `read_csv` + `describe` +
`quantile` + `nunique` + `value_counts`; polars: `read_csv` + `describe` +
`quantile` + `n_unique` + `value_counts` (polars uses both cores; the engine
and pandas use one). `mlops` is timed as a whole process, JSON output
included; the Python peers inside the interpreter (import time excluded).

Run: `make bench-profile`, or scripts/python-env.sh, then
     .venv/bin/python scripts/bench_profile.py FILE [runs]
(`make bench-browser` writes bench-data/upload-*.csv; `make cli` builds mlops.)
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
MLOPS = ROOT / "target" / "release" / "mlops"


def run_mlops(path):
    t = time.perf_counter()
    subprocess.run([str(MLOPS), "profile", str(path), "--json"], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def run_pandas(path):
    t = time.perf_counter()
    df = pd.read_csv(path)
    df.describe()
    df.quantile([0.25, 0.5, 0.75], numeric_only=True)
    df.nunique()
    df.isna().sum()
    for c in df.select_dtypes(exclude="number").columns:
        df[c].value_counts()
    return time.perf_counter() - t


def run_polars(path):
    t = time.perf_counter()
    df = pl.read_csv(path)
    df.describe()
    for q in (0.25, 0.5, 0.75):
        df.select(pl.selectors.numeric().quantile(q, interpolation="linear"))
    df.select(pl.all().n_unique())
    df.null_count()
    for c in df.select(pl.col(pl.String)).columns:
        df[c].value_counts()
    return time.perf_counter() - t


def main():
    path = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    sides = {"mlops profile": run_mlops, "pandas": run_pandas, "polars": run_polars}
    times = {k: [] for k in sides}
    for r in range(runs):
        order = list(sides)
        order = order[r % len(order):] + order[: r % len(order)]
        for k in order:
            times[k].append(sides[k](path))
    mb = path.stat().st_size / 1e6
    base = statistics.median(times["mlops profile"])
    print(f"file: {path.name}, {mb:.0f} MB; {runs} alternating runs; pandas {pd.__version__}, polars {pl.__version__}")
    print("| reader + profile | median | min–max | ratio |")
    print("|---|---|---|---|")
    for k, ts in times.items():
        m = statistics.median(ts)
        print(f"| {k} | {m * 1000:.0f} ms | {min(ts) * 1000:.0f}–{max(ts) * 1000:.0f} ms | "
              f"{m / base:.1f}× mlops' time |")


if __name__ == "__main__":
    main()

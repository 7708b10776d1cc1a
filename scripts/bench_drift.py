#!/usr/bin/env python3
"""The Drift lab's tests against SciPy and NumPy (`make bench-drift`).

Writes deterministic samples into bench-data/ (numpy `default_rng` seeds,
raw little-endian files both sides read as the same doubles): 1,000,000
reference and 1,000,000 current values (normal, the current shifted by
0.003 standard deviations, so the KS p-value is neither 0 nor 1), and two
1,000,000-row category columns (20 categories, the current's shares
tilted).

Times, median of RUNS after one warm-up, inside the interpreter:
(a) `scipy.stats.ks_2samp(a, b)` + `wasserstein_distance(a, b) / np.std(a)`
    (Evidently's `ks` and normed `wasserstein`);
(b) PSI in NumPy as Evidently computes it: `histogram_bin_edges(concat,
    "sturges")`, two `np.histogram`s, zero filling, the sum;
(c) chi-square as Evidently computes it: `np.bincount` of both samples,
    expected = reference counts × n_cur/n_ref, `scipy.stats.chisquare`;
then runs target/release/examples/drift_timing (the engine, timed the same
way in its process), checks the results agree (KS p-value to 1e-6, the
rest to 1e-9 relative; exit 1 otherwise), and prints a Markdown table with
the ratios, also written to bench-data/bench-drift.md and into
docs/benchmarks.md between the `bench-drift` markers.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"
ENGINE = ROOT / "target" / "release" / "examples" / "drift_timing"
REPORT = DATA / "bench-drift.md"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench-drift:start -->", "<!-- bench-drift:end -->"
N = 1_000_000


def make():
    rng = np.random.default_rng(20261202)
    a = rng.normal(0.0, 1.0, N)
    b = rng.normal(0.003, 1.0, N)
    ca = rng.choice(20, N, p=np.full(20, 0.05)).astype(np.uint32)
    tilt = np.linspace(0.99, 1.01, 20)
    cb = rng.choice(20, N, p=tilt / tilt.sum()).astype(np.uint32)
    DATA.mkdir(exist_ok=True)
    a.astype("<f8").tofile(DATA / "drift-a.f64")
    b.astype("<f8").tofile(DATA / "drift-b.f64")
    ca.astype("<u4").tofile(DATA / "drift-ca.u32")
    cb.astype("<u4").tofile(DATA / "drift-cb.u32")
    return a, b, ca, cb


def timed(runs, f):
    f()
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def psi(a, b):
    edges = np.histogram_bin_edges(np.concatenate([a, b]), bins="sturges")
    r = np.histogram(a, edges)[0] / len(a)
    c = np.histogram(b, edges)[0] / len(b)
    for s in (r, c):
        nz = s[s != 0]
        fill = nz.min() / 10**6 if nz.min() <= 0.0001 else 0.0001
        np.place(s, s == 0, fill)
    return float(np.sum((r - c) * np.log(r / c)))


def chisquare(ca, cb):
    k = int(max(ca.max(), cb.max())) + 1
    ref = np.bincount(ca, minlength=k)
    cur = np.bincount(cb, minlength=k)
    return float(stats.chisquare(cur, ref * (len(cb) / len(ca)))[1])


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    a, b, ca, cb = make()
    ks_s, (ks_p, w) = timed(runs, lambda: (stats.ks_2samp(a, b).pvalue, stats.wasserstein_distance(a, b) / max(np.std(a), 0.001)))
    psi_s, psi_v = timed(runs, lambda: psi(a, b))
    chi_s, chi_p = timed(runs, lambda: chisquare(ca, cb))
    out = subprocess.run([str(ENGINE), str(DATA), str(runs)], check=True, capture_output=True, text=True).stdout
    e = json.loads(out)
    checks = [
        ("KS p-value", abs(e["ks_p"] - ks_p) <= 1e-6),
        ("normed Wasserstein", abs(e["wasserstein"] - w) <= 1e-9 * abs(w)),
        ("PSI", abs(e["psi"] - psi_v) <= 1e-9 * abs(psi_v)),
        ("chi-square p-value", abs(e["chisquare_p"] - chi_p) <= 1e-9 * max(chi_p, 1e-300)),
    ]
    rows = [
        ("KS p-value + normed Wasserstein, 1M vs 1M", ks_s, e["ks_wasserstein_s"], "≤ 0.5×"),
        ("PSI (Sturges bins), 1M vs 1M", psi_s, e["psi_s"], "≤ 1×"),
        ("chi-square, 20 categories, 1M vs 1M", chi_s, e["chisquare_s"], "≤ 1×"),
    ]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"NumPy {np.__version__}, SciPy {scipy.__version__}; median of {runs} runs after a warm-up.",
        "",
        "| what | SciPy / NumPy | engine (native) | ratio | target |",
        "|---|---:|---:|---:|---|",
    ]
    for what, py, rs, target in rows:
        lines.append(f"| {what} | {py * 1000:.1f} ms | {rs * 1000:.1f} ms | **{rs / py:.2f}×** | {target} |")
    lines.append(
        f"| timeline: simulate 20 batches × 1,000 rows × 20 features, then monitor every feature (engine only, native) | – | "
        f"{e['timeline_s'] * 1000:.1f} ms | – | ≤ 200 ms in the browser |"
    )
    lines.append("")
    lines.append(
        f"Same answers: KS p = {e['ks_p']:.6g} (SciPy {ks_p:.6g}), Wasserstein {e['wasserstein']:.6g}, "
        f"PSI {e['psi']:.6g}, chi-square p = {e['chisquare_p']:.6g}; "
        + ", ".join(f"{n} {'agrees' if ok else 'DIFFERS'}" for n, ok in checks) + "."
    )
    text = "\n".join(lines) + "\n"
    print(text)
    REPORT.write_text(text)
    doc = DOC.read_text()
    if START in doc and END in doc:
        head, rest = doc.split(START, 1)
        _, tail = rest.split(END, 1)
        DOC.write_text(head + START + "\n" + text + END + tail)
    if not all(ok for _, ok in checks):
        sys.exit(1)


if __name__ == "__main__":
    main()

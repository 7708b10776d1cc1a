#!/usr/bin/env python3
"""scikit-learn's stratified train_test_split on 1,000,000 rows: the baseline
for `cargo bench -p mlops-engine --bench split` (same sizes, ~30% positives).

Timed: `train_test_split(X, y, test_size=0.2, stratify=y)` (80/20) and the
usual two-call 60/20/20 (`test_size=0.4`, then `test_size=0.5` on the held
out rows). X is the row index as one column, so the time is the split
itself, not copying features. Best of 10 runs, as criterion's fastest
samples are comparable to it; the median is printed too.
"""
import statistics
import time

import numpy as np
from sklearn.model_selection import train_test_split

ROWS = 1_000_000


def timed(fn, runs=10):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main():
    rng = np.random.default_rng(99)
    y = (rng.integers(0, 10, ROWS) < 3).astype(np.int64)
    X = np.arange(ROWS).reshape(-1, 1)

    def two_way():
        train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)

    def three_way():
        X_tr, X_rest, y_tr, y_rest = train_test_split(
            X, y, test_size=0.4, stratify=y, random_state=42
        )
        train_test_split(X_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=42)

    for name, fn in [("80/20", two_way), ("60/20/20", three_way)]:
        best, median = timed(fn)
        print(f"sklearn train_test_split stratified {name}, {ROWS} rows: "
              f"best {best * 1000:.1f} ms, median {median * 1000:.1f} ms")


if __name__ == "__main__":
    main()

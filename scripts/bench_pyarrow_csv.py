#!/usr/bin/env python3
"""Times pyarrow.csv.read_csv (single-threaded) on bench-data/bench.csv.

The file is written by `cargo bench -p mlops-engine --bench csv_read`, which
prints the engine's own timings on the same bytes; compare the MB/s figures.

Run: python3 scripts/bench_pyarrow_csv.py [path] [runs]
"""

import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench-data" / "bench.csv"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not path.exists():
        sys.exit(f"{path} not found: run `cargo bench -p mlops-engine --bench csv_read` first")
    data = path.read_bytes()
    size_mb = len(data) / 1e6
    read_options = pacsv.ReadOptions(use_threads=False)
    best = float("inf")
    table = None
    for _ in range(runs):
        start = time.perf_counter()
        # From memory, as the engine's bench reads: no disk in the timing.
        table = pacsv.read_csv(pa.BufferReader(data), read_options=read_options)
        best = min(best, time.perf_counter() - start)
    print(f"file: {size_mb:.1f} MB, {table.num_rows} rows, {table.num_columns} columns")
    print(f"pyarrow.csv.read_csv(use_threads=False): best of {runs}: {best:.3f} s "
          f"({size_mb / best:.0f} MB/s)")
    print(f"arrow table memory: {table.nbytes} bytes = {table.nbytes / len(data):.3f} x file size")


if __name__ == "__main__":
    main()

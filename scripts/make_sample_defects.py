#!/usr/bin/env python3
"""Writes crates/engine/data/sample-defects.csv: the course's visual-inspection
example (phone screens, 100 images, 30 defective), with a second annotator
who disagrees on a handful of borderline images. Deterministic: re-running it
gives the same bytes."""
import random
from pathlib import Path

rng = random.Random(20261126)
n, n_defect = 100, 30
defect_rows = set(rng.sample(range(n), n_defect))
rows = []
for i in range(n):
    d = i in defect_rows
    if d:
        scratch = max(0.3, rng.gauss(3.2, 1.6))
        pits = rng.choice([0, 1, 1, 2, 3, 4])
        bright = rng.gauss(171, 14)
    else:
        scratch = 0.0 if rng.random() < 0.65 else abs(rng.gauss(0.0, 0.6))
        pits = rng.choice([0, 0, 0, 0, 1])
        bright = rng.gauss(182, 10)
    rows.append([f"img_{i + 1:03d}.png", round(scratch, 2), pits, round(bright, 1), int(d)])

# Annotator B disagrees on borderline images: the shortest scratches among the
# defective ones and the longest among the good ones.
by_scratch = sorted(range(n), key=lambda i: rows[i][1])
defective = [i for i in by_scratch if rows[i][4] == 1][:4]
good = [i for i in reversed(by_scratch) if rows[i][4] == 0][:3]
flip = set(defective + good)
out = ["image,scratch_length_mm,pit_count,brightness,defect,annotator_b"]
for i, r in enumerate(rows):
    b = 1 - r[4] if i in flip else r[4]
    out.append(f"{r[0]},{r[1]:.2f},{r[2]},{r[3]:.1f},{r[4]},{b}")
path = Path(__file__).resolve().parent.parent / "crates/engine/data/sample-defects.csv"
path.write_text("\n".join(out) + "\n")
print(f"wrote {path}: {n} rows, {n_defect} defective, {len(flip)} disagreements")

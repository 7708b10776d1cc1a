#!/usr/bin/env python3
"""Writes the small CSV fixtures of crates/cli/tests/fixtures/ and prints the
expected values the CLI integration tests (crates/cli/tests/*.rs) hard-code.

Reference implementations: pandas/numpy (profile: sample std ddof=1, numpy
linear quantiles), scikit-learn's cohen_kappa_score and statsmodels'
fleiss_kappa(method="fleiss") (agreement).

Run from the repository root: `make fixtures-cli` (or scripts/python-env.sh,
then .venv/bin/python scripts/make_cli_fixtures.py)
"""
import itertools
import os
import random

import numpy as np
import pandas as pd

OUT = "crates/cli/tests/fixtures"
SAMPLE = "crates/engine/data/sample-defects.csv"
MISSING = {"", "na", "n/a", "nan", "null", "none"}


def write(name, data: bytes):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def numeric_stats(values):
    x = np.array([float(v) for v in values])
    q = np.quantile(x, [0.25, 0.5, 0.75])  # numpy default: linear
    return dict(
        n=len(x),
        mean=x.mean(),
        std=x.std(ddof=1) if len(x) > 1 else None,
        min=x.min(),
        p25=q[0],
        p50=q[1],
        p75=q[2],
        max=x.max(),
    )


def profile_sample():
    df = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    print("== profile", SAMPLE, "rows", len(df))
    for c in df.columns:
        v = [s for s in df[c] if s.strip().lower() not in MISSING]
        try:
            st = numeric_stats(v)
            print(c, "numeric distinct", len(set(float(s) for s in v)),
                  {k: repr(float(val)) for k, val in st.items() if k != "n"})
        except ValueError:
            vc = pd.Series(v).value_counts()
            top = sorted(vc.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
            print(c, "categorical distinct", len(vc), "top", top)


def quirky():
    # Semicolon delimiter, UTF-8 BOM, CRLF, a quoted newline, a doubled
    # quote, missing tokens NA / null / empty / N/A / None.
    text = (
        "id;name;score;flag\r\n"
        '1;"multi\nline";1.5;true\r\n'
        "2;NA;null;false\r\n"
        "3;;2.5;true\r\n"
        '4;"say ""hi""";;false\r\n'
        "5;plain;N/A;None\r\n"
        "6;plain;4.0;TRUE\r\n"
    )
    write("quirky.csv", b"\xef\xbb\xbf" + text.encode())
    print("== quirky.csv: score", numeric_stats(["1.5", "2.5", "4.0"]))
    print("   id", numeric_stats(["1", "2", "3", "4", "5", "6"]))


def tab():
    # Every line also splits on "," into 3 fields, so detection picks ","
    # (more fields); --delimiter tab must give the 2 tab-separated columns.
    text = "a,b\tc,d\n1,2\t3,4\n5,6\t7,8\nx,y\t9,0\n"
    write("commas_in_tabs.tsv", text.encode())


def cp1252():
    # Windows-1252 bytes: é = E9, “ ” = 93 94, € = 80.
    text = "name,price\ncaf\u00e9,2.5\n\u201cquoted\u201d,3\n\u20acuro,4\n"
    write("cp1252.csv", text.encode("cp1252"))


def ragged():
    write("ragged.csv", b"a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n")


def groups():
    # 30 rows: 10 patients of 3 rows each, a date per row (shuffled file
    # order), a binary label.
    # `tick` is a number of 1 to 4 digits, so ordering it as text would differ
    # from ordering it as a number.
    rng = random.Random(11)
    ticks = rng.sample(range(1, 5000), 30)
    rows = []
    for i in range(30):
        patient = f"p{i // 3:02d}"
        day = f"2024-{1 + (i * 7) % 12:02d}-{1 + (i * 13) % 28:02d}"
        label = str(rng.randint(0, 1))
        rows.append((f"r{i:02d}", patient, day, str(ticks[i] // (1 + i % 4 * 10)), label))
    rng.shuffle(rows)
    text = "id,patient,day,tick,label\n" + "".join(",".join(r) + "\n" for r in rows)
    write("groups.csv", text.encode())


def export_quirky():
    # For --out: ";" delimiter, BOM, CRLF, fields that need quoting (";",
    # '"', LF) and one quoted field that does not ("plain"), numbers whose
    # text must survive ("0.50", "1e3", "007").
    text = (
        "id;text;value;label\r\n"
        '1;"a;b";0.50;0\r\n'
        '2;"say ""hi""";1e3;1\r\n'
        '3;"two\nlines";007;0\r\n'
        '4;"plain";-0.0;1\r\n'
        "5;x;1.10;0\r\n"
        "6;y;2;1\r\n"
        "7;z;3.000;0\r\n"
        "8;w;4;1\r\n"
        "9;v;5;0\r\n"
        "10;u;6;1\r\n"
    )
    write("export_quirky.csv", b"\xef\xbb\xbf" + text.encode())


def raters3():
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    rng = random.Random(5)
    labels = ["bird", "cat", "dog"]
    rows = []
    for i in range(40):
        truth = rng.choice(labels)
        r = [truth if rng.random() < 0.75 else rng.choice(labels) for _ in range(3)]
        rows.append([f"item{i:02d}"] + r)
    rows[17][2] = "NA"  # one row with a missing label: left out, with a warning
    text = "item,ann_a,ann_b,ann_c\n" + "".join(",".join(r) + "\n" for r in rows)
    write("raters3.csv", text.encode())

    kept = [r[1:] for r in rows if "NA" not in r]
    a = np.array(kept)
    print("== raters3.csv rows", len(kept))
    agree = sum(1 for r in kept if len(set(r)) == 1)
    print("percent_agreement", repr(agree / len(kept)), "disagreements", len(kept) - agree)
    names = ["ann_a", "ann_b", "ann_c"]
    for i, j in itertools.combinations(range(3), 2):
        print("cohen", names[i], names[j], repr(float(cohen_kappa_score(a[:, i], a[:, j]))))
    table, _ = aggregate_raters(a)
    print("fleiss", repr(float(fleiss_kappa(table, method="fleiss"))))

    df = pd.read_csv(SAMPLE, dtype=str)
    s = df[["defect", "annotator_b"]].to_numpy()
    print("== sample-defects defect/annotator_b")
    print("cohen", repr(float(cohen_kappa_score(s[:, 0], s[:, 1]))))
    print("fleiss", repr(float(fleiss_kappa(aggregate_raters(s)[0], method="fleiss"))))
    print("percent_agreement", repr(float((s[:, 0] == s[:, 1]).mean())))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    profile_sample()
    quirky()
    tab()
    cp1252()
    ragged()
    groups()
    export_quirky()
    raters3()

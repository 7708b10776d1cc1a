#!/usr/bin/env python3
"""Known answers for the engine's drift statistics (`mlops drift`).

What: writes into crates/engine/tests/fixtures/drift/
  ks.json               scipy.stats.ks_2samp (two-sided, method="auto") on
                        seeded sample pairs from 1x1 to 20000x15000
  stattests.json        Evidently 0.7's legacy stattests (ks, chisquare, z,
                        wasserstein, jensenshannon, psi, kl) and its default
                        method choice on (reference, current) column pairs
  dataset/reference.csv, dataset/current.csv, dataset/expected.json
                        Evidently's DataDriftPreset (legacy Report API) with
                        default options on a small mixed dataset
Every JSON has a `versions` object. Floats are written as Python's repr
(shortest text that reads back as the same f64); a non-finite number is
written as null (today only NaN: the chi-square p-value of a single category,
zero degrees of freedom, and ks_2samp's asymptotic p-value for 1x1, where
round(n1*n2/(n1+n2)) = 0).

Why: docs/cli.md (`mlops drift`) says the default method and every
statistic follow Evidently's definitions (legacy stattests, version 0.7) and
that `ks` is scipy's ks_2samp with method="auto", so the references are
those libraries themselves.

Where the definitions live in the installed packages (.venv):
  evidently/legacy/calculations/stattests/registry.py  _get_default_stattest
  evidently/legacy/calculations/stattests/utils.py     get_binned_data
  evidently/legacy/calculations/stattests/{ks_stattest,chisquare_stattest,
      z_stattest,wasserstein_distance_norm,jensenshannon,psi,kl_div}.py
  evidently/legacy/calculations/data_drift.py          get_one_column_drift
  scipy/stats/_stats_py.py                             ks_2samp,
      _attempt_exact_2kssamp, _compute_prob_outside_square
      (_compute_outer_prob_inside_method is compiled: _stats_pythran)

Missing values: the stattest functions themselves do not drop them (their
value_counts() skips NaN but len()/shape[0] still count it, and ks_2samp
would propagate NaN). Evidently's Report drops them first, in
get_one_column_drift: `column.replace([-inf, inf], nan).dropna()` on each
side (only for columns that hold a NaN somewhere in that dataset), before
choosing the default method and before the test; row counts used by the
default choice (reference <= 1000 rows) are counted after that drop. This
script does the same drop before calling the stattests, so the
`reference`/`current` lists below hold null where a value is missing and
every result is computed on the non-missing values.

Run: `make fixtures-drift`, or
  scripts/python-env.sh                         # .venv with the pins
  .venv/bin/python scripts/make_drift_fixtures.py
"""

import json
import math
import os
import sys
import warnings
from importlib.metadata import version
from pathlib import Path

# Evidently orders categories by iterating a Python set (utils.py,
# get_unique_not_nan_values_list_from_series), so with string hash
# randomisation the sums in chisquare / jensenshannon / psi / kl run in a
# different order on each run and categorical scores move by an ulp or two
# (relative ~1e-16). Fix the hash seed so the fixtures are byte-for-byte
# reproducible; tests should compare with a small relative tolerance anyway.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

import numpy as np
import pandas as pd
import scipy
from scipy import stats

from evidently.legacy.calculations.stattests import registry
from evidently.legacy.core import ColumnType
from evidently.legacy.metric_preset import DataDriftPreset
from evidently.legacy.report import Report

PINS = {"evidently": "0.7.23", "pandas": "2.2.3", "numpy": "2.2.6", "scipy": "1.15.3"}
VERSIONS = {
    "evidently": version("evidently"),
    "pandas": pd.__version__,
    "numpy": np.__version__,
    "scipy": scipy.__version__,
}
if VERSIONS != PINS:
    sys.exit(f"versions {VERSIONS} differ from the pins {PINS}: run scripts/python-env.sh")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "engine" / "tests" / "fixtures" / "drift"

# Our method names -> Evidently's registered stattest names.
EVIDENTLY_NAME = {
    "ks": "ks",
    "chisquare": "chisquare",
    "z": "z",
    "wasserstein": "wasserstein",
    "jensenshannon": "jensenshannon",
    "psi": "psi",
    "kl": "kl_div",
}
OUR_NAME = {v: k for k, v in EVIDENTLY_NAME.items()}
# Evidently's display names (as in the Report's `stattest_name`) -> ours.
DISPLAY_TO_OURS = {}
for _ours, _ev in EVIDENTLY_NAME.items():
    DISPLAY_TO_OURS[registry._registered_stat_tests[_ev][next(iter(registry._registered_stat_tests[_ev]))].display_name] = _ours


def num(x):
    """A JSON-safe float: null for a non-finite one."""
    x = float(x)
    return x if math.isfinite(x) else None


def sig6(a):
    """Round to 6 significant digits (through the decimal text, so the stored
    value is the shortest repr of what was tested)."""
    return np.array([float(f"{v:.6g}") for v in a], dtype=np.float64)


def dump(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(obj, allow_nan=False, separators=(",", ":"))
    path.write_text(text + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({len(text) + 1} bytes)")


# ---------------------------------------------------------------- ks.json


def ks_case(name, a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = stats.ks_2samp(a, b)  # alternative="two-sided", method="auto"
    fell_back = any("Exact calculation unsuccessful" in str(w.message) for w in caught)
    # scipy: auto -> exact when max(n1, n2) <= 10000, then asymp if the exact
    # attempt fails (fp error or a probability outside [0, 1]).
    method_used = "exact" if max(len(a), len(b)) <= 10000 and not fell_back else "asymp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 1x1: kstwo.sf(d, 0) divides by zero
        asymp = stats.ks_2samp(a, b, method="asymp")
    case = {
        "name": name,
        "n1": len(a),
        "n2": len(b),
        "a": [float(v) for v in a],
        "b": [float(v) for v in b],
        "statistic": num(res.statistic),
        "pvalue": num(res.pvalue),
        "method_used": method_used,
        # The asymptotic p-value for the same statistic, whatever auto chose
        # (kstwo.sf(d, round(n1*n2/(n1+n2)))); lets a test check both paths.
        "pvalue_asymp": num(asymp.pvalue),
        "statistic_asymp": num(asymp.statistic),
    }
    assert case["statistic"] is not None and case["pvalue"] is not None
    assert abs(case["statistic"] - case["statistic_asymp"]) < 1e-12 or method_used == "exact"
    return case


def make_ks():
    sizes = [(1, 1), (3, 5), (5, 7), (10, 10), (20, 20), (37, 100), (100, 37), (250, 251),
             (500, 499), (1000, 1000), (999, 1001), (3000, 2000), (10000, 10000),
             (10001, 9000), (20000, 15000)]
    cases = []
    for i, (n1, n2) in enumerate(sizes):
        rng = np.random.default_rng(1000 + i)
        # A shift of about 1.5 standard errors: p-values in the middle range.
        shift = 1.5 * math.sqrt(1.0 / n1 + 1.0 / n2)
        a = rng.normal(0.0, 1.0, n1)
        b = rng.normal(shift, 1.0, n2)
        big = n1 + n2 > 2000
        if big:
            a, b = sig6(a), sig6(b)
        cases.append(ks_case(f"normal_shift_{n1}x{n2}", a, b))
        if n1 + n2 <= 20000:
            # A clear shift: tiny p-values (tests the far tail of each path).
            a2 = rng.normal(0.0, 1.0, n1)
            b2 = rng.normal(0.5, 1.0, n2)
            if big:
                a2, b2 = sig6(a2), sig6(b2)
            cases.append(ks_case(f"normal_shift_strong_{n1}x{n2}", a2, b2))
    for i, (n1, n2) in enumerate([(20, 20), (37, 100), (500, 499), (3000, 2000), (10000, 10000)]):
        rng = np.random.default_rng(2000 + i)
        # Ties: values rounded to one decimal.
        a = np.round(rng.normal(0.0, 1.0, n1), 1)
        b = np.round(rng.normal(0.1, 1.0, n2), 1)
        cases.append(ks_case(f"ties_rounded_{n1}x{n2}", a, b))
    for i, (n1, n2) in enumerate([(10, 10), (3, 5), (250, 251), (1000, 1000), (10001, 9000)]):
        rng = np.random.default_rng(3000 + i)
        # Heavy ties: integers 0..4.
        a = rng.integers(0, 5, n1).astype(np.float64)
        b = rng.choice(5, n2, p=[0.15, 0.2, 0.2, 0.2, 0.25]).astype(np.float64)
        cases.append(ks_case(f"ties_int0to4_{n1}x{n2}", a, b))
    for i, (n1, n2) in enumerate([(40, 60), (800, 900)]):
        rng = np.random.default_rng(4000 + i)
        a = rng.normal(0.0, 1.0, n1)
        b = rng.normal(0.0, 1.6, n2)
        cases.append(ks_case(f"scale_change_{n1}x{n2}", a, b))
    for n in (1, 50, 1000):
        rng = np.random.default_rng(5000 + n)
        a = rng.normal(0.0, 1.0, n)
        cases.append(ks_case(f"identical_{n}", a, a.copy()))
    for n1, n2 in [(5, 7), (10, 10), (100, 37), (3000, 2000)]:
        rng = np.random.default_rng(6000 + n1)
        a = np.sort(rng.uniform(0.0, 1.0, n1))
        b = np.sort(rng.uniform(2.0, 3.0, n2))
        if n1 + n2 > 2000:
            a, b = sig6(a), sig6(b)
        cases.append(ks_case(f"separated_{n1}x{n2}", a, b))
    return {
        "about": "scipy.stats.ks_2samp(a, b) with alternative='two-sided', method='auto': "
                 "exact when max(n1, n2) <= 10000 (statistic rounded to h/lcm(n1, n2)), "
                 "else asymptotic kstwo.sf(d, round(n1*n2/(n1+n2))); "
                 "values of cases with n1+n2 > 2000 are rounded to 6 significant digits "
                 "before the test",
        "versions": VERSIONS,
        "cases": cases,
    }


# --------------------------------------------------------- stattests.json


def clean(series):
    """What get_one_column_drift does before testing a column."""
    return series.replace([-np.inf, np.inf], np.nan).dropna()


def to_series(values, kind):
    if kind == "categorical":
        return pd.Series(values, dtype=object)
    if all(v is not None and float(v).is_integer() for v in values):
        return pd.Series(values, dtype=np.int64)  # as pandas reads an int column
    return pd.Series([np.nan if v is None else v for v in values], dtype=np.float64)


def run_test(stattest, ref, cur, ftype):
    res = stattest(ref, cur, ftype, None)  # None: the test's default threshold
    return {"score": num(res.drift_score), "threshold": float(res.actual_threshold),
            "drifted": bool(res.drifted)}


def stattest_case(name, kind, reference, current):
    ftype = ColumnType.Numerical if kind == "numeric" else ColumnType.Categorical
    ref = clean(to_series(reference, kind))
    cur = clean(to_series(current, kind))
    auto = registry._get_default_stattest(ref, cur, ftype)
    methods = {}
    rejected = []
    for ours, ev in EVIDENTLY_NAME.items():
        try:
            st = registry.get_registered_stattest(ev, ftype)
        except ValueError:  # StatTestInvalidFeatureTypeError: not for this type
            rejected.append(ours)
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            methods[ours] = run_test(st, ref, cur, ftype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        auto_result = {"method": OUR_NAME[auto.name], **run_test(auto, ref, cur, ftype)}

    if OUR_NAME[auto.name] in methods:
        assert methods[OUR_NAME[auto.name]] == {k: v for k, v in auto_result.items() if k != "method"}, name

    def out(v):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return None
        if kind == "numeric":
            return int(v) if isinstance(v, (int, np.integer)) else float(v)
        return v

    return {
        "name": name,
        "kind": kind,
        "reference": [out(v) for v in reference],
        "current": [out(v) for v in current],
        "reference_used": int(len(ref)),
        "current_used": int(len(cur)),
        "distinct_combined": int(pd.concat([ref, cur]).nunique()),
        "distinct_reference": int(ref.nunique()),
        "auto": auto_result,
        "methods": methods,
        "not_accepted": rejected,
    }


def with_missing(values, rng, share):
    values = list(values)
    for i in np.nonzero(rng.uniform(size=len(values)) < share)[0]:
        values[i] = None
    return values


def floats(a):
    return [float(v) for v in a]


def ints(a):
    return [int(v) for v in a]


def make_stattests():
    cases = []
    add = lambda name, kind, r, c: cases.append(stattest_case(name, kind, r, c))  # noqa: E731
    g = lambda seed: np.random.default_rng(seed)  # noqa: E731

    # --- numeric, continuous
    r = g(1)
    add("normal_shift_30x40", "numeric", floats(r.normal(0, 1, 30)), floats(r.normal(0.8, 1, 40)))
    r = g(2)
    add("normal_same_30x40", "numeric", floats(r.normal(0, 1, 30)), floats(r.normal(0, 1, 40)))
    r = g(3)
    add("normal_shift_800x900", "numeric", floats(r.normal(10, 2, 800)), floats(r.normal(10.3, 2, 900)))
    r = g(4)
    add("scale_change_800x900", "numeric", floats(r.normal(0, 1, 800)), floats(r.normal(0, 1.5, 900)))
    r = g(5)
    add("normal_shift_1500x1200", "numeric", floats(r.normal(0, 1, 1500)), floats(r.normal(0.25, 1, 1200)))
    r = g(6)
    add("normal_same_1500x1200", "numeric", floats(r.normal(0, 1, 1500)), floats(r.normal(0, 1, 1200)))
    r = g(7)
    add("ref_1000_boundary_ks", "numeric", floats(r.normal(0, 1, 1000)), floats(r.normal(0.1, 1, 700)))
    r = g(8)
    add("ref_1001_boundary_wasserstein", "numeric", floats(r.normal(0, 1, 1001)), floats(r.normal(0.1, 1, 700)))
    r = g(9)
    add("lognormal_outliers_in_current_400x300", "numeric", floats(r.lognormal(0, 0.5, 400)),
        floats(np.concatenate([r.lognormal(0, 0.5, 290), r.uniform(20, 50, 10)])))
    r = g(10)
    add("constant_reference_50x60", "numeric", [7.0] * 50, floats(r.normal(7, 1, 60)))
    # --- numeric, few distinct values (binning by value when the reference
    # has <= 20 distinct values)
    r = g(11)
    add("half_steps_le20_distinct_300x300", "numeric", floats(np.clip(np.round(r.normal(0, 2, 300) * 2) / 2, -4.5, 4.5)),
        floats(np.clip(np.round(r.normal(0.5, 2, 300) * 2) / 2, -4.5, 4.5)))
    r = g(12)
    add("ref_le20_current_new_values_300x300", "numeric", floats(np.clip(np.round(r.normal(0, 2, 300)), -6, 6)),
        floats(np.round(r.normal(1, 3, 300), 1)))
    r = g(13)
    add("int_20_distinct_400x400", "numeric", ints(np.arange(400) % 20), ints(r.integers(0, 21, 400)))
    r = g(14)
    add("int_21_distinct_400x400", "numeric", ints(np.arange(400) % 21), ints(r.integers(0, 21, 400) + r.integers(0, 2, 400)))
    r = g(15)
    add("int_21_distinct_1500x1200", "numeric", ints(np.arange(1500) % 21), ints(r.integers(0, 22, 1200)))
    r = g(16)
    add("int_6_distinct_200x250", "numeric", ints(r.integers(0, 6, 200)), ints(r.choice(6, 250, p=[.1, .1, .2, .2, .2, .2])))
    r = g(17)
    add("int_5_distinct_200x250", "numeric", ints(r.integers(0, 5, 200)), ints(r.choice(5, 250, p=[.1, .1, .2, .3, .3])))
    r = g(18)
    add("int_3_distinct_same_200x250", "numeric", ints(r.integers(1, 4, 200)), ints(r.integers(1, 4, 250)))
    r = g(19)
    add("int_3_distinct_1500x1200", "numeric", ints(r.integers(1, 4, 1500)), ints(r.choice([1, 2, 3], 1200, p=[.2, .3, .5])))
    r = g(20)
    add("int_5_distinct_only_in_current_100x100", "numeric", ints(r.integers(0, 3, 100)), ints(r.integers(0, 5, 100)))
    r = g(21)
    add("binary_01_300x300", "numeric", ints(r.binomial(1, 0.3, 300)), ints(r.binomial(1, 0.4, 300)))
    r = g(22)
    add("binary_01_same_30x40", "numeric", ints(r.binomial(1, 0.5, 30)), ints(r.binomial(1, 0.5, 40)))
    r = g(23)
    add("binary_01_2000x1500", "numeric", ints(r.binomial(1, 0.3, 2000)), ints(r.binomial(1, 0.35, 1500)))
    add("binary_ref_all_zero_50x50", "numeric", [0] * 50, [0] * 45 + [1] * 5)
    add("constant_same_value_40x30", "numeric", [5] * 40, [5] * 30)
    add("constant_different_values_40x30", "numeric", [5] * 40, [6] * 30)
    add("binary_2_distinct_1_5", "numeric", [1.5, 2.5, 1.5, 1.5], [2.5, 2.5, 1.5])
    # --- numeric with missing values
    r = g(24)
    add("normal_missing_200x220", "numeric", with_missing(floats(r.normal(0, 1, 200)), r, 0.1),
        with_missing(floats(r.normal(0.3, 1, 220)), r, 0.2))
    r = g(25)
    # 1010 values with 15 missing -> 995 used: the default is ks (<= 1000).
    ref = floats(r.normal(0, 1, 1010))
    for i in range(0, 1010, 67):
        ref[i] = None
    add("missing_brings_ref_under_1000", "numeric", ref, floats(r.normal(0.1, 1, 800)))
    r = g(26)
    add("int_4_distinct_missing_300x300", "numeric", with_missing(ints(r.integers(0, 4, 300)), r, 0.1),
        with_missing(ints(r.choice(4, 300, p=[.4, .3, .2, .1])), r, 0.05))

    # --- categorical
    r = g(31)
    add("cat3_shift_300x300", "categorical", list(r.choice(["red", "green", "blue"], 300, p=[.5, .3, .2])),
        list(r.choice(["red", "green", "blue"], 300, p=[.4, .3, .3])))
    r = g(32)
    add("cat3_same_300x300", "categorical", list(r.choice(["red", "green", "blue"], 300, p=[.5, .3, .2])),
        list(r.choice(["red", "green", "blue"], 300, p=[.5, .3, .2])))
    r = g(33)
    add("cat3_small_30x40", "categorical", list(r.choice(["a", "b", "c"], 30)), list(r.choice(["a", "b", "c"], 40)))
    r = g(34)
    add("cat2_yes_no_300x300", "categorical", list(r.choice(["yes", "no"], 300, p=[.7, .3])),
        list(r.choice(["yes", "no"], 300, p=[.6, .4])))
    r = g(35)
    # "zeta" is the common value and appears first; the z-test's "first
    # category" is the first in sorted order, "alpha".
    add("cat2_first_sorted_not_first_seen", "categorical", ["zeta"] * 5 + list(r.choice(["zeta", "alpha"], 95, p=[.9, .1])),
        ["zeta"] * 5 + list(r.choice(["zeta", "alpha"], 95, p=[.8, .2])))
    r = g(36)
    add("cat_only_in_current_200x200", "categorical", list(r.choice(["a", "b", "c"], 200)),
        list(r.choice(["a", "b", "c", "d"], 200, p=[.3, .3, .3, .1])))
    r = g(37)
    add("cat_only_in_reference_200x200", "categorical", list(r.choice(["a", "b", "c", "d"], 200, p=[.3, .3, .3, .1])),
        list(r.choice(["a", "b", "c"], 200)))
    r = g(38)
    add("cat2_ref_cat3_current_100x100", "categorical", list(r.choice(["x", "y"], 100)), list(r.choice(["x", "y", "z"], 100)))
    r = g(39)
    add("cat_missing_250x250", "categorical", with_missing(list(r.choice(["s", "m", "l"], 250)), r, 0.1),
        with_missing(list(r.choice(["s", "m", "l"], 250, p=[.2, .4, .4])), r, 0.15))
    r = g(40)
    add("cat4_1500x1200", "categorical", list(r.choice(["n", "e", "s", "w"], 1500)),
        list(r.choice(["n", "e", "s", "w"], 1200, p=[.3, .25, .25, .2])))
    r = g(41)
    add("cat2_1500x1200", "categorical", list(r.choice(["on", "off"], 1500)), list(r.choice(["on", "off"], 1200)))
    cats = [f"c{i:02d}" for i in range(25)]
    r = g(42)
    add("cat25_500x500", "categorical", list(r.choice(cats, 500)), list(r.choice(cats, 500)))
    add("cat_single_same_40x30", "categorical", ["k"] * 40, ["k"] * 30)
    add("cat_single_different_40x30", "categorical", ["k"] * 40, ["j"] * 30)
    add("cat_single_same_with_missing", "categorical", ["k"] * 10 + [None, None], ["k"] * 8 + [None])

    return {
        "about": "Evidently legacy stattests (evidently.legacy.calculations.stattests) with default "
                 "thresholds; missing values (null) are dropped before the test and before the "
                 "default choice, as get_one_column_drift does; 'auto' is "
                 "registry._get_default_stattest on the cleaned columns; 'methods' holds the tests "
                 "Evidently's registry accepts for the column type ('not_accepted' the rest); "
                 "numeric columns with only integers are int64 Series, otherwise float64",
        "versions": VERSIONS,
        "cases": cases,
    }


# -------------------------------------------------------------- dataset/


def make_dataset():
    r = np.random.default_rng(77)
    n_ref, n_cur = 400, 300

    def frame(n, shift, flag_p, colors_p, seg_p, miss):
        x_missing = np.round(r.normal(50 + 5 * shift, 10, n), 2)
        x_missing[r.uniform(size=n) < miss] = np.nan
        segment = r.choice(["A", "B"], n, p=seg_p).astype(object)
        segment[r.uniform(size=n) < miss] = np.nan
        return pd.DataFrame({
            "x_normal": np.round(r.normal(shift, 1, n), 4),
            "x_count": r.choice(4, n, p=[.4, .3, .2, .1] if shift == 0 else [.3, .3, .25, .15]),
            "color": r.choice(["red", "green", "blue"], n, p=colors_p),
            "flag": r.binomial(1, flag_p, n),
            "x_missing": x_missing,
            "segment": segment,
        })

    ref = frame(n_ref, 0.0, 0.3, [.5, .3, .2], [.6, .4], 0.05)
    cur = frame(n_cur, 0.4, 0.32, [.35, .3, .35], [.6, .4], 0.15)
    d = OUT / "dataset"
    d.mkdir(parents=True, exist_ok=True)
    # Empty field = missing. Floats are written by repr (shortest round trip)
    # and read back with float_precision="round_trip", so what Evidently sees
    # is exactly the CSV's decimal text read as f64.
    for df, fname in ((ref, "reference.csv"), (cur, "current.csv")):
        (d / fname).write_text(df.to_csv(index=False, lineterminator="\n", float_format=None))
        print(f"wrote {(d / fname).relative_to(ROOT)} ({(d / fname).stat().st_size} bytes)")
    ref = pd.read_csv(d / "reference.csv", float_precision="round_trip")
    cur = pd.read_csv(d / "current.csv", float_precision="round_trip")

    report = Report(metrics=[DataDriftPreset()])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report.run(reference_data=ref, current_data=cur)
    result = report.as_dict()
    table = next(m["result"] for m in result["metrics"] if m["metric"] == "DataDriftTable")
    dataset_metric = next(m["result"] for m in result["metrics"] if m["metric"] == "DatasetDriftMetric")
    columns = []
    for name in ref.columns:  # the CSV's column order
        c = table["drift_by_columns"][name]
        method = DISPLAY_TO_OURS[c["stattest_name"]]
        col = {
            "name": name,
            "kind": "numeric" if c["column_type"] == "num" else "categorical",
            "method": method,
            "score": num(c["drift_score"]),
            "threshold": float(c["stattest_threshold"]),
            "drifted": bool(c["drift_detected"]),
            "evidently_stattest_name": c["stattest_name"],
            "evidently_column_type": c["column_type"],
            "reference_used": int(ref[name].notna().sum()),
            "current_used": int(cur[name].notna().sum()),
        }
        # Cross-check with the stattest called directly on the cleaned columns.
        ftype = ColumnType.Numerical if col["kind"] == "numeric" else ColumnType.Categorical
        st = registry.get_registered_stattest(EVIDENTLY_NAME[method], ftype) if method not in ("chisquare", "z") \
            else registry._registered_stat_tests[EVIDENTLY_NAME[method]][ColumnType.Categorical]
        direct = st(clean(ref[name]), clean(cur[name]), ftype, None)
        assert float(direct.drift_score) == float(c["drift_score"]), (name, direct, c)
        columns.append(col)
    expected = {
        "about": "evidently.legacy.report.Report(metrics=[DataDriftPreset()]) with default options, "
                 "run on reference.csv / current.csv read by pandas.read_csv "
                 "(float_precision='round_trip'; empty field = missing); column kinds by "
                 "Evidently's process_columns: numeric dtype -> num, else cat",
        "versions": VERSIONS,
        "reference_rows": int(len(ref)),
        "current_rows": int(len(cur)),
        "columns": columns,
        "drifted_columns": int(table["number_of_drifted_columns"]),
        "share": float(table["share_of_drifted_columns"]),
        "dataset_drift": bool(table["dataset_drift"]),
        "drift_share": float(dataset_metric["drift_share"]),
    }
    assert dataset_metric["number_of_drifted_columns"] == expected["drifted_columns"]
    assert dataset_metric["dataset_drift"] == expected["dataset_drift"]
    dump(d / "expected.json", expected)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    dump(OUT / "ks.json", make_ks())
    dump(OUT / "stattests.json", make_stattests())
    make_dataset()


if __name__ == "__main__":
    main()

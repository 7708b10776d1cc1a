#!/usr/bin/env python3
"""Known answers for the engine's metrics and baseline models.

What: writes CSV inputs and JSON expected outputs into
  crates/engine/tests/fixtures/metrics/   NAME.csv + NAME.json per case
  crates/engine/tests/fixtures/models/    NAME/train.csv, NAME/test.csv,
                                          NAME/case.json per case
for the engine's `metrics` and `train` functions (docs/cli.md,
sections `mlops metrics` and `mlops train`). A Rust test reads each case,
runs the engine on the CSV text and compares with the JSON (a relative
tolerance around 1e-9; logistic regression is an iterative fit, so its
case.json records how far scikit-learn's answer is from an exact optimum).

Why: the spec says "definitions are scikit-learn's", so the references are
scikit-learn itself, not a re-derivation:
  metrics  accuracy_score, balanced_accuracy_score,
           precision_recall_fscore_support (zero_division default: 0.0 and
           an UndefinedMetricWarning), matthews_corrcoef, cohen_kappa_score,
           confusion_matrix, roc_auc_score, average_precision_score,
           log_loss(labels=[0, 1]) (clips to [eps, 1 - eps] with
           eps = np.finfo(float64).eps), brier_score_loss(pos_label=...),
           mean_absolute_error, mean_squared_error (rmse = its sqrt),
           r2_score, mean_absolute_percentage_error (divides by
           max(|y|, np.finfo(float64).eps));
  curves   roc_curve (drop_intermediate=True; thresholds[0] = inf, written
           as null), precision_recall_curve, calibration_curve(n_bins=10,
           strategy="uniform");
  models   LogisticRegression(C=..., L2, multinomial for 3+ classes),
           GaussianNB(var_smoothing=1e-9),
           DecisionTreeClassifier(criterion="gini", max_depth=5,
           random_state=0), DummyClassifier("most_frequent"),
           DummyRegressor("mean"), Ridge(alpha=1.0),
           DecisionTreeRegressor(max_depth=5, random_state=0).
The preprocessing of `mlops train` (column kinds, missing tokens, mean
imputation, standardization with the population std, booleans as 0/1,
one-hot over train categories with missing as the category "", unseen as
all zeros, categoricals with more than 100 train categories dropped) is
written here with numpy from the spec's rules (a regular expression for
numbers, as scripts/make_data_fixtures.py does), so the reference does not
depend on pandas' type inference; it is cross-checked against
SimpleImputer + StandardScaler + OneHotEncoder(handle_unknown="ignore").

Logistic regression: LogisticRegression(solver="lbfgs", tol=1e-12,
max_iter=100000) is fitted first, but scikit-learn's lbfgs stops on
its hard-coded ftol (64 * eps relative change of the loss), 10 to 25
iterations in, with probabilities ~1e-8..1e-7 from the optimum whatever
tol says. The written answers therefore come from the same model fitted
with scikit-learn's solver="newton-cholesky", tol=1e-14, and are checked
against an independent Newton polish of the exact objective
C * sum(-log p_true) + |W|^2 / 2 (intercepts unpenalized) to 1e-12.
case.json "reference" records the lbfgs fit's iterations, its largest
gradient component of that objective and its largest probability gap.

Decision trees: the spec lets an implementation pick any of several splits
of equal gain, so every tree case is checked here for ties: at every node
of the fitted tree all candidate splits are scored exhaustively, and a case
is accepted only when the best split is unique up to 1e-9, or when every
near-tied candidate sends the same train and test rows the same way. If a
seed gives an ambiguous tree, the next seed is tried (deterministically;
the seed used is recorded in case.json). Tree features are float32 values
(written in full float64 repr) because scikit-learn's trees cast X to
float32; thresholds are then midpoints x[i]/2 + x[i+1]/2 exact in float64.

Missing tokens (spec): empty, NA, N/A, NaN, null, None, any case, after
trimming spaces. Generated numbers are written with repr (shortest text
that reads back as the same float64). Every expected value is computed
from the CSV text as written, re-read.

Metrics JSON: "positive" is null for a multiclass target (the engine
prints it so); "threshold" and the score fields appear only with --score.
"warning_count_at_least" is a lower bound for the engine's warnings: 1 if
scikit-learn reported a zero division, plus 1 if any field is null. With a
target of one class and --score there is no "other label" to predict
below the threshold, so that case keeps every score >= 0.5.

JSON fields beyond the minimum: metrics NAME.json has "sklearn_warnings"
(the distinct warning messages scikit-learn gave, for reading);
models case.json has "estimator" (the scikit-learn call), "columns" (the
fitted preprocessing: kind, impute value, mean/scale (scale 1.0 for a
constant column, as StandardScaler's scale_), categories),
"dropped", "warning_count_at_least", "data_seed", "reference" (solver
diagnostics) and "expected.train_metrics"/"expected.test_metrics" (the
`mlops metrics` object for that split's rows: --score for binary, --pred
otherwise, without "warnings").

Run from the repository root (deterministic: a re-run gives byte-identical
files; it deletes and rewrites fixtures/metrics/ and fixtures/models/):
  scripts/python-env.sh                     # .venv with the pins
  .venv/bin/python scripts/make_model_fixtures.py
(or `make fixtures-model`)
Pinned: numpy 2.2.6, scipy 1.15.3, scikit-learn 1.7.2 (all available as
pinned); the script refuses to run with other versions, because the
answers (tree tie-breaking, clipping eps, lbfgs stopping) are version
specific.
"""

import csv
import io
import json
import math
import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import scipy
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import (accuracy_score, average_precision_score,
                             balanced_accuracy_score, brier_score_loss,
                             cohen_kappa_score, confusion_matrix, log_loss,
                             matthews_corrcoef, mean_absolute_error,
                             mean_absolute_percentage_error,
                             mean_squared_error, precision_recall_curve,
                             precision_recall_fscore_support, r2_score,
                             roc_auc_score, roc_curve)
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

PINS = {"numpy": "2.2.6", "scipy": "1.15.3", "scikit-learn": "1.7.2"}
VERSIONS = {"numpy": np.__version__, "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__}

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "crates" / "engine" / "tests" / "fixtures"
OUT_METRICS = FIXTURES / "metrics"
OUT_MODELS = FIXTURES / "models"
DATA = ROOT / "crates" / "engine" / "data"

MISSING = {"", "na", "n/a", "nan", "null", "none"}
NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
WS = " \t\r\n\x0c"
MISSING_TOKENS = ["", "NA", "n/a", "NaN", "null", "None"]  # written in turn


# ---------------------------------------------------------------- CSV, kinds

def is_missing(v):
    return v.strip(WS).lower() in MISSING


def is_number(v):
    v = v.strip(WS)
    return bool(NUMBER.match(v)) and math.isfinite(float(v))


def kind_of(values):
    present = [v.strip(WS) for v in values if not is_missing(v)]
    if all(is_number(v) for v in present):
        return "numeric"
    if present and all(v.lower() in ("true", "false") for v in present):
        return "boolean"
    return "categorical"


def fnum(x):
    """The shortest text that reads back as the same float64."""
    x = float(x)
    assert math.isfinite(x)
    return repr(x)


def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header)
        w.writerow(r)
    return buf.getvalue()


def read_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    header, data = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in data)
    return header, data


def column(header, rows, name):
    j = header.index(name)
    return [r[j] for r in rows]


def write_text(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def write_json(path, obj):
    write_text(path, json.dumps(obj, indent=1, ensure_ascii=False,
                                allow_nan=False) + "\n")


def fl(x):
    """A JSON number, or None for NaN/inf (the spec's null)."""
    x = float(x)
    return x if math.isfinite(x) else None


def fl_list(a):
    return [fl(x) for x in np.asarray(a, dtype=np.float64).ravel()]


# ------------------------------------------------------------------- labels

def sort_labels(labels):
    labels = set(labels)
    if all(is_number(v) for v in labels):
        return sorted(labels, key=lambda v: (float(v), v.encode("utf-8")))
    return sorted(labels, key=lambda v: v.encode("utf-8"))


def default_positive(labels, given=None):
    if given is not None:
        return given
    if "1" in labels:
        return "1"
    for v in labels:
        if v.lower() in ("true", "yes"):
            return v
    return labels[-1]


# ------------------------------------------------------------------ metrics

class Recorder:
    """Collects the warnings scikit-learn gives inside a block."""

    def __enter__(self):
        self._cm = warnings.catch_warnings(record=True)
        self.caught = self._cm.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)

    def messages(self):
        return sorted({f"{w.category.__name__}: {w.message}" for w in self.caught})

    def zero_division(self):
        return any("ill-defined" in str(w.message) for w in self.caught)


def classification_metrics(y, pred=None, score=None, threshold=None,
                           positive=None):
    """The `mlops metrics` object (without "warnings") and the warning info."""
    y = np.array(y, dtype=object)
    if score is not None:
        labels = sort_labels(y)
        pos = default_positive(labels, positive)
        t = 0.5 if threshold is None else threshold
        others = [v for v in labels if v != pos]
        assert len(others) <= 1, "--score needs a binary target"
        s = np.array(score, dtype=np.float64)
        if not others:
            assert np.all(s >= t), "one class: keep every prediction positive"
        pred = np.array([pos if v >= t else others[0] for v in s], dtype=object)
    else:
        pred = np.array(pred, dtype=object)
        labels = sort_labels(set(y) | set(pred))
        pos = default_positive(labels, positive)
    binary = len(labels) == 2 or (score is not None and len(labels) <= 2)
    out = {"task": "binary" if binary else "multiclass", "rows": int(len(y)),
           "labels": labels, "positive": pos if binary else None}
    if score is not None:
        out["threshold"] = t
    with Recorder() as rec:
        acc = accuracy_score(y, pred)
        bacc = balanced_accuracy_score(y, pred)
        p, r, f, sup = precision_recall_fscore_support(y, pred, labels=labels,
                                                       average=None)
        avg = {}
        for a in ("macro", "micro", "weighted"):
            ap, ar, af, _ = precision_recall_fscore_support(
                y, pred, labels=labels, average=a)
            avg[a] = {"precision": fl(ap), "recall": fl(ar), "f1": fl(af)}
        mcc = matthews_corrcoef(y, pred)
        kappa = cohen_kappa_score(y, pred, labels=labels)
        cm = confusion_matrix(y, pred, labels=labels)
        if score is not None:
            yb = (y == pos).astype(np.int64)
            auc = roc_auc_score(yb, s)  # one class: nan and a warning
            ap_ = average_precision_score(yb, s)
            ll = log_loss(yb, s, labels=[0, 1])
            brier = brier_score_loss(y, s, pos_label=pos)
    out["accuracy"] = fl(acc)
    out["balanced_accuracy"] = fl(bacc)
    i = labels.index(pos)
    out["precision"] = fl(p[i]) if binary else None
    out["recall"] = fl(r[i]) if binary else None
    out["f1"] = fl(f[i]) if binary else None
    out.update(avg)
    out["per_class"] = [{"label": v, "precision": fl(p[k]), "recall": fl(r[k]),
                         "f1": fl(f[k]), "support": int(sup[k])}
                        for k, v in enumerate(labels)]
    out["mcc"] = fl(mcc)
    out["cohen_kappa"] = fl(kappa)
    out["confusion_matrix"] = [[int(c) for c in row] for row in cm]
    if score is not None:
        out["roc_auc"] = fl(auc)
        out["average_precision"] = fl(ap_)
        out["log_loss"] = fl(ll)
        out["brier"] = fl(brier)
    nulls = [k for k, v in out.items() if v is None
             and k not in ("positive", "precision", "recall", "f1")]
    count = int(rec.zero_division()) + int(bool(nulls))
    return out, count, rec.messages()


def regression_metrics(y, p):
    y = np.array([float(v) for v in y])
    p = np.array([float(v) for v in p])
    with Recorder() as rec:
        mse = mean_squared_error(y, p)
        out = {"task": "regression", "rows": int(len(y)),
               "mae": fl(mean_absolute_error(y, p)), "mse": fl(mse),
               "rmse": fl(math.sqrt(mse)), "r2": fl(r2_score(y, p)),
               "mape": fl(mean_absolute_percentage_error(y, p))}
    nulls = [k for k, v in out.items() if v is None]
    return out, int(bool(nulls)), rec.messages()


def curves(y, s, pos):
    yb = (np.array(y, dtype=object) == pos).astype(np.int64)
    s = np.array(s, dtype=np.float64)
    with Recorder():
        fpr, tpr, th = roc_curve(yb, s)
        pr, rc, pth = precision_recall_curve(yb, s)
    assert th[0] == np.inf
    out = {"roc": {"fpr": fl_list(fpr), "tpr": fl_list(tpr),
                   "thresholds": fl_list(th)},
           "pr": {"precision": fl_list(pr), "recall": fl_list(rc),
                  "thresholds": fl_list(pth)}}
    if s.min() >= 0 and s.max() <= 1:
        pt, pp = calibration_curve(yb, s, n_bins=10, strategy="uniform")
        out["calibration"] = {"prob_true": fl_list(pt), "prob_pred": fl_list(pp)}
    return out


def detect_regression(args, y, pred):
    if args["task"] is not None:
        return args["task"] == "regression"
    if pred is None or kind_of(y) != "numeric" or kind_of(pred) != "numeric":
        return False
    return len({float(v) for v in y if not is_missing(v)}) > 20


def metrics_case(text, args):
    header, rows = read_csv(text)
    y = column(header, rows, args["target"])
    pred = column(header, rows, args["pred"]) if args["pred"] else None
    score = ([float(v) for v in column(header, rows, args["score"])]
             if args["score"] else None)
    assert not any(is_missing(v) for v in y)
    if detect_regression(args, y, pred):
        expected, count, msgs = regression_metrics(y, pred)
        return {"args": args, "expected": expected,
                "warning_count_at_least": count, "sklearn_warnings": msgs}
    expected, count, msgs = classification_metrics(
        y, pred=pred, score=score, threshold=args["threshold"],
        positive=args["positive"])
    case = {"args": args, "expected": expected,
            "warning_count_at_least": count, "sklearn_warnings": msgs}
    if score is not None:
        case["curves"] = curves(y, score, expected["positive"])
    return case


def args(pred=None, score=None, threshold=None, positive=None, task=None):
    return {"target": "y", "pred": pred, "score": score,
            "threshold": threshold, "positive": positive, "task": task}


def expit(z):
    return 1.0 / (1.0 + np.exp(-z))


def metrics_inputs():
    """(name, csv text, args) for every metrics case."""
    cases = []

    # 1, 2: a noisy logistic model; ties from rounding; exact 0.5 and 0.3.
    rng = np.random.default_rng(1001)
    n = 400
    x = rng.normal(size=n)
    y = (rng.random(n) < expit(1.6 * x - 0.4)).astype(int)
    s = expit(1.6 * x - 0.4 + rng.normal(scale=0.9, size=n))
    tie = rng.random(n) < 0.35
    s[tie] = np.round(s[tie], 2)
    s[[3, 50, 97]] = 0.5
    s[[10, 200]] = 0.3
    text = csv_text(["id", "y", "s"],
                    [[str(i), str(y[i]), fnum(s[i])] for i in range(n)])
    cases.append(("binary_scores", text, args(score="s")))
    cases.append(("binary_scores_t03", text, args(score="s", threshold=0.3)))

    # 3: text labels, explicit positive and threshold.
    rng = np.random.default_rng(1003)
    n = 300
    mal = rng.random(n) < 0.37
    s = np.clip(np.where(mal, rng.beta(5, 2, n), rng.beta(2, 5, n)), 0, 1)
    s = np.round(s, 4)
    text = csv_text(["s", "y"], [[fnum(s[i]), "malignant" if mal[i] else "benign"]
                                 for i in range(n)])
    cases.append(("text_labels", text,
                  args(score="s", threshold=0.5, positive="malignant")))

    # 4: yes/no labels with a prediction column.
    rng = np.random.default_rng(1004)
    n = 250
    yy = rng.random(n) < 0.45
    flip = rng.random(n) < np.where(yy, 0.25, 0.12)
    pp = yy ^ flip
    yn = lambda b: "yes" if b else "no"
    text = csv_text(["y", "p"], [[yn(yy[i]), yn(pp[i])] for i in range(n)])
    cases.append(("yes_no", text, args(pred="p")))

    # 5: the positive class is never predicted.
    rng = np.random.default_rng(1005)
    n = 120
    yy = (rng.random(n) < 0.25).astype(int)
    text = csv_text(["y", "p"], [[str(yy[i]), "0"] for i in range(n)])
    cases.append(("zero_division", text, args(pred="p")))

    # 6: one class only; every score >= 0.5 so every prediction is "1"
    # (with one class there is no "other label" to predict below T).
    rng = np.random.default_rng(1006)
    n = 60
    s = rng.uniform(0.5, 1.0, n)
    s[::7] = np.round(s[::7], 2)
    s[[0, 30]] = 0.5
    text = csv_text(["y", "s"], [["1", fnum(s[i])] for i in range(n)])
    cases.append(("one_class", text, args(score="s")))

    # 7: exact 0 and 1 (and values beyond the clipping eps) for both classes.
    rng = np.random.default_rng(1007)
    n = 200
    yy = (rng.random(n) < 0.5).astype(int)
    s = np.clip(np.where(yy == 1, rng.beta(4, 2, n), rng.beta(2, 4, n)), 0, 1)
    extremes = [(1, 0.0), (0, 1.0), (1, 1.0), (0, 0.0), (1, 1e-20), (0, 1e-300),
                (0, 1 - 1e-17), (1, 1 - 1e-16), (1, 0.9999999999999999),
                (0, 2e-16), (1, 1.0), (0, 0.0)]
    for k, (yk, sk) in enumerate(extremes):
        yy[5 + 13 * k], s[5 + 13 * k] = yk, sk
    text = csv_text(["y", "s"], [[str(yy[i]), fnum(s[i])] for i in range(n)])
    cases.append(("scores_extreme", text, args(score="s")))

    # 8: three numeric labels, class 2 never predicted.
    rng = np.random.default_rng(1008)
    n = 300
    yy = rng.choice(3, size=n, p=[0.45, 0.35, 0.2])
    pp = np.where(rng.random(n) < 0.75, yy, rng.integers(0, 3, n))
    pp = np.where(pp == 2, rng.integers(0, 2, n), pp)
    text = csv_text(["id", "y", "p"],
                    [[str(i), str(yy[i]), str(pp[i])] for i in range(n)])
    cases.append(("multiclass", text, args(pred="p")))

    # 9: three text labels.
    rng = np.random.default_rng(1009)
    names = ["setosa", "versicolor", "virginica"]
    n = 150
    yy = np.repeat([0, 1, 2], 50)
    pp = yy.copy()
    confuse = (yy > 0) & (rng.random(n) < 0.12)
    pp[confuse] = 3 - yy[confuse]
    pp[rng.random(n) < 0.02] = 0
    text = csv_text(["y", "p"], [[names[yy[i]], names[pp[i]]] for i in range(n)])
    cases.append(("multiclass_text", text, args(pred="p")))

    # 10: 5000 rows, 2% positive.
    rng = np.random.default_rng(1010)
    n = 5000
    yy = np.zeros(n, dtype=int)
    yy[rng.choice(n, size=100, replace=False)] = 1
    s = np.where(yy == 1, rng.beta(3, 4, n), rng.beta(1, 9, n))
    s = np.round(s, 3)
    text = csv_text(["y", "s"], [[str(yy[i]), fnum(s[i])] for i in range(n)])
    cases.append(("imbalanced", text, args(score="s")))

    # 11: regression found from the data (numeric, > 20 distinct values).
    rng = np.random.default_rng(1011)
    n = 200
    x = rng.normal(size=n)
    yv = np.round(5.0 + 3.0 * x + rng.normal(scale=1.2, size=n), 3)
    yv[[7, 77]] = 0.0
    pv = 5.0 + 2.7 * x + rng.normal(scale=0.5, size=n)
    text = csv_text(["y", "p"], [[fnum(yv[i]), fnum(pv[i])] for i in range(n)])
    cases.append(("regression", text, args(pred="p")))

    # 12: few distinct values, regression by --task.
    rng = np.random.default_rng(1012)
    n = 40
    yv = rng.integers(1, 5, n)
    pv = yv + rng.normal(scale=0.6, size=n)
    text = csv_text(["y", "p"], [[str(yv[i]), fnum(pv[i])] for i in range(n)])
    cases.append(("regression_forced", text, args(pred="p", task="regression")))

    # 13: labels 1..10, numeric order puts "10" after "9".
    rng = np.random.default_rng(1013)
    n = 500
    yy = rng.integers(1, 11, n)
    pp = np.where(rng.random(n) < 0.6, yy, rng.integers(1, 11, n))
    text = csv_text(["y", "p"], [[str(yy[i]), str(pp[i])] for i in range(n)])
    cases.append(("ten_labels_numeric", text, args(pred="p")))

    # Extra cases for the positive-label rule.
    # 14: no "1", no true/yes: the last label ("spam") is positive.
    rng = np.random.default_rng(1014)
    n = 200
    spam = rng.random(n) < 0.4
    s = np.round(np.where(spam, rng.beta(4, 2, n), rng.beta(2, 4, n)), 3)
    text = csv_text(["y", "s"], [["spam" if spam[i] else "ham", fnum(s[i])]
                                 for i in range(n)])
    cases.append(("last_label", text, args(score="s")))

    # 15: "YES" sorts before "no" in byte order; the yes rule still picks it.
    rng = np.random.default_rng(1015)
    n = 150
    yy = rng.random(n) < 0.5
    pp = yy ^ (rng.random(n) < 0.2)
    yn = lambda b: "YES" if b else "no"
    text = csv_text(["y", "p"], [[yn(yy[i]), yn(pp[i])] for i in range(n)])
    cases.append(("yes_upper", text, args(pred="p")))

    # 16: numeric labels "2" and "10": numeric order, so "10" is last/positive.
    rng = np.random.default_rng(1016)
    n = 160
    ten = rng.random(n) < 0.4
    s = np.round(np.where(ten, rng.beta(4, 2, n), rng.beta(2, 4, n)), 3)
    text = csv_text(["y", "s"], [["10" if ten[i] else "2", fnum(s[i])]
                                 for i in range(n)])
    cases.append(("numeric_labels_last", text, args(score="s")))
    return cases


# ------------------------------------------------------------ preprocessing

def fit_preprocess(header, rows, features, scale):
    """Fits the spec's preprocessing on train rows; returns column specs."""
    cols, dropped = [], []
    for name in features:
        vals = column(header, rows, name)
        kind = kind_of(vals)
        col = {"name": name, "kind": kind}
        if kind == "numeric":
            present = [float(v.strip(WS)) for v in vals if not is_missing(v)]
            assert present, name
            impute = float(np.mean(present))
            x = np.array([impute if is_missing(v) else float(v.strip(WS))
                          for v in vals])
            col["impute"] = impute
            if scale:
                mean = float(np.mean(x))
                std = float(np.std(x))
                col["mean"] = mean
                col["scale"] = std if std > 0 else 1.0
        elif kind == "boolean":
            assert not any(is_missing(v) for v in vals), "no missing booleans"
        else:
            cats = sorted({cat_value(v) for v in vals},
                          key=lambda c: c.encode("utf-8"))
            if len(cats) > 100:
                dropped.append(name)
                continue
            col["categories"] = cats
        cols.append(col)
    return cols, dropped


def cat_value(v):
    return "" if is_missing(v) else v


def transform(header, rows, cols):
    parts = []
    for col in cols:
        vals = column(header, rows, col["name"])
        if col["kind"] == "numeric":
            x = np.array([col["impute"] if is_missing(v) else float(v.strip(WS))
                          for v in vals])
            if "mean" in col:
                x = (x - col["mean"]) / col["scale"]
            parts.append(x[:, None])
        elif col["kind"] == "boolean":
            assert kind_of(vals) == "boolean"
            parts.append(np.array([[1.0 if v.strip(WS).lower() == "true" else 0.0]
                                   for v in vals]))
        else:
            cats = col["categories"]
            m = np.zeros((len(vals), len(cats)))
            for i, v in enumerate(vals):
                c = cat_value(v)
                if c in cats:
                    m[i, cats.index(c)] = 1.0
            parts.append(m)
    return np.hstack(parts)


def sklearn_preprocess(header, train, test, cols, scale):
    """The same matrices from scikit-learn's transformers, for a cross-check."""
    def frame(rows):
        out = []
        for col in cols:
            vals = column(header, rows, col["name"])
            if col["kind"] == "numeric":
                out.append([np.nan if is_missing(v) else float(v) for v in vals])
            elif col["kind"] == "boolean":
                out.append([float(v.strip(WS).lower() == "true") for v in vals])
            else:
                out.append([cat_value(v) for v in vals])
        return np.array(out, dtype=object).T
    steps = []
    for k, col in enumerate(cols):
        if col["kind"] == "numeric":
            p = [("impute", SimpleImputer(strategy="mean"))]
            if scale:
                p.append(("scale", StandardScaler()))
            steps.append((f"c{k}", Pipeline(p), [k]))
        elif col["kind"] == "boolean":
            steps.append((f"c{k}", "passthrough", [k]))
        else:
            steps.append((f"c{k}", OneHotEncoder(handle_unknown="ignore",
                                                 sparse_output=False), [k]))
    ct = ColumnTransformer(steps, sparse_threshold=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown categories at transform
        a = ct.fit_transform(frame(train)).astype(np.float64)
        b = ct.transform(frame(test)).astype(np.float64)
    return a, b


# -------------------------------------------------------- tree tie checking

FEATURE_THRESHOLD = 1e-7   # sklearn/tree/_splitter.pyx
EPSILON = np.finfo(np.float64).eps


def impurity(y, regression, k):
    if regression:
        return float(np.var(y))
    c = np.bincount(y, minlength=k) / len(y)
    return float(1.0 - np.sum(c * c))


def candidates(X, y, min_leaf, regression, k):
    """Every valid split of a node as (gain, feature, position, threshold)."""
    n = len(y)
    parent = impurity(y, regression, k)
    out = []
    for f in range(X.shape[1]):
        order = np.argsort(X[:, f], kind="stable")
        xs, ys = X[order, f], y[order]
        pos = np.arange(1, n)
        ok = (xs[1:] > xs[:-1] + FEATURE_THRESHOLD) & (pos >= min_leaf) & \
             (n - pos >= min_leaf)
        if regression:
            yc = ys - ys.mean()
            s1, s2 = np.cumsum(yc)[:-1], np.cumsum(yc * yc)[:-1]
            t1, t2 = yc.sum(), (yc * yc).sum()
            nl, nr = pos, n - pos
            vl = s2 / nl - (s1 / nl) ** 2
            vr = (t2 - s2) / nr - ((t1 - s1) / nr) ** 2
            child = (nl * vl + nr * vr) / n
        else:
            oh = np.eye(k)[ys]
            cl = np.cumsum(oh, axis=0)[:-1]
            cr = oh.sum(axis=0) - cl
            nl, nr = pos[:, None], (n - pos)[:, None]
            gl = 1.0 - np.sum((cl / nl) ** 2, axis=1)
            gr = 1.0 - np.sum((cr / nr) ** 2, axis=1)
            child = (pos * gl + (n - pos) * gr) / n
        for p in np.nonzero(ok)[0] + 1:
            out.append((parent - child[p - 1], f, int(p),
                        xs[p - 1] / 2.0 + xs[p] / 2.0))
    return out, parent


def tree_is_unambiguous(est, Xtr, ytr, Xte, regression, max_depth, min_leaf):
    """True when no tie among splits can change a train or test prediction."""
    t = est.tree_
    k = 0 if regression else int(ytr.max()) + 1
    ptr = est.decision_path(Xtr).tocsc()
    pte = est.decision_path(Xte).tocsc()
    depth = {0: 0}
    for node in range(t.node_count):
        if t.children_left[node] != -1:
            depth[t.children_left[node]] = depth[node] + 1
            depth[t.children_right[node]] = depth[node] + 1
    for node in range(t.node_count):
        itr = ptr[:, node].nonzero()[0]
        ite = pte[:, node].nonzero()[0]
        cands, parent = candidates(Xtr[itr], ytr[itr], min_leaf, regression, k)
        if t.children_left[node] == -1:
            could_split = (depth[node] < max_depth and len(itr) >= 2 * min_leaf
                           and parent > EPSILON)
            assert not (could_split and cands), f"unexpected leaf at {node}"
            continue
        best = max(c[0] for c in cands)
        tol = 1e-9 * max(parent, 1e-300)
        near = [c for c in cands if c[0] >= best - tol]
        f, thr = t.feature[node], t.threshold[node]
        chosen = [c for c in near if c[1] == f and c[3] == thr]
        assert chosen, f"sklearn's split at node {node} is not a best split"
        if len(near) > 1:
            ref_tr = Xtr[itr, f] <= thr
            ref_te = Xte[ite, f] <= thr
            for _, g, _, th in near:
                if not (np.array_equal(Xtr[itr, g] <= th, ref_tr)
                        and np.array_equal(Xte[ite, g] <= th, ref_te)):
                    return False
        # no test value on a threshold, where <= versus < would matter
        assert not np.any(np.abs(Xte[:, f] - thr) < 1e-9)
    return True


# ------------------------------------------------------- logistic reference

def newton_logistic(X, Y, C, coef, intercept):
    """Polishes scikit-learn's lbfgs answer with Newton steps on the exact
    objective C * sum(-log p_true) + |W|^2 / 2 (intercepts unpenalized);
    returns the probabilities at the polished optimum and the gradient
    norm of scikit-learn's answer."""
    n, d = X.shape
    Xa = np.hstack([X, np.ones((n, 1))])
    binary = Y.shape[1] == 2
    if binary:
        w = np.concatenate([coef[0], intercept])
        pen = np.r_[np.ones(d), 0.0]
        y = Y[:, 1]

        def grad_hess(w):
            p = expit(Xa @ w)
            g = C * Xa.T @ (p - y) + pen * w
            h = C * (Xa.T * (p * (1 - p))) @ Xa + np.diag(pen)
            return g, h

        def proba(w):
            p = expit(Xa @ w)
            return np.column_stack([1 - p, p])
    else:
        K = Y.shape[1]
        w = np.hstack([coef, intercept[:, None]]).ravel()
        pen = np.tile(np.r_[np.ones(d), 0.0], K)

        def proba(w):
            z = Xa @ w.reshape(K, d + 1).T
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)

        def grad_hess(w):
            P = proba(w)
            g = (C * (P - Y).T @ Xa).ravel() + pen * w
            h = np.zeros((K * (d + 1), K * (d + 1)))
            for a in range(K):
                for b in range(K):
                    wts = P[:, a] * ((a == b) - P[:, b])
                    h[a*(d+1):(a+1)*(d+1), b*(d+1):(b+1)*(d+1)] = \
                        C * (Xa.T * wts) @ Xa
            return g, h + np.diag(pen)
    g0, _ = grad_hess(w)
    for _ in range(50):
        g, h = grad_hess(w)
        step = np.linalg.lstsq(h, g, rcond=None)[0]
        w = w - step
        if np.max(np.abs(step)) < 1e-15 * max(1.0, np.max(np.abs(w))):
            break
    return proba(w), float(np.max(np.abs(g0)))


# ------------------------------------------------------------------- models

def f32(a):
    """float32 values, kept as float64 (exact), for the tree cases."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def make_estimator(model, params, task):
    if model == "logistic":
        return LogisticRegression(C=params["C"], solver="lbfgs", tol=1e-12,
                                  max_iter=100000)
    if model == "naive-bayes":
        return GaussianNB(var_smoothing=params["var_smoothing"])
    if model == "tree" and task == "regression":
        return DecisionTreeRegressor(max_depth=params["max_depth"],
                                     min_samples_leaf=params["min_samples_leaf"],
                                     random_state=0)
    if model == "tree":
        return DecisionTreeClassifier(criterion="gini",
                                      max_depth=params["max_depth"],
                                      min_samples_leaf=params["min_samples_leaf"],
                                      random_state=0)
    if model == "majority":
        return DummyClassifier(strategy="most_frequent")
    if model == "mean":
        return DummyRegressor(strategy="mean")
    if model == "ridge":
        return Ridge(alpha=params["alpha"])
    raise ValueError(model)


def run_model(train_text, test_text, target, model, params):
    """Fits one model case; returns the case.json object, or None when a
    tree is ambiguous (ties that could change a prediction)."""
    header, train = read_csv(train_text)
    header2, test = read_csv(test_text)
    assert header == header2
    features = [h for h in header if h != target]
    ytr_s = column(header, train, target)
    yte_s = column(header, test, target)
    assert not any(is_missing(v) for v in ytr_s + yte_s)
    regression = (kind_of(ytr_s) == "numeric"
                  and len({float(v) for v in ytr_s}) > 20)
    scale = model in ("logistic", "naive-bayes", "ridge")
    cols, dropped = fit_preprocess(header, train, features, scale)
    for col in cols:   # the kinds would be the same on train + test
        assert kind_of(column(header, train + test, col["name"])) == col["kind"]
    Xtr = transform(header, train, cols)
    Xte = transform(header, test, cols)
    a, b = sklearn_preprocess(header, train, test, cols, scale)
    assert np.allclose(a, Xtr, rtol=1e-12, atol=1e-12)
    assert np.allclose(b, Xte, rtol=1e-12, atol=1e-12)

    case = {"target": target, "model": model, "params": params,
            "features": features}
    if regression:
        task = "regression"
        case["task"] = task
    else:
        labels = sort_labels(ytr_s)
        assert set(yte_s) <= set(labels) and set(yte_s) == set(labels)
        task = "binary" if len(labels) == 2 else "multiclass"
        case["task"] = task
        case["labels"] = labels
        if task == "binary":
            pos = default_positive(labels)
            case["positive"] = pos
    est = make_estimator(model, params, task)
    case["estimator"] = repr(est)
    case["columns"] = cols
    case["dropped"] = dropped
    case["warning_count_at_least"] = len(dropped)

    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        if regression:
            ytr = np.array([float(v) for v in ytr_s])
            est.fit(Xtr, ytr)
        else:
            ytr = np.array([labels.index(v) for v in ytr_s])
            est.fit(Xtr, np.array(ytr_s, dtype=object))

    if model == "tree":
        Xtr32 = Xtr.astype(np.float32).astype(np.float64)
        assert np.array_equal(Xtr32, Xtr), "tree features must be float32"
        for j in range(Xtr.shape[1]):
            # sklearn never splits between values closer than 1e-7
            if np.diff(np.sort(Xtr[:, j])).min() <= 10 * FEATURE_THRESHOLD:
                return None
        ok = tree_is_unambiguous(est, Xtr, ytr, Xte, regression,
                                 params["max_depth"], params["min_samples_leaf"])
        if not ok:
            return None

    expected = {}
    if regression:
        expected["train_prediction"] = fl_list(est.predict(Xtr))
        expected["test_prediction"] = fl_list(est.predict(Xte))
        for split, ys in (("train", ytr_s), ("test", yte_s)):
            m, _, _ = regression_metrics(ys, expected[f"{split}_prediction"])
            expected[f"{split}_metrics"] = m
        case["expected"] = expected
        return case

    if model == "logistic":
        # lbfgs stops on scikit-learn's fixed ftol (64 * eps relative change
        # of the loss) long before tol=1e-12 on the gradient, so its answer
        # is only good to ~1e-7. The written answers come from the same
        # model fitted by scikit-learn's newton-cholesky solver, checked
        # against an independent Newton polish of the exact objective.
        lbfgs = est
        est = LogisticRegression(C=params["C"], solver="newton-cholesky",
                                 tol=1e-14, max_iter=1000)
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            est.fit(Xtr, np.array(ytr_s, dtype=object))
        assert list(est.classes_) == list(lbfgs.classes_)
        # indicator matrix in scikit-learn's class order, as coef_ rows are
        Y = (np.array(ytr_s, dtype=object)[:, None]
             == est.classes_[None, :]).astype(np.float64)
        exact, _ = newton_logistic(Xtr, Y, params["C"], est.coef_,
                                   est.intercept_)
        _, grad = newton_logistic(Xtr, Y, params["C"], lbfgs.coef_,
                                  lbfgs.intercept_)
        d_exact = float(np.max(np.abs(exact - est.predict_proba(Xtr))))
        d_lbfgs = float(np.max(np.abs(lbfgs.predict_proba(Xtr)
                                      - est.predict_proba(Xtr))))
        assert d_exact < 1e-12 and d_lbfgs < 1e-5, (d_exact, d_lbfgs)
        case["estimator"] = repr(est)
        case["reference"] = {
            "lbfgs": repr(lbfgs),
            "lbfgs_iterations": int(np.max(lbfgs.n_iter_)),
            "lbfgs_max_abs_gradient": grad,
            "lbfgs_train_proba_max_abs_diff": d_lbfgs,
            "newton_polish_train_proba_max_abs_diff": d_exact}
    order = [list(est.classes_).index(v) for v in labels]
    probas = {"train": est.predict_proba(Xtr)[:, order],
              "test": est.predict_proba(Xte)[:, order]}
    ys_by = {"train": ytr_s, "test": yte_s}
    for split in ("train", "test"):
        P = probas[split]
        if task == "binary":
            s = P[:, labels.index(pos)]
            other = [v for v in labels if v != pos][0]
            expected[f"{split}_score"] = fl_list(s)
            expected[f"{split}_prediction"] = [pos if v >= 0.5 else other
                                               for v in s]
        else:
            expected[f"{split}_proba"] = [fl_list(row) for row in P]
            expected[f"{split}_prediction"] = [labels[int(np.argmax(row))]
                                               for row in P]
    for split in ("train", "test"):
        if task == "binary":
            m, _, _ = classification_metrics(ys_by[split],
                                             score=expected[f"{split}_score"],
                                             positive=pos)
        else:
            m, _, _ = classification_metrics(
                ys_by[split], pred=expected[f"{split}_prediction"])
        expected[f"{split}_metrics"] = m
    case["expected"] = expected
    return case


def missing_token(i):
    return MISSING_TOKENS[i % len(MISSING_TOKENS)]


def table(columns, n):
    """Rows of strings from {name: list of strings} in the given order."""
    names = list(columns)
    return names, [[columns[c][i] for c in names] for i in range(n)]


def split_rows(header, rows, n_train):
    return csv_text(header, rows[:n_train]), csv_text(header, rows[n_train:])


def gen_logistic_binary(rng):
    ntr, nte = 400, 150
    n = ntr + nte
    X = rng.normal(size=(n, 5)) * [1.0, 2.0, 0.5, 3.0, 1.0] + [0, 1, -1, 5, 0]
    color = rng.choice(["red", "green", "blue", ""], size=n,
                       p=[.35, .3, .25, .1]).astype(object)
    color[ntr + rng.choice(nte, size=12, replace=False)] = "purple"  # unseen
    effect = {"red": 0.8, "green": -0.5, "blue": 0.0, "": 0.3, "purple": 0.0}
    z = (1.2 * X[:, 0] - 0.6 * X[:, 1] + 0.9 * X[:, 2] + 0.15 * X[:, 3]
         + np.array([effect[c] for c in color]) - 0.9)
    y = (rng.random(n) < expit(z)).astype(int)
    miss = rng.random(n) < 0.08
    cols = {
        "a": [fnum(v) for v in X[:, 0]],
        "b": [missing_token(i) if miss[i] else fnum(X[i, 1]) for i in range(n)],
        "color": [c if c else missing_token(i) for i, c in enumerate(color)],
        "c": [fnum(v) for v in X[:, 2]],
        "d": [fnum(v) for v in X[:, 3]],
        "e": [fnum(v) for v in X[:, 4]],
        "y": [str(v) for v in y],
    }
    return split_rows(*table(cols, n), ntr)


def gen_logistic_c01(rng):
    ntr, nte = 300, 120
    n = ntr + nte
    X = rng.normal(size=(n, 4)) * [1.0, 4.0, 0.2, 1.0]
    kind = rng.choice(["a", "b", "c"], size=n)
    z = X[:, 0] + 0.3 * X[:, 1] + 4 * X[:, 2] + (kind == "b") * 1.0 - 0.2
    y = rng.random(n) < expit(z)
    cols = {"y": ["yes" if v else "no" for v in y],
            "x1": [fnum(v) for v in X[:, 0]], "x2": [fnum(v) for v in X[:, 1]],
            "kind": list(kind),
            "x3": [fnum(v) for v in X[:, 2]], "x4": [fnum(v) for v in X[:, 3]]}
    return split_rows(*table(cols, n), ntr)


def gen_logistic_multiclass(rng):
    ntr, nte = 300, 120
    n = ntr + nte
    names = ["low", "mid", "high"]
    X = rng.normal(size=(n, 4))
    W = np.array([[1.5, -1.0, 0.2, 0.0], [0.0, 0.8, -0.7, 0.5],
                  [-1.2, 0.3, 0.9, -0.4]])
    z = X @ W.T + [0.2, 0.0, -0.1]
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    y = np.array([rng.choice(3, p=row) for row in p])
    cols = {f"f{j}": [fnum(v) for v in X[:, j]] for j in range(4)}
    cols["y"] = [names[v] for v in y]
    return split_rows(*table(cols, n), ntr)


def gen_logistic_constant(rng):
    ntr, nte = 250, 100
    n = ntr + nte
    X = rng.normal(size=(n, 3))
    flag = rng.random(n) < 0.4
    z = X[:, 0] - X[:, 1] + 1.5 * flag - 0.5
    y = (rng.random(n) < expit(z)).astype(int)
    spell = {True: ["true", "True", "TRUE"], False: ["false", "False", "FALSE"]}
    cols = {"x1": [fnum(v) for v in X[:, 0]],
            "k": ["7.0"] * n,
            "flag": [spell[bool(f)][i % 3] for i, f in enumerate(flag)],
            "x2": [fnum(v) for v in X[:, 1]], "x3": [fnum(v) for v in X[:, 2]],
            "y": [str(v) for v in y]}
    return split_rows(*table(cols, n), ntr)


def gen_logistic_many_categories(rng):
    ntr, nte = 300, 100
    n = ntr + nte
    X = rng.normal(size=(n, 2))
    code = [f"C{int(v):04d}" for v in rng.integers(0, 400, n)]
    shade = rng.choice(["dark", "light"], size=n)
    z = X[:, 0] + 0.5 * X[:, 1] + (shade == "dark") * 0.7 - 0.3
    y = (rng.random(n) < expit(z)).astype(int)
    cols = {"code": code, "x1": [fnum(v) for v in X[:, 0]],
            "shade": list(shade), "x2": [fnum(v) for v in X[:, 1]],
            "y": [str(v) for v in y]}
    return split_rows(*table(cols, n), ntr)


def gen_nb_binary(rng):
    ntr, nte = 300, 120
    n = ntr + nte
    y = rng.random(n) < 0.4
    X = rng.normal(size=(n, 4))
    X[:, 0] += 1.2 * y
    X[:, 1] *= np.where(y, 2.0, 1.0)
    X[:, 2] -= 0.7 * y
    flag = rng.random(n) < np.where(y, 0.7, 0.3)
    cols = {"x1": [fnum(v) for v in X[:, 0]], "x2": [fnum(v) for v in X[:, 1]],
            "flag": ["true" if f else "false" for f in flag],
            "x3": [fnum(v) for v in X[:, 2]], "x4": [fnum(v) for v in X[:, 3]],
            "y": ["1" if v else "0" for v in y]}
    return split_rows(*table(cols, n), ntr)


def gen_nb_multiclass(rng):
    ntr, nte = 300, 120
    n = ntr + nte
    y = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    means = np.array([[0, 0, 0, 0], [1.5, -1, 0.5, 0], [-1, 1.5, 1, 0.5]])
    sds = np.array([[1, 1, 1, 1], [0.7, 1.3, 1, 2], [1.5, 0.6, 1, 1]])
    X = rng.normal(size=(n, 4)) * sds[y] + means[y]
    cols = {f"m{j}": [fnum(v) for v in X[:, j]] for j in range(4)}
    cols["y"] = [str(v) for v in y]
    return split_rows(*table(cols, n), ntr)


def gen_tree_binary(rng, ntr=400, nte=150):
    n = ntr + nte
    X = f32(rng.uniform(-2, 2, size=(n, 4)))
    z = np.where(X[:, 0] > 0.3, 1.5 * X[:, 1], -1.0 + X[:, 2] ** 2) - 0.2
    y = (rng.random(n) < expit(2.0 * z)).astype(int)
    cols = {f"t{j}": [fnum(v) for v in X[:, j]] for j in range(4)}
    cols["y"] = [str(v) for v in y]
    return split_rows(*table(cols, n), ntr)


def gen_tree_multiclass(rng):
    ntr, nte = 400, 150
    n = ntr + nte
    names = ["cat", "dog", "fish"]
    X = f32(rng.normal(size=(n, 4)))
    y = np.where(X[:, 0] + 0.3 * rng.normal(size=n) > 0.5, 2,
                 np.where(X[:, 1] + 0.3 * rng.normal(size=n) > 0, 1, 0))
    cols = {f"g{j}": [fnum(v) for v in X[:, j]] for j in range(4)}
    cols["y"] = [names[v] for v in y]
    return split_rows(*table(cols, n), ntr)


def gen_majority_binary(rng):
    ntr, nte = 200, 80
    n = ntr + nte
    y = rng.random(n) < 0.62
    X = rng.normal(size=(n, 2))
    grp = rng.choice(["u", "v"], size=n)
    cols = {"x1": [fnum(v) for v in X[:, 0]], "grp": list(grp),
            "x2": [fnum(v) for v in X[:, 1]],
            "y": ["yes" if v else "no" for v in y]}
    return split_rows(*table(cols, n), ntr)


def gen_regression(rng, tree=False):
    ntr, nte = 400, 150
    n = ntr + nte
    X = rng.normal(size=(n, 3))
    if tree:
        X = f32(X)
        y = np.where(X[:, 0] > 0, 3.0 * X[:, 1], np.sin(2 * X[:, 2]) * 4) + \
            rng.normal(scale=0.5, size=n)
    else:
        y = 10 + 2.0 * X[:, 0] - 1.5 * X[:, 1] + rng.normal(scale=1.0, size=n)
    cols = {f"r{j}": [fnum(v) for v in X[:, j]] for j in range(3)}
    cols["y"] = [fnum(v) for v in y]
    return split_rows(*table(cols, n), ntr)


def gen_ridge_regression(rng):
    ntr, nte = 400, 150
    n = ntr + nte
    X = rng.normal(size=(n, 3)) * [1, 10, 0.1]
    site = rng.choice(["north", "south", "east", ""], size=n, p=[.4, .3, .2, .1])
    effect = {"north": 2.0, "south": -1.0, "east": 0.5, "": 0.0}
    y = (3 + 1.5 * X[:, 0] + 0.2 * X[:, 1] + 10 * X[:, 2]
         + np.array([effect[s] for s in site]) + rng.normal(scale=0.8, size=n))
    miss = rng.random(n) < 0.07
    cols = {"y": [fnum(v) for v in y],
            "r0": [fnum(v) for v in X[:, 0]],
            "site": [s if s else missing_token(i + 1) for i, s in enumerate(site)],
            "r1": [missing_token(i) if miss[i] else fnum(X[i, 1])
                   for i in range(n)],
            "r2": [fnum(v) for v in X[:, 2]]}
    return split_rows(*table(cols, n), ntr)


def breast_cancer():
    text = (DATA / "sample-breast-cancer.csv").read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    assert lines[-1] == "" and "\r" not in text and '"' not in text
    header, body = lines[0], lines[1:-1]
    perm = np.random.default_rng(20240701).permutation(len(body))
    ntr = round(0.7 * len(body))
    train = sorted(perm[:ntr].tolist())
    test = sorted(perm[ntr:].tolist())
    return ("\n".join([header] + [body[i] for i in train]) + "\n",
            "\n".join([header] + [body[i] for i in test]) + "\n")


LOGISTIC = {"C": 1.0}
TREE = {"max_depth": 5, "min_samples_leaf": 1}


def model_cases():
    """(name, target, model, params, generator(rng) or None for the
    breast-cancer sample, base seed)."""
    return [
        ("logistic_binary", "y", "logistic", LOGISTIC, gen_logistic_binary, 2001),
        ("logistic_multiclass", "y", "logistic", LOGISTIC,
         gen_logistic_multiclass, 2002),
        ("logistic_c01", "y", "logistic", {"C": 0.1}, gen_logistic_c01, 2003),
        ("logistic_constant", "y", "logistic", LOGISTIC,
         gen_logistic_constant, 2004),
        ("logistic_many_categories", "y", "logistic", LOGISTIC,
         gen_logistic_many_categories, 2005),
        ("nb_binary", "y", "naive-bayes", {"var_smoothing": 1e-9},
         gen_nb_binary, 2006),
        ("nb_multiclass", "y", "naive-bayes", {"var_smoothing": 1e-9},
         gen_nb_multiclass, 2007),
        ("tree_binary", "y", "tree", TREE, gen_tree_binary, 2800),
        ("tree_leaf5", "y", "tree", {"max_depth": 5, "min_samples_leaf": 5},
         gen_tree_binary, 2900),
        ("tree_multiclass", "y", "tree", TREE, gen_tree_multiclass, 3000),
        ("majority_binary", "y", "majority", {}, gen_majority_binary, 2011),
        ("mean_regression", "y", "mean", {}, gen_regression, 2012),
        ("ridge_regression", "y", "ridge", {"alpha": 1.0},
         gen_ridge_regression, 2013),
        ("tree_regression", "y", "tree", TREE,
         lambda rng: gen_regression(rng, tree=True), 3100),
        ("breast_cancer_logistic", "diagnosis", "logistic", LOGISTIC,
         None, 20240701),
    ]


# --------------------------------------------------------------------- main

def main():
    if VERSIONS != PINS:
        raise SystemExit(f"want {PINS}, have {VERSIONS}: "
                         "run scripts/python-env.sh")
    for out in (OUT_METRICS, OUT_MODELS):
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)

    for name, text, a in metrics_inputs():
        write_text(OUT_METRICS / f"{name}.csv", text)
        case = metrics_case((OUT_METRICS / f"{name}.csv").read_text("utf-8"), a)
        write_json(OUT_METRICS / f"{name}.json", case)
        e = case["expected"]
        print(f"metrics/{name}: {e['task']}, {e['rows']} rows, "
              f"warnings >= {case['warning_count_at_least']}")

    for name, target, model, params, gen, seed in model_cases():
        for tries in range(100):
            if gen is None:
                train_text, test_text = breast_cancer()
            else:
                train_text, test_text = gen(np.random.default_rng(seed + tries))
            case = run_model(train_text, test_text, target, model, params)
            if case is not None:
                break
            assert gen is not None
        else:
            raise SystemExit(f"{name}: no unambiguous tree in 100 seeds")
        case["data_seed"] = seed + tries
        d = OUT_MODELS / name
        write_text(d / "train.csv", train_text)
        write_text(d / "test.csv", test_text)
        write_json(d / "case.json", case)
        m = case["expected"]["test_metrics"]
        key = "r2" if case["task"] == "regression" else "accuracy"
        print(f"models/{name}: {case['task']}, seed {seed + tries} "
              f"(after {tries} ambiguous), test {key} {m[key]:.4f}")
    print("versions:", ", ".join(f"{k} {v}" for k, v in VERSIONS.items()))


if __name__ == "__main__":
    main()

"""Baseline of FairnessReportBenchmark: a plain pandas groupby building the same table (docs/benchmarks.md).

1,000,000 rows, two sensitive string columns (sex: 2 levels, race: 5 levels), binary label/prediction and a score.
Times (best of 5, data already in memory):
  table: count, selection rate, TPR, FPR, TNR, FNR, accuracy, mean prediction by group + overall, min/max/difference/
         ratio and the parity measures (what "group table + parity (no score)" computes);
  with scores: the same plus AUC (scikit-learn roc_auc_score per group) and log loss.
Run: /usr/bin/python3 tests/MLNetExtensions.Benchmarks/python/fairness_groupby_baseline.py
"""
import time

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

N = 1_000_000
rng = np.random.default_rng(3)
s = rng.integers(0, 2, N)
r = rng.integers(0, 5, N)
score = 1 / (1 + np.exp(-(2 * rng.uniform(size=N) - 1 + 0.3 * s - 0.1 * r)))
df = pd.DataFrame({
    "sex": np.array(["F", "M"], dtype=object)[s],
    "race": np.array(list("ABCDE"), dtype=object)[r],
    "label": (rng.uniform(size=N) < score).astype(np.int64),
    "pred": (score > 0.5).astype(np.int64),
    "score": score,
})


def table(d, with_scores):
    y, p = d["label"].to_numpy(), d["pred"].to_numpy()
    cells = d.assign(tp=(y & p), fp=((1 - y) & p), tn=((1 - y) & (1 - p)), fn=(y & (1 - p)))
    aggs = dict(count=("label", "size"), tp=("tp", "sum"), fp=("fp", "sum"), tn=("tn", "sum"), fn=("fn", "sum"),
                selection_rate=("pred", "mean"), mean_prediction=("pred", "mean"))
    if with_scores:
        q = np.clip(d["score"].to_numpy(), 1e-15, 1 - 1e-15)
        cells = cells.assign(ll=-(y * np.log(q) + (1 - y) * np.log(1 - q)))
        aggs.update(mean_prediction=("score", "mean"), log_loss=("ll", "mean"))
    g = cells.groupby(["sex", "race"], sort=True)
    t = g.agg(**aggs)
    t["tpr"] = t.tp / (t.tp + t.fn)
    t["fnr"] = t.fn / (t.tp + t.fn)
    t["fpr"] = t.fp / (t.fp + t.tn)
    t["tnr"] = t.tn / (t.fp + t.tn)
    t["accuracy"] = (t.tp + t.tn) / t["count"]
    cols = ["selection_rate", "tpr", "fpr", "tnr", "fnr", "accuracy", "mean_prediction"]
    if with_scores:
        t["auc"] = g.apply(lambda x: roc_auc_score(x["label"], x["score"]))
        cols += ["auc", "log_loss"]
    summary = pd.DataFrame({"min": t[cols].min(), "max": t[cols].max()})
    summary["difference"] = summary["max"] - summary["min"]
    summary["ratio"] = summary["min"] / summary["max"]
    eo = max(summary.loc["tpr", "difference"], summary.loc["fpr", "difference"])
    return t, summary, eo


for with_scores in (False, True):
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        t, summary, eo = table(df, with_scores)
        times.append(time.perf_counter() - t0)
    print(f"pandas groupby table{' + AUC + log loss' if with_scores else ''}: best {min(times):.3f} s, "
          f"median {sorted(times)[2]:.3f} s (DP difference {summary.loc['selection_rate', 'difference']:.4f}, EO {eo:.4f})")

# The same with categorical dtype (cheaper grouping) for reference.
dfc = df.assign(sex=df["sex"].astype("category"), race=df["race"].astype("category"))
times = []
for _ in range(5):
    t0 = time.perf_counter()
    table(dfc, False)
    times.append(time.perf_counter() - t0)
print(f"pandas groupby table, category dtype: best {min(times):.3f} s")

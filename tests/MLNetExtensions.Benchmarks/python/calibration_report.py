"""Baseline for `mlnetx calibration`: pandas.read_csv + numpy/scikit-learn computing the same report.

Usage:
  python3 calibration_report.py generate FILE.csv [ROWS]   # write a binary prediction file (seed 0)
  python3 calibration_report.py report FILE.csv            # time read + report, print JSON

The report follows docs/calibration.md's definitions: 15 equal-width bins, [a, b) with the last bin closed
(netcal / torchmetrics), ECE/MCE/ACE/RMSCE on the positive-class probability, Brier with Murphy's
decomposition over the same bins, KS (Gupta et al. 2021), log loss (clip 1e-15), accuracy at 0.5, AUC.
Smooth ECE is left out here (no maintained Python implementation on this machine), so the baseline does
slightly less work than mlnetx. Needs Debian's python3-pandas and python3-sklearn.
"""
import json
import sys
import time

import numpy as np


def generate(path, rows):
    rng = np.random.default_rng(0)
    true_p = 1.0 / (1.0 + np.exp(-rng.normal(0.0, 1.5, rows)))
    y = (rng.random(rows) < true_p).astype(np.int8)
    p = 1.0 / (1.0 + np.exp(-2.0 * np.log(true_p / (1.0 - true_p))))  # over-confident: logit doubled
    with open(path, "w") as f:
        f.write("label,probability\n")
        np.savetxt(f, np.column_stack([y, p]), fmt=["%d", "%.6f"], delimiter=",")


def report(path, bins=15):
    import pandas as pd
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    start = time.perf_counter()
    frame = pd.read_csv(path, usecols=["label", "probability"])
    y = frame["label"].to_numpy(dtype=np.float64)
    p = frame["probability"].to_numpy(dtype=np.float64)
    read_s = time.perf_counter() - start
    if np.isnan(p).any() or (p < 0).any() or (p > 1).any():
        raise ValueError("probability out of [0, 1]")

    index = np.minimum((p * bins).astype(np.int64), bins - 1)  # [a, b), last bin closed
    count = np.bincount(index, minlength=bins).astype(np.float64)
    sum_p = np.bincount(index, weights=p, minlength=bins)
    sum_y = np.bincount(index, weights=y, minlength=bins)
    nonempty = count > 0
    conf = sum_p[nonempty] / count[nonempty]
    freq = sum_y[nonempty] / count[nonempty]
    weight = count[nonempty] / len(p)
    gap = np.abs(conf - freq)
    base_rate = y.mean()
    order = np.argsort(p, kind="stable")
    ks = np.max(np.abs(np.cumsum(p[order] - y[order]) / len(p)))
    result = {
        "n": int(len(p)),
        "brier": float(brier_score_loss(y, p)),
        "brier_reliability": float(np.sum(weight * (conf - freq) ** 2)),
        "brier_resolution": float(np.sum(weight * (freq - base_rate) ** 2)),
        "brier_uncertainty": float(base_rate * (1 - base_rate)),
        "ece": float(np.sum(weight * gap)),
        "mce": float(gap.max()),
        "ace": float(gap.mean()),
        "rmsce": float(np.sqrt(np.sum(weight * gap ** 2))),
        "ks": float(ks),
        "log_loss": float(log_loss(y, np.clip(p, 1e-15, 1 - 1e-15), labels=[0, 1])),
        "accuracy": float(np.mean((p >= 0.5) == (y == 1))),
        "auc": float(roc_auc_score(y, p)),
    }
    total_s = time.perf_counter() - start
    result["read_seconds"] = round(read_s, 3)
    result["total_seconds"] = round(total_s, 3)
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 2_000_000)
    else:
        report(sys.argv[2])

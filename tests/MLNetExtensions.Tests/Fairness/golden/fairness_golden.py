"""Golden values for tests/MLNetExtensions.Tests/Fairness (run with /usr/bin/python3: numpy, scipy, scikit-learn).

Independent of the C# code: group metrics with scikit-learn, KDE/JSD with numpy (checked against
scipy.stats.gaussian_kde), distance statistics with full n x n matrices exactly as the spec writes them
(the dcor package's u_distance_covariance_sqr / distance_covariance_sqr definitions; dcor is not installed here).
Prints the data (as C# literals) and the values the tests assert. Not run by the build or the tests.
"""
import numpy as np
from scipy.stats import gaussian_kde
from sklearn.metrics import roc_auc_score, log_loss, accuracy_score, recall_score, mean_absolute_error, mean_squared_error


def cs(name, arr):
    if arr.dtype.kind in "iu":
        body = ", ".join(str(int(v)) for v in arr)
        return f"{name} = {{ {body} }};"
    if arr.dtype.kind in "U":
        body = ", ".join(f'"{v}"' for v in arr)
        return f"{name} = {{ {body} }};"
    body = ", ".join(repr(float(v)) for v in arr)
    return f"{name} = {{ {body} }};"


def dist(x):
    x = x.reshape(len(x), -1)
    return np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))


def ucenter(a):
    n = len(a)
    r = a.sum(1)
    t = a.sum()
    u = a - r[:, None] / (n - 2) - r[None, :] / (n - 2) + t / ((n - 1) * (n - 2))
    np.fill_diagonal(u, 0)
    return u


def vcenter(a):
    return a - a.mean(1)[:, None] - a.mean(0)[None, :] + a.mean()


def dcov_u(x, y):
    n = len(x)
    return (ucenter(dist(x)) * ucenter(dist(y))).sum() / (n * (n - 3))


def dcov_v(x, y):
    return (vcenter(dist(x)) * vcenter(dist(y))).mean()


def dcor(f, x, y):
    return f(x, y) / np.sqrt(f(x, x) * f(y, y))


def jdcov(variables, c=1.0):
    n = len(variables[0])
    prod = np.ones((n, n))
    for v in variables:
        prod *= (-ucenter(dist(v)) + c)
    return prod.sum() / (n * (n - 3)) - c ** len(variables) * n / (n - 3)


def silverman(v):
    if len(v) < 2 or np.std(v, ddof=1) == 0:
        return None
    return np.std(v, ddof=1) * (3 * len(v) / 4) ** -0.2


def jsd(out, groups, grid_points=1000, bandwidth=None):
    grid = np.linspace(out.min(), out.max(), grid_points)
    overall_h = bandwidth or silverman(out)
    n = len(out)
    mix = np.zeros(grid_points)
    within = 0.0
    for g in sorted(set(groups)):
        v = out[groups == g]
        h = bandwidth or silverman(v) or overall_h
        f = np.exp(-0.5 * ((grid[:, None] - v[None, :]) / h) ** 2).sum(1)
        p = f / f.sum()
        if bandwidth is None and silverman(v) is not None:
            k = gaussian_kde(v, bw_method="silverman").evaluate(grid)
            assert np.allclose(p, k / k.sum(), rtol=1e-10, atol=1e-14)
        pi = len(v) / n
        mix += pi * p
        within += pi * -(p[p > 0] * np.log2(p[p > 0])).sum()
    return -(mix[mix > 0] * np.log2(mix[mix > 0])).sum() - within


def uf(out, groups):
    between = sum((groups == g).mean() * (out[groups == g].mean() - out.mean()) ** 2 for g in set(groups))
    return between / out.var()


def onehot(codes):
    levels = sorted(set(codes))
    return np.array([[1.0 if c == l else 0.0 for l in levels] for c in codes])


def scale(v):
    return (v - v.min()) / (v.max() - v.min())


# ---------------- binary classification data set ----------------
rng = np.random.default_rng(7)
n = 40
sex = rng.choice(["F", "M"], n)
race = rng.choice(["A", "B", "C"], n, p=[0.5, 0.3, 0.2])
race[(sex == "M") & (race == "C")] = "B"
sex[39], race[39] = "M", "C"  # a single-member group
age = np.round(rng.uniform(18, 80, n), 1)
score = np.clip(np.round(rng.uniform(0.05, 0.95, n) + 0.1 * (sex == "M"), 1), 0.1, 0.9)  # ties on purpose
label = (rng.uniform(size=n) < score).astype(int)
label[(sex == "F") & (race == "C")] = 1  # a group with positives only: FPR and TNR undefined
label[39] = 0
pred = (score >= 0.5).astype(int)
print("// binary data set")
for name, arr in [("Sex", sex), ("Race", race), ("Age", age), ("Score", score), ("Label", label), ("Prediction", pred)]:
    print(cs(f"private static readonly {'string' if arr.dtype.kind == 'U' else 'double'}[] {name}", arr))

groups = np.array([f"sex={s}, race={r}" for s, r in zip(sex, race)])
metrics = {}
for g in sorted(set(groups)):
    m = groups == g
    y, p, s = label[m], pred[m], score[m]
    pos, neg = (y == 1).sum(), (y == 0).sum()
    row = dict(count=int(m.sum()), selection_rate=p.mean(),
               tpr=recall_score(y, p, zero_division=0) if pos else np.nan,
               fnr=1 - recall_score(y, p, zero_division=0) if pos else np.nan,
               fpr=((p == 1) & (y == 0)).sum() / neg if neg else np.nan,
               tnr=((p == 0) & (y == 0)).sum() / neg if neg else np.nan,
               accuracy=accuracy_score(y, p),
               auc=roc_auc_score(y, s) if pos and neg else np.nan,
               log_loss=log_loss(y, s, labels=[0, 1]),
               mean_prediction=s.mean())
    metrics[g] = row
    print(g, {k: (repr(float(v)) if not isinstance(v, int) else v) for k, v in row.items()})
overall = dict(selection_rate=pred.mean(), tpr=recall_score(label, pred), accuracy=accuracy_score(label, pred),
               auc=roc_auc_score(label, score), log_loss=log_loss(label, score), mean_prediction=score.mean(),
               fpr=((pred == 1) & (label == 0)).sum() / (label == 0).sum())
print("overall", {k: repr(float(v)) for k, v in overall.items()})


def agg(name):
    vals = np.array([metrics[g][name] for g in metrics])
    vals = vals[~np.isnan(vals)]
    return vals.max() - vals.min(), vals.min() / vals.max()


for name in ["selection_rate", "tpr", "fpr", "auc", "log_loss"]:
    print(name, "difference, ratio", [repr(float(v)) for v in agg(name)])
tprd, tprr = agg("tpr")
fprd, fprr = agg("fpr")
print("equalized odds worst", repr(max(tprd, fprd)), repr(min(tprr, fprr)), "mean", repr((tprd + fprd) / 2), repr((tprr + fprr) / 2))
sr = np.array([metrics[g]["selection_rate"] for g in metrics])
print("selection_rate difference_to_overall", repr(float(np.abs(sr - overall["selection_rate"]).max())),
      "ratio_to_overall", repr(float(np.minimum(sr / overall["selection_rate"], overall["selection_rate"] / sr).min())))
print("jsd", repr(jsd(score, groups)), "jsd fixed 0.15", repr(jsd(score, groups, bandwidth=0.15)))
print("uf", repr(uf(score, groups)))
sex01 = (sex == sex[0]).astype(float)  # which level is 0 does not change any distance
race1h = onehot(race)
agez = scale(age)
joint = np.column_stack([sex01, race1h, agez])
print("ccdcov U", repr(dcov_u(score, joint)), "V", repr(dcov_v(score, joint)))
print("dcor U", repr(dcor(dcov_u, score, joint)), "V", repr(dcor(dcov_v, score, joint)))
for nm, z in [("sex", sex01), ("race", race1h), ("age", agez)]:
    print("dcov", nm, "U", repr(dcov_u(score, z)), "V", repr(dcov_v(score, z)), "dcorU", repr(dcor(dcov_u, score, z)), "dcorV", repr(dcor(dcov_v, score, z)))
print("jdcov", repr(jdcov([score, sex01, race1h, agez])))
print("age raw dcov U", repr(dcov_u(score, age)), "V", repr(dcov_v(score, age)), "dcorV", repr(dcor(dcov_v, score, age)))

# ---------------- regression data set ----------------
rng = np.random.default_rng(11)
n = 30
region = rng.choice(["north", "south", "east"], n)
income = np.round(rng.uniform(10, 100, n), 2)
ylab = np.round(rng.normal(5, 2, n) + 0.05 * income, 3)
yhat = np.round(ylab + rng.normal(0.5 * (region == "south"), 1, n), 3)
print("// regression data set")
for name, arr in [("Region", region), ("Income", income), ("Target", ylab), ("Predicted", yhat)]:
    print(cs(f"private static readonly {'string' if arr.dtype.kind == 'U' else 'double'}[] {name}", arr))
for g in sorted(set(region)):
    m = region == g
    print(g, int(m.sum()), "mae", repr(mean_absolute_error(ylab[m], yhat[m])), "mse", repr(mean_squared_error(ylab[m], yhat[m])), "mean", repr(yhat[m].mean()))
print("overall mae", repr(mean_absolute_error(ylab, yhat)), "mse", repr(mean_squared_error(ylab, yhat)))
print("jsd", repr(jsd(yhat, region)), "uf", repr(uf(yhat, region)))
jr = np.column_stack([onehot(region), scale(income)])
print("ccdcov U", repr(dcov_u(yhat, jr)), "dcor U", repr(dcor(dcov_u, yhat, jr)), "jdcov", repr(jdcov([yhat, onehot(region), scale(income)])))

# ---------------- a larger set without random numbers (same doubles in C#): binned KDE vs exact ----------------
i = np.arange(3000)
g3 = i % 3
u = (i * 0.6180339887498949) % 1.0
out3 = u ** (1.0 + g3)
print("formula set: jsd exact", repr(jsd(out3, g3)), "uf", repr(uf(out3, g3)))

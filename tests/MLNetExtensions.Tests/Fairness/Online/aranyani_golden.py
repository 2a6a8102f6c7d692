# Golden values for the Aranyani tests (run: /usr/bin/python3 aranyani_golden.py; numpy 1.24). Not used by the build.
import numpy as np
np.set_printoptions(precision=17)
sig = lambda z: 1 / (1 + np.exp(-z))

# 1. One soft oblique tree of depth 2 (heap order: root 0, children 1 and 2), d = 2.
W = np.array([[1, -1], [0.5, 0.5], [-2, 1]]); b = np.array([0.5, -1, 0])
theta = np.array([[0.2, 1.0], [1.5, -0.5], [0, 0.3], [-1, 2]])
x = np.array([0.3, -0.2])
n = sig(W @ x + b)
leaf = np.array([n[0] * n[1], n[0] * (1 - n[1]), (1 - n[0]) * n[2], (1 - n[0]) * (1 - n[2])])
softmax = np.exp(theta) / np.exp(theta).sum(1, keepdims=True)
out = leaf @ softmax
print("decisions", repr(n)); print("leaves", repr(leaf)); print("tree output", repr(out))
# A second tree with all-zero parameters outputs (0.5, 0.5); the forest is the mean.
print("forest of two", repr((out + 0.5) / 2))

# 2. Aggregate node statistics: 2 nodes, 2 features, rows (group, decisions, x), cumulative averaging.
rows = [(0, [0.2, 0.7], [1.0, -1.0]), (1, [0.6, 0.4], [0.5, 2.0]), (0, [0.3, 0.9], [-0.5, 0.0]),
        (1, [0.9, 0.5], [1.5, 1.0]), (1, [0.8, 0.6], [0.0, -2.0])]
def stats(rows, groups=2):
    out = {}
    for g in range(groups):
        r = [(np.array(d), np.array(xx)) for gg, d, xx in rows if gg == g]
        if not r: continue
        mean = np.mean([d for d, _ in r], axis=0)
        gw = np.mean([(d * (1 - d))[:, None] * xx[None, :] for d, xx in r], axis=0)
        gb = np.mean([d * (1 - d) for d, _ in r], axis=0)
        out[g] = (mean, gw, gb)
    return out
def huber(f, delta): return f if abs(f) < delta else np.sign(f - delta / 2)
def fair_grad(rows, lam, delta, groups=2):
    s = stats(rows, groups)
    gw = np.zeros((2, 2)); gb = np.zeros(2)
    for node in range(2):
        means = {g: s[g][0][node] for g in s}
        hi = max(means, key=means.get); lo = min(means, key=means.get)
        f = means[hi] - means[lo]
        h = huber(f, delta)
        gw[node] = lam * h * (s[hi][1][node] - s[lo][1][node]); gb[node] = lam * h * (s[hi][2][node] - s[lo][2][node])
    return gw, gb
s = stats(rows)
print("means g0", repr(s[0][0]), "g1", repr(s[1][0]))
print("G_w g0", repr(s[0][1]), "g1", repr(s[1][1]))
print("G_b g0", repr(s[0][2]), "g1", repr(s[1][2]))
gw, gb = fair_grad(rows, 2.0, 0.01)
print("fairness gradient (lambda 2, delta 0.01) w", repr(gw), "b", repr(gb))
gw, gb = fair_grad(rows, 2.0, 0.5)
print("fairness gradient (lambda 2, delta 0.5) w", repr(gw), "b", repr(gb))
# Paper's binary form for node 0: F = mean1 - mean0, h'(F) (G1 - G0) -- equal to the max/min form above.
F = s[1][0] - s[0][0]
print("binary form lambda 2 delta 0.5 w", repr(np.array([2.0 * huber(F[k], 0.5) * (s[1][1][k] - s[0][1][k]) for k in range(2)])))

# 3. Exponential decay gamma = 0.5: weighted means with weight gamma^(rows of the group after this one).
gamma = 0.5
for g in range(2):
    r = [(np.array(d), np.array(xx)) for gg, d, xx in rows if gg == g]
    w = np.array([gamma ** (len(r) - 1 - i) for i in range(len(r))])
    mean = sum(wi * d for wi, (d, _) in zip(w, r)) / w.sum()
    gw = sum(wi * (d * (1 - d))[:, None] * xx[None, :] for wi, (d, xx) in zip(w, r)) / w.sum()
    print("decayed group", g, "count", w.sum(), "mean", repr(mean), "G_w", repr(gw))

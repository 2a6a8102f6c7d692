namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// Aranyani's aggregate statistics for the node-level demographic-parity gradient, kept as running values so memory
/// is O(groups x T (2^h - 1)(d + 1)) whatever the stream length. For every group g and node (t, i): the running mean
/// of the node decision n_ti(x) (sum S_g over count N_g) and the running average G_g of its gradient
/// dn_ti/d(w_ti, b_ti) = n (1 - n) (x, 1). With decay gamma, S and N are exponentially decayed
/// (S = gamma S + n, N = gamma N + 1) and G the matching weighted average; without decay they are cumulative
/// (the paper's "vanilla" averaging G = G (1 - 1/N) + g / N).
/// The fairness gradient of node (t, i) is lambda h'(F) (G_hi - G_lo) with F = S_hi/N_hi - S_lo/N_lo between the groups
/// with the highest and the lowest mean decision, and h' the Huber derivative (F if |F| &lt; delta, else
/// sign(F - delta/2), the authors' code). For two groups this is the paper's F = mean_1 - mean_0 with G_1 - G_0
/// (swapping the groups flips both F and G_1 - G_0); with more groups it drives the largest gap between any two.
/// Arithmetic in float64.
/// </summary>
internal sealed class NodeFairnessStatistics
{
    private readonly int _nodes;
    private readonly int _width;
    private readonly double? _decay;
    private readonly double[] _counts;
    private readonly double[] _sums;
    private readonly double[] _gradientW;
    private readonly double[] _gradientB;

    /// <summary>Statistics for <paramref name="groups"/> groups over <paramref name="nodes"/> nodes (T (2^h - 1) in total) with <paramref name="width"/> features.</summary>
    public NodeFairnessStatistics(int groups, int nodes, int width, double? decay)
    {
        Groups = groups;
        _nodes = nodes;
        _width = width;
        _decay = decay;
        _counts = new double[groups];
        _sums = new double[groups * nodes];
        _gradientW = new double[groups * nodes * width];
        _gradientB = new double[groups * nodes];
    }

    /// <summary>Capacity in groups.</summary>
    public int Groups { get; }

    /// <summary>Number of values held (fixed at construction: independent of how many rows were added).</summary>
    public long StateSize => _counts.Length + _sums.Length + _gradientW.Length + _gradientB.Length;

    /// <summary>The (decayed) row count of group <paramref name="group"/>.</summary>
    public double Count(int group) => _counts[group];

    /// <summary>The running mean decision of node <paramref name="node"/> in group <paramref name="group"/> (NaN when the group is empty).</summary>
    public double MeanDecision(int group, int node) => _sums[group * _nodes + node] / _counts[group];

    /// <summary>The running average of dn/dw of node <paramref name="node"/>, feature <paramref name="feature"/>, in group <paramref name="group"/>.</summary>
    public double AverageWeightGradient(int group, int node, int feature) => _gradientW[(group * _nodes + node) * _width + feature];

    /// <summary>The running average of dn/db of node <paramref name="node"/> in group <paramref name="group"/>.</summary>
    public double AverageBiasGradient(int group, int node) => _gradientB[group * _nodes + node];

    /// <summary>Adds one row of group <paramref name="group"/>: its node decisions (T (2^h - 1) values) and its standardised features.</summary>
    public void Add(int group, ReadOnlySpan<float> decisions, ReadOnlySpan<float> x)
    {
        double gamma = _decay ?? 1;
        double count = gamma * _counts[group] + 1;
        _counts[group] = count;
        double f = 1 / count;
        int baseNode = group * _nodes;
        for (int node = 0; node < _nodes; node++)
        {
            double n = decisions[node];
            double slope = n * (1 - n);
            int k = baseNode + node;
            _sums[k] = gamma * _sums[k] + n;
            _gradientB[k] += (slope - _gradientB[k]) * f;
            var g = _gradientW.AsSpan(k * _width, _width);
            for (int j = 0; j < g.Length; j++)
                g[j] += (slope * x[j] - g[j]) * f;
        }
    }

    /// <summary>
    /// Writes lambda h'(F) (G_hi - G_lo) per node into <paramref name="weightGradient"/> (T (2^h - 1) d values) and
    /// <paramref name="biasGradient"/>; false (and nothing written) while fewer than two groups have rows.
    /// </summary>
    public bool FairnessGradient(double lambda, double huberDelta, Span<float> weightGradient, Span<float> biasGradient)
    {
        int present = 0;
        for (int g = 0; g < Groups; g++)
            if (_counts[g] > 0) present++;
        if (present < 2)
            return false;
        for (int node = 0; node < _nodes; node++)
        {
            int hi = -1, lo = -1;
            double hiMean = double.NegativeInfinity, loMean = double.PositiveInfinity;
            for (int g = 0; g < Groups; g++)
            {
                if (_counts[g] <= 0) continue;
                double mean = _sums[g * _nodes + node] / _counts[g];
                if (mean > hiMean) { hiMean = mean; hi = g; }
                if (mean < loMean) { loMean = mean; lo = g; }
            }
            double factor = lambda * HuberDerivative(hiMean - loMean, huberDelta);
            int kHi = hi * _nodes + node, kLo = lo * _nodes + node;
            biasGradient[node] = (float)(factor * (_gradientB[kHi] - _gradientB[kLo]));
            var gHi = _gradientW.AsSpan(kHi * _width, _width);
            var gLo = _gradientW.AsSpan(kLo * _width, _width);
            var output = weightGradient.Slice(node * _width, _width);
            for (int j = 0; j < _width; j++)
                output[j] = (float)(factor * (gHi[j] - gLo[j]));
        }
        return true;
    }

    /// <summary>The authors' Huber derivative: F when |F| &lt; delta, else sign(F - delta/2).</summary>
    public static double HuberDerivative(double f, double delta) => Math.Abs(f) < delta ? f : Math.Sign(f - delta / 2);
}

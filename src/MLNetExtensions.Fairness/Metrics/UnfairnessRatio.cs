namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// UF = Var(E[yhat | group]) / Var(yhat): the share of the output's variance explained by the groups (between-group
/// variance of the group means, weighted by group size, over the total variance; both with denominator n), in [0, 1].
/// 0 when the output is constant (it cannot depend on the group).
/// </summary>
internal static class UnfairnessRatio
{
    public static double Compute(double[] output, int[] groups, int groupCount, int[]? weights)
    {
        var sums = new double[groupCount];
        var counts = new double[groupCount];
        double n = 0, total = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < output.Length; i++)
        {
            double w = weights is null ? 1 : weights[i];
            if (w == 0) continue;
            sums[groups[i]] += w * output[i];
            counts[groups[i]] += w;
            n += w;
            total += w * output[i];
            lo = Math.Min(lo, output[i]);
            hi = Math.Max(hi, output[i]);
        }
        // A constant output cannot depend on the group. Tested exactly: the rounding of its mean would otherwise leave
        // two tiny variances whose ratio is meaningless.
        if (!(hi > lo)) return 0;
        double mean = total / n, variance = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double w = weights is null ? 1 : weights[i];
            double d = output[i] - mean;
            variance += w * d * d;
        }
        variance /= n;
        double between = 0;
        for (int g = 0; g < groupCount; g++)
        {
            if (counts[g] == 0) continue;
            double d = sums[g] / counts[g] - mean;
            between += counts[g] * d * d;
        }
        between /= n;
        return variance > 0 ? Math.Clamp(between / variance, 0, 1) : 0;
    }
}

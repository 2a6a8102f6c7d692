namespace MLNetExtensions.Benchmarks;

/// <summary>Reads a trade-off curve at a given accuracy (the fairness studies' "at equal accuracy" tables).</summary>
internal static class EqualAccuracy
{
    /// <summary>
    /// The values where the curve (points in lambda order, lambda 0 first) first falls to <paramref name="target"/>
    /// accuracy, linearly interpolated between the two points around it; null if it never does.
    /// </summary>
    public static double[]? At((double Accuracy, double[] Values)[] curve, double target)
    {
        for (int i = 1; i < curve.Length; i++)
        {
            var (a0, v0) = curve[i - 1];
            var (a1, v1) = curve[i];
            if (a0 >= target && a1 <= target)
            {
                double t = a0 == a1 ? 0 : (a0 - target) / (a0 - a1);
                return v0.Select((x, k) => x + t * (v1[k] - x)).ToArray();
            }
        }
        return null;
    }
}

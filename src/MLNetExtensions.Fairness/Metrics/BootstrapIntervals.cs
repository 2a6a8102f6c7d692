namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Seeded percentile bootstrap. A resample is drawn as multiplicities (n draws with replacement, counted per row), so
/// every statistic is a weighted O(n) pass over the prepared rows (AUC reuses the one sort). Each quantity keeps the
/// resamples in which it was defined (a small group can be absent from a resample); the interval is the pair of
/// quantiles (1 - level) / 2 and (1 + level) / 2 with linear interpolation (numpy's default).
/// </summary>
internal sealed class BootstrapIntervals
{
    private readonly List<double>[] _samples;

    private BootstrapIntervals(int quantities)
    {
        _samples = new List<double>[quantities];
        for (int q = 0; q < quantities; q++) _samples[q] = new List<double>();
    }

    /// <summary>
    /// Runs <paramref name="resamples"/> resamples of <paramref name="rows"/> rows; <paramref name="statistics"/> maps
    /// the multiplicities to the quantities (NaN = undefined in that resample).
    /// </summary>
    public static BootstrapIntervals Run(int rows, int resamples, int seed, int quantities, Func<int[], double[]> statistics)
    {
        var result = new BootstrapIntervals(quantities);
        var random = new Random(seed);
        var weights = new int[rows];
        for (int b = 0; b < resamples; b++)
        {
            Array.Clear(weights);
            for (int i = 0; i < rows; i++) weights[random.Next(rows)]++;
            var values = statistics(weights);
            for (int q = 0; q < quantities; q++)
                if (!double.IsNaN(values[q])) result._samples[q].Add(values[q]);
        }
        return result;
    }

    /// <summary>The interval of quantity <paramref name="q"/>, or null when it was never defined.</summary>
    public ConfidenceInterval? Interval(int q, double level)
    {
        var s = _samples[q];
        if (s.Count == 0) return null;
        s.Sort();
        return new ConfidenceInterval(Quantile(s, (1 - level) / 2), Quantile(s, (1 + level) / 2), s.Count);
    }

    private static double Quantile(List<double> sorted, double p)
    {
        double position = p * (sorted.Count - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}

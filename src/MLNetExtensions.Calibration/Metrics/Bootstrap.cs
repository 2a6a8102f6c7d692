namespace MLNetExtensions.Calibration.Metrics;

/// <summary>Percentile bootstrap intervals for a vector of scalar metrics.</summary>
internal static class Bootstrap
{
    /// <summary>
    /// Draws <see cref="CalibrationEvaluationOptions.BootstrapResamples"/> resamples of <paramref name="rows"/> row
    /// indices with replacement (seeded), evaluates all scalars on each, and returns the percentile interval of each
    /// (linear interpolation between order statistics). Undefined values (NaN, e.g. AUC of a one-class resample)
    /// are left out; a metric with no defined value gets no interval.
    /// </summary>
    public static IReadOnlyDictionary<string, ConfidenceInterval> Intervals(int rows, CalibrationEvaluationOptions options, string[] names, Func<int[], double[]> evaluate)
    {
        var random = new Random(options.Seed);
        var values = names.Select(_ => new List<double>(options.BootstrapResamples)).ToArray();
        var indices = new int[rows];
        for (int r = 0; r < options.BootstrapResamples; r++)
        {
            for (int i = 0; i < rows; i++)
                indices[i] = random.Next(rows);
            var scalars = evaluate(indices);
            for (int m = 0; m < names.Length; m++)
                if (!double.IsNaN(scalars[m]))
                    values[m].Add(scalars[m]);
        }
        double alpha = 1 - options.ConfidenceLevel;
        var intervals = new Dictionary<string, ConfidenceInterval>();
        for (int m = 0; m < names.Length; m++)
        {
            if (values[m].Count == 0)
                continue;
            values[m].Sort();
            intervals[names[m]] = new ConfidenceInterval(Quantile(values[m], alpha / 2), Quantile(values[m], 1 - alpha / 2));
        }
        return intervals;
    }

    /// <summary>Quantile of sorted values, linear between order statistics (numpy's default).</summary>
    internal static double Quantile(List<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}

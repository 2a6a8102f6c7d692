namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Kolmogorov-Smirnov calibration error (Gupta et al. 2021): sort by score s, then
/// KS = max_i |(1/N) sum_{j &lt;= i} (s_j - y_j)|. Binning-free; needs all scores (it sorts them).
/// </summary>
public static class KsCalibrationError
{
    /// <summary>
    /// Computes KS over scores and 0/1 outcomes. Rows with equal scores form one step: the partial sum is read only
    /// after the last of a tie group, so the result does not depend on row order.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<float> outcomes)
    {
        if (scores.Length != outcomes.Length)
            throw new ArgumentException($"scores has {scores.Length} values but outcomes has {outcomes.Length}.", nameof(outcomes));
        if (scores.IsEmpty)
            throw new ArgumentException("KS needs at least one row.", nameof(scores));
        var keys = scores.ToArray();
        var values = outcomes.ToArray();
        Array.Sort(keys, values);
        return ComputeSorted(keys, values);
    }

    internal static double ComputeSorted(ReadOnlySpan<double> sortedScores, ReadOnlySpan<float> outcomes)
    {
        double sum = 0, max = 0;
        int n = sortedScores.Length;
        for (int i = 0; i < n; i++)
        {
            sum += sortedScores[i] - outcomes[i];
            if (i == n - 1 || sortedScores[i + 1] != sortedScores[i])
                max = Math.Max(max, Math.Abs(sum));
        }
        return max / n;
    }
}

namespace MLNetExtensions.Calibration.Metrics;

/// <summary>Area under the ROC curve by the Mann-Whitney rank statistic, ties given their average rank.</summary>
public static class RankAuc
{
    /// <summary>
    /// AUC = (sum of ranks of positives - P (P + 1) / 2) / (P N). Equal scores share their average rank, which
    /// counts a positive-negative tie as one half. NaN when only one class is present (AUC is undefined then).
    /// </summary>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != labels.Length)
            throw new ArgumentException($"scores has {scores.Length} values but labels has {labels.Length}.", nameof(labels));
        var keys = scores.ToArray();
        var values = labels.ToArray();
        Array.Sort(keys, values);
        return ComputeSorted(keys, values);
    }

    internal static double ComputeSorted(ReadOnlySpan<double> sortedScores, ReadOnlySpan<float> labels)
    {
        int n = sortedScores.Length;
        double positives = 0, rankSum = 0;
        int i = 0;
        while (i < n)
        {
            int j = i;
            double positivesInTie = 0;
            while (j < n && sortedScores[j] == sortedScores[i])
            {
                positivesInTie += labels[j];
                j++;
            }
            // Ranks i+1 .. j share their mean (i + 1 + j) / 2.
            rankSum += positivesInTie * (i + 1 + j) / 2.0;
            positives += positivesInTie;
            i = j;
        }
        double negatives = n - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}

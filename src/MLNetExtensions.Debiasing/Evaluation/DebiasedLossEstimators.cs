namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// Estimators of the mean loss over all pairs D from per-row losses on the observed cells O (Schnabel et al. 2016).
/// The debiased trainers minimise the same quantities.
/// </summary>
public static class DebiasedLossEstimators
{
    /// <summary>Naive: (1/|O|) sum_O loss. Biased when observation depends on the label.</summary>
    public static double Naive(ReadOnlySpan<double> losses)
    {
        if (losses.IsEmpty)
            throw new ArgumentException("No observed rows: the naive estimate is undefined.", nameof(losses));
        double sum = 0;
        foreach (var l in losses) sum += l;
        return sum / losses.Length;
    }

    /// <summary>IPS: (1/|D|) sum_O loss / propensity. Unbiased when the propensities are the true ones and positive.</summary>
    public static double Ips(ReadOnlySpan<double> losses, ReadOnlySpan<double> propensities, long pairCount)
    {
        Check(losses, propensities);
        if (pairCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(pairCount), pairCount, "The pair count |D| must be positive.");
        double sum = 0;
        for (int r = 0; r < losses.Length; r++) sum += losses[r] / propensities[r];
        return sum / pairCount;
    }

    /// <summary>SNIPS: sum_O (loss / propensity) / sum_O (1 / propensity). Slightly biased, lower variance.</summary>
    public static double Snips(ReadOnlySpan<double> losses, ReadOnlySpan<double> propensities)
    {
        Check(losses, propensities);
        if (losses.IsEmpty)
            throw new ArgumentException("No observed rows: the SNIPS estimate is undefined.", nameof(losses));
        double sum = 0, norm = 0;
        for (int r = 0; r < losses.Length; r++)
        {
            sum += losses[r] / propensities[r];
            norm += 1.0 / propensities[r];
        }
        return sum / norm;
    }

    private static void Check(ReadOnlySpan<double> losses, ReadOnlySpan<double> propensities)
    {
        if (losses.Length != propensities.Length)
            throw new ArgumentException($"{losses.Length} losses but {propensities.Length} propensities.", nameof(propensities));
        for (int r = 0; r < propensities.Length; r++)
            if (!(propensities[r] > 0 && propensities[r] <= 1))
                throw new ArgumentOutOfRangeException(nameof(propensities), propensities[r], $"Propensity at row {r} is {propensities[r]}; it must be in (0, 1].");
    }
}

namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// Precision@K of one user's ranked 0/1 labels: positives in the top min(K, n) / min(K, n). Dividing by min(K, n)
/// rather than K means a user with fewer than K test items is not penalised for the missing slots.
/// </summary>
public static class PrecisionAtK
{
    /// <summary>Precision@<paramref name="k"/>; 0 for an empty list.</summary>
    public static double Compute(ReadOnlySpan<float> rankedLabels, int k)
    {
        RankedLabels.CountPositives(rankedLabels, k);
        int cut = Math.Min(k, rankedLabels.Length);
        if (cut == 0) return 0;
        int hits = 0;
        for (int j = 0; j < cut; j++) if (rankedLabels[j] == 1f) hits++;
        return hits / (double)cut;
    }
}

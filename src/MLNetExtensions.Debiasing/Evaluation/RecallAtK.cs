namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>Recall@K of one user's ranked 0/1 labels: positives in the top min(K, n) / all the user's positives; null without positives.</summary>
public static class RecallAtK
{
    /// <summary>Recall@<paramref name="k"/>, or null when there is no positive.</summary>
    public static double? Compute(ReadOnlySpan<float> rankedLabels, int k)
    {
        int positives = RankedLabels.CountPositives(rankedLabels, k), hits = 0;
        for (int j = 0; j < Math.Min(k, rankedLabels.Length); j++)
            if (rankedLabels[j] == 1f) hits++;
        return positives == 0 ? null : hits / (double)positives;
    }
}

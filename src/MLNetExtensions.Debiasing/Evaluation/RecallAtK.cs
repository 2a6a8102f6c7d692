namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>Recall@K of one user's ranked 0/1 labels: positives in the top min(K, n) / all the user's positives; null without positives.</summary>
public static class RecallAtK
{
    /// <summary>Recall@<paramref name="k"/>, or null when there is no positive.</summary>
    public static double? Compute(ReadOnlySpan<float> rankedLabels, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        int positives = 0, hits = 0;
        for (int j = 0; j < rankedLabels.Length; j++)
        {
            if (rankedLabels[j] != 1f) continue;
            positives++;
            if (j < k) hits++;
        }
        return positives == 0 ? null : hits / (double)positives;
    }
}

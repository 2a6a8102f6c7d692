namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// NDCG@K of one user's ranked 0/1 labels: DCG = sum over the top min(K, n) positions j (1-based) of y_j / log2(j + 1),
/// divided by the DCG of the ideal order (all positives first). When K exceeds the user's n test items, the list is
/// cut at n. Undefined (null) for a user without positives.
/// </summary>
public static class NdcgAtK
{
    /// <summary>NDCG@<paramref name="k"/> of <paramref name="rankedLabels"/>, or null when there is no positive.</summary>
    public static double? Compute(ReadOnlySpan<float> rankedLabels, int k)
    {
        int positives = RankedLabels.CountPositives(rankedLabels, k);
        int cut = Math.Min(k, rankedLabels.Length);
        if (positives == 0) return null;
        double dcg = 0, ideal = 0;
        for (int j = 0; j < cut; j++)
        {
            double discount = 1.0 / Math.Log2(j + 2);
            if (rankedLabels[j] == 1f) dcg += discount;
            if (j < positives) ideal += discount;
        }
        return dcg / ideal;
    }
}

namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// Area under the ROC curve over all test rows pooled (not per user), by the rank-sum (Mann-Whitney) formula; tied
/// scores share their average rank, i.e. a tied positive-negative pair counts 1/2 (as scikit-learn's roc_auc_score).
/// </summary>
public static class GlobalAuc
{
    /// <summary>AUC of <paramref name="scores"/> against 0/1 <paramref name="labels"/>; null when only one class is present.</summary>
    public static double? Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        if (labels.Length != scores.Length)
            throw new ArgumentException($"{labels.Length} labels but {scores.Length} scores.", nameof(scores));
        int n = labels.Length;
        for (int r = 0; r < n; r++)
        {
            if (labels[r] != 0f && labels[r] != 1f)
                throw new ArgumentException($"Label at row {r} is {labels[r]}; 0/1 labels are required.", nameof(labels));
            if (!float.IsFinite(scores[r]))
                throw new ArgumentException($"Score at row {r} is {scores[r]}; scores must be finite.", nameof(scores));
        }
        var order = new int[n];
        var keys = scores.ToArray();
        for (int j = 0; j < n; j++) order[j] = j;
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start]) end++;
            double averageRank = (start + end) / 2.0 + 1.0; // 1-based ranks
            for (int j = start; j <= end; j++)
            {
                if (labels[order[j]] == 1f)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return null;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}

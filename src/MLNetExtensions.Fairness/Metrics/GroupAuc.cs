namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// ROC AUC per group and overall in one walk over the rows sorted by score (the Mann-Whitney statistic: the share of
/// positive-negative pairs ranked correctly, ties counting one half, as scikit-learn's roc_auc_score). The sort is
/// done once; bootstrap resamples reuse it with multiplicities as weights, so each resample costs O(n).
/// </summary>
internal static class GroupAuc
{
    /// <summary>Row indices sorted by ascending score.</summary>
    public static int[] SortOrder(double[] score)
    {
        var order = new int[score.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = (double[])score.Clone();
        Array.Sort(keys, order);
        return order;
    }

    /// <summary>AUC by group (NaN for a group without both classes) and overall (NaN when all rows have one class).</summary>
    public static (double[] ByGroup, double Overall) Compute(int[] order, double[] score, byte[] cells, int[] groups, int groupCount, int[]? weights)
    {
        // Per group: negatives seen below the current tie block, positives/negatives inside it, correct pairs.
        var negBelow = new double[groupCount];
        var blockPos = new double[groupCount];
        var blockNeg = new double[groupCount];
        var pairs = new double[groupCount];
        var positives = new double[groupCount];
        var negatives = new double[groupCount];
        var touched = new int[groupCount];
        double allNegBelow = 0, allPairs = 0;
        int n = order.Length, start = 0;
        while (start < n)
        {
            double s = score[order[start]];
            int end = start, touchedCount = 0;
            double allBlockPos = 0, allBlockNeg = 0;
            while (end < n && score[order[end]] == s)
            {
                int i = order[end++];
                double w = weights is null ? 1 : weights[i];
                if (w == 0) continue;
                int g = groups[i];
                if (blockPos[g] == 0 && blockNeg[g] == 0)
                    touched[touchedCount++] = g;
                if (cells[i] >= 2) { blockPos[g] += w; allBlockPos += w; }
                else { blockNeg[g] += w; allBlockNeg += w; }
            }
            for (int t = 0; t < touchedCount; t++)
            {
                int g = touched[t];
                pairs[g] += blockPos[g] * (negBelow[g] + 0.5 * blockNeg[g]);
                negBelow[g] += blockNeg[g];
                positives[g] += blockPos[g];
                negatives[g] += blockNeg[g];
                blockPos[g] = 0;
                blockNeg[g] = 0;
            }
            allPairs += allBlockPos * (allNegBelow + 0.5 * allBlockNeg);
            allNegBelow += allBlockNeg;
            start = end;
        }
        var auc = new double[groupCount];
        double allPositives = 0;
        for (int g = 0; g < groupCount; g++)
        {
            auc[g] = positives[g] > 0 && negatives[g] > 0 ? pairs[g] / (positives[g] * negatives[g]) : double.NaN;
            allPositives += positives[g];
        }
        double overall = allPositives > 0 && allNegBelow > 0 ? allPairs / (allPositives * allNegBelow) : double.NaN;
        return (auc, overall);
    }
}

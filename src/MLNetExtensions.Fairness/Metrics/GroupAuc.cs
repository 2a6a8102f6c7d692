namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// ROC AUC per group and overall in one walk over the rows sorted by score (the Mann-Whitney statistic: the share of
/// positive-negative pairs ranked correctly, ties counting one half, as scikit-learn's roc_auc_score). The sort is
/// done once; bootstrap resamples reuse it with multiplicities as weights, so each resample costs O(n).
/// </summary>
internal static class GroupAuc
{
    // Radix digit width of the score sort.
    private const int Bits = 11, Mask = (1 << Bits) - 1;

    /// <summary>
    /// Row indices sorted by ascending score: a stable LSD radix sort on the scores' bits made order-preserving
    /// (sign bit flipped for positives, all bits for negatives), 11 bits per pass (2,048 buckets stay in cache),
    /// skipping passes where every key shares the digit. O(n); faster than Array.Sort with items on a million rows.
    /// </summary>
    public static int[] SortOrder(double[] score)
    {
        int n = score.Length;
        var keys = new ulong[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(score[i]);
            keys[i] = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
            order[i] = i;
        }
        var keysOut = new ulong[n];
        var orderOut = new int[n];
        var counts = new int[1 << Bits];
        for (int shift = 0; shift < 64; shift += Bits)
        {
            Array.Clear(counts);
            for (int i = 0; i < n; i++) counts[(int)(keys[i] >> shift) & Mask]++;
            if (n == 0 || counts[(int)(keys[0] >> shift) & Mask] == n) continue; // one digit: the pass changes nothing
            int sum = 0;
            for (int d = 0; d < counts.Length; d++)
            {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++)
            {
                int slot = counts[(int)(keys[i] >> shift) & Mask]++;
                keysOut[slot] = keys[i];
                orderOut[slot] = order[i];
            }
            (keys, keysOut) = (keysOut, keys);
            (order, orderOut) = (orderOut, order);
        }
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

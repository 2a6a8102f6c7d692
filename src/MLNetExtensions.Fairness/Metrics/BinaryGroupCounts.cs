namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Per-group confusion counts and sums for binary classification, accumulated in one pass over dense group ids.
/// Each row carries a precomputed cell (2 * label + prediction), so the pass is one indexed add per row.
/// Optional integer weights are bootstrap multiplicities.
/// </summary>
internal sealed class BinaryGroupCounts
{
    private BinaryGroupCounts(int groupCount)
    {
        Cells = new double[groupCount * 4];
        OutputSum = new double[groupCount];
        LogLossSum = new double[groupCount];
    }

    /// <summary>Per group g: [4g] TN, [4g+1] FP, [4g+2] FN, [4g+3] TP.</summary>
    public double[] Cells { get; }

    /// <summary>Per group: sum of the model output.</summary>
    public double[] OutputSum { get; }

    /// <summary>Per group: sum of per-row log loss (zeros when there is no probability).</summary>
    public double[] LogLossSum { get; }

    public int GroupCount => OutputSum.Length;

    public static BinaryGroupCounts Accumulate(int[] groups, int groupCount, byte[] cells, double[] output, double[]? rowLogLoss, int[]? weights)
    {
        var result = new BinaryGroupCounts(groupCount);
        var c = result.Cells;
        var o = result.OutputSum;
        var l = result.LogLossSum;
        if (weights is null)
        {
            for (int i = 0; i < groups.Length; i++)
            {
                int g = groups[i];
                c[(g << 2) + cells[i]] += 1;
                o[g] += output[i];
            }
            if (rowLogLoss is not null)
                for (int i = 0; i < groups.Length; i++)
                    l[groups[i]] += rowLogLoss[i];
        }
        else
        {
            for (int i = 0; i < groups.Length; i++)
            {
                int w = weights[i];
                if (w == 0) continue;
                int g = groups[i];
                c[(g << 2) + cells[i]] += w;
                o[g] += w * output[i];
                if (rowLogLoss is not null) l[g] += w * rowLogLoss[i];
            }
        }
        return result;
    }

    /// <summary>The metrics of group <paramref name="g"/> (NaN where undefined), in <see cref="BinaryMetricLayout"/> order.</summary>
    public void Metrics(int g, double auc, bool hasProbability, Span<double> destination) =>
        BinaryMetricLayout.Compute(Cells[4 * g], Cells[4 * g + 1], Cells[4 * g + 2], Cells[4 * g + 3], OutputSum[g], LogLossSum[g], auc, hasProbability, destination);

    /// <summary>The metrics of all rows together.</summary>
    public void OverallMetrics(double auc, bool hasProbability, Span<double> destination)
    {
        double tn = 0, fp = 0, fn = 0, tp = 0, output = 0, logLoss = 0;
        for (int g = 0; g < GroupCount; g++)
        {
            tn += Cells[4 * g]; fp += Cells[4 * g + 1]; fn += Cells[4 * g + 2]; tp += Cells[4 * g + 3];
            output += OutputSum[g]; logLoss += LogLossSum[g];
        }
        BinaryMetricLayout.Compute(tn, fp, fn, tp, output, logLoss, auc, hasProbability, destination);
    }
}

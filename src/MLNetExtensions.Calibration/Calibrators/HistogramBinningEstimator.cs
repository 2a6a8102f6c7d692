using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits equal-mass histogram binning. The sorted fit-set logits are cut after ranks floor(j n / B), j = 1..B-1;
/// each cut becomes the threshold halfway between the two neighbouring scores, or the tied score itself when they
/// are equal (ties then all fall in the lower bin, so a bin never splits equal scores). Repeated thresholds and
/// bins left empty are merged, so with many ties there are fewer than B bins. Each bin maps to
/// (positives + m * prior) / (rows + m) with m = PriorStrength.
/// </summary>
public sealed class HistogramBinningEstimator : BinaryCalibratorEstimator<HistogramBinningTransformer>
{
    internal HistogramBinningEstimator(MLContext mlContext, HistogramBinningOptions options)
        : base(mlContext, options)
    {
    }

    private HistogramBinningOptions BinningOptions => (HistogramBinningOptions)Options;

    private protected override HistogramBinningTransformer FitCore(double[] logits, int[] labels)
    {
        int n = logits.Length;
        var sorted = (double[])logits.Clone();
        Array.Sort(sorted);
        int bins = Math.Min(BinningOptions.NumberOfBins, n);
        var cuts = new List<double>();
        for (int j = 1; j < bins; j++)
        {
            int e = (int)((long)j * n / bins);
            double lower = sorted[e - 1], upper = sorted[e];
            double t = lower < upper ? lower + (upper - lower) / 2 : lower;
            if (cuts.Count == 0 || t > cuts[^1])
                cuts.Add(t);
        }
        var thresholds = cuts.ToArray();
        var counts = new int[thresholds.Length + 1];
        var positives = new int[thresholds.Length + 1];
        for (int i = 0; i < n; i++)
        {
            int bin = HistogramBinningTransformer.BinOf(thresholds, logits[i]);
            counts[bin]++;
            positives[bin] += labels[i];
        }
        // Merge empty bins into a neighbour by dropping the threshold between them.
        var keptThresholds = new List<double>();
        var keptCounts = new List<int>();
        var keptPositives = new List<int>();
        for (int b = 0; b < counts.Length; b++)
        {
            if (counts[b] == 0)
                continue;
            if (keptCounts.Count > 0)
                keptThresholds.Add(thresholds[b - 1]);
            keptCounts.Add(counts[b]);
            keptPositives.Add(positives[b]);
        }
        double m = BinningOptions.PriorStrength;
        double prior = BinningOptions.PriorMean ?? (double)labels.Sum() / n;
        var values = keptCounts.Select((c, b) => (keptPositives[b] + m * prior) / (c + m)).ToArray();
        return new HistogramBinningTransformer(Options, keptThresholds.ToArray(), values, keptCounts.ToArray(), keptPositives.ToArray());
    }
}

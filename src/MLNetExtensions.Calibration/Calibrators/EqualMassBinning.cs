namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Equal-mass binning of scores against 0/1 labels, shared by binary and classwise histogram binning. The sorted
/// scores are cut after ranks floor(j n / B), j = 1..B-1; each cut becomes the threshold halfway between the two
/// neighbouring scores, or the tied score itself when they are equal (bins are (t_{j-1}, t_j], so ties never split).
/// Repeated thresholds and empty bins are merged. Each bin maps to (positives + m * prior) / (rows + m).
/// </summary>
internal static class EqualMassBinning
{
    public sealed record Bins(double[] Thresholds, double[] Values, int[] Counts, int[] Positives);

    public static Bins Fit(double[] scores, int[] labels, int numberOfBins, double priorStrength, double? priorMean)
    {
        int n = scores.Length;
        var sorted = (double[])scores.Clone();
        Array.Sort(sorted);
        int bins = Math.Min(numberOfBins, n);
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
            int bin = BinOf(thresholds, scores[i]);
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
        double prior = priorMean ?? (double)labels.Sum() / n;
        var values = keptCounts.Select((c, b) => (keptPositives[b] + priorStrength * prior) / (c + priorStrength)).ToArray();
        return new Bins(keptThresholds.ToArray(), values, keptCounts.ToArray(), keptPositives.ToArray());
    }

    /// <summary>Index of the bin holding <paramref name="score"/>: the number of thresholds below it.</summary>
    public static int BinOf(double[] thresholds, double score)
    {
        int lo = 0, hi = thresholds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] < score) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

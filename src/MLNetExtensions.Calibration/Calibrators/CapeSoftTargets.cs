namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>CaPE's soft targets: empirical positive rates over the model's sorted predictions.</summary>
internal static class CapeSoftTargets
{
    /// <summary>Targets for <paramref name="predictions"/> (probabilities) and 0/1 <paramref name="labels"/>.</summary>
    public static float[] Compute(float[] predictions, float[] labels, CapeOptions options)
    {
        int n = predictions.Length;
        var order = Enumerable.Range(0, n).ToArray();
        // Stable order (ties by index) keeps the targets deterministic.
        Array.Sort(order, (i, j) => predictions[i] != predictions[j] ? predictions[i].CompareTo(predictions[j]) : i.CompareTo(j));
        var targets = new float[n];
        if (options.Targets == CapeTargetKind.EqualMassBins)
        {
            int bins = Math.Min(options.NumberOfBins, n);
            for (int b = 0; b < bins; b++)
            {
                int start = (int)((long)b * n / bins), end = (int)((long)(b + 1) * n / bins);
                double positives = 0;
                for (int r = start; r < end; r++) positives += labels[order[r]];
                float rate = (float)(positives / (end - start));
                for (int r = start; r < end; r++) targets[order[r]] = rate;
            }
            return targets;
        }
        double sigma = options.KernelSigma, reach = 4 * sigma;
        int lo = 0, hi = 0;
        for (int r = 0; r < n; r++)
        {
            double p = predictions[order[r]];
            while (predictions[order[lo]] < p - reach) lo++;
            while (hi < n && predictions[order[hi]] <= p + reach) hi++;
            double weighted = 0, total = 0;
            for (int s = lo; s < hi; s++)
            {
                double d = (predictions[order[s]] - p) / sigma;
                double w = Math.Exp(-0.5 * d * d);
                weighted += w * labels[order[s]];
                total += w;
            }
            targets[order[r]] = (float)(weighted / total);
        }
        return targets;
    }
}

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// The generalised Jensen-Shannon divergence of the groups' output distributions:
/// JSD = H(sum_g pi_g P_g) - sum_g pi_g H(P_g), in bits, each P_g the group's Gaussian KDE on a grid between the
/// overall min and max of the output, renormalised to sum to 1 over the grid; pi_g the group's share of rows (or
/// 1/k). 0 when the distributions agree, at most log2(k). Bandwidth: fixed, or Silverman's rule per group, falling
/// back to the rule over all rows for a group with one row or constant output.
/// </summary>
internal static class GeneralizedJensenShannon
{
    public static double Compute(double[] output, int[] groups, long[] counts, double? bandwidth, int gridPoints, bool equalWeights)
    {
        int groupCount = counts.Length;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in output)
        {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        // One output value everywhere: every group has the same (point) distribution.
        if (!(hi > lo)) return 0;

        var values = GroupedValues(output, groups, counts, out var offsets);
        double overallBandwidth = bandwidth ?? KernelDensityGrid.SilvermanBandwidth(output);
        double step = (hi - lo) / (gridPoints - 1);
        var mixture = new double[gridPoints];
        var density = new double[gridPoints];
        double total = output.Length, withinEntropy = 0;
        for (int g = 0; g < groupCount; g++)
        {
            var span = values.AsSpan(offsets[g], (int)counts[g]);
            double h = bandwidth ?? KernelDensityGrid.SilvermanBandwidth(span);
            if (double.IsNaN(h)) h = overallBandwidth;
            KernelDensityGrid.Evaluate(span, h, lo, step, density);
            double sum = 0;
            foreach (var d in density) sum += d;
            double pi = equalWeights ? 1.0 / groupCount : counts[g] / total;
            double entropy = 0;
            for (int k = 0; k < gridPoints; k++)
            {
                double p = density[k] / sum;
                if (p > 0) entropy -= p * Math.Log2(p);
                mixture[k] += pi * p;
            }
            withinEntropy += pi * entropy;
        }
        double mixtureEntropy = 0;
        foreach (var p in mixture)
            if (p > 0) mixtureEntropy -= p * Math.Log2(p);
        return Math.Max(0, mixtureEntropy - withinEntropy);
    }

    /// <summary>The output values reordered so each group's are contiguous (a counting sort by group id).</summary>
    internal static double[] GroupedValues(double[] output, int[] groups, long[] counts, out int[] offsets)
    {
        offsets = new int[counts.Length];
        for (int g = 1; g < counts.Length; g++) offsets[g] = offsets[g - 1] + (int)counts[g - 1];
        var next = (int[])offsets.Clone();
        var values = new double[output.Length];
        for (int i = 0; i < output.Length; i++)
            values[next[groups[i]]++] = output[i];
        return values;
    }
}

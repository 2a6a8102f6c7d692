namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// A Gaussian kernel density evaluated on an evenly spaced grid (unnormalised: the JSD renormalises over the grid).
/// A bandwidth below half the grid step cannot be resolved: the values are then binned onto the grid. Otherwise, up
/// to <see cref="ExactLimit"/> values it sums the kernels exactly (O(n G)); above, it spreads each value over its
/// two neighbouring grid points (linear binning) and convolves the G bin weights with the kernel cut at 9 bandwidths
/// (O(n + G min(G, 18 h / step))), whose error is O((step / bandwidth)^2): below 1e-5 per grid probability in the tests.
/// </summary>
internal static class KernelDensityGrid
{
    public const int ExactLimit = 256;

    /// <summary>Silverman's rule as scipy's gaussian_kde(bw_method="silverman"): sd (n - 1 denominator) * (3n / 4)^(-1/5); NaN when undefined.</summary>
    public static double SilvermanBandwidth(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 2) return double.NaN;
        double mean = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            mean += v;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        // Constant values: no spread (tested exactly; the rounded mean would give a tiny false sd).
        if (!(hi > lo)) return double.NaN;
        mean /= n;
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        return sd > 0 ? sd * Math.Pow(3.0 * n / 4.0, -0.2) : double.NaN;
    }

    /// <summary>Writes the density (up to a constant) at grid points lo + k * step into <paramref name="density"/>.</summary>
    public static void Evaluate(ReadOnlySpan<double> values, double bandwidth, double lo, double step, Span<double> density)
    {
        density.Clear();
        int grid = density.Length;
        double inv = 1.0 / bandwidth;
        if (bandwidth < step / 2)
        {
            // The kernel is narrower than the grid can show: each value's mass goes to its two neighbouring points.
            Bin(values, lo, step, density);
            return;
        }
        if (values.Length <= ExactLimit)
        {
            foreach (var v in values)
                for (int k = 0; k < grid; k++)
                {
                    double z = (lo + k * step - v) * inv;
                    density[k] += Math.Exp(-0.5 * z * z);
                }
            return;
        }
        var bins = new double[grid];
        Bin(values, lo, step, bins);
        // Beyond 9 bandwidths the kernel is below 3e-18 of its peak: cut it there.
        int radius = (int)Math.Min(grid - 1, Math.Ceiling(9 * bandwidth / step));
        var kernel = new double[radius + 1];
        for (int m = 0; m <= radius; m++)
        {
            double z = m * step * inv;
            kernel[m] = Math.Exp(-0.5 * z * z);
        }
        for (int j = 0; j < grid; j++)
        {
            double w = bins[j];
            if (w == 0) continue;
            int from = Math.Max(0, j - radius), to = Math.Min(grid - 1, j + radius);
            for (int k = from; k <= to; k++)
                density[k] += w * kernel[Math.Abs(k - j)];
        }
    }

    /// <summary>Linear binning: each value adds 1 - f and f to the grid points left and right of it.</summary>
    private static void Bin(ReadOnlySpan<double> values, double lo, double step, Span<double> bins)
    {
        int grid = bins.Length;
        foreach (var v in values)
        {
            double position = (v - lo) / step;
            int left = Math.Clamp((int)Math.Floor(position), 0, grid - 1);
            double frac = Math.Clamp(position - left, 0, 1);
            bins[left] += 1 - frac;
            if (left + 1 < grid) bins[left + 1] += frac;
            else bins[left] += frac;
        }
    }
}

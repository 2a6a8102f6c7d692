namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Smooth ECE (Blasiok and Nakkiran 2023): the residuals r = f - y are smoothed by Nadaraya-Watson regression with
/// a Gaussian kernel reflected at 0 and 1, and smECE_sigma = integral over t in [0, 1] of |r_hat(t)| delta_hat(t) dt
/// = integral |(1/N) sum_i K_sigma(t, f_i) r_i| dt. The bandwidth is the fixed point sigma* = smECE_sigma*, found by
/// bisection (smECE_sigma does not increase with sigma). Needs all scores.
/// </summary>
/// <remarks>
/// Computed on a grid of <see cref="GridPoints"/> points (spacing 2.5e-4), coarsened for wide kernels so that sigma
/// spans at least 25 steps: each residual is split linearly between its two neighbouring grid points, the grid is convolved with the discretised reflected kernel (normalised to unit
/// mass; the reflections are the index folding of the grid), and the integral is the trapezoid rule. Bandwidths
/// below two grid spacings are not resolved: if the fixed point lies there, smECE at sigma = 5e-4 is returned.
/// </remarks>
public static class SmoothCalibrationError
{
    /// <summary>Grid points on [0, 1].</summary>
    public const int GridPoints = 4001;

    private const double Tolerance = 1e-5;

    /// <summary>Smooth ECE of scores f in [0, 1] against 0/1 outcomes y, with sigma chosen by the fixed point.</summary>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<float> outcomes) => ComputeWithBandwidth(scores, outcomes).Value;

    /// <summary>Smooth ECE and the fixed-point bandwidth sigma*.</summary>
    public static (double Value, double Sigma) ComputeWithBandwidth(ReadOnlySpan<double> scores, ReadOnlySpan<float> outcomes)
    {
        var grid = Histogram(scores, outcomes);
        double h = 1.0 / (GridPoints - 1);
        double lo = 2 * h;
        double atLo = AtBandwidth(grid, lo);
        if (atLo <= lo)
            return (atLo, lo);
        // sigma - smECE_sigma increases with sigma; at hi = smECE(lo) >= smECE(hi) it is >= 0.
        double hi = Math.Min(1, atLo);
        double valueHi = AtBandwidth(grid, hi);
        if (hi - valueHi <= 0)
            return (valueHi, hi);
        while (hi - lo > Tolerance)
        {
            double mid = (lo + hi) / 2;
            double value = AtBandwidth(grid, mid);
            if (value > mid) lo = mid; else hi = mid;
        }
        double sigma = (lo + hi) / 2;
        return (AtBandwidth(grid, sigma), sigma);
    }

    /// <summary>smECE at a given bandwidth sigma (> 0).</summary>
    public static double ComputeAtBandwidth(ReadOnlySpan<double> scores, ReadOnlySpan<float> outcomes, double sigma)
    {
        if (!(sigma > 0))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The bandwidth must be positive.");
        return AtBandwidth(Histogram(scores, outcomes), sigma);
    }

    /// <summary>Residual mass (1/N) sum r_i split linearly onto the grid points.</summary>
    private static double[] Histogram(ReadOnlySpan<double> scores, ReadOnlySpan<float> outcomes)
    {
        if (scores.Length != outcomes.Length)
            throw new ArgumentException($"scores has {scores.Length} values but outcomes has {outcomes.Length}.", nameof(outcomes));
        if (scores.IsEmpty)
            throw new ArgumentException("Smooth ECE needs at least one row.", nameof(scores));
        var grid = new double[GridPoints];
        int last = GridPoints - 1;
        double inverse = 1.0 / scores.Length;
        for (int i = 0; i < scores.Length; i++)
        {
            double f = scores[i], r = (f - outcomes[i]) * inverse;
            double u = f * last;
            int j = (int)u;
            if (j >= last)
            {
                grid[last] += r;
                continue;
            }
            double frac = u - j;
            grid[j] += (1 - frac) * r;
            grid[j + 1] += frac * r;
        }
        return grid;
    }

    private static double AtBandwidth(double[] fine, double sigma)
    {
        // Coarsen the grid while sigma still spans at least 25 grid steps: the linear-binning error is O((h / sigma)^2)
        // and the cost falls from O(points x width) to a few thousand operations for wide kernels.
        int intervals = GridPoints - 1;
        int stride = 1;
        foreach (int divisor in Divisors)
            if (divisor * 25.0 / intervals <= sigma)
                stride = divisor;
        var grid = stride == 1 ? fine : Coarsen(fine, stride);
        int last = grid.Length - 1;
        double h = 1.0 / last;
        int width = Math.Min((int)Math.Ceiling(5 * sigma / h), 4 * last);
        var kernel = new double[width + 1];
        double mass = 0;
        for (int d = 0; d <= width; d++)
        {
            double x = d * h / sigma;
            kernel[d] = Math.Exp(-0.5 * x * x);
            mass += d == 0 ? kernel[d] : 2 * kernel[d];
        }
        // Normalise so the discrete kernel has unit mass on the grid (one residual spreads exactly its own weight).
        for (int d = 0; d <= width; d++) kernel[d] /= mass;

        // The reflected kernel equals the plain kernel applied to the grid folded at 0 and 1 (period 2 * last).
        var extended = new double[grid.Length + 2 * width];
        int period = 2 * last;
        for (int k = 0; k < extended.Length; k++)
        {
            int index = (k - width) % period;
            if (index < 0) index += period;
            if (index > last) index = period - index;
            // A point on 0 or 1 coincides with its own mirror image, so the reflected kernel counts it twice there.
            extended[k] = index == 0 || index == last ? 2 * grid[index] : grid[index];
        }

        double integral = 0;
        for (int i = 0; i <= last; i++)
        {
            double s = kernel[0] * extended[i + width];
            for (int d = 1; d <= width; d++)
                s += kernel[d] * (extended[i + width - d] + extended[i + width + d]);
            // s is sum_j K(t_i, s_j) R_j * h (the kernel is normalised per grid step); trapezoid weights at the ends.
            double weight = i == 0 || i == last ? 0.5 : 1;
            integral += weight * Math.Abs(s);
        }
        return integral;
    }

    /// <summary>Divisors of the number of grid intervals, ascending (coarser grids keep 0 and 1 as points).</summary>
    private static readonly int[] Divisors = Enumerable.Range(1, GridPoints - 1).Where(d => (GridPoints - 1) % d == 0 && (GridPoints - 1) / d >= 20).ToArray();

    /// <summary>Re-splits each fine grid mass linearly onto a grid <paramref name="stride"/> times coarser.</summary>
    private static double[] Coarsen(double[] fine, int stride)
    {
        var coarse = new double[(fine.Length - 1) / stride + 1];
        for (int j = 0; j < fine.Length; j++)
        {
            int c = j / stride, offset = j % stride;
            if (offset == 0)
            {
                coarse[c] += fine[j];
                continue;
            }
            double frac = offset / (double)stride;
            coarse[c] += (1 - frac) * fine[j];
            coarse[c + 1] += frac * fine[j];
        }
        return coarse;
    }
}

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Finds the root of a non-decreasing function of one variable inside a bracket (safeguarded Newton: a Newton
/// step when it stays inside the bracket, bisection otherwise). Used for the temperature, whose negative
/// log-likelihood is convex in beta = 1/T, so its derivative is monotone. Deterministic: no random starts.
/// </summary>
internal static class MonotoneRootFinder
{
    /// <summary>
    /// The x in [<paramref name="lower"/>, <paramref name="upper"/>] where <paramref name="derivative"/> crosses 0,
    /// or the bound it would cross beyond. <paramref name="derivative"/> returns (value, slope) at x.
    /// </summary>
    public static double Solve(Func<double, (double Value, double Slope)> derivative, double lower, double upper,
        double tolerance = 1e-12, int maxIterations = 200)
    {
        var (atLower, _) = derivative(lower);
        if (atLower >= 0) return lower;
        var (atUpper, _) = derivative(upper);
        if (atUpper <= 0) return upper;
        // Start at the geometric middle (beta = 1, T = 1, for the temperature bracket): Newton converges from there in a few steps.
        double x = lower > 0 ? Math.Sqrt(lower * upper) : 0.5 * (lower + upper);
        for (int i = 0; i < maxIterations; i++)
        {
            var (g, h) = derivative(x);
            if (g == 0) return x;
            if (g < 0) lower = x; else upper = x;
            double newton = h > 0 ? x - g / h : double.NaN;
            // Newton can overshoot where the curvature is small: fall back to bisection outside the bracket.
            double next = newton > lower && newton < upper ? newton : 0.5 * (lower + upper);
            bool converged = Math.Abs(next - x) <= tolerance * Math.Max(1, Math.Abs(x)) || upper - lower <= tolerance * Math.Max(1, Math.Abs(x));
            x = next;
            if (converged) break;
        }
        return x;
    }
}

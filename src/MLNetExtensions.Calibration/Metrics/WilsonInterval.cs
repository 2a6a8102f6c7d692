namespace MLNetExtensions.Calibration.Metrics;

/// <summary>Wilson score interval of a binomial proportion and the standard normal quantile it needs.</summary>
public static class WilsonInterval
{
    /// <summary>
    /// The Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>. Unlike the
    /// bootstrap or the Wald interval it does not collapse to a point for an all-0 or all-1 bin.
    /// </summary>
    public static ConfidenceInterval Compute(double successes, long trials, double confidenceLevel = 0.95)
    {
        if (trials <= 0)
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "The interval needs at least one trial.");
        if (!(successes >= 0 && successes <= trials))
            throw new ArgumentOutOfRangeException(nameof(successes), successes, "successes must lie in [0, trials].");
        double z = StandardNormalQuantile(0.5 + confidenceLevel / 2);
        double n = trials, phat = successes / n, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (phat + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.Sqrt(phat * (1 - phat) / n + z2 / (4 * n * n));
        return new ConfidenceInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double StandardNormalQuantile(double probability)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must lie strictly between 0 and 1.");
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        double x;
        if (probability < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(probability));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        else if (probability <= 1 - low)
        {
            double q = probability - 0.5, r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - probability));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        return x;
    }
}

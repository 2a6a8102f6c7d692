namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Minimises a smooth convex function of a few parameters by damped Newton steps with a backtracking line search
/// (dense Hessian, Cholesky solve). Used for beta calibration (3 parameters) and vector scaling (2K). Fully managed
/// and deterministic, so a fit gives the same numbers on every machine.
/// </summary>
internal static class NewtonMinimizer
{
    /// <summary>The objective's value, gradient and Hessian at a point (gradient and Hessian filled by the callee).</summary>
    public delegate double Objective(double[] x, double[] gradient, double[,] hessian);

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/> (modified in place and returned).</summary>
    public static double[] Minimize(Objective objective, double[] start, double gradientTolerance = 1e-10, int maxIterations = 100)
    {
        int n = start.Length;
        var x = start;
        var gradient = new double[n];
        var hessian = new double[n, n];
        var trialGradient = new double[n];
        var trialHessian = new double[n, n];
        var trial = new double[n];
        double value = objective(x, gradient, hessian);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(gradient) <= gradientTolerance)
                break;
            var step = SolveDamped(hessian, gradient);
            double slope = 0;
            for (int i = 0; i < n; i++) slope -= gradient[i] * step[i];
            double t = 1;
            bool improved = false;
            for (int k = 0; k < 50; k++, t *= 0.5)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] - t * step[i];
                double trialValue = objective(trial, trialGradient, trialHessian);
                // Armijo condition; the small slack accepts steps that only round-off keeps from decreasing.
                if (trialValue <= value + 1e-4 * t * slope + 1e-15 * Math.Abs(value))
                {
                    Array.Copy(trial, x, n);
                    Array.Copy(trialGradient, gradient, n);
                    Array.Copy(trialHessian, hessian, n * n);
                    improved = trialValue < value;
                    value = trialValue;
                    break;
                }
            }
            if (!improved)
                break;
        }
        return x;
    }

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (var e in v) m = Math.Max(m, Math.Abs(e));
        return m;
    }

    /// <summary>Solves (H + lambda I) d = g, raising lambda until the matrix is numerically positive definite.</summary>
    private static double[] SolveDamped(double[,] h, double[] g)
    {
        int n = g.Length;
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(h[i, i]));
        double lambda = 0;
        var l = new double[n, n];
        while (true)
        {
            if (TryCholesky(h, lambda, l))
                break;
            lambda = lambda == 0 ? Math.Max(scale, 1) * 1e-12 : lambda * 10;
        }
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = g[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
        }
        var d = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k, i] * d[k];
            d[i] = s / l[i, i];
        }
        return d;
    }

    private static bool TryCholesky(double[,] a, double lambda, double[,] l)
    {
        int n = a.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j] + (i == j ? lambda : 0);
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(s > 1e-300)) return false;
                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, j] = s / l[j, j];
                }
            }
        }
        return true;
    }
}

using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits beta calibration: a logistic regression of the label on [ln p, -ln(1 - p)] plus an intercept (Newton's
/// method, with an L2 penalty of 1e-8 on a and b only so perfectly separated data keeps finite coefficients).
/// As in the authors' betacal package, when the fit gives a &lt; 0 the model is refitted without ln p (a = 0), else
/// when b &lt; 0 without -ln(1 - p) (b = 0); if the remaining coefficient is still negative, it is dropped too and only
/// the intercept (the base rate) remains.
/// </summary>
public sealed class BetaCalibrationEstimator : BinaryCalibratorEstimator<BetaCalibrationTransformer>
{
    private const double Ridge = 1e-8;

    internal BetaCalibrationEstimator(MLContext mlContext, BinaryCalibratorOptions options)
        : base(mlContext, options)
    {
    }

    private protected override BetaCalibrationTransformer FitCore(double[] logits, int[] labels)
    {
        var (a, b, c) = FitConstrained(logits, labels);
        return new BetaCalibrationTransformer(Options, a, b, c);
    }

    /// <summary>The constrained fit described on the class.</summary>
    internal static (double A, double B, double C) FitConstrained(double[] logits, int[] labels)
    {
        var (a, b, c) = Fit(logits, labels, useA: true, useB: true);
        if (a >= 0 && b >= 0)
            return (a, b, c);
        bool keepA = a >= 0;
        (a, b, c) = Fit(logits, labels, useA: keepA, useB: !keepA);
        if ((keepA ? a : b) >= 0)
            return (a, b, c);
        return Fit(logits, labels, useA: false, useB: false);
    }

    /// <summary>Maximum-likelihood fit with a and/or b fixed at 0 when not used.</summary>
    internal static (double A, double B, double C) Fit(double[] logits, int[] labels, bool useA, bool useB)
    {
        int n = logits.Length;
        // Features per row, computed once: x1 = ln p = -softplus(-z), x2 = -ln(1 - p) = softplus(z).
        var x1 = new double[n];
        var x2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            x1[i] = -LogisticMath.Softplus(-logits[i]);
            x2[i] = LogisticMath.Softplus(logits[i]);
        }
        var used = new List<double[]>();
        if (useA) used.Add(x1);
        if (useB) used.Add(x2);
        int d = used.Count + 1; // + intercept (last)
        double Objective(double[] w, double[] gradient, double[,] hessian)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            double loss = 0;
            var x = new double[d];
            x[d - 1] = 1;
            for (int i = 0; i < n; i++)
            {
                double s = w[d - 1];
                for (int j = 0; j < d - 1; j++)
                {
                    x[j] = used[j][i];
                    s += w[j] * x[j];
                }
                loss += LogisticMath.LogLoss(s, labels[i]);
                double q = LogisticMath.Sigmoid(s);
                double r = q - labels[i], v = q * (1 - q);
                for (int j = 0; j < d; j++)
                {
                    gradient[j] += r * x[j];
                    for (int k = 0; k <= j; k++)
                        hessian[j, k] += v * x[j] * x[k];
                }
            }
            for (int j = 0; j < d; j++)
            {
                gradient[j] /= n;
                for (int k = 0; k <= j; k++)
                    hessian[k, j] = hessian[j, k] /= n;
            }
            loss /= n;
            for (int j = 0; j < d - 1; j++)
            {
                loss += 0.5 * Ridge * w[j] * w[j];
                gradient[j] += Ridge * w[j];
                hessian[j, j] += Ridge;
            }
            return loss;
        }
        // Start at the identity map restricted to the used features (a = b = 1, c = 0).
        var start = new double[d];
        for (int j = 0; j < d - 1; j++) start[j] = 1;
        var w = NewtonMinimizer.Minimize(Objective, start);
        int next = 0;
        double a = useA ? w[next++] : 0;
        double b = useB ? w[next++] : 0;
        return (a, b, w[d - 1]);
    }
}

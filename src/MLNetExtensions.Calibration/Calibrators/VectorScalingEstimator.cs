using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits vector scaling by minimising the negative log-likelihood of softmax(a ∘ z + b) with Newton's method (the
/// objective is convex in (a, b); 2K parameters, dense Hessian). An L2 penalty of 1e-8 on b fixes the softmax's
/// shift invariance (the fitted b sum to zero) and keeps b finite for a class absent from the fit set.
/// Starts from a = 1, b = 0 (the identity).
/// </summary>
public sealed class VectorScalingEstimator : MulticlassCalibratorEstimator<VectorScalingTransformer>
{
    private const double Ridge = 1e-8;

    internal VectorScalingEstimator(MLContext mlContext, MulticlassCalibratorOptions options)
        : base(mlContext, options)
    {
    }

    private protected override VectorScalingTransformer FitCore(double[] logits, int[] labels, string[] classNames)
    {
        int k = classNames.Length, n = labels.Length;
        var s = new double[k];
        var p = new double[k];
        // Parameters: a_0..a_{K-1}, then b_0..b_{K-1}. Gradient (p - y) z for a, (p - y) for b; Hessian J' (diag p - p p') J.
        double Objective(double[] w, double[] gradient, double[,] hessian)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                var z = logits.AsSpan(i * k, k);
                for (int c = 0; c < k; c++) s[c] = w[c] * z[c] + w[k + c];
                MulticlassCalibratorTransformer.Softmax(s, p);
                int y = labels[i];
                loss -= Math.Log(Math.Max(p[y], 1e-300));
                for (int c = 0; c < k; c++)
                {
                    double r = p[c] - (c == y ? 1 : 0);
                    gradient[c] += r * z[c];
                    gradient[k + c] += r;
                    for (int d = 0; d < k; d++)
                    {
                        double cov = (c == d ? p[c] : 0) - p[c] * p[d];
                        hessian[c, d] += cov * z[c] * z[d];
                        hessian[c, k + d] += cov * z[c];
                        hessian[k + c, d] += cov * z[d];
                        hessian[k + c, k + d] += cov;
                    }
                }
            }
            loss /= n;
            for (int i = 0; i < 2 * k; i++)
            {
                gradient[i] /= n;
                for (int j = 0; j < 2 * k; j++) hessian[i, j] /= n;
            }
            for (int c = 0; c < k; c++)
            {
                loss += 0.5 * Ridge * w[k + c] * w[k + c];
                gradient[k + c] += Ridge * w[k + c];
                hessian[k + c, k + c] += Ridge;
            }
            return loss;
        }
        var start = new double[2 * k];
        for (int c = 0; c < k; c++) start[c] = 1;
        var w = NewtonMinimizer.Minimize(Objective, start);
        var biases = w[k..];
        double mean = biases.Average();
        for (int c = 0; c < k; c++) biases[c] -= mean;
        return new VectorScalingTransformer(Options, classNames, w[..k], biases);
    }
}

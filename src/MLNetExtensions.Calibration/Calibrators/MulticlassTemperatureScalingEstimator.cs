using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits multiclass temperature scaling by minimising the negative log-likelihood of softmax(z / T). The NLL is
/// convex in beta = 1/T (its second derivative is the softmax variance of z), so a safeguarded Newton root search
/// on its derivative is exact and deterministic. T is kept in [1e-4, 1e4].
/// </summary>
public sealed class MulticlassTemperatureScalingEstimator : MulticlassCalibratorEstimator<MulticlassTemperatureScalingTransformer>
{
    internal MulticlassTemperatureScalingEstimator(MLContext mlContext, MulticlassCalibratorOptions options)
        : base(mlContext, options)
    {
    }

    private protected override MulticlassTemperatureScalingTransformer FitCore(double[] logits, int[] labels, string[] classNames)
    {
        int k = classNames.Length, n = labels.Length;
        var p = new double[k];
        var scaled = new double[k];
        // d/dbeta mean[logsumexp(beta z) - beta z_y] = mean[E_p(z) - z_y]; slope mean[Var_p(z)] >= 0.
        (double, double) Derivative(double beta)
        {
            double g = 0, h = 0;
            for (int i = 0; i < n; i++)
            {
                var z = logits.AsSpan(i * k, k);
                for (int c = 0; c < k; c++) scaled[c] = beta * z[c];
                MulticlassCalibratorTransformer.Softmax(scaled, p);
                double mean = 0, second = 0;
                for (int c = 0; c < k; c++)
                {
                    mean += p[c] * z[c];
                    second += p[c] * z[c] * z[c];
                }
                g += mean - z[labels[i]];
                h += Math.Max(second - mean * mean, 0);
            }
            return (g / n, h / n);
        }
        double beta = MonotoneRootFinder.Solve(Derivative, 1 / TemperatureScalingEstimator.MaxTemperature, 1 / TemperatureScalingEstimator.MinTemperature);
        return new MulticlassTemperatureScalingTransformer(Options, classNames, 1 / beta);
    }
}

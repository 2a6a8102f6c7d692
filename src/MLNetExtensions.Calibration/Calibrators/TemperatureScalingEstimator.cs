using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits binary temperature scaling by minimising the negative log-likelihood of sigmoid(z / T). The NLL is convex
/// in beta = 1/T, so its derivative is monotone and a safeguarded Newton root search finds the optimum
/// deterministically. T is kept in [1e-4, 1e4]: scores that carry no signal (or the opposite signal) end at
/// T = 1e4 (almost constant 0.5), perfectly separated scores at T = 1e-4.
/// </summary>
public sealed class TemperatureScalingEstimator : BinaryCalibratorEstimator<TemperatureScalingTransformer>
{
    internal const double MinTemperature = 1e-4;
    internal const double MaxTemperature = 1e4;

    internal TemperatureScalingEstimator(MLContext mlContext, BinaryCalibratorOptions options)
        : base(mlContext, options)
    {
    }

    private protected override TemperatureScalingTransformer FitCore(double[] logits, int[] labels)
    {
        int n = logits.Length;
        // d/dbeta mean[softplus(beta z) - y beta z] = mean[(sigmoid(beta z) - y) z]; its slope mean[s (1 - s) z^2] >= 0.
        (double, double) Derivative(double beta)
        {
            double g = 0, h = 0;
            for (int i = 0; i < n; i++)
            {
                double z = logits[i];
                double s = LogisticMath.Sigmoid(beta * z);
                g += (s - labels[i]) * z;
                h += s * (1 - s) * z * z;
            }
            return (g / n, h / n);
        }
        double beta = MonotoneRootFinder.Solve(Derivative, 1 / MaxTemperature, 1 / MinTemperature);
        return new TemperatureScalingTransformer(Options, 1 / beta);
    }
}

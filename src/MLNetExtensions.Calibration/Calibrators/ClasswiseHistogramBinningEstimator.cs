using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits classwise histogram binning: for each class k, equal-mass binning (the rule of
/// <see cref="HistogramBinningEstimator"/>) of p_k = softmax(z)_k against the indicator y = k.
/// </summary>
public sealed class ClasswiseHistogramBinningEstimator : MulticlassCalibratorEstimator<ClasswiseHistogramBinningTransformer>
{
    internal ClasswiseHistogramBinningEstimator(MLContext mlContext, ClasswiseHistogramBinningOptions options)
        : base(mlContext, options)
    {
    }

    private ClasswiseHistogramBinningOptions BinningOptions => (ClasswiseHistogramBinningOptions)Options;

    private protected override ClasswiseHistogramBinningTransformer FitCore(double[] logits, int[] labels, string[] classNames)
    {
        int k = classNames.Length, n = labels.Length;
        var probabilities = new double[n * k];
        for (int i = 0; i < n; i++)
            MulticlassCalibratorTransformer.Softmax(logits.AsSpan(i * k, k), probabilities.AsSpan(i * k, k));
        var thresholds = new double[k][];
        var values = new double[k][];
        var scores = new double[n];
        var indicator = new int[n];
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                scores[i] = probabilities[i * k + c];
                indicator[i] = labels[i] == c ? 1 : 0;
            }
            var bins = EqualMassBinning.Fit(scores, indicator, BinningOptions.NumberOfBins, BinningOptions.PriorStrength, null);
            thresholds[c] = bins.Thresholds;
            values[c] = bins.Values;
        }
        return new ClasswiseHistogramBinningTransformer(Options, classNames, thresholds, values);
    }
}

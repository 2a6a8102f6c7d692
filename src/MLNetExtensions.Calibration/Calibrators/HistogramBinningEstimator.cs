using Microsoft.ML;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits equal-mass histogram binning on the fit set's logits. The sorted logits are cut after ranks floor(j n / B),
/// j = 1..B-1; each cut becomes the threshold halfway between the two neighbouring scores, or the tied score itself
/// when they are equal (ties then all fall in the lower bin, so a bin never splits equal scores). Repeated thresholds
/// and bins left empty are merged, so with many ties there are fewer than B bins. Each bin maps to
/// (positives + m * prior) / (rows + m) with m = PriorStrength.
/// </summary>
public sealed class HistogramBinningEstimator : BinaryCalibratorEstimator<HistogramBinningTransformer>
{
    internal HistogramBinningEstimator(MLContext mlContext, HistogramBinningOptions options)
        : base(mlContext, options)
    {
    }

    private HistogramBinningOptions BinningOptions => (HistogramBinningOptions)Options;

    private protected override HistogramBinningTransformer FitCore(double[] logits, int[] labels)
    {
        var bins = EqualMassBinning.Fit(logits, labels, BinningOptions.NumberOfBins, BinningOptions.PriorStrength, BinningOptions.PriorMean);
        return new HistogramBinningTransformer(Options, bins.Thresholds, bins.Values, bins.Counts, bins.Positives);
    }
}

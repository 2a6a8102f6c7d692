using MLNetExtensions.Calibration.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>Multiclass golden values computed by hand (five equal-width bins; the arithmetic is in the comments).</summary>
public class MulticlassGoldenTests
{
    private static readonly double[] P =
    [
        0.7, 0.2, 0.1, // label 0: correct, conf .7
        0.2, 0.5, 0.3, // label 2: argmax 1, wrong, conf .5
        0.1, 0.1, 0.8, // label 2: correct, conf .8
        0.4, 0.4, 0.2, // label 1: tie 0/1 goes to class 0, wrong, conf .4
    ];
    private static readonly int[] Y = [0, 2, 2, 1];
    private static readonly CalibrationEvaluationOptions FiveBins = new() { NumberOfBins = 5 };

    [Fact]
    public void TopLabelMetricsMatchHandComputation()
    {
        var m = CalibrationEvaluator.EvaluateMulticlass(P, 3, Y, FiveBins);

        // Bins [.4,.6) {.4 wrong, .5 wrong} gap .45, [.6,.8) {.7 ok} gap .3, [.8,1] {.8 ok} gap .2.
        Assert.Equal(2.0 / 4 * 0.45 + 0.3 / 4 + 0.2 / 4, m.Ece, 12);
        Assert.Equal(0.45, m.Mce, 12);
        Assert.Equal((0.45 + 0.3 + 0.2) / 3, m.Ace, 12);
        Assert.Equal(0.5, m.Accuracy, 12);
        Assert.Equal(0.5 - 0.6, m.Balance, 12);             // mean conf (.7 + .5 + .8 + .4) / 4
        // Sorted conf .4(0) .5(0) .7(1) .8(1): cumulative .4, .9, .6, .4.
        Assert.Equal(0.9 / 4, m.Ks, 12);
        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.3) + Math.Log(0.8) + Math.Log(0.4)) / 4, m.LogLoss, 12);
        Assert.Equal(3, m.ClassCount);
    }

    [Fact]
    public void BrierIsTheSumOverClassesInZeroToTwo()
    {
        var m = CalibrationEvaluator.EvaluateMulticlass(P, 3, Y, FiveBins);

        // Row sums of (p_k - y_k)^2: .14, .78, .06, .56.
        Assert.Equal(1.54 / 4, m.Brier, 12);
        Assert.Equal(m.Brier, m.BrierReliability - m.BrierResolution + m.BrierUncertainty + m.BrierWithinBinVariance - m.BrierWithinBinCovariance, 12);
        // Class rates 1/4, 1/4, 2/4: UNC = 3/16 + 3/16 + 1/4.
        Assert.Equal(3.0 / 16 + 3.0 / 16 + 0.25, m.BrierUncertainty, 12);
        // A confident wrong answer costs 2, the top of the range.
        var worst = CalibrationEvaluator.EvaluateMulticlass([1.0, 0.0, 0.0], 3, [1], FiveBins);
        Assert.Equal(2, worst.Brier, 12);
    }

    [Fact]
    public void ClasswiseEceAveragesOneVsRest()
    {
        var m = CalibrationEvaluator.EvaluateMulticlass(P, 3, Y, FiveBins);

        // Class 0: .7(1) .2(0) .1(0) .4(0) in four bins: (.3 + .2 + .1 + .4) / 4.
        // Class 1: .1(0) | .2(0) | .4(1), .5(0) share [.4,.6): conf .45 obs .5 -> (.1 + .2 + 2 * .05) / 4.
        // Class 2: .1(0) | .3(1), .2(0) share [.2,.4): conf .25 obs .5 | .8(1) -> (.1 + 2 * .25 + .2) / 4.
        Assert.Equal([0.25, 0.1, 0.2], m.ClasswiseEcePerClass.Select(v => Math.Round(v, 12)));
        Assert.Equal((0.25 + 0.1 + 0.2) / 3, m.ClasswiseEce, 12);
        Assert.Equal(3, m.ClasswiseReliabilityCurves.Count);
        var json = m.ToJson();
        Assert.Contains("\"classwise_ece\":", json);
        Assert.DoesNotContain("\"auc\"", json);
    }
}

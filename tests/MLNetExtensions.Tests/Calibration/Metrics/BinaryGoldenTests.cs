using MLNetExtensions.Calibration.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>
/// Golden values computed by hand from the definitions (the arithmetic is written out in each test) on eight rows
/// that include 0.0, 1.0, a 0.5 tie with opposite labels and an empty bin.
/// </summary>
public class BinaryGoldenTests
{
    // Four equal-width bins [0,.25) [.25,.5) [.5,.75) [.75,1]: bin 1 is empty.
    internal static readonly double[] P = [0.0, 0.1, 0.2, 0.5, 0.5, 0.6, 1.0, 0.9];
    internal static readonly float[] Y = [0, 0, 1, 1, 0, 1, 1, 0];
    private static readonly CalibrationEvaluationOptions FourBins = new() { NumberOfBins = 4 };

    [Fact]
    public void BinnedMetricsMatchHandComputation()
    {
        var m = CalibrationEvaluator.EvaluateBinary(P, Y, FourBins);

        // By hand: bin 0 {0, .1, .2} conf .1 obs 1/3 gap 7/30; bin 2 {.5, .5, .6} conf 1.6/3 obs 2/3 gap 4/30;
        // bin 3 {1, .9} conf .95 obs .5 gap .45. ECE = 3/8*7/30 + 3/8*4/30 + 2/8*.45 = .0875 + .05 + .1125.
        Assert.Equal(0.25, m.Ece, 12);
        Assert.Equal(0.45, m.Mce, 12);
        Assert.Equal((7.0 / 30 + 4.0 / 30 + 0.45) / 3, m.Ace, 12); // empty bin not counted
        Assert.Equal(Math.Sqrt(559.5 / 7200), m.Rmsce, 12);        // 3/8*49/900 + 3/8*16/900 + 2/8*81/400
        Assert.Equal(0, m.DebiasedL2Ece, 12);                        // every bin's gap^2 < obs(1-obs)/(n-1): clipped at 0
        Assert.Equal([3L, 0L, 3L, 2L], m.ReliabilityCurve.Bins.Select(b => b.Count));
        Assert.True(double.IsNaN(m.ReliabilityCurve.Bins[1].MeanConfidence));
    }

    [Fact]
    public void BrierAndMurphyDecompositionMatchHandComputation()
    {
        var m = CalibrationEvaluator.EvaluateBinary(P, Y, FourBins);

        // (p - y)^2 = 0, .01, .64, .25, .25, .16, 0, .81 -> 2.12 / 8.
        Assert.Equal(0.265, m.Brier, 12);
        Assert.Equal(559.5 / 7200, m.BrierReliability, 12);
        Assert.Equal(3.0 / 8 * 2 / 36, m.BrierResolution, 12);      // bins 0 and 2 are 1/6 from the base rate .5
        Assert.Equal(0.25, m.BrierUncertainty, 12);
        Assert.Equal((0.02 + 0.02 / 3 + 0.005) / 8, m.BrierWithinBinVariance, 12); // per-bin squared deviations from the bin mean
        Assert.Equal(2.0 / 8 * (0.1 + 1.0 / 30 + 0.05), m.BrierWithinBinCovariance, 12);
        Assert.Equal(m.Brier, m.BrierReliability - m.BrierResolution + m.BrierUncertainty + m.BrierWithinBinVariance - m.BrierWithinBinCovariance, 12);
    }

    [Fact]
    public void ThresholdAndRankMetricsMatchHandComputation()
    {
        var m = CalibrationEvaluator.EvaluateBinary(P, Y, FourBins);

        // p >= .5 decides 1: rows 0, 1, 3, 5, 6 correct.
        Assert.Equal(5.0 / 8, m.Accuracy, 12);
        // conf = 1, .9, .8, .5, .5, .6, 1, .9 (mean .775): Balance = .625 - .775.
        Assert.Equal(-0.15, m.Balance, 12);
        // Top label: [.5,.75) {.5 ok, .5 wrong, .6 ok} gap 2/3 - 1.6/3; [.75,1] {1,.9,.8,1,.9} obs 3/5 conf .92.
        Assert.Equal(3.0 / 8 * (2.0 / 3 - 1.6 / 3) + 5.0 / 8 * 0.32, m.TopLabelEce, 12);
        // Positives .2 .5 .6 1 vs negatives 0 .1 .5 .9: 2 + 2.5 (tie at .5) + 3 + 4 = 11.5 of 16 pairs.
        Assert.Equal(11.5 / 16, m.Auc, 12);
        // Sorted cumulative (s - y): 0, .1, -.7, [tie .5: -.7], -1.1, -.2, -.2; max 1.1 / 8.
        Assert.Equal(1.1 / 8, m.Ks, 12);
        // -ln of the clipped probability of the true class; rows with p = 0, y = 0 and p = 1, y = 1 add -ln(1 - 1e-15).
        double expected = (-2 * Math.Log(1 - 1e-15) - Math.Log(0.9) - Math.Log(0.2) - 2 * Math.Log(0.5) - Math.Log(0.6) - Math.Log(0.1)) / 8;
        Assert.Equal(expected, m.LogLoss, 12);
        Assert.Equal(8, m.Count);
    }

    [Fact]
    public void RightClosedConventionMovesTheTiesDown()
    {
        var m = CalibrationEvaluator.EvaluateBinary(P, Y, new CalibrationEvaluationOptions { NumberOfBins = 4, BinEdges = BinEdgeConvention.RightClosed });

        // scikit-learn's (a, b]: [0,.25] {0,.1,.2}, (.25,.5] {.5,.5} gap 0, (.5,.75] {.6} gap .4, (.75,1] {.9,1} gap .45.
        Assert.Equal([3L, 2L, 1L, 2L], m.ReliabilityCurve.Bins.Select(b => b.Count));
        Assert.Equal(3.0 / 8 * 7 / 30 + 1.0 / 8 * 0.4 + 2.0 / 8 * 0.45, m.Ece, 12);
        Assert.Equal((7.0 / 30 + 0 + 0.4 + 0.45) / 4, m.Ace, 12);
    }

    [Fact]
    public void DebiasedL2SubtractsTheBinomialVariance()
    {
        // One bin, 10 rows at p = .1 with 5 positives: gap .4, obs .5; debiased = sqrt(.16 - .25 / 9) by the formula.
        var p = Enumerable.Repeat(0.1, 10).ToArray();
        var y = new float[] { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 };

        var m = CalibrationEvaluator.EvaluateBinary(p, y, new CalibrationEvaluationOptions { NumberOfBins = 1 });

        Assert.Equal(Math.Sqrt(0.16 - 0.25 / 9), m.DebiasedL2Ece, 12);
        Assert.Equal(0.4, m.Rmsce, 12);
    }

    [Fact]
    public void EqualMassBinsUseLowerQuantileEdges()
    {
        // Sorted 0 .1 .2 .5 .5 .6 .9 1 with 2 bins: inner edge sorted[4] = .5, so [0,.5) {0,.1,.2} and [.5,1] the rest.
        var m = CalibrationEvaluator.EvaluateBinary(P, Y, new CalibrationEvaluationOptions { NumberOfBins = 2, Binning = BinningStrategy.EqualMass });

        Assert.Equal([3L, 5L], m.ReliabilityCurve.Bins.Select(b => b.Count));
        Assert.Equal(0.5, m.ReliabilityCurve.Bins[0].Upper);
        // Bin 1: conf (.5+.5+.6+1+.9)/5 = .7, obs 3/5; ECE = 3/8*7/30 + 5/8*.1.
        Assert.Equal(3.0 / 8 * 7 / 30 + 5.0 / 8 * 0.1, m.Ece, 12);
    }

    [Fact]
    public void OneClassOnlyGivesDefinedMetricsAndUndefinedAuc()
    {
        // Documented: with only negatives every calibration metric is defined and AUC is NaN (JSON null).
        var m = CalibrationEvaluator.EvaluateBinary([0.1, 0.3], [0f, 0f], new CalibrationEvaluationOptions { NumberOfBins = 10 });

        Assert.Equal((0.01 + 0.09) / 2, m.Brier, 12);
        Assert.Equal(0, m.BrierUncertainty);
        Assert.Equal(0.2, m.Ece, 12);                       // two bins, gaps .1 and .3
        Assert.True(double.IsNaN(m.Auc));
        Assert.Contains("\"auc\":null", m.ToJson());
        Assert.Contains("undefined", m.ToString());
    }

    [Fact]
    public void PerfectForecastsOfZeroAndOneScoreZero()
    {
        var m = CalibrationEvaluator.EvaluateBinary([0.0, 1.0, 1.0, 0.0], [0f, 1f, 1f, 0f]);

        Assert.Equal(0, m.Brier);
        Assert.Equal(0, m.Ece);
        Assert.Equal(0, m.Ks);
        Assert.Equal(1, m.Accuracy);
        Assert.Equal(1, m.Auc);
        Assert.Equal(0, m.Balance);
    }
}

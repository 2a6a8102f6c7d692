using MLNetExtensions.Calibration.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

public class IntervalTests
{
    [Fact]
    public void NormalQuantileMatchesTables()
    {
        // Acklam's approximation: relative error below 1.2e-9.
        Assert.InRange(WilsonInterval.StandardNormalQuantile(0.975) - 1.959963985, -5e-9, 5e-9);
        Assert.Equal(0, WilsonInterval.StandardNormalQuantile(0.5), 12);
        Assert.InRange(WilsonInterval.StandardNormalQuantile(0.001) + 3.090232306, -5e-9, 5e-9);
    }

    [Fact]
    public void WilsonIntervalMatchesTheFormula()
    {
        // 0 of 10: [0, z^2 / (n + z^2)] -- it does not collapse to a point as the Wald or bootstrap interval would.
        double z2 = 1.959963985 * 1.959963985;
        var none = WilsonInterval.Compute(0, 10);
        Assert.Equal(0, none.Lower, 12);
        Assert.Equal(z2 / (10 + z2), none.Upper, 8);
        // 5 of 10: .5 -+ z / (1 + z^2/n) sqrt(.025 + z^2 / 400) = [.2366, .7634].
        var half = WilsonInterval.Compute(5, 10);
        Assert.Equal(0.236593, half.Lower, 5);
        Assert.Equal(0.763407, half.Upper, 5);
    }

    [Fact]
    public void CurveBinsCarryWilsonIntervals()
    {
        var m = CalibrationEvaluator.EvaluateBinary(BinaryGoldenTests.P, BinaryGoldenTests.Y, new CalibrationEvaluationOptions { NumberOfBins = 4 });

        var bin = m.ReliabilityCurve.Bins[3]; // 1 positive of 2
        var expected = WilsonInterval.Compute(1, 2);
        Assert.Equal(expected.Lower, bin.IntervalLower, 12);
        Assert.Equal(expected.Upper, bin.IntervalUpper, 12);
        Assert.True(bin.IntervalLower < bin.ObservedFrequency && bin.ObservedFrequency < bin.IntervalUpper);
    }

    [Fact]
    public void BootstrapGivesSeededIntervalsForEveryScalar()
    {
        var sample = new SyntheticCalibrationData(slope: 1.5).Draw(400, seed: 2);
        var options = new CalibrationEvaluationOptions { BootstrapResamples = 40, Seed = 7 };

        var m = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, options);
        var again = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, options);
        var other = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, new CalibrationEvaluationOptions { BootstrapResamples = 40, Seed = 8 });

        Assert.Equal(m.Scalars().Select(s => s.Name), m.ConfidenceIntervals.Keys);
        Assert.All(m.ConfidenceIntervals.Values, ci => Assert.True(ci.Lower <= ci.Upper));
        Assert.InRange(m.Brier, m.ConfidenceIntervals["brier"].Lower, m.ConfidenceIntervals["brier"].Upper);
        Assert.InRange(m.Accuracy, m.ConfidenceIntervals["accuracy"].Lower, m.ConfidenceIntervals["accuracy"].Upper);
        Assert.Equal(m.ToJson(), again.ToJson());
        Assert.NotEqual(m.ConfidenceIntervals["ece"], other.ConfidenceIntervals["ece"]);
        Assert.Contains("\"confidence_intervals\":{\"brier\":[", m.ToJson());
        Assert.Empty(CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels).ConfidenceIntervals);

        var (p, y) = MetricGenerators.Multiclass(200, 3, seed: 1);
        var multi = CalibrationEvaluator.EvaluateMulticlass(p, 3, y, options);
        Assert.Contains("classwise_ece", multi.ConfidenceIntervals.Keys);
    }
}

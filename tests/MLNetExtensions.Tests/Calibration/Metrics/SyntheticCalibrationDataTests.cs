using MLNetExtensions.Calibration.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>The generator's exact calibration errors, checked against Monte Carlo, and the estimators converging to them.</summary>
public class SyntheticCalibrationDataTests
{
    [Fact]
    public void IdentityModelIsPerfectlyCalibrated()
    {
        var data = new SyntheticCalibrationData(slope: 1, intercept: 0);

        Assert.True(data.TrueCalibrationError < 1e-9);
        Assert.True(data.TrueKsCalibrationError < 1e-9);
    }

    [Fact]
    public void TrueErrorMatchesMonteCarloWithoutNoise()
    {
        // Without noise p_hat is a monotone function of p, so E[y | p_hat] = p and the true error is E|p_hat - p|.
        var data = new SyntheticCalibrationData(slope: 2, intercept: -0.3);
        var sample = data.Draw(200_000, seed: 1);

        double monteCarlo = sample.Probabilities.Zip(sample.TrueProbabilities, (a, b) => Math.Abs(a - b)).Average();
        double monteCarloL2 = Math.Sqrt(sample.Probabilities.Zip(sample.TrueProbabilities, (a, b) => (a - b) * (a - b)).Average());

        Assert.Equal(monteCarlo, data.TrueCalibrationError, 2);
        Assert.Equal(monteCarloL2, data.TrueL2CalibrationError, 2);
        Assert.Equal(sample.MseToTrueProbability, data.TrueL2CalibrationError * data.TrueL2CalibrationError, 3);
    }

    [Fact]
    public void EstimatorsConvergeToTheTruthAtLargeN()
    {
        var data = new SyntheticCalibrationData(slope: 1.8, intercept: 0.2, predictionNoise: 0.5);
        var sample = data.Draw(100_000, seed: 6);

        var m = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, new CalibrationEvaluationOptions { NumberOfBins = 20, BinnedOnly = false });

        Assert.InRange(data.TrueCalibrationError, 0.03, 0.2);
        Assert.Equal(data.TrueCalibrationError, m.Ece, 2);
        Assert.Equal(data.TrueL2CalibrationError, m.DebiasedL2Ece, 2);
        Assert.Equal(data.TrueKsCalibrationError, m.Ks, 2);
    }

    [Fact]
    public void BrierIsMseToTheTruthPlusIrreducibleNoise()
    {
        // E[(p_hat - y)^2 | x] = (p_hat - p)^2 + p (1 - p): the sample Brier must be close to MSE + mean p(1 - p).
        var sample = new SyntheticCalibrationData(slope: 0.5).Draw(50_000, seed: 3);
        double noise = sample.TrueProbabilities.Average(p => p * (1 - p));

        var m = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, new CalibrationEvaluationOptions { BinnedOnly = true });

        Assert.Equal(sample.MseToTrueProbability + noise, m.Brier, 2);
    }

    [Fact]
    public void DrawsAreSeeded()
    {
        var data = new SyntheticCalibrationData();

        Assert.Equal(data.Draw(50, 4).Probabilities, data.Draw(50, 4).Probabilities);
        Assert.NotEqual(data.Draw(50, 4).Labels, data.Draw(50, 5).Labels);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticCalibrationData(slope: 0));
    }
}

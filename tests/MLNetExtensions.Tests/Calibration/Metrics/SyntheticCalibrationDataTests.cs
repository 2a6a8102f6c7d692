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

        Assert.InRange(data.TrueCalibrationError - monteCarlo, -0.002, 0.002);
        Assert.InRange(data.TrueL2CalibrationError - monteCarloL2, -0.002, 0.002);
    }

    [Fact]
    public void EstimatorsConvergeToTheTruthAtLargeN()
    {
        var data = new SyntheticCalibrationData(slope: 1.8, intercept: 0.2, predictionNoise: 0.5);
        var sample = data.Draw(100_000, seed: 6);

        var m = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, new CalibrationEvaluationOptions { NumberOfBins = 20, BinnedOnly = false });

        Assert.InRange(data.TrueCalibrationError, 0.03, 0.2);
        // Sampling sd at n = 100,000 is about 0.001 (see the bias table in docs/calibration.md).
        Assert.InRange(m.Ece - data.TrueCalibrationError, -0.005, 0.005);
        Assert.InRange(m.DebiasedL2Ece - data.TrueL2CalibrationError, -0.005, 0.005);
        Assert.InRange(m.Ks - data.TrueKsCalibrationError, -0.005, 0.005);
    }

    [Fact]
    public void BrierIsMseToTheTruthPlusIrreducibleNoise()
    {
        // E[(p_hat - y)^2 | x] = (p_hat - p)^2 + p (1 - p): the sample Brier must be close to MSE + mean p(1 - p).
        var sample = new SyntheticCalibrationData(slope: 0.5).Draw(50_000, seed: 3);
        double noise = sample.TrueProbabilities.Average(p => p * (1 - p));

        var m = CalibrationEvaluator.EvaluateBinary(sample.Probabilities, sample.Labels, new CalibrationEvaluationOptions { BinnedOnly = true });

        Assert.InRange(m.Brier - (sample.MseToTrueProbability + noise), -0.005, 0.005);
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

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class TemperatureScalingTests
{
    /// <summary>
    /// Labels drawn from sigmoid(z / 2.5): the maximum-likelihood temperature converges to 2.5. With n = 40,000 and
    /// z ~ N(0, 9) the standard error of T is about 0.03 (Fisher information of 1/T), so 0.1 is a 3-sigma band.
    /// </summary>
    [Fact]
    public void RecoversAKnownTemperature()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(CalibrationTestData.TemperatureLogits(40_000, 2.5, seed: 7));
        var model = ml.Calibration().Calibrators.Temperature().Fit(data);
        Assert.InRange(model.Temperature, 2.4, 2.6);
    }

    /// <summary>The fitted T sets the derivative of the NLL in 1/T to zero: mean[(sigmoid(z/T) - y) z] = 0.</summary>
    [Fact]
    public void FittedTemperatureIsAStationaryPointOfTheLikelihood()
    {
        var ml = new MLContext(1);
        var rows = CalibrationTestData.TemperatureLogits(2_000, 0.5, seed: 3);
        var model = ml.Calibration().Calibrators.Temperature().Fit(ml.Data.LoadFromEnumerable(rows));
        double g = rows.Average(r => (1 / (1 + Math.Exp(-r.Score / model.Temperature)) - (r.Label ? 1 : 0)) * r.Score);
        Assert.InRange(g, -1e-9, 1e-9);
        Assert.InRange(model.Temperature, 0.3, 0.8);
    }

    /// <summary>sigmoid(z / T) &gt; 0.5 exactly when z &gt; 0, so PredictedLabel is unchanged; Probability is sigmoid(Score / T).</summary>
    [Fact]
    public void OutputsSigmoidOfScaledScoreAndKeepsTheDecision()
    {
        var ml = new MLContext(1);
        var rows = CalibrationTestData.TemperatureLogits(500, 2, seed: 5);
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Calibration().Calibrators.Temperature().Fit(data);
        var output = model.Transform(data);
        var probabilities = output.GetColumn<float>("Probability").ToArray();
        var predicted = output.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal((float)(1 / (1 + Math.Exp(-rows[i].Score / model.Temperature))), probabilities[i], 6);
            Assert.Equal(rows[i].Score > 0, predicted[i]);
        }
    }

    /// <summary>A probability input is turned into its logit first: calibrating p = sigmoid(z) equals calibrating z.</summary>
    [Fact]
    public void ProbabilityInputMatchesLogitInput()
    {
        var ml = new MLContext(1);
        var rows = CalibrationTestData.TemperatureLogits(3_000, 1.7, seed: 11);
        var asProbabilities = rows.Select(r => new CalibrationTestData.ProbabilityRow
        {
            Probability = (float)(1 / (1 + Math.Exp(-(double)r.Score))),
            Label = r.Label ? 1 : 0,
        }).ToList();
        var fromLogits = ml.Calibration().Calibrators.Temperature().Fit(ml.Data.LoadFromEnumerable(rows));
        var fromProbabilities = ml.Calibration().Calibrators.Temperature(new()
        {
            ScoreColumnName = "Probability", ScoreIsProbability = true, ProbabilityColumnName = "Calibrated",
        }).Fit(ml.Data.LoadFromEnumerable(asProbabilities));
        // Float rounding of p moves the logit by ~1e-7 relative, so the temperatures agree to about 1e-3.
        Assert.Equal(fromLogits.Temperature, fromProbabilities.Temperature, 2);
    }
}

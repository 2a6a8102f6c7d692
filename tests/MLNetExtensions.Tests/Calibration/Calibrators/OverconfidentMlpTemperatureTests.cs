using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Metrics;
using Xunit;
using Xunit.Abstractions;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class OverconfidentMlpTemperatureTests
{
    private readonly ITestOutputHelper _output;

    public OverconfidentMlpTemperatureTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Temperature scaling on an over-confident MLP (fitted on a separate calibration set) lowers the test ECE and
    /// NLL, leaves every test decision (so the accuracy) unchanged, and finds T &gt; 1 (it softens the scores).
    /// </summary>
    [Fact]
    public void TemperatureScalingReducesNllWithoutChangingAccuracy()
    {
        var ml = new MLContext(1);
        var train = ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(300, seed: 1).Rows);
        var calibration = ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(2_000, seed: 2).Rows);
        var (testRows, _) = OverconfidentMlp.Generate(4_000, seed: 3);
        var test = ml.Data.LoadFromEnumerable(testRows);

        var mlp = OverconfidentMlp.Train(ml, train);
        var calibrator = ml.Calibration().Calibrators.Temperature().Fit(mlp.Transform(calibration));
        var before = mlp.Transform(test);
        var after = calibrator.Transform(before);

        var labels = testRows.Select(r => r.Label ? 1f : 0f).ToArray();
        var mBefore = CalibrationEvaluator.EvaluateBinary(before.GetColumn<float>("Probability").Select(p => (double)p).ToArray(), labels);
        var mAfter = CalibrationEvaluator.EvaluateBinary(after.GetColumn<float>("Probability").Select(p => (double)p).ToArray(), labels);
        var decisionsBefore = before.GetColumn<bool>("PredictedLabel").ToArray();
        var decisionsAfter = after.GetColumn<bool>("PredictedLabel").ToArray();
        double accuracy = decisionsAfter.Zip(labels, (d, y) => d == (y == 1) ? 1.0 : 0.0).Average();
        _output.WriteLine($"T = {calibrator.Temperature:F3}; ECE {mBefore.Ece:F4} -> {mAfter.Ece:F4}; NLL {mBefore.LogLoss:F4} -> {mAfter.LogLoss:F4}; " +
                          $"Brier {mBefore.Brier:F4} -> {mAfter.Brier:F4}; accuracy {accuracy:F4}");

        Assert.True(calibrator.Temperature > 1.5, $"T = {calibrator.Temperature}: the MLP should be over-confident.");
        Assert.True(mAfter.Ece < 0.5 * mBefore.Ece, $"ECE {mBefore.Ece} -> {mAfter.Ece}");
        Assert.True(mAfter.LogLoss < 0.8 * mBefore.LogLoss, $"NLL {mBefore.LogLoss} -> {mAfter.LogLoss}");
        Assert.Equal(decisionsBefore, decisionsAfter);
        Assert.Equal(mBefore.Accuracy, mAfter.Accuracy);
    }
}

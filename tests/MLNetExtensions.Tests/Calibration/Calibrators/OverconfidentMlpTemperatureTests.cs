using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using Xunit;
using Xunit.Abstractions;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class OverconfidentMlpTemperatureTests
{
    private readonly ITestOutputHelper _output;

    public OverconfidentMlpTemperatureTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Temperature scaling on an over-confident MLP (fitted on a separate calibration set) lowers the test NLL,
    /// leaves every test decision (so the accuracy) unchanged, and finds T &gt; 1 (it softens the scores).
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

        var labels = testRows.Select(r => r.Label).ToArray();
        var pBefore = before.GetColumn<float>("Probability").ToArray();
        var pAfter = after.GetColumn<float>("Probability").ToArray();
        double nllBefore = CalibrationTestData.LogLoss(pBefore, labels);
        double nllAfter = CalibrationTestData.LogLoss(pAfter, labels);
        var decisionsBefore = before.GetColumn<bool>("PredictedLabel").ToArray();
        var decisionsAfter = after.GetColumn<bool>("PredictedLabel").ToArray();
        double accuracy = decisionsAfter.Zip(labels, (d, y) => d == y ? 1.0 : 0.0).Average();
        _output.WriteLine($"T = {calibrator.Temperature:F3}; NLL {nllBefore:F4} -> {nllAfter:F4}; accuracy {accuracy:F4}");

        Assert.True(calibrator.Temperature > 1.5, $"T = {calibrator.Temperature}: the MLP should be over-confident.");
        Assert.True(nllAfter < 0.8 * nllBefore, $"NLL {nllBefore} -> {nllAfter}");
        Assert.Equal(decisionsBefore, decisionsAfter);
    }
}

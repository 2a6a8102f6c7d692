using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using MLNetExtensions.Calibration.Metrics;
using Xunit;
using Xunit.Abstractions;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class CalibratorComparisonTests
{
    private static readonly string[] Names =
        { "Uncalibrated", "Temperature", "Beta", "Histogram binning", "Platt (ML.NET)", "Isotonic (ML.NET)" };

    private readonly ITestOutputHelper _output;

    public CalibratorComparisonTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Scores z = 3 logit(p) + 1 for a true probability p ~ U(0.02, 0.98), y ~ Bernoulli(p): over-confident and
    /// shifted. The map from z back to p is logistic, so Platt and beta calibration can undo it exactly
    /// (a = b = 1/3, c = -1/3), temperature only partly (no bias term).
    /// </summary>
    private static List<CalibrationTestData.ScoreRow> Distorted(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            double p = 0.02 + 0.96 * random.NextDouble();
            return new CalibrationTestData.ScoreRow { Score = (float)(3 * Math.Log(p / (1 - p)) + 1), Label = random.NextDouble() < p };
        }).ToList();
    }

    [Fact]
    public void ComparesAllCalibratorsSideBySide()
    {
        var ml = new MLContext(1);
        var fit = ml.Data.LoadFromEnumerable(Distorted(5_000, seed: 1));
        var testRows = Distorted(20_000, seed: 2);
        var test = ml.Data.LoadFromEnumerable(testRows);
        var comparison = ml.Calibration().CompareCalibrators(fit, test);
        _output.WriteLine(comparison.ToMarkdown());

        Assert.Equal(Names, comparison.Rows.Select(r => r.Calibrator));
        double raw = comparison["Uncalibrated"].Metrics.Ece;
        foreach (var name in Names.Skip(1))
            Assert.True(comparison[name].Metrics.Ece < raw / 3, $"{name}: ECE {comparison[name].Metrics.Ece} vs uncalibrated {raw}");
        // Platt and beta can represent the true map; temperature cannot remove the shift.
        Assert.True(comparison["Beta"].Metrics.LogLoss < comparison["Temperature"].Metrics.LogLoss);
        Assert.True(comparison["Platt (ML.NET)"].Metrics.LogLoss < comparison["Temperature"].Metrics.LogLoss);

        // The rows are the evaluator's numbers for each calibrator's output on the test set.
        var temperature = ml.Calibration().Calibrators.Temperature().Fit(fit);
        var p = temperature.Transform(test).GetColumn<float>("Probability").Select(v => (double)v).ToArray();
        var expected = CalibrationEvaluator.EvaluateBinary(p, testRows.Select(r => r.Label ? 1f : 0f).ToArray());
        Assert.Equal(expected.Ece, comparison["Temperature"].Metrics.Ece, 12);
        Assert.Equal(expected.LogLoss, comparison["Temperature"].Metrics.LogLoss, 12);

        var frame = comparison.ToDataFrame();
        Assert.Equal(Names.Length, frame.Rows.Count);
        Assert.Equal(comparison["Beta"].Metrics.Brier, (double)frame["Brier"][2]!, 12);
        var markdown = comparison.ToMarkdown();
        Assert.All(Names, n => Assert.Contains($"| {n} |", markdown));
    }

    [Fact]
    public void ComparisonOnAnOverconfidentMlp()
    {
        var ml = new MLContext(1);
        var mlp = OverconfidentMlp.Train(ml, ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(300, seed: 1).Rows));
        var fit = mlp.Transform(ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(2_000, seed: 2).Rows));
        var test = mlp.Transform(ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(4_000, seed: 3).Rows));
        var comparison = ml.Calibration().CompareCalibrators(fit, test);
        _output.WriteLine(comparison.ToMarkdown());
        double raw = comparison["Uncalibrated"].Metrics.Ece;
        foreach (var name in Names.Skip(1))
            Assert.True(comparison[name].Metrics.Ece < raw, $"{name}: ECE {comparison[name].Metrics.Ece} vs uncalibrated {raw}");
        Assert.Equal(comparison["Uncalibrated"].Metrics.Accuracy, comparison["Temperature"].Metrics.Accuracy);
    }

    [Fact]
    public void MissingColumnIsNamed()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Distorted(100, seed: 1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.Calibration().CompareCalibrators(data, data, new CalibratorComparisonOptions { ScoreColumnName = "Margin" }));
        Assert.Contains("'Margin'", e.Message);
    }
}

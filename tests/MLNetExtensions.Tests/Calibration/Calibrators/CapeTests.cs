using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Persistence;
using MLNetExtensions.Trainers;
using Xunit;
using Xunit.Abstractions;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class CapeTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-cape-").FullName;

    public CapeTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (double LogLoss, double Ece, double MseToTruth) Score(ITransformer model, IDataView test, IReadOnlyList<bool> labels, double[] truth)
    {
        var p = model.Transform(test).GetColumn<float>("Probability").Select(v => (double)v).ToArray();
        var metrics = CalibrationEvaluator.EvaluateBinary(p, labels.Select(y => y ? 1f : 0f).ToArray());
        return (metrics.LogLoss, metrics.Ece, p.Select((v, i) => (v - truth[i]) * (v - truth[i])).Average());
    }

    /// <summary>
    /// Data with known p(x) (see <see cref="OverconfidentMlp"/>). CaPE fine-tunes the over-confident MLP on 2,000 fresh
    /// rows (20 % held out to select the epoch); on 4,000 test rows it lowers the log loss, the ECE and the MSE to the
    /// true probability, and leaves the starting model untouched.
    /// </summary>
    [Theory]
    [InlineData(CapeTargetKind.EqualMassBins)]
    [InlineData(CapeTargetKind.GaussianKernel)]
    public void CapeImprovesAnOverconfidentMlp(CapeTargetKind targets)
    {
        var ml = new MLContext(1);
        var start = OverconfidentMlp.Train(ml, ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(300, seed: 1).Rows));
        var fine = ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(2_000, seed: 2).Rows);
        var (testRows, truth) = OverconfidentMlp.Generate(4_000, seed: 3);
        var test = ml.Data.LoadFromEnumerable(testRows);
        var labels = testRows.Select(r => r.Label).ToArray();
        var startBefore = start.Transform(test).GetColumn<float>("Score").ToArray();

        var result = ml.Calibration().Calibrators.CaPE(start, new CapeOptions { Targets = targets, LearningRate = 1e-2, NumberOfEpochs = 20, Seed = 5 }).FitWithHistory(fine, null);
        var before = Score(start, test, labels, truth);
        var after = Score(result.Model, test, labels, truth);
        _output.WriteLine($"{targets}: selected epoch {result.SelectedEpoch}; log loss {before.LogLoss:F4} -> {after.LogLoss:F4}; ECE {before.Ece:F4} -> {after.Ece:F4}; " +
                          $"MSE to true p {before.MseToTruth:F4} -> {after.MseToTruth:F4}");
        foreach (var e in result.Epochs)
            _output.WriteLine($"  epoch {e.Epoch} {(e.IsCalibrationEpoch ? "cal" : "ce ")} train {e.TrainingLoss:F4} valid {e.ValidationLogLoss:F4}");

        Assert.True(result.SelectedEpoch > 0);
        Assert.True(after.LogLoss < 0.8 * before.LogLoss, $"log loss {before.LogLoss} -> {after.LogLoss}");
        Assert.True(after.Ece < 0.5 * before.Ece, $"ECE {before.Ece} -> {after.Ece}");
        Assert.True(after.MseToTruth < before.MseToTruth, $"MSE {before.MseToTruth} -> {after.MseToTruth}");
        Assert.Equal(startBefore, start.Transform(test).GetColumn<float>("Score").ToArray());
    }

    /// <summary>Same seed, same fine-tuned weights (CPU); the result saves and loads as a Torch MLP, bit for bit.</summary>
    [Fact]
    public void CapeIsDeterministicAndRoundTrips()
    {
        var ml = new MLContext(1);
        var start = OverconfidentMlp.Train(ml, ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(300, seed: 1).Rows), epochs: 30);
        var fine = ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(600, seed: 2).Rows);
        var options = new CapeOptions { NumberOfEpochs = 4, Seed = 9 };
        var a = ml.Calibration().Calibrators.CaPE(start, options).Fit(fine);
        var b = ml.Calibration().Calibrators.CaPE(start, options).Fit(fine);
        var scoresA = a.Transform(fine).GetColumn<float>("Score").ToArray();
        Assert.Equal(scoresA, b.Transform(fine).GetColumn<float>("Score").ToArray());

        var path = Path.Combine(_folder, "cape.zip");
        ml.Model.SaveWithExtensions(a, fine.Schema, path);
        var loaded = Assert.IsType<TorchMlpTransformer>(ml.Model.LoadWithExtensions(path, out _));
        Assert.Equal(scoresA, loaded.Transform(fine).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void CapeNeedsABinaryModelAndValidationRows()
    {
        var ml = new MLContext(1);
        var rows = OverconfidentMlp.Generate(50, seed: 1).Rows;
        var data = ml.Data.LoadFromEnumerable(rows);
        var start = OverconfidentMlp.Train(ml, data, epochs: 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.Calibration().Calibrators.CaPE(start, new CapeOptions { ValidationFraction = 0 }).Fit(data));
        Assert.Equal("ValidationFraction", e.ParamName);
        Assert.Equal("NumberOfBins", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.Calibration().Calibrators.CaPE(start, new CapeOptions { NumberOfBins = 0 })).ParamName);
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class ClasswiseHistogramBinningTests
{
    private static float[][] Output(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();

    /// <summary>
    /// Four rows, two bins per class (cut after rank 2, threshold = midpoint):
    /// class 0 p = .7 .6 .2 .1 → threshold .4, low bin {r2, r3} rate 0/2, high {r0, r1} rate 1/2;
    /// class 1 p = .2 .3 .5 .25 → threshold .275, low {r0, r3} 0/2, high {r1, r2} 2/2;
    /// class 2 p = .1 .1 .3 .65 → threshold .2, low {r0, r1} 0/2, high {r2, r3} 1/2.
    /// Renormalised rows: r0 (.5, 0, 0) → (1, 0, 0); r1 (.5, 1, 0) → (1/3, 2/3, 0); r2 (0, 1, .5) → (0, 2/3, 1/3);
    /// r3 (0, 0, .5) → (0, 0, 1).
    /// </summary>
    [Fact]
    public void MapsToHandComputedRenormalisedRates()
    {
        var ml = new MLContext(1);
        var rows = new[]
        {
            new CalibrationTestData.MulticlassRow { Score = new[] { .7f, .2f, .1f }, Label = 0 },
            new CalibrationTestData.MulticlassRow { Score = new[] { .6f, .3f, .1f }, Label = 1 },
            new CalibrationTestData.MulticlassRow { Score = new[] { .2f, .5f, .3f }, Label = 1 },
            new CalibrationTestData.MulticlassRow { Score = new[] { .1f, .25f, .65f }, Label = 2 },
        };
        var data = CalibrationTestData.LoadMulticlass(ml, rows);
        var model = ml.Calibration().Calibrators.ClasswiseHistogramBinning(numberOfBins: 2).Fit(data);
        Assert.Equal(new[] { 0.0, 0.5 }, model.BinValues[0]);
        Assert.Equal(new[] { 0.0, 1.0 }, model.BinValues[1]);
        Assert.Equal(new[] { 0.0, 0.5 }, model.BinValues[2]);
        var expected = new[] { new[] { 1f, 0f, 0f }, new[] { 1f / 3, 2f / 3, 0f }, new[] { 0f, 2f / 3, 1f / 3 }, new[] { 0f, 0f, 1f } };
        var output = Output(model, data);
        for (int i = 0; i < 4; i++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(expected[i][c], output[i][c], 6);
    }

    /// <summary>With one bin per class every row maps to the class frequencies of the fit set (2/4, 1/4, 1/4 here).</summary>
    [Fact]
    public void OneBinGivesTheClassFrequencies()
    {
        var ml = new MLContext(1);
        var rows = CalibrationTestData.MulticlassTemperature(4, 1, seed: 1);
        for (int i = 0; i < 4; i++) rows[i].Label = (uint)(i < 2 ? 0 : i - 1);
        var data = CalibrationTestData.LoadMulticlass(ml, rows);
        var output = Output(ml.Calibration().Calibrators.ClasswiseHistogramBinning(numberOfBins: 1).Fit(data), data);
        Assert.All(output, row => Assert.Equal(new[] { .5f, .25f, .25f }, row));
    }

    /// <summary>On miscalibrated scores (labels from softmax(z / 0.5), scores softmax(z)) it lowers the test log loss; ML.NET's evaluator runs on it.</summary>
    [Fact]
    public void ReducesLogLossOnMiscalibratedScores()
    {
        var ml = new MLContext(1);
        var fit = CalibrationTestData.LoadMulticlass(ml, CalibrationTestData.MulticlassTemperature(20_000, 0.5, seed: 1));
        var test = CalibrationTestData.LoadMulticlass(ml, CalibrationTestData.MulticlassTemperature(20_000, 0.5, seed: 2));
        var model = ml.Calibration().Calibrators.ClasswiseHistogramBinning(new ClasswiseHistogramBinningOptions { PriorStrength = 1 }).Fit(fit);
        var identity = new MulticlassTemperatureScalingTransformer(new MulticlassCalibratorOptions(), new[] { "0", "1", "2" }, 1.0);
        double before = ml.MulticlassClassification.Evaluate(identity.Transform(test)).LogLoss;
        double after = ml.MulticlassClassification.Evaluate(model.Transform(test)).LogLoss;
        Assert.True(after < before - 0.05, $"log loss {before} -> {after}");
    }
}

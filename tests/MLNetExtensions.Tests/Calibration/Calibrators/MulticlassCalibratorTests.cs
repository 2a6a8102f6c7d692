using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class MulticlassCalibratorTests
{
    private static double Nll(IDataView scored, IReadOnlyList<CalibrationTestData.MulticlassRow> rows)
    {
        var p = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        return rows.Select((r, i) => -Math.Log(Math.Max(p[i][r.Label], 1e-15))).Average();
    }

    /// <summary>Labels drawn from softmax(z / 0.5) while the scores are softmax(z): the fitted temperature converges to 0.5.</summary>
    [Fact]
    public void TemperatureRecoversAKnownTemperature()
    {
        var ml = new MLContext(1);
        var data = CalibrationTestData.LoadMulticlass(ml, CalibrationTestData.MulticlassTemperature(30_000, 0.5, seed: 4));
        var model = ml.Calibration().Calibrators.MulticlassTemperature().Fit(data);
        Assert.InRange(model.Temperature, 0.46, 0.54);
    }

    /// <summary>
    /// Vector scaling contains temperature scaling (a_k = 1/T, b = 0), so on the fit set its NLL can only be lower or
    /// equal; when the truth is a temperature it recovers it: every a_k ≈ 1/0.5 = 2 and b ≈ 0.
    /// </summary>
    [Fact]
    public void VectorScalingNestsTemperatureScaling()
    {
        var ml = new MLContext(1);
        var rows = CalibrationTestData.MulticlassTemperature(30_000, 0.5, seed: 8);
        var data = CalibrationTestData.LoadMulticlass(ml, rows);
        var temperature = ml.Calibration().Calibrators.MulticlassTemperature().Fit(data);
        var vector = ml.Calibration().Calibrators.VectorScaling().Fit(data);

        double nllRaw = Nll(data, rows), nllT = Nll(temperature.Transform(data), rows), nllV = Nll(vector.Transform(data), rows);
        Assert.True(nllT < nllRaw, $"temperature NLL {nllT} vs raw {nllRaw}");
        Assert.True(nllV <= nllT + 1e-9, $"vector NLL {nllV} vs temperature {nllT}");
        foreach (var a in vector.Scales) Assert.InRange(a, 1.85, 2.15);
        foreach (var b in vector.Biases) Assert.InRange(b, -0.1, 0.1);
        Assert.Equal(0, vector.Biases.Sum(), 9);
    }

    /// <summary>The calibrated vector replaces "Score" and comes with a key PredictedLabel, so ML.NET's multiclass evaluator runs on it.</summary>
    [Fact]
    public void OutputWorksWithMlNetMulticlassEvaluate()
    {
        var ml = new MLContext(1);
        var rows = CalibrationTestData.MulticlassTemperature(3_000, 0.5, seed: 9);
        var data = CalibrationTestData.LoadMulticlass(ml, rows);
        var model = ml.Calibration().Calibrators.MulticlassTemperature().Fit(data);
        var scored = model.Transform(data);
        var before = ml.MulticlassClassification.Evaluate(data.Schema.GetColumnOrNull("PredictedLabel") is null ? AddArgMax(ml, data) : data);
        var after = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(after.LogLoss < before.LogLoss, $"log loss {before.LogLoss} -> {after.LogLoss}");
        Assert.Equal(before.MacroAccuracy, after.MacroAccuracy, 12); // temperature keeps the arg-max
        var probabilities = scored.GetColumn<VBuffer<float>>("Score").First().DenseValues().ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 5);
    }

    /// <summary>A multiclass temperature calibrator used only to add the arg-max "PredictedLabel" of the raw scores (T = 1 is not fitted: it is a fixed identity here).</summary>
    private static IDataView AddArgMax(MLContext ml, IDataView data)
    {
        var identity = new MulticlassTemperatureScalingTransformer(new MulticlassCalibratorOptions(), new[] { "0", "1", "2" }, 1.0);
        return identity.Transform(data);
    }
}

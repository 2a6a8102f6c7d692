using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>The IDataView entry points agree with the span evaluator; BinnedOnly streams the same binned values.</summary>
public class CalibrationDataViewTests
{
    private static readonly MLContext Ml = new(1);

    [Fact]
    public void BinaryDataViewMatchesSpans()
    {
        var sample = new SyntheticCalibrationData(slope: 1.5).Draw(9_000, seed: 3);
        var data = sample.ToDataView(Ml);
        // The view stores Single probabilities; the span reference uses the same rounded values.
        var p = sample.Probabilities.Select(v => (double)(float)v).ToArray();

        var fromView = Ml.Calibration().EvaluateBinary(data);
        var fromSpans = CalibrationEvaluator.EvaluateBinary(p, sample.Labels);
        var fromEnumerable = Ml.Calibration().EvaluateBinary(p, sample.Labels.Select(l => l == 1f));

        Assert.Equal(fromSpans.ToJson(), fromView.ToJson());
        Assert.Equal(fromSpans.ToJson(), fromEnumerable.ToJson());
        Assert.Equal(9_000, fromView.Count);
    }

    [Fact]
    public void BinnedOnlyStreamsTheSameBinnedMetrics()
    {
        var sample = new SyntheticCalibrationData(slope: 0.7, intercept: 0.3).Draw(10_000, seed: 5);
        var data = sample.ToDataView(Ml);

        var full = Ml.Calibration().EvaluateBinary(data);
        var streamed = Ml.Calibration().EvaluateBinary(data, options: new CalibrationEvaluationOptions { BinnedOnly = true });

        foreach (var (name, value) in full.Scalars().Where(s => s.Name is not ("ks" or "smooth_ece" or "auc")))
            Assert.Equal(value, streamed.Scalars().Single(s => s.Name == name).Value, 12);
        Assert.True(double.IsNaN(streamed.Ks) && double.IsNaN(streamed.SmoothEce) && double.IsNaN(streamed.Auc));
        Assert.Contains("\"ks\":null", streamed.ToJson());
        Assert.False(double.IsNaN(full.Ks));
    }

    [Fact]
    public void ReservoirHoldingEveryRowIsExact()
    {
        var data = new SyntheticCalibrationData(slope: 1.4).Draw(5_000, seed: 12).ToDataView(Ml);

        var exact = Ml.Calibration().EvaluateBinary(data);
        var sampled = Ml.Calibration().EvaluateBinary(data, options: new CalibrationEvaluationOptions { ReservoirSize = 8_000 });

        Assert.Equal(exact.ToJson(), sampled.ToJson());
    }

    [Fact]
    public void ReservoirSampleEstimatesKsSmoothEceAndAuc()
    {
        var sample = new SyntheticCalibrationData(slope: 1.6, intercept: -0.2).Draw(40_000, seed: 13);
        var data = sample.ToDataView(Ml);
        var options = new CalibrationEvaluationOptions { ReservoirSize = 4_000, Seed = 3 };

        var exact = Ml.Calibration().EvaluateBinary(data);
        var sampled = Ml.Calibration().EvaluateBinary(data, options: options);

        // Binned metrics still cover every row; the sampled ones are within sampling error of 4,000 rows.
        Assert.Equal(exact.Ece, sampled.Ece, 12);
        Assert.Equal(exact.Brier, sampled.Brier, 12);
        Assert.NotEqual(exact.Ks, sampled.Ks);
        Assert.InRange(sampled.Ks - exact.Ks, -0.02, 0.02);
        Assert.InRange(sampled.SmoothEce - exact.SmoothEce, -0.02, 0.02);
        Assert.InRange(sampled.Auc - exact.Auc, -0.02, 0.02);
        Assert.Equal(sampled.ToJson(), Ml.Calibration().EvaluateBinary(data, options: options).ToJson());

        var (p, y) = MetricGenerators.Multiclass(20_000, 3, seed: 4);
        var rows = y.Select((label, i) => new KeyRow { Label = (uint)label, Score = p.Skip(i * 3).Take(3).Select(v => (float)v).ToArray() }).ToArray();
        var multiclass = Ml.Data.LoadFromEnumerable(rows);
        var exactMulti = Ml.Calibration().EvaluateMulticlass(multiclass, options: new CalibrationEvaluationOptions { ProbabilitySumTolerance = 1e-6 });
        var sampledMulti = Ml.Calibration().EvaluateMulticlass(multiclass, options: new CalibrationEvaluationOptions { ProbabilitySumTolerance = 1e-6, ReservoirSize = 2_000 });
        Assert.Equal(exactMulti.ClasswiseEce, sampledMulti.ClasswiseEce, 12);
        Assert.InRange(sampledMulti.Ks - exactMulti.Ks, -0.03, 0.03);
        Assert.InRange(sampledMulti.SmoothEce - exactMulti.SmoothEce, -0.03, 0.03);
    }

    private sealed class KeyRow
    {
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }

    private sealed class IndexRow
    {
        public int Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void MulticlassKeyAndIndexLabelsMatchSpans()
    {
        var (p, y) = MetricGenerators.Multiclass(6_000, 3, seed: 8);
        // LoadFromEnumerable stores a [KeyType(3)] property 0..2 as the keys 1..3, i.e. classes 0..2.
        var rows = y.Select((label, i) => new KeyRow { Label = (uint)label, Score = p.Skip(i * 3).Take(3).Select(v => (float)v).ToArray() }).ToArray();
        var rounded = rows.SelectMany(r => r.Score.Select(v => (double)v)).ToArray();
        var options = new CalibrationEvaluationOptions { ProbabilitySumTolerance = 1e-6 };

        var expected = CalibrationEvaluator.EvaluateMulticlass(rounded, 3, y, options).ToJson();
        var fromKeys = Ml.Calibration().EvaluateMulticlass(Ml.Data.LoadFromEnumerable(rows), options: options);
        var fromIndices = Ml.Calibration().EvaluateMulticlass(Ml.Data.LoadFromEnumerable(rows.Select(r => new IndexRow { Label = (int)r.Label, Score = r.Score })), options: options);
        var streamed = Ml.Calibration().EvaluateMulticlass(Ml.Data.LoadFromEnumerable(rows),
            options: new CalibrationEvaluationOptions { ProbabilitySumTolerance = 1e-6, BinnedOnly = true });

        Assert.Equal(expected, fromKeys.ToJson());
        Assert.Equal(expected, fromIndices.ToJson());
        Assert.Equal(fromKeys.Ece, streamed.Ece, 12);
        Assert.Equal(fromKeys.ClasswiseEce, streamed.ClasswiseEce, 12);
        Assert.Equal(fromKeys.Brier, streamed.Brier, 12);
    }

    [Fact]
    public void ReliabilityCurveAsTableAndPng()
    {
        var m = CalibrationEvaluator.EvaluateBinary(BinaryGoldenTests.P, BinaryGoldenTests.Y, new CalibrationEvaluationOptions { NumberOfBins = 4 });

        var table = m.ReliabilityCurve.ToDataFrame();
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(3L, table.Columns["count"][0]);
        Assert.Null(table.Columns["mean_confidence"][1]);   // the empty bin
        Assert.Equal(0.95, (double)table.Columns["mean_confidence"][3]!, 12);

        var path = Path.Combine(Path.GetTempPath(), $"reliability-{Guid.NewGuid():N}", "curve.png");
        try
        {
            m.ReliabilityCurve.SavePng(path, "test diagram", 400, 400);
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 2_000);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}

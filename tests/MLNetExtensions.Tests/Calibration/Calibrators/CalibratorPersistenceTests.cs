using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using MLNetExtensions.Persistence;
using MLNetExtensions.Tests.Core;
using MLNetExtensions.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class CalibratorPersistenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-calibrators-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed class BinaryPrediction
    {
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    public sealed class MulticlassPrediction
    {
        public float[] Score { get; set; } = Array.Empty<float>();
        public uint PredictedLabel { get; set; }
    }

    public static TheoryData<string> BinaryKinds => new() { "Temperature", "Beta", "HistogramBinning" };

    private static IEstimator<ITransformer> Binary(MLContext ml, string kind) => kind switch
    {
        "Temperature" => ml.Calibration().Calibrators.Temperature(),
        "Beta" => ml.Calibration().Calibrators.Beta(),
        _ => ml.Calibration().Calibrators.HistogramBinning(),
    };

    /// <summary>
    /// SdcaLogisticRegression followed by each binary calibrator, saved and loaded with the extension serializer:
    /// Probability and PredictedLabel are bit-identical, and a PredictionEngine on the loaded model agrees with Transform.
    /// </summary>
    [Theory]
    [MemberData(nameof(BinaryKinds))]
    public void BinaryCalibratorAfterMlNetTrainerRoundTripsBitIdentically(string kind)
    {
        var ml = new MLContext(1);
        var (rows, _) = OverconfidentMlp.Generate(600, seed: 4);
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20)
            .Append(Binary(ml, kind)).Fit(data);
        var path = Path.Combine(_folder, $"{kind}.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        var loaded = new MLContext(2).Model.LoadWithExtensions(path, out _);

        var before = model.Transform(data);
        var after = loaded.Transform(data);
        var pBefore = before.GetColumn<float>("Probability").ToArray();
        Assert.Equal(pBefore.Select(BitConverter.SingleToInt32Bits), after.GetColumn<float>("Probability").Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(before.GetColumn<bool>("PredictedLabel"), after.GetColumn<bool>("PredictedLabel"));
        Assert.Contains(Assert.IsType<TransformerChain<ITransformer>>(loaded), t => t is BinaryCalibratorTransformer);

        var engine = ml.Model.CreatePredictionEngine<TestData.BinaryRow, BinaryPrediction>(loaded);
        for (int i = 0; i < 20; i++)
        {
            var prediction = engine.Predict(rows[i]);
            Assert.Equal(pBefore[i], prediction.Probability);
            Assert.Equal(pBefore[i] > 0.5f, prediction.PredictedLabel);
        }
    }

    /// <summary>The calibrated output keeps Score and carries Probability/PredictedLabel, so ML.NET's binary evaluator runs on it.</summary>
    [Theory]
    [MemberData(nameof(BinaryKinds))]
    public void BinaryOutputWorksWithMlNetBinaryEvaluate(string kind)
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(OverconfidentMlp.Generate(600, seed: 4).Rows);
        var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20).Append(Binary(ml, kind)).Fit(data);
        var output = model.Transform(data);
        var metrics = ml.BinaryClassification.Evaluate(output);
        var p = output.GetColumn<float>("Probability").ToArray();
        var y = output.GetColumn<bool>("Label").ToArray();
        double expectedLogLoss = CalibrationTestData.LogLoss(p, y) / Math.Log(2); // ML.NET reports log loss in bits
        Assert.Equal(expectedLogLoss, metrics.LogLoss, 3);
        Assert.InRange(metrics.Accuracy, 0.6, 1);
    }

    public static TheoryData<string> MulticlassKinds => new() { "MulticlassTemperature", "VectorScaling", "MatrixScaling", "ClasswiseHistogramBinning" };

    /// <summary>LbfgsMaximumEntropy followed by each multiclass calibrator: bit-identical Score and PredictedLabel after a round trip; PredictionEngine agrees.</summary>
    [Theory]
    [MemberData(nameof(MulticlassKinds))]
    public void MulticlassCalibratorAfterMlNetTrainerRoundTripsBitIdentically(string kind)
    {
        var ml = new MLContext(1);
        var rows = TestData.Sectors(600, seed: 5);
        var data = ml.Data.LoadFromEnumerable(rows);
        IEstimator<ITransformer> calibrator = kind switch
        {
            "VectorScaling" => ml.Calibration().Calibrators.VectorScaling(),
            "MatrixScaling" => ml.Calibration().Calibrators.MatrixScaling(),
            "ClasswiseHistogramBinning" => ml.Calibration().Calibrators.ClasswiseHistogramBinning(),
            _ => ml.Calibration().Calibrators.MulticlassTemperature(),
        };
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(calibrator).Fit(data);
        var path = Path.Combine(_folder, $"{kind}.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        var loaded = new MLContext(2).Model.LoadWithExtensions(path, out _);

        var before = model.Transform(data).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        var after = loaded.Transform(data).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(before.SelectMany(v => v).Select(BitConverter.SingleToInt32Bits), after.SelectMany(v => v).Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(model.Transform(data).GetColumn<uint>("PredictedLabel"), loaded.Transform(data).GetColumn<uint>("PredictedLabel"));

        var engine = ml.Model.CreatePredictionEngine<TestData.StringLabelRow, MulticlassPrediction>(loaded);
        for (int i = 0; i < 20; i++)
            Assert.Equal(before[i], engine.Predict(rows[i]).Score);
    }

    /// <summary>Our own multiclass Torch MLP (Score = probabilities) followed by vector scaling: same bit-identical round trip.</summary>
    [Fact]
    public void CalibratorAfterTorchMlpRoundTripsBitIdentically()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TestData.Sectors(600, seed: 6));
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Torch().MlpMulticlassClassifier(hiddenLayers: new[] { 16 }, numberOfEpochs: 5, learningRate: 0.01))
            .Append(ml.Calibration().Calibrators.VectorScaling()).Fit(data);
        var path = Path.Combine(_folder, "mlp-vector.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        var loaded = ml.Model.LoadWithExtensions(path, out _);
        var before = model.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();
        var after = loaded.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();
        Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));
    }

    /// <summary>A calibrator saved on its own (not in a chain) loads back to the same type and parameters.</summary>
    [Fact]
    public void BareCalibratorRoundTripKeepsItsParameters()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(CalibrationTestData.TemperatureLogits(1_000, 2, seed: 1));
        var model = ml.Calibration().Calibrators.HistogramBinning(numberOfBins: 7).Fit(data);
        var path = Path.Combine(_folder, "bins.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        var loaded = Assert.IsType<HistogramBinningTransformer>(ml.Model.LoadWithExtensions(path, out _));
        Assert.Equal(model.Thresholds, loaded.Thresholds);
        Assert.Equal(model.BinValues, loaded.BinValues);
        Assert.Equal(model.Counts, loaded.Counts);
    }

    /// <summary>mlContext.Model.Save cannot save our transformers; the error names the method to use.</summary>
    [Fact]
    public void MlNetSaveThrowsAndNamesTheMethodToUse()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(CalibrationTestData.TemperatureLogits(100, 2, seed: 1));
        var model = ml.Calibration().Calibrators.Temperature().Fit(data);
        var e = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, Path.Combine(_folder, "x.zip")));
        Assert.Contains("SaveWithExtensions", e.Message);
    }

    /// <summary>A tampered model file (negative temperature) is rejected with the entry named.</summary>
    [Fact]
    public void InvalidParametersAreRejectedOnLoad()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(CalibrationTestData.TemperatureLogits(100, 2, seed: 1));
        var model = ml.Calibration().Calibrators.Temperature().Fit(data);
        var path = Path.Combine(_folder, "t.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("calibrator.json"));
            string name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("{ \"Temperature\": -1 }");
        }
        var error = Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithExtensions(path, out _));
        Assert.Contains("calibrator.json", error.Message);
    }
}

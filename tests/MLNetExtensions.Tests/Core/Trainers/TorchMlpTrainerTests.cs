using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using Xunit;

namespace MLNetExtensions.Tests.Core.Trainers;

public class TorchMlpTrainerTests
{
    private static TorchMlpOptions Small(int seed = 1, int epochs = 30) => new()
    {
        HiddenLayers = new[] { 32, 32 },
        NumberOfEpochs = epochs,
        LearningRate = 0.01,
        BatchSize = 64,
        Seed = seed,
    };

    [Fact]
    public void MlpBeatsLinearBaselineOnNonlinearBinaryTask()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(TestData.Ring(2000, seed: 1));
        var test = ml.Data.LoadFromEnumerable(TestData.Ring(1000, seed: 2));

        var mlp = ml.Torch().MlpBinaryClassifier(Small()).Fit(train);
        var mlpMetrics = ml.BinaryClassification.Evaluate(mlp.Transform(test));
        var linear = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(train);
        var linearMetrics = ml.BinaryClassification.Evaluate(linear.Transform(test));

        Assert.True(mlpMetrics.AreaUnderRocCurve > 0.97, $"MLP AUC {mlpMetrics.AreaUnderRocCurve}");
        Assert.True(mlpMetrics.AreaUnderRocCurve > linearMetrics.AreaUnderRocCurve + 0.2,
            $"MLP AUC {mlpMetrics.AreaUnderRocCurve} vs linear {linearMetrics.AreaUnderRocCurve}");
        Assert.True(mlpMetrics.Accuracy > 0.9, $"MLP accuracy {mlpMetrics.Accuracy}");
    }

    [Fact]
    public void SameSeedGivesSameWeightsAndPredictionsDifferentSeedsDiffer()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(TestData.Ring(500, seed: 3));
        var options = Small(seed: 7, epochs: 3);
        options.Dropout = 0.2;
        var a = ml.Torch().MlpBinaryClassifier(options).Fit(train);
        var b = ml.Torch().MlpBinaryClassifier(options).Fit(train);
        options.Seed = 8;
        var c = ml.Torch().MlpBinaryClassifier(options).Fit(train);

        var wa = Weights(a);
        Assert.Equal(wa, Weights(b));
        Assert.NotEqual(wa, Weights(c));
        Assert.Equal(Scores(ml, a, train), Scores(ml, b, train));
        Assert.NotEqual(Scores(ml, a, train), Scores(ml, c, train));
    }

    [Fact]
    public void PredictionEngineAndBatchedTransformAgree()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestData.Ring(300, seed: 4);
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = Small(epochs: 2);
        options.ScoringBatchSize = 64; // several blocks, the last one partial
        var model = ml.Torch().MlpBinaryClassifier(options).Fit(data);

        var batched = ml.Data.CreateEnumerable<BinaryPrediction>(model.Transform(data), reuseRowObject: false).ToList();
        var engine = ml.Model.CreatePredictionEngine<TestData.BinaryRow, BinaryPrediction>(model);
        Assert.Equal(rows.Count, batched.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var single = engine.Predict(rows[i]);
            // A block of 64 rows and a block of 1 may take different BLAS kernels: equal to float rounding.
            Assert.Equal(batched[i].Score, single.Score, 5e-6f);
            Assert.Equal(batched[i].Probability, single.Probability, 5e-6f);
            if (Math.Abs(single.Score) > 1e-5f)
                Assert.Equal(batched[i].PredictedLabel, single.PredictedLabel);
            Assert.Equal(batched[i].Score > 0, batched[i].PredictedLabel);
        }
    }

    [Fact]
    public void MulticlassOutputsWorkWithMlNetEvaluator()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Torch().MlpMulticlassClassifier(Small()))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabelText", "PredictedLabel"));
        var train = ml.Data.LoadFromEnumerable(TestData.Sectors(1500, 5));
        var test = ml.Data.LoadFromEnumerable(TestData.Sectors(500, 6));
        var model = pipeline.Fit(train);
        var scored = model.Transform(test);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MacroAccuracy > 0.9, $"macro accuracy {metrics.MacroAccuracy}");
        var texts = scored.GetColumn<ReadOnlyMemory<char>>("PredictedLabelText").Select(t => t.ToString()).Distinct().OrderBy(t => t);
        Assert.Equal(new[] { "blue", "green", "red" }, texts);
    }

    [Fact]
    public void RegressionFitsNonlinearTarget()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(TestData.Wave(2000, 7));
        var test = ml.Data.LoadFromEnumerable(TestData.Wave(500, 8));
        var options = Small(epochs: 40);
        options.ExampleWeightColumnName = "Weight";
        var model = ml.Torch().MlpRegressor(options).Fit(train);
        var metrics = ml.Regression.Evaluate(model.Transform(test));
        Assert.True(metrics.RSquared > 0.95, $"R^2 {metrics.RSquared}");
    }

    [Fact]
    public void EarlyStoppingStopsAndReportsProgress()
    {
        var ml = new MLContext(seed: 1);
        var logged = new List<string>();
        ml.Log += (_, e) => { if (e.Message.Contains("epoch")) lock (logged) logged.Add(e.Message); };
        var reports = new List<TrainingProgress>();
        var options = Small(epochs: 200);
        options.ValidationFraction = 0.3;
        options.EarlyStoppingPatience = 3;
        options.EarlyStoppingMinDelta = 1e-3;
        options.LearningRate = 0.05;
        options.Progress = new SynchronousProgress<TrainingProgress>(reports.Add);
        var model = ml.Torch().MlpBinaryClassifier(options).Fit(ml.Data.LoadFromEnumerable(TestData.Ring(400, 9)));

        var history = model.TrainingHistory!;
        Assert.True(history.StoppedEarly, history.ToString());
        Assert.True(history.Epochs.Count < 200);
        Assert.Equal(history.Epochs.Count, reports.Count);
        Assert.All(reports, r => Assert.NotNull(r.ValidationLoss));
        Assert.Contains(logged, m => m.Contains("epoch 1/200"));
        // The kept weights are the best epoch's: its validation loss is the minimum.
        var best = reports.MinBy(r => r.ValidationLoss!.Value)!;
        Assert.Equal(best.Epoch, history.BestEpoch);
    }

    [Fact]
    public void StreamingModeTrainsWithoutMaterialising()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(TestData.Ring(2000, 10));
        var options = Small(epochs: 30);
        options.DataMode = TrainingDataMode.Streaming;
        options.ShufflePoolSize = 500;
        var model = ml.Torch().MlpBinaryClassifier(options).Fit(train, ml.Data.LoadFromEnumerable(TestData.Ring(300, 11)));
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(TestData.Ring(500, 12))));
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"AUC {metrics.AreaUnderRocCurve}");
    }

    [Fact]
    public void EstimatorOutputSchemaMatchesTransformerSchema()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TestData.Ring(100, 13));
        var trainer = ml.Torch().MlpBinaryClassifier(Small(epochs: 1));
        var shape = trainer.GetOutputSchema(MLNetExtensions.Data.SchemaShapes.FromSchema(data.Schema));
        var schema = trainer.Fit(data).GetOutputSchema(data.Schema);
        foreach (var name in new[] { "Score", "Probability", "PredictedLabel" })
        {
            Assert.Contains(shape, c => c.Name == name);
            Assert.NotNull(schema.GetColumnOrNull(name));
        }
    }

    internal static float[] Weights(TorchMlpTransformer model) =>
        model.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    internal static float[] Scores(MLContext ml, ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float>("Score").ToArray();

    public sealed class BinaryPrediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

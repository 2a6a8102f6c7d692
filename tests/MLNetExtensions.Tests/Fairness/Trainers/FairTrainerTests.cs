using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Data;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Persistence;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Trainers;

public sealed class FairTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-fair-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FairTrainerOptions Options(FairnessPenaltyKind penalty, double lambda, params string[] protectedColumns) => new()
    {
        ProtectedColumnNames = protectedColumns,
        Penalty = penalty,
        Lambda = lambda,
        Mlp = { HiddenLayers = new[] { 16 }, NumberOfEpochs = 8, BatchSize = 128, LearningRate = 0.01, Seed = 7 },
    };

    [Fact]
    public void MlpShortcutsForwardToMlpAndCloneCopiesIt()
    {
        var options = Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 1, "A");
        options.Seed = 3;
        options.HiddenLayers = new[] { 5 };
        Assert.Equal((3, 5), (options.Mlp.Seed, options.Mlp.HiddenLayers[0]));
        var copy = options.Clone();
        copy.Mlp.Seed = 4;
        copy.Mlp.HiddenLayers[0] = 6;
        Assert.Equal((3, 5), (options.Seed, options.HiddenLayers[0]));
    }

    private static float[] Column(IDataView view, string name) => view.GetColumn<float>(name).ToArray();

    [Fact]
    public void PenaltyReducesDemographicParityDifferenceAndDistanceCovariance()
    {
        var ml = new MLContext(1);
        var train = IntersectionalBiasData.Load(ml, 2000, seed: 1);
        var test = IntersectionalBiasData.Load(ml, 2000, seed: 2);
        var sensitive = new[] { "A", "B" };

        var plain = ml.Fairness().Trainers.FairBinaryClassifier(Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 0, "A", "B")).Fit(train);
        var fair = ml.Fairness().Trainers.FairBinaryClassifier(Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 20, "A", "B")).Fit(train);
        var before = ml.Fairness().Evaluate(plain.Transform(test), sensitive, scoreColumnName: "Probability", probabilityColumnName: "Probability");
        var after = ml.Fairness().Evaluate(fair.Transform(test), sensitive, scoreColumnName: "Probability", probabilityColumnName: "Probability");

        Assert.True(before.DemographicParityDifference > 0.3, $"the task is biased: DP difference {before.DemographicParityDifference}");
        Assert.True(after.DemographicParityDifference < 0.5 * before.DemographicParityDifference,
            $"DP difference {before.DemographicParityDifference} -> {after.DemographicParityDifference}");
        Assert.True(after.Distance!.CCdCov < 0.3 * before.Distance!.CCdCov, $"CCdCov {before.Distance.CCdCov} -> {after.Distance.CCdCov}");
        // Still a model: better than the majority rate on held-out data.
        var metrics = ml.BinaryClassification.Evaluate(fair.Transform(test));
        Assert.True(metrics.AreaUnderRocCurve > 0.7, $"AUC {metrics.AreaUnderRocCurve}");
    }

    [Fact]
    public void LambdaZeroTrainsTheSameModelAsPlainMlpTraining()
    {
        var ml = new MLContext(1);
        var train = IntersectionalBiasData.Load(ml, 600, seed: 3);
        var fairOptions = Options(FairnessPenaltyKind.JointDistanceCovariance, 0, "A", "B");
        fairOptions.Dropout = 0.1;
        fairOptions.ValidationFraction = 0.2;
        var fair = ml.Fairness().Trainers.FairBinaryClassifier(fairOptions).Fit(train).LastTransformer;
        var plain = ml.Torch().MlpBinaryClassifier(new TorchMlpOptions
        {
            HiddenLayers = new[] { 16 }, NumberOfEpochs = 8, BatchSize = 128, LearningRate = 0.01, Seed = 7, Dropout = 0.1, ValidationFraction = 0.2,
        }).Fit(train);
        Assert.Equal(Column(plain.Transform(train), "Score"), Column(fair.Transform(train), "Score"));

        // A positive lambda does change the model (the comparison above can fail).
        fairOptions.Lambda = 5;
        var penalised = ml.Fairness().Trainers.FairBinaryClassifier(fairOptions).Fit(train);
        Assert.NotEqual(Column(plain.Transform(train), "Score"), Column(penalised.Transform(train), "Score"));
    }

    [Fact]
    public void SameSeedSameModel()
    {
        var ml = new MLContext(1);
        var train = IntersectionalBiasData.Load(ml, 500, seed: 4);
        var o = Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 3, "A", "B");
        var a = ml.Fairness().Trainers.FairBinaryClassifier(o).Fit(train);
        var b = ml.Fairness().Trainers.FairBinaryClassifier(o).Fit(train);
        Assert.Equal(Column(a.Transform(train), "Score"), Column(b.Transform(train), "Score"));
    }

    [Fact]
    public void ProtectedColumnsAreNotModelInputsUnlessAsked()
    {
        var ml = new MLContext(1);
        var train = IntersectionalBiasData.Load(ml, 300, seed: 5);
        var o = Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 1, "A", "Group");
        o.NumberOfEpochs = 1;
        var model = ml.Fairness().Trainers.FairBinaryClassifier(o).Fit(train);
        Assert.Single(model);
        Assert.Equal(IntersectionalBiasData.FeatureCount, model.LastTransformer.FeatureWidth);
        Assert.Equal("Features", model.LastTransformer.FeatureColumnName);

        o.IncludeProtectedAsFeatures = true;
        var withProtected = ml.Fairness().Trainers.FairBinaryClassifier(o).Fit(train);
        // A as one float, Group one-hot over its 4 levels.
        Assert.Equal(IntersectionalBiasData.FeatureCount + 1 + 4, withProtected.LastTransformer.FeatureWidth);
        Assert.Equal(300, Column(withProtected.Transform(train), "Probability").Length);

        // No penalty needs no protected column at all.
        var none = ml.Fairness().Trainers.FairBinaryClassifier(new FairTrainerOptions { Penalty = FairnessPenaltyKind.None, NumberOfEpochs = 1 }).Fit(train);
        Assert.Equal(IntersectionalBiasData.FeatureCount, none.LastTransformer.FeatureWidth);
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void RoundTripIsBitIdenticalAndMlNetToolsWork()
    {
        var ml = new MLContext(1);
        var rows = IntersectionalBiasData.Generate(400, seed: 6);
        var train = ml.Data.LoadFromEnumerable(rows);
        var o = Options(FairnessPenaltyKind.DemographicParityGap, 2, "A", "B");
        o.IncludeProtectedAsFeatures = true;
        o.NumberOfEpochs = 2;
        var model = ml.Fairness().Trainers.FairBinaryClassifier(o).Fit(train);
        var path = Path.Combine(_folder, "fair.zip");
        ml.Model.SaveWithExtensions(model, train.Schema, path);
        var loaded = new MLContext(2).Model.LoadWithExtensions(path, out _);
        Assert.Equal(Column(model.Transform(train), "Score"), Column(loaded.Transform(train), "Score"));
        Assert.Equal(Column(model.Transform(train), "Probability"), Column(loaded.Transform(train), "Probability"));

        var engine = ml.Model.CreatePredictionEngine<IntersectionalBiasData.Row, Prediction>(loaded);
        var batched = Column(model.Transform(train), "Probability");
        Assert.Equal(batched[0], engine.Predict(rows[0]).Probability, 1e-6f);
        var metrics = ml.BinaryClassification.Evaluate(loaded.Transform(train));
        Assert.InRange(metrics.Accuracy, 0.5, 1.0);
        Assert.Throws<NotSupportedException>(() => ml.Model.Save(model.LastTransformer, train.Schema, Path.Combine(_folder, "plain.zip")));
    }

    private sealed class RegressionRow
    {
        [VectorType(2)] public float[] Features { get; set; } = new float[2];
        public float Label { get; set; }
        public float Age { get; set; }
    }

    private static List<RegressionRow> RegressionRows(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            float age = (float)(18 + 60 * r.NextDouble());
            float x = (float)(r.NextDouble() * 2 - 1);
            float proxy = (age - 48) / 17f + (float)(0.3 * (r.NextDouble() - 0.5));
            return new RegressionRow { Features = new[] { x, proxy }, Age = age, Label = 2 * x + 1.5f * (age - 48) / 17f + (float)(0.2 * (r.NextDouble() - 0.5)) };
        }).ToList();
    }

    [Fact]
    public void RegressorWithContinuousAttributeReducesDependence()
    {
        var ml = new MLContext(1);
        var train = ml.Data.LoadFromEnumerable(RegressionRows(1500, 1));
        var test = ml.Data.LoadFromEnumerable(RegressionRows(1500, 2));
        var o = Options(FairnessPenaltyKind.DistanceCovariance, 0, "Age");
        o.HiddenLayers = Array.Empty<int>(); // linear regression
        var plain = ml.Fairness().Trainers.FairRegressor(o).Fit(train);
        o.Lambda = 50;
        var fair = ml.Fairness().Trainers.FairRegressor(o).Fit(train);
        var before = ml.Fairness().EvaluateRegression(plain.Transform(test), new[] { "Age" });
        var after = ml.Fairness().EvaluateRegression(fair.Transform(test), new[] { "Age" });
        Assert.True(after.Distance!.DCor < 0.5 * before.Distance!.DCor, $"dCor {before.Distance.DCor} -> {after.Distance.DCor}");
        Assert.Equal(2, plain.LastTransformer.FeatureWidth);
    }

    [Fact]
    public void MulticlassTrainerPenalisesClassProbabilities()
    {
        var ml = new MLContext(1);
        var data = ml.Transforms.Conversion.MapValueToKey("Label", "Group")
            .Fit(IntersectionalBiasData.Load(ml, 400, seed: 8)).Transform(IntersectionalBiasData.Load(ml, 400, seed: 8));
        var o = Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 1, "A");
        o.NumberOfEpochs = 2;
        var model = ml.Fairness().Trainers.FairMulticlassClassifier(o).Fit(data);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        Assert.InRange(metrics.MacroAccuracy, 0, 1);
        Assert.Equal(4, model.LastTransformer.ClassNames!.Count);
    }

    [Fact]
    public void ExplicitValidationDataIsEncodedWithTheTrainingLevels()
    {
        var ml = new MLContext(1);
        var train = IntersectionalBiasData.Load(ml, 400, seed: 13);
        var validation = IntersectionalBiasData.Load(ml, 200, seed: 14);
        var o = Options(FairnessPenaltyKind.DemographicParityGap, 2, "Group");
        o.NumberOfEpochs = 3;
        o.EarlyStoppingPatience = 1;
        var model = ml.Fairness().Trainers.FairBinaryClassifier(o).Fit(train, validation);
        Assert.All(model.LastTransformer.TrainingHistory!.Epochs, e => Assert.True(e.ValidationLoss is { } v && double.IsFinite(v)));

        // A level the training data never had cannot be encoded: named, with its row.
        var odd = IntersectionalBiasData.Generate(30, seed: 15);
        odd[7].Group = "A=2,B=0";
        var e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.FairBinaryClassifier(o).Fit(train, ml.Data.LoadFromEnumerable(odd)));
        Assert.Equal("Group", e.ColumnName);
        Assert.Equal(7, e.Row);
        Assert.Contains("A=2,B=0", e.Message);
    }

    private sealed class NaNRow
    {
        [VectorType(2)] public float[] Features { get; set; } = new float[2];
        public bool Label { get; set; }
        public float Income { get; set; }
    }

    [Fact]
    public void BadInputIsAClearErrorNamingTheColumnOrOption()
    {
        var ml = new MLContext(1);
        var data = IntersectionalBiasData.Load(ml, 100, seed: 9);
        var t = ml.Fairness().Trainers;

        var missing = Assert.ThrowsAny<ArgumentException>(() => t.FairBinaryClassifier(Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 1, "A", "Sexx")).Fit(data));
        Assert.Contains("'Sexx'", missing.Message);

        var nanRows = Enumerable.Range(0, 20).Select(i => new NaNRow { Features = new[] { i * 1f, 1f }, Label = i % 2 == 0, Income = i == 13 ? float.NaN : i }).ToList();
        var nan = Assert.Throws<DataValidationException>(() => t.FairBinaryClassifier(Options(FairnessPenaltyKind.DistanceCovariance, 1, "Income")).Fit(ml.Data.LoadFromEnumerable(nanRows)));
        Assert.Equal("Income", nan.ColumnName);
        Assert.Equal(13, nan.Row);

        var small = Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 1, "A");
        small.BatchSize = 3;
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => t.FairBinaryClassifier(small)).ParamName);
        small.Lambda = 0; // no penalty applied: small batches are fine
        Assert.NotNull(t.FairBinaryClassifier(small));

        Assert.Equal("Penalty", Assert.Throws<ArgumentOutOfRangeException>(() => t.FairBinaryClassifier(Options((FairnessPenaltyKind)99, 1, "A"))).ParamName);
        Assert.Equal("Lambda", Assert.Throws<ArgumentOutOfRangeException>(() => t.FairBinaryClassifier(Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, -1, "A"))).ParamName);
        Assert.Equal("ProtectedColumnNames", Assert.Throws<ArgumentOutOfRangeException>(() => t.FairBinaryClassifier(Options(FairnessPenaltyKind.DistanceCovariance, 1, "A", "B"))).ParamName);
        Assert.Equal("ProtectedColumnNames", Assert.Throws<ArgumentOutOfRangeException>(() => t.FairBinaryClassifier(Options(FairnessPenaltyKind.JointDistanceCovariance, 1))).ParamName);
        var streaming = Options(FairnessPenaltyKind.ConcatenatedDistanceCovariance, 1, "A");
        streaming.Mlp.DataMode = TrainingDataMode.Streaming;
        Assert.Equal("Mlp.DataMode", Assert.Throws<ArgumentOutOfRangeException>(() => t.FairBinaryClassifier(streaming)).ParamName);

        var continuous = ml.Data.LoadFromEnumerable(RegressionRows(100, 3));
        var dp = Assert.Throws<ArgumentException>(() => t.FairRegressor(Options(FairnessPenaltyKind.DemographicParityGap, 1, "Age")).Fit(continuous));
        Assert.Equal("Age", dp.ParamName);
        Assert.Contains("continuous", dp.Message);
    }
}

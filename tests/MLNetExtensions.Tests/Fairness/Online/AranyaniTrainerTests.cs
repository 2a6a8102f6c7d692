using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Online;
using MLNetExtensions.Persistence;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Online;

public sealed class AranyaniTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-aranyani-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Mini-batches of 8 keep the tests fast; the paper's setting is BatchSize 1 (the Adult study).
    private static AranyaniOptions Options(double lambda, int seed = 1) => new()
    {
        SensitiveColumnName = "Group",
        Lambda = lambda,
        Seed = seed,
        BatchSize = 8,
        LearningRate = 0.01,
    };

    [Fact]
    public void PositiveLambdaReducesPrequentialDemographicParityOnABiasedStream()
    {
        var ml = new MLContext(1);
        var stream = ml.Data.Cache(BiasedStream.Load(ml, 2000, seed: 5));
        var gaps = new List<(double Plain, double Fair, double PlainAccuracy, double FairAccuracy)>();
        foreach (int seed in new[] { 1, 2, 3 })
        {
            using var plain = ml.Fairness().Trainers.Aranyani(Options(0, seed)).Fit(stream);
            using var fair = ml.Fairness().Trainers.Aranyani(Options(5, seed)).Fit(stream);
            gaps.Add((plain.History!.DemographicParityDifference!.Value, fair.History!.DemographicParityDifference!.Value,
                plain.History.Accuracy, fair.History.Accuracy));
        }
        string detail = string.Join("; ", gaps.Select(g => $"DP {g.Plain:F3} -> {g.Fair:F3}, accuracy {g.PlainAccuracy:F3} -> {g.FairAccuracy:F3}"));
        Assert.All(gaps, g => Assert.True(g.Plain > 0.2, "the stream is biased: " + detail));
        Assert.All(gaps, g => Assert.True(g.Fair < 0.5 * g.Plain, "lambda 5 at least halves the prequential DP difference: " + detail));
        Assert.All(gaps, g => Assert.True(g.FairAccuracy > 0.6, "still a classifier: " + detail));
    }

    [Fact]
    public void LearnerStateDoesNotGrowWithTheStream()
    {
        var ml = new MLContext(1);
        var options = Options(1);
        options.BatchSize = 32;
        options.HistoryInterval = 500;
        using var short_ = ml.Fairness().Trainers.Aranyani(options).Fit(BiasedStream.Load(ml, 1000, seed: 1));
        using var long_ = ml.Fairness().Trainers.Aranyani(options).Fit(BiasedStream.Load(ml, 10000, seed: 1));
        Assert.Equal(1000, short_.History!.Rows);
        Assert.Equal(10000, long_.History!.Rows);
        Assert.Equal(short_.History.StateSize, long_.History.StateSize);
        // Parameters x 3 (Adam's two moments), statistics for MaxGroups = 10 groups of 3 x 15 nodes x (4 + 1), window of 1,000 rows.
        Assert.True(short_.History.StateSize < 50_000, $"state {short_.History.StateSize}");
        // Only the history grows, one point per interval.
        Assert.Equal(2, short_.History.Points.Count);
        Assert.Equal(20, long_.History.Points.Count);
    }

    [Fact]
    public void SaveAndLoadRoundTripIsBitIdenticalAndPredictionEngineWorks()
    {
        var ml = new MLContext(1);
        var train = BiasedStream.Load(ml, 600, seed: 1);
        var test = BiasedStream.Load(ml, 200, seed: 2);
        using var model = ml.Fairness().Trainers.Aranyani(Options(1)).Fit(train);
        string path = Path.Combine(_folder, "aranyani.zip");
        ml.Model.SaveWithExtensions(model, train.Schema, path);
        var loaded = ml.Model.LoadWithExtensions(path, out _);
        var before = model.Transform(test);
        var after = loaded.Transform(test);
        foreach (var column in new[] { "Score", "Probability" })
            Assert.Equal(before.GetColumn<float>(column).ToArray(), after.GetColumn<float>(column).ToArray());
        Assert.Equal(before.GetColumn<bool>("PredictedLabel").ToArray(), after.GetColumn<bool>("PredictedLabel").ToArray());
        var probabilities = before.GetColumn<float>("Probability").ToArray();
        var scores = before.GetColumn<float>("Score").ToArray();
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        for (int i = 0; i < scores.Length; i++)
            Assert.Equal(probabilities[i] > 0.5f, scores[i] > 0);
        Assert.Null(((AranyaniTransformer)loaded).History);

        var engine = ml.Model.CreatePredictionEngine<BiasedStream.Row, Prediction>(loaded);
        var first = BiasedStream.Rows(200, seed: 2)[0];
        var single = engine.Predict(first);
        Assert.Equal(probabilities[0], single.Probability);
        Assert.Equal(scores[0], single.Score);
        // ML.NET's evaluator reads the outputs.
        var metrics = ml.BinaryClassification.Evaluate(after);
        Assert.InRange(metrics.Accuracy, 0.5, 1);
        Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, train.Schema, Path.Combine(_folder, "plain.zip")));
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void SameSeedSameModelAndTheHistoryHasItsViews()
    {
        var ml = new MLContext(1);
        var data = ml.Data.Cache(BiasedStream.Load(ml, 500, seed: 3));
        var options = Options(1);
        options.HistoryInterval = 100;
        options.WindowSize = 200;
        using var a = ml.Fairness().Trainers.Aranyani(options).Fit(data);
        using var b = ml.Fairness().Trainers.Aranyani(options).Fit(data);
        Assert.Equal(a.History!.Points, b.History!.Points);
        Assert.Equal(a.Transform(data).GetColumn<float>("Probability").ToArray(), b.Transform(data).GetColumn<float>("Probability").ToArray());

        var h = a.History;
        Assert.Equal(new long[] { 100, 200, 300, 400, 500 }, h.Points.Select(p => p.Rows));
        Assert.Equal(2, h.GroupNames.Count);
        Assert.Equal(500, h.GroupCounts.Sum());
        Assert.True(h.RowsPerSecond > 0);
        var frame = h.ToDataFrame();
        Assert.Equal(5, frame.Rows.Count);
        Assert.Equal(new[] { "rows", "accuracy", "dp_difference", "window_accuracy", "window_dp_difference", "log_loss" }, frame.Columns.Select(c => c.Name));
        // Up to the window size the windowed figures are the cumulative ones.
        Assert.Equal(h.Points[1].Accuracy, h.Points[1].WindowAccuracy, 12);
        Assert.NotEqual(h.Points[4].Accuracy, h.Points[4].WindowAccuracy);
        string png = Path.Combine(_folder, "history.png");
        h.SavePlot(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(png)[..4]);
    }

    [Fact]
    public void MiniBatchesAndDecayTrainToo()
    {
        var ml = new MLContext(1);
        var data = ml.Data.Cache(BiasedStream.Load(ml, 400, seed: 4));
        var options = Options(1);
        options.BatchSize = 7;   // 400 = 57 x 7 + 1: the last partial batch is learned too
        options.StatisticsDecay = 0.99;
        using var model = ml.Fairness().Trainers.Aranyani(options).Fit(data);
        Assert.Equal(400, model.History!.Rows);
        Assert.All(model.Transform(data).GetColumn<float>("Probability"), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void TextAndNumericSensitiveColumnsDefineGroups()
    {
        var ml = new MLContext(1);
        var rows = BiasedStream.Rows(300, seed: 6).Select((r, i) => new TextRow { Label = r.Label, Features = r.Features, Region = (i % 3) switch { 0 => "north", 1 => "south", _ => "east" }, Code = i % 2 }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = Options(1);
        options.SensitiveColumnName = "Region";
        using var byText = ml.Fairness().Trainers.Aranyani(options).Fit(data);
        Assert.Equal(new[] { "north", "south", "east" }, byText.History!.GroupNames);
        Assert.Equal(new long[] { 100, 100, 100 }, byText.History.GroupCounts);
        options.SensitiveColumnName = "Code";
        using var byNumber = ml.Fairness().Trainers.Aranyani(options).Fit(data);
        Assert.Equal(new[] { "0", "1" }, byNumber.History!.GroupNames);
    }

    private sealed class TextRow
    {
        public bool Label { get; set; }

        [VectorType(4)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public string Region { get; set; } = "";

        public float Code { get; set; }
    }

    [Fact]
    public void MissingSensitiveColumnIsNamed()
    {
        var ml = new MLContext(1);
        var options = Options(1);
        options.SensitiveColumnName = "Gender";
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Fairness().Trainers.Aranyani(options).Fit(BiasedStream.Load(ml, 10, 1)));
        Assert.Contains("'Gender'", e.Message);
        Assert.Contains("'Group'", e.Message);   // the columns present are listed
    }

    [Fact]
    public void NaNFeatureIsNamedWithRowAndSlot()
    {
        var ml = new MLContext(1);
        var rows = BiasedStream.Rows(20, 1);
        rows[13].Features[2] = float.NaN;
        var e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.Aranyani(Options(1)).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Features", e.ColumnName);
        Assert.Equal(13, e.Row);
        Assert.Contains("row 13, slot 2", e.Message);
    }

    [Fact]
    public void NaNSensitiveValueIsNamedWithRow()
    {
        var ml = new MLContext(1);
        var rows = BiasedStream.Rows(20, 1).Select(r => new TextRow { Label = r.Label, Features = r.Features, Code = 1 }).ToArray();
        rows[0].Code = 0;
        rows[7].Code = float.NaN;
        var options = Options(1);
        options.SensitiveColumnName = "Code";
        var e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.Aranyani(options).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Code", e.ColumnName);
        Assert.Equal(7, e.Row);
    }

    [Fact]
    public void AllRowsInOneGroupIsAnErrorWithLambdaAndAWarningWithout()
    {
        var ml = new MLContext(1);
        var rows = BiasedStream.Rows(50, 1);
        foreach (var r in rows) r.Group = true;
        var data = ml.Data.LoadFromEnumerable(rows);
        var e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.Aranyani(Options(1)).Fit(data));
        Assert.Equal("Group", e.ColumnName);
        Assert.Contains("one group", e.Message);
        using var plain = ml.Fairness().Trainers.Aranyani(Options(0)).Fit(data);
        Assert.Null(plain.History!.DemographicParityDifference);
        Assert.Contains(plain.History.Warnings, w => w.Contains("one group", StringComparison.Ordinal));
    }

    [Fact]
    public void TooManyGroupsAndBadLabelsAreNamed()
    {
        var ml = new MLContext(1);
        var rows = BiasedStream.Rows(30, 1).Select((r, i) => new TextRow { Label = r.Label, Features = r.Features, Region = $"r{i}", Code = i == 4 ? 0.5f : i % 2 }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = Options(1);
        options.SensitiveColumnName = "Region";
        var e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.Aranyani(options).Fit(data));
        Assert.Contains("MaxGroups", e.Message);
        Assert.Equal(10, e.Row);

        // A Single label must be 0 or 1 (row 4 holds 0.5; the label is read before the group, so it is named first).
        var numericLabel = ml.Transforms.CopyColumns("Label", "Code").Fit(data).Transform(data);
        var l = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.Aranyani(options).Fit(numericLabel));
        Assert.Equal("Label", l.ColumnName);
        Assert.Equal(4, l.Row);
    }

    [Theory]
    [InlineData(nameof(AranyaniOptions.NumberOfTrees))]
    [InlineData(nameof(AranyaniOptions.TreeDepth))]
    [InlineData(nameof(AranyaniOptions.Lambda))]
    [InlineData(nameof(AranyaniOptions.LearningRate))]
    [InlineData(nameof(AranyaniOptions.BatchSize))]
    [InlineData(nameof(AranyaniOptions.HuberDelta))]
    [InlineData(nameof(AranyaniOptions.StatisticsDecay))]
    [InlineData(nameof(AranyaniOptions.MaxGroups))]
    [InlineData(nameof(AranyaniOptions.WindowSize))]
    [InlineData(nameof(AranyaniOptions.InitialWeightStandardDeviation))]
    [InlineData(nameof(AranyaniOptions.TorchThreads))]
    public void InvalidOptionsNameTheOption(string name)
    {
        var options = Options(1);
        switch (name)
        {
            case nameof(AranyaniOptions.NumberOfTrees): options.NumberOfTrees = 0; break;
            case nameof(AranyaniOptions.TreeDepth): options.TreeDepth = 11; break;
            case nameof(AranyaniOptions.Lambda): options.Lambda = -1; break;
            case nameof(AranyaniOptions.LearningRate): options.LearningRate = 0; break;
            case nameof(AranyaniOptions.BatchSize): options.BatchSize = 0; break;
            case nameof(AranyaniOptions.HuberDelta): options.HuberDelta = double.NaN; break;
            case nameof(AranyaniOptions.StatisticsDecay): options.StatisticsDecay = 1; break;
            case nameof(AranyaniOptions.MaxGroups): options.MaxGroups = 1; break;
            case nameof(AranyaniOptions.WindowSize): options.WindowSize = 0; break;
            case nameof(AranyaniOptions.InitialWeightStandardDeviation): options.InitialWeightStandardDeviation = 0; break;
            case nameof(AranyaniOptions.TorchThreads): options.TorchThreads = 0; break;
        }
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext(1).Fairness().Trainers.Aranyani(options));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("AranyaniOptions." + name, e.Message);
    }

    [Fact]
    public void EmptySensitiveColumnNameIsAnError()
    {
        var options = Options(1);
        options.SensitiveColumnName = "";
        var e = Assert.Throws<ArgumentException>(() => new MLContext(1).Fairness().Trainers.Aranyani(options));
        Assert.Equal(nameof(AranyaniOptions.SensitiveColumnName), e.ParamName);
    }
}

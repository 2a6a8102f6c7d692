using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Debiasing.Synthetic;
using MLNetExtensions.Debiasing.Trainers;
using MLNetExtensions.Debiasing.Trainers.Kernels;
using MLNetExtensions.Persistence;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing.Trainers;

public sealed class DebiasedTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-debiased-mf-").FullName;
    private readonly MLContext _ml = new(0);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SyntheticMnarData Small() =>
        SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = 60, Items = 50, MarTestItemsPerUser = 5, Seed = 7 });

    private static DebiasedMatrixFactorizationOptions Quick(DebiasingMethod method, int seed = 3) => new()
    {
        Method = method, NumberOfEpochs = 3, FeatureModelEpochs = 2, BatchSize = 64, Seed = seed, TorchThreads = 1,
    };

    [Fact]
    public void EveryMethodIsDeterministicForASeedAndGivesProbabilities()
    {
        var data = Small();
        var train = data.Train.ToDataView(_ml);
        var mar = data.MarSample.ToDataView(_ml);
        foreach (var method in Enum.GetValues<DebiasingMethod>())
        {
            var first = _ml.Debiasing().Trainers.MatrixFactorization(Quick(method), mar).Fit(train);
            var second = new MLContext(99).Debiasing().Trainers.MatrixFactorization(Quick(method), mar).Fit(train);
            var other = _ml.Debiasing().Trainers.MatrixFactorization(Quick(method, seed: 4), mar).Fit(train);
            var a = first.Transform(train).GetColumn<float>("Score").ToArray();
            var b = second.Transform(train).GetColumn<float>("Score").ToArray();
            var c = other.Transform(train).GetColumn<float>("Score").ToArray();
            Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
            Assert.NotEqual(a, c);
            Assert.All(a, s => Assert.InRange(s, 0f, 1f));
            Assert.True(a.Distinct().Count() > 10, $"{method}: scores are (nearly) constant");
            Assert.Equal(method, first.Method);
            Assert.InRange(first.EpochLosses.Count, 1, 3);
            if (method is DebiasingMethod.KbIps or DebiasingMethod.KbDr or DebiasingMethod.AkbIps or DebiasingMethod.AkbDr)
            {
                Assert.True(first.KernelGamma > 0);
                Assert.InRange(first.KernelValues!.Mean, 0.01, 0.99);
                Assert.Equal(1.0, first.KernelValues.Maximum, 5);   // a centre meets itself
            }
            else
            {
                Assert.Null(first.KernelGamma);
            }
        }
    }

    [Fact]
    public void SaveLoadRoundTripIsBitIdenticalAndPredictionEngineWorks()
    {
        var data = Small();
        var train = data.Train.ToDataView(_ml);
        var model = _ml.Debiasing().Trainers.MatrixFactorization(Quick(DebiasingMethod.KbDr), data.MarSample.ToDataView(_ml)).Fit(train);
        var path = Path.Combine(_folder, "mf.zip");
        _ml.Model.SaveWithExtensions(model, train.Schema, path);
        var loaded = Assert.IsType<DebiasedMatrixFactorizationTransformer>(new MLContext(1).Model.LoadWithExtensions(path, out _));
        var before = model.Transform(train).GetColumn<float>("Score").ToArray();
        var after = loaded.Transform(train).GetColumn<float>("Score").ToArray();
        Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(model.KernelGamma, loaded.KernelGamma);
        Assert.Equal(model.EpochLosses, loaded.EpochLosses);

        var engine = _ml.Model.CreatePredictionEngine<KeyRow, ScoreRow>(loaded);
        var prediction = engine.Predict(new KeyRow { UserId = (uint)data.Train.Users[0], ItemId = (uint)data.Train.Items[0] });
        Assert.Equal(before[0], prediction.Score);
        Assert.Equal(model.Predict(data.Train.Users[0], data.Train.Items[0]), before[0]);
        Assert.Throws<NotSupportedException>(() => _ml.Model.Save(model, train.Schema, Path.Combine(_folder, "plain.zip")));
    }

    [Fact]
    public void UnknownKeysAtPredictionTimeAreErrorsNamingColumnAndRow()
    {
        var data = Small();
        var model = _ml.Debiasing().Trainers.MatrixFactorization(Quick(DebiasingMethod.Naive)).Fit(data.Train.ToDataView(_ml));
        // A catalog grown after training: 70 users, 50 items; user key 65 has no factors.
        var grown = new InteractionTable(70, 50, new[] { 0, 64 }, new[] { 0, 1 }, new[] { 0f, 0f }).ToDataView(_ml);
        var e = Assert.Throws<DataValidationException>(() => model.Transform(grown).GetColumn<float>("Score").ToArray());
        Assert.Equal(("UserId", 1L), (e.ColumnName, e.Row!.Value));
        Assert.Contains("60 users", e.Message);
        var items = new InteractionTable(60, 55, new[] { 0 }, new[] { 52 }, new[] { 0f }).ToDataView(_ml);
        var ei = Assert.Throws<DataValidationException>(() => model.Transform(items).GetColumn<float>("Score").ToArray());
        Assert.Equal(("ItemId", 0L), (ei.ColumnName, ei.Row!.Value));
    }

    [Fact]
    public void BadLabelsOptionsAndColumnsAreClearErrors()
    {
        var ratings = new InteractionTable(3, 4, new[] { 0, 1, 2 }, new[] { 0, 1, 2 }, new[] { 5f, 2f, 4f }).ToDataView(_ml);
        var naive = Quick(DebiasingMethod.Naive);
        var notBinary = Assert.Throws<DataValidationException>(() => _ml.Debiasing().Trainers.MatrixFactorization(naive).Fit(ratings));
        Assert.Equal(("Label", 0L), (notBinary.ColumnName, notBinary.Row!.Value));
        Assert.Contains("Binarization", notBinary.Message);
        // With a rule, ratings are binarised; a rating outside the rule's 1..5 range names the row.
        naive.Binarization = RatingBinarization.AtLeastThree;
        Assert.NotNull(_ml.Debiasing().Trainers.MatrixFactorization(naive).Fit(ratings));
        var outside = new InteractionTable(3, 4, new[] { 0, 1 }, new[] { 0, 1 }, new[] { 5f, 7f }).ToDataView(_ml);
        var rule = Assert.Throws<DataValidationException>(() => _ml.Debiasing().Trainers.MatrixFactorization(naive).Fit(outside));
        Assert.Equal(("Label", 1L), (rule.ColumnName, rule.Row!.Value));

        foreach (var (name, change) in new (string, Action<DebiasedMatrixFactorizationOptions>)[]
                 {
                     ("NumberOfFactors", o => o.NumberOfFactors = 0), ("BatchSize", o => o.BatchSize = -1),
                     ("LearningRate", o => o.LearningRate = double.NaN), ("UnobservedRatio", o => o.UnobservedRatio = 0),
                     ("NumberOfCentres", o => o.NumberOfCentres = 10_000), ("KernelGamma", o => o.KernelGamma = 0),
                     ("PropensityClipMinimum", o => o.PropensityClipMinimum = 0), ("WeightDecay", o => o.WeightDecay = -1),
                     ("BalanceMargin", o => o.BalanceMargin = -0.1), ("EarlyStoppingPatience", o => o.EarlyStoppingPatience = -1),
                 })
        {
            var options = Quick(DebiasingMethod.KbIps);
            options.PropensityModel = PropensityModelKind.Popularity;
            change(options);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Debiasing().Trainers.MatrixFactorization(options));
            Assert.Equal(name, e.ParamName);
        }

        var noMar = Assert.Throws<ArgumentNullException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Quick(DebiasingMethod.Ips)));
        Assert.Contains("MAR", noMar.Message);
        var empty = Assert.Throws<DataValidationException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Quick(DebiasingMethod.Ips),
            _ml.Data.LoadFromEnumerable(Array.Empty<LabelRow>())).Fit(Small().Train.ToDataView(_ml)));
        Assert.Contains("MAR sample is empty", empty.Message);

        var noKeys = _ml.Data.LoadFromEnumerable(new[] { new PlainRow { UserId = 1, ItemId = 1, Label = 1 } });
        var keyError = Assert.Throws<ArgumentException>(() => _ml.Debiasing().Trainers.MatrixFactorization(naive).Fit(noKeys));
        Assert.Equal("UserId", keyError.ParamName);
        Assert.Contains("MapValueToKey", keyError.Message);
    }

    [Fact]
    public void PropensityColumnIsUsedAndCheckedAndNoAllPairsTensorIsBuilt()
    {
        // 100,000 x 50,000 keys = 5e9 pairs: an all-pairs tensor could not be allocated; sampling indices is O(G x B).
        int users = 100_000, items = 50_000, n = 400;
        var rng = new Random(5);
        var u = Enumerable.Range(0, n).Select(_ => rng.Next(users)).ToArray();
        var i = Enumerable.Range(0, n).Select(_ => rng.Next(items)).ToArray();
        var y = Enumerable.Range(0, n).Select(k => (float)(k % 2)).ToArray();
        var rows = Enumerable.Range(0, n).Select(k => new PropensityRow { UserId = (uint)u[k], ItemId = (uint)i[k], Label = y[k], P = 0.01f + 0.1f * (k % 3) });
        var definition = SchemaDefinition.Create(typeof(PropensityRow));
        definition["UserId"].ColumnType = new KeyDataViewType(typeof(uint), users);
        definition["ItemId"].ColumnType = new KeyDataViewType(typeof(uint), items);
        var train = _ml.Data.LoadFromEnumerable(rows, definition);
        var options = Quick(DebiasingMethod.KbDr);
        options.NumberOfEpochs = 1;
        options.FeatureModelEpochs = 1;
        options.PropensityColumnName = "P";
        var model = _ml.Debiasing().Trainers.MatrixFactorization(options).Fit(train);
        Assert.Equal((users, items), (model.UserCount, model.ItemCount));
        Assert.True(float.IsFinite(model.Predict(users - 1, items - 1)));

        var bad = _ml.Data.LoadFromEnumerable(rows.Select((r, k) => new PropensityRow { UserId = r.UserId, ItemId = r.ItemId, Label = r.Label, P = k == 3 ? 0f : r.P }), definition);
        var e = Assert.Throws<DataValidationException>(() => _ml.Debiasing().Trainers.MatrixFactorization(options).Fit(bad));
        Assert.Equal(("P", 3L), (e.ColumnName, e.Row!.Value));
    }

    [Fact]
    public void KernelFeaturesAreMinMaxScaledOverTheWholeTableThenDividedByTheDimension()
    {
        // Users' factor 0 spans 1..3 and factor 1 is constant; items span -1..1 and 0..4. k = 2, so features divide by 4.
        using var table = new KernelFeatureTable(new float[] { 1, 5, 3, 5, 2, 5 }, new float[] { -1, 0, 1, 4 }, 3, 2, 2, TorchSharp.torch.CPU);
        using var users = TorchSharp.torch.tensor(new long[] { 0, 1, 2 });
        using var itemsIdx = TorchSharp.torch.tensor(new long[] { 0, 1, 1 });
        using var features = table.Features(users, itemsIdx);
        var f = features.data<float>().ToArray();
        // (f - fmin) / (fmax - fmin) / 4; a constant dimension maps to 0.
        Assert.Equal(new[] { 0f, 0f, 0f, 0f, 0.25f, 0f, 0.25f, 0.25f, 0.125f, 0f, 0.25f, 0.25f }, f);
        using var centre = TorchSharp.torch.tensor(new float[] { 0, 0 }, new long[] { 1, 2 });
        using var points = TorchSharp.torch.tensor(new float[] { 0, 0, 3, 4 }, new long[] { 2, 2 });
        using var gaussian = KernelFunction.Matrix(KernelKind.Gaussian, 0.1, centre, points);
        using var exponential = KernelFunction.Matrix(KernelKind.Exponential, 0.1, centre, points);
        Assert.Equal(new[] { 1f, MathF.Exp(-2.5f) }, gaussian.data<float>().ToArray());
        Assert.Equal(new[] { 1f, MathF.Exp(-0.5f) }, exponential.data<float>().ToArray());
    }

    private sealed class LabelRow
    {
        public float Label { get; set; }
    }

    private sealed class PlainRow
    {
        public uint UserId { get; set; }
        public uint ItemId { get; set; }
        public float Label { get; set; }
    }

    private sealed class PropensityRow
    {
        public uint UserId { get; set; }
        public uint ItemId { get; set; }
        public float Label { get; set; }
        public float P { get; set; }
    }

    public sealed class KeyRow
    {
        [KeyType(60)] public uint UserId { get; set; }
        [KeyType(50)] public uint ItemId { get; set; }
    }

    public sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}

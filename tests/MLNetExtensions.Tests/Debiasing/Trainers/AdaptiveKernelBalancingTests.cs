using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Synthetic;
using MLNetExtensions.Debiasing.Trainers;
using MLNetExtensions.Debiasing.Trainers.Kernels;
using MLNetExtensions.Persistence;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Debiasing.Trainers;

/// <summary>AKBIPS / AKBDR (adaptive centres) and user-supplied kernel feature columns.</summary>
public sealed class AdaptiveKernelBalancingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-akb-").FullName;
    private readonly MLContext _ml = new(0);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SyntheticMnarData Small() =>
        SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = 60, Items = 50, MarTestItemsPerUser = 5, Seed = 7 });

    private static DebiasedMatrixFactorizationOptions Quick(DebiasingMethod method, int seed = 3) => new()
    {
        // One libtorch thread: on the loaded shared machine these small fits run many times faster (docs/debiasing.md).
        Method = method, NumberOfEpochs = 3, FeatureModelEpochs = 2, BatchSize = 64, Seed = seed, TorchThreads = 1,
    };

    [Fact]
    public void AdaptiveCentresMatchAHandComputedCaseForBothKernels()
    {
        // numpy (by hand): K = exp(-2 ||o - d||^2) for 3 observed and 4 sampled feature rows; lambda = 1e-3 x mean diag(K K^T)
        // = 0.0030067866578755917; eps = K^T (K K^T + lambda diag(1/v))^-1 e = [-0.15850, -3.02650, 2.47681, 1.57796], which
        // also solves (K^T V K + lambda I) eps = K^T V e (the weighted ridge normal equations). Largest |eps|: rows 1, 2 (then 3, 0).
        using var observed = tensor(new float[] { 0f, 0.1f, 0.2f, 0f, 0.1f, 0.3f }, new long[] { 3, 2 });
        using var sampled = tensor(new float[] { 0f, 0f, 0.3f, 0.1f, 0.1f, 0.2f, 0.4f, 0.4f }, new long[] { 4, 2 });
        using var errors = tensor(new float[] { 0.7f, 0.2f, 1.1f });
        using var weights = tensor(new float[] { 1f, 2f, 0.5f });
        using var kernel = KernelFunction.Matrix(KernelKind.Gaussian, 2.0, observed, sampled);
        Assert.Equal(new[] { 0.9801987f, 0.8352702f, 0.9607894f, 0.6065307f }, kernel[0].data<float>().ToArray(), new FloatTolerance(1e-6f));
        using var eps = AdaptiveCentreSelection.Coefficients(kernel, errors, weights, ridge: 1e-3);
        Assert.Equal(new[] { -0.1584956f, -3.0264974f, 2.4768126f, 1.5779571f }, eps.data<float>().ToArray(), new FloatTolerance(2e-3f));
        using var top2 = AdaptiveCentreSelection.Select(eps, 2);
        Assert.Equal(new long[] { 1, 2 }, top2.data<long>().ToArray());
        using var all = AdaptiveCentreSelection.Select(eps, 4);
        Assert.Equal(new long[] { 1, 2, 3, 0 }, all.data<long>().ToArray());

        // The exponential kernel exp(-2 ||o - d||), same data (numpy): lambda = 0.001608517591217981,
        // eps = [-0.36924447, -1.70940324, 2.05558696, 1.05114379]: the order changes to rows 2, 1, 3, 0.
        using var exponential = KernelFunction.Matrix(KernelKind.Exponential, 2.0, observed, sampled);
        Assert.Equal(new[] { 0.8187308f, 0.5488116f, 0.7536383f, 0.3678794f }, exponential[0].data<float>().ToArray(), new FloatTolerance(1e-6f));
        using var epsExponential = AdaptiveCentreSelection.Coefficients(exponential, errors, weights, ridge: 1e-3);
        Assert.Equal(new[] { -0.3692445f, -1.7094032f, 2.0555870f, 1.0511438f }, epsExponential.data<float>().ToArray(), new FloatTolerance(2e-3f));
        using var order = AdaptiveCentreSelection.Select(epsExponential, 4);
        Assert.Equal(new long[] { 2, 1, 3, 0 }, order.data<long>().ToArray());
    }

    [Fact]
    public void AdaptiveMethodsRoundTripBitIdenticalAndDifferFromRandomCentres()
    {
        var data = Small();
        var train = data.Train.ToDataView(_ml);
        var mar = data.MarSample.ToDataView(_ml);
        foreach (var method in new[] { DebiasingMethod.AkbIps, DebiasingMethod.AkbDr })
        {
            var model = _ml.Debiasing().Trainers.MatrixFactorization(Quick(method), mar).Fit(train);
            var path = Path.Combine(_folder, $"{method}.zip");
            _ml.Model.SaveWithExtensions(model, train.Schema, path);
            var loaded = Assert.IsType<DebiasedMatrixFactorizationTransformer>(new MLContext(1).Model.LoadWithExtensions(path, out _));
            var before = model.Transform(train).GetColumn<float>("Score").ToArray();
            var after = loaded.Transform(train).GetColumn<float>("Score").ToArray();
            Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), after.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(method, loaded.Method);
            Assert.Equal(model.KernelGamma, loaded.KernelGamma);
            Assert.Equal(model.Options.AdaptiveCentreRidge, loaded.Options.AdaptiveCentreRidge);

            // Same seed and options except the centre rule: the adaptive centres change the model.
            var randomCentres = method == DebiasingMethod.AkbIps ? DebiasingMethod.KbIps : DebiasingMethod.KbDr;
            var random = _ml.Debiasing().Trainers.MatrixFactorization(Quick(randomCentres), mar).Fit(train);
            Assert.NotEqual(before, random.Transform(train).GetColumn<float>("Score").ToArray());
        }
        var ridge = Quick(DebiasingMethod.AkbIps);
        ridge.AdaptiveCentreRidge = 0;
        Assert.Equal("AdaptiveCentreRidge", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Debiasing().Trainers.MatrixFactorization(ridge, mar)).ParamName);
    }

    [Fact]
    public void SuppliedKernelFeatureColumnsReplaceThePretrainedEmbeddings()
    {
        // Denser than Small(), so every user and item has a training row (a supplied table must cover the catalogue).
        var data = SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = 60, Items = 50, MarTestItemsPerUser = 5, BaseObservationRate = 0.15, Seed = 7 });
        var view = data.Train.ToDataView(_ml, data.TrueUserFactors(), data.TrueItemFactors());
        var mar = data.MarSample.ToDataView(_ml);
        foreach (var method in new[] { DebiasingMethod.KbIps, DebiasingMethod.AkbDr })
        {
            var options = Quick(method);
            options.UserKernelFeatureColumnName = InteractionColumns.UserFeatures;
            options.ItemKernelFeatureColumnName = InteractionColumns.ItemFeatures;
            options.FeatureModelEpochs = 1000;   // unused with supplied features: a fit with it would take far longer
            var supplied = _ml.Debiasing().Trainers.MatrixFactorization(options, mar).Fit(view);
            var pretrained = _ml.Debiasing().Trainers.MatrixFactorization(Quick(method), mar).Fit(view);
            Assert.True(supplied.KernelGamma > 0);
            Assert.NotEqual(pretrained.KernelGamma, supplied.KernelGamma);
            Assert.InRange(supplied.KernelValues!.Mean, 0.01, 0.99);
            // Same features again: the same model (the supplied table is read deterministically).
            var again = _ml.Debiasing().Trainers.MatrixFactorization(options, mar).Fit(view);
            Assert.Equal(supplied.Transform(view).GetColumn<float>("Score").ToArray(), again.Transform(view).GetColumn<float>("Score").ToArray());
            // The feature columns are not needed at prediction time.
            Assert.True(float.IsFinite(supplied.Transform(data.MarTest.ToDataView(_ml)).GetColumn<float>("Score").First()));
        }
    }

    [Fact]
    public void BadKernelFeatureColumnsAreErrorsNamingTheColumn()
    {
        var table = new InteractionTable(3, 2, new[] { 0, 1, 2, 2 }, new[] { 0, 1, 0, 1 }, new[] { 1f, 0f, 1f, 0f });
        float[][] users = { new[] { 1f, 0f }, new[] { 0f, 1f }, new[] { 0.5f, 0.5f } };
        float[][] items = { new[] { 1f }, new[] { 2f } };
        DebiasedMatrixFactorizationOptions Options(string user = "UserFeatures", string item = "ItemFeatures")
        {
            var o = Quick(DebiasingMethod.KbIps);
            o.PropensityModel = MLNetExtensions.Debiasing.Propensity.PropensityModelKind.Popularity;
            o.UserKernelFeatureColumnName = user;
            o.ItemKernelFeatureColumnName = item;
            return o;
        }
        var good = table.ToDataView(_ml, users, items);
        Assert.NotNull(_ml.Debiasing().Trainers.MatrixFactorization(Options()).Fit(good));

        var missing = Assert.Throws<ArgumentException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Options(user: "Nope")).Fit(good));
        Assert.Equal("Nope", missing.ParamName);
        var wrongType = Assert.Throws<ArgumentException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Options(item: "Label")).Fit(good));
        Assert.Equal("Label", wrongType.ParamName);
        Assert.Contains("vector of Single", wrongType.Message);
        Assert.Throws<ArgumentException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Options(item: "Label")).GetOutputSchema(SchemaShapes.FromSchema(good.Schema)));

        var nan = table.ToDataView(_ml, new[] { users[0], users[1], new[] { 0.5f, float.NaN } }, items);
        var nanError = Assert.Throws<DataValidationException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Options()).Fit(nan));
        Assert.Equal(("UserFeatures", 2L), (nanError.ColumnName, nanError.Row!.Value));
        Assert.Contains("finite", nanError.Message);

        // A user without rows has no features (user 2 here).
        var partial = new InteractionTable(3, 2, new[] { 0, 1 }, new[] { 0, 1 }, new[] { 1f, 0f }).ToDataView(_ml, users, items);
        var noRows = Assert.Throws<DataValidationException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Options()).Fit(partial));
        Assert.Equal("UserFeatures", noRows.ColumnName);
        Assert.Contains("user 2", noRows.Message);

        // Different vectors for one item on different rows.
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition["UserId"].ColumnType = new KeyDataViewType(typeof(uint), 2);
        definition["ItemId"].ColumnType = new KeyDataViewType(typeof(uint), 1);
        definition["UserFeatures"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1);
        definition["ItemFeatures"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1);
        var inconsistent = _ml.Data.LoadFromEnumerable(new[]
        {
            new FeatureRow { UserId = 0, ItemId = 0, Label = 1, UserFeatures = new[] { 1f }, ItemFeatures = new[] { 3f } },
            new FeatureRow { UserId = 1, ItemId = 0, Label = 0, UserFeatures = new[] { 2f }, ItemFeatures = new[] { 4f } },
        }, definition);
        var differs = Assert.Throws<DataValidationException>(() => _ml.Debiasing().Trainers.MatrixFactorization(Options()).Fit(inconsistent));
        Assert.Equal(("ItemFeatures", 1L), (differs.ColumnName, differs.Row!.Value));

        var half = Quick(DebiasingMethod.KbIps);
        half.UserKernelFeatureColumnName = "UserFeatures";
        Assert.Equal("ItemKernelFeatureColumnName", Assert.Throws<ArgumentException>(() => _ml.Debiasing().Trainers.MatrixFactorization(half)).ParamName);
    }

    [Fact]
    public void TorchThreadsAppliesDuringFitAndIsRestored()
    {
        var data = Small();
        int before = get_num_threads();
        var options = Quick(DebiasingMethod.Ips);
        var model = _ml.Debiasing().Trainers.MatrixFactorization(options, data.MarSample.ToDataView(_ml)).Fit(data.Train.ToDataView(_ml));
        Assert.Equal(before, get_num_threads());
        options.Seed = 3;
        options.TorchThreads = null;
        var unset = _ml.Debiasing().Trainers.MatrixFactorization(options, data.MarSample.ToDataView(_ml)).Fit(data.Train.ToDataView(_ml));
        // The thread count does not change the (CPU) result of these small factorisations.
        Assert.Equal(model.Predict(0, 0), unset.Predict(0, 0), 5);
        options.TorchThreads = 0;
        Assert.Equal("TorchThreads", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Debiasing().Trainers.MatrixFactorization(options)).ParamName);
    }

    private sealed class FeatureRow
    {
        public uint UserId { get; set; }
        public uint ItemId { get; set; }
        public float Label { get; set; }
        public float[] UserFeatures { get; set; } = Array.Empty<float>();
        public float[] ItemFeatures { get; set; } = Array.Empty<float>();
    }

    private sealed class FloatTolerance : IEqualityComparer<float>
    {
        private readonly float _tolerance;

        public FloatTolerance(float tolerance) => _tolerance = tolerance;

        public bool Equals(float x, float y) => Math.Abs(x - y) <= _tolerance * Math.Max(1f, Math.Abs(y));

        public int GetHashCode(float obj) => 0;
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Metrics.Distance;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Persistence;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Fairness.Trainers;

public sealed class PoissonTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-poisson-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class CountRow
    {
        [VectorType(2)] public float[] Features { get; set; } = new float[2];
        public float Label { get; set; }
        public float Exposure { get; set; }
        public bool G { get; set; }
    }

    /// <summary>
    /// Formula-generated counts (no random generator, so numpy builds the same rows): x1 = sin(0.37 i + 0.2),
    /// x2 = cos(0.11 i) ((i mod 5) - 2) / 2, G = (i mod 3 = 0), exposure e = 0.5 + (i mod 7) / 4,
    /// y = floor(exp(-0.3 + 0.6 x1 - 0.4 x2 + 0.5 G) e + frac(0.618034 i)). G is not a feature.
    /// </summary>
    private static List<CountRow> Counts(int n = 240) => Enumerable.Range(0, n).Select(i =>
    {
        double x1 = Math.Sin(0.37 * i + 0.2), x2 = Math.Cos(0.11 * i) * ((i % 5) - 2) / 2.0, e = 0.5 + (i % 7) / 4.0;
        bool g = i % 3 == 0;
        double rate = Math.Exp(-0.3 + 0.6 * x1 - 0.4 * x2 + (g ? 0.5 : 0));
        return new CountRow { Features = new[] { (float)x1, (float)x2 }, Exposure = (float)e, G = g, Label = (float)Math.Floor(rate * e + (i * 0.618034) % 1.0) };
    }).ToList();

    private static FairTrainerOptions Glm() => new()
    {
        ExposureColumnName = "Exposure", Penalty = FairnessPenaltyKind.None, Lambda = 0,
        Mlp = { HiddenLayers = Array.Empty<int>(), NumberOfEpochs = 400, BatchSize = 240, LearningRate = 0.05, Seed = 1 },
    };

    private static float[] Scores(ITransformer model, IDataView data) => model.Transform(data).GetColumn<float>("Score").ToArray();

    [Fact]
    public void LossEqualsHandValue()
    {
        // numpy: eta = [0.1, -0.2, 0.5], y = [1, 0, 3], e = [2, 0.5, 1]; o = eta + log e;
        // mean(exp(o) - y o) = 0.6584271009434898; with weights [1, 2, 0.5]: 0.6600817268626846.
        using var scope = NewDisposeScope();
        var eta = tensor(new[] { 0.1f, -0.2f, 0.5f });
        var y = tensor(new[] { 1f, 0f, 3f });
        var logE = tensor(new[] { MathF.Log(2), MathF.Log(0.5f), 0f });
        var plain = new TensorBatch(zeros(3, 1), y, null, Array.Empty<Tensor>());
        Assert.Equal(0.6584271009434898, PoissonLoss.Compute(plain, eta, y, logE).item<float>(), 6);
        var weighted = new TensorBatch(zeros(3, 1), y, tensor(new[] { 1f, 2f, 0.5f }), Array.Empty<Tensor>());
        Assert.Equal(0.6600817268626846, PoissonLoss.Compute(weighted, eta, y, logE).item<float>(), 6);
        // Without an exposure column the offset is 0: exp(eta) - y eta.
        double expected = new[] { (0.1, 1.0), (-0.2, 0.0), (0.5, 3.0) }.Average(p => Math.Exp(p.Item1) - p.Item2 * p.Item1);
        Assert.Equal(expected, PoissonLoss.Compute(plain, eta, y, null).item<float>(), 6);
    }

    [Fact]
    public void LambdaZeroLinearModelMatchesThePoissonGlmAndScoreIsTheRate()
    {
        var ml = new MLContext(1);
        var rows = Counts();
        Assert.Equal(297, rows.Sum(r => r.Label));   // the same counts as numpy's
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Fairness().Trainers.FairPoissonRegressor(Glm()).Fit(data);
        var scores = Scores(model, data);
        // Poisson GLM with offset log(e), fitted by IRLS in numpy (tests/.../Fairness/Trainers/PoissonTrainerTests.cs
        // data; scikit-learn PoissonRegressor(alpha=0) on y/e with sample_weight e agrees): beta = [-0.10847538,
        // 0.59726549, -0.31525779]; rates exp(x beta) of rows 0, 1, 2, 100, 239:
        double[] glm = { 1.38464079, 1.44846507, 1.45332089, 0.67505654, 1.1429089 };
        int[] at = { 0, 1, 2, 100, 239 };
        for (int k = 0; k < at.Length; k++)
            Assert.True(Math.Abs(scores[at[k]] - glm[k]) < 0.005 * glm[k], $"row {at[k]}: rate {scores[at[k]]} vs GLM {glm[k]}");
        Assert.Equal(MlpTask.PoissonRegression, model.LastTransformer.Task);

        // A penalty kind with lambda 0 is not computed: the same model bit for bit.
        var withKind = Glm();
        withKind.ProtectedColumnNames = new[] { "G" };
        withKind.Penalty = FairnessPenaltyKind.DistanceCovariance;
        Assert.Equal(scores, Scores(ml.Fairness().Trainers.FairPoissonRegressor(withKind).Fit(data), data));

        // Save and load: bit-identical rates.
        var path = Path.Combine(_folder, "poisson.zip");
        ml.Model.SaveWithExtensions(model, data.Schema, path);
        Assert.Equal(scores, Scores(new MLContext(2).Model.LoadWithExtensions(path, out _), data));
    }

    [Fact]
    public void PenaltyReducesTheRatesDependenceOnTheProtectedColumn()
    {
        var ml = new MLContext(1);
        // G enters through a proxy feature (x2 + G), so the unpenalised rate depends on G.
        var rows = Counts(400).Select((r, i) => new CountRow { Features = new[] { r.Features[0], r.Features[1] + (r.G ? 1f : 0f) }, Label = r.Label, Exposure = r.Exposure, G = r.G }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        double DCor(double lambda)
        {
            var o = Glm();
            o.ProtectedColumnNames = new[] { "G" };
            o.Penalty = FairnessPenaltyKind.DistanceCovariance;
            o.Lambda = lambda;
            o.NumberOfEpochs = 60;
            o.BatchSize = 64;
            o.HiddenLayers = new[] { 8 };
            var scores = Scores(ml.Fairness().Trainers.FairPoissonRegressor(o).Fit(data), data).Select(s => (double)Math.Log(s)).ToArray();
            var x = new double[scores.Length, 1];
            var z = new double[scores.Length, 1];
            for (int i = 0; i < scores.Length; i++) (x[i, 0], z[i, 0]) = (scores[i], rows[i].G ? 1 : 0);
            return DistanceCovariance.UCorrelation(x, z);
        }
        double plain = DCor(0), penalised = DCor(50);
        Assert.True(penalised < 0.5 * plain, $"dCor(log rate, G) {plain} without the penalty, {penalised} with lambda 50");
    }

    [Fact]
    public void BadCountsAndExposuresAreNamedWithTheirRow()
    {
        var ml = new MLContext(1);
        var rows = Counts(40);
        rows[5].Exposure = 0;
        var e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.FairPoissonRegressor(Glm()).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal(("Exposure", 5L), (e.ColumnName, e.Row));
        Assert.Contains("positive", e.Message);

        rows = Counts(40);
        rows[7].Label = -1;
        e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.FairPoissonRegressor(Glm()).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal(("Label", 7L), (e.ColumnName, e.Row));

        rows = Counts(40).Select(r => { r.Label = 0; return r; }).ToList();
        e = Assert.Throws<DataValidationException>(() => ml.Fairness().Trainers.FairPoissonRegressor(Glm()).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Label", e.ColumnName);

        var missing = Glm();
        missing.ExposureColumnName = "Time";
        Assert.Contains("Time", Assert.ThrowsAny<ArgumentException>(() =>
            ml.Fairness().Trainers.FairPoissonRegressor(missing).Fit(ml.Data.LoadFromEnumerable(Counts(40)))).Message);
        Assert.Equal("ExposureColumnName", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Fairness().Trainers.FairRegressor(Glm())).ParamName);
        // Core's trainer has no default Poisson loss (it needs the exposure).
        Assert.Throws<ArgumentOutOfRangeException>(() => new TorchMlpTrainer(ml, MlpTask.PoissonRegression, new TorchMlpOptions()));
    }
}

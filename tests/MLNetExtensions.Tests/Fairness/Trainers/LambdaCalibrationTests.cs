using Microsoft.ML;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Data;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Fairness.Tuning;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Trainers;

public sealed class LambdaCalibrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-lambda-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FairTrainerOptions Trainer() => new()
    {
        ProtectedColumnNames = new[] { "A", "B" },
        Penalty = FairnessPenaltyKind.ConcatenatedDistanceCovariance,
        HiddenLayers = new[] { 16 },
        NumberOfEpochs = 5,
        BatchSize = 128,
        LearningRate = 0.01,
    };

    [Fact]
    public void SweepReturnsTableFrontierRuleChoiceAndPlot()
    {
        var ml = new MLContext(1);
        var train = IntersectionalBiasData.Load(ml, 1200, seed: 11);
        var validation = IntersectionalBiasData.Load(ml, 1200, seed: 12);
        var reported = new List<LambdaTradeOffPoint>();
        var result = ml.Fairness().CalibrateBinaryLambda(Trainer(), train, validation, new LambdaCalibrationOptions
        {
            Lambdas = new[] { 0.0, 3, 30 },
            Seeds = new[] { 1, 2 },
            Tolerance = 0.05,
            Progress = new SyncProgress(reported),
        });

        Assert.Equal(6, result.Points.Count);
        Assert.Equal(6, reported.Count);
        Assert.Equal(new[] { 0.0, 3, 30 }, result.Summary.Select(p => p.Lambda));
        Assert.Equal(result.Points.Where(p => p.Lambda == 3).Average(p => p.Task), result.Summary[1].Task, 1e-12);
        // The penalty works along the grid: the strongest lambda is fairer than no penalty.
        Assert.True(result.Summary[2].DemographicParityDifference < 0.6 * result.Summary[0].DemographicParityDifference,
            $"{result.Summary[0]} vs {result.Summary[2]}");

        // The rule, recomputed from the summary: smallest DP among lambdas within 5% of the best accuracy.
        double best = result.Summary.Max(p => p.Task);
        var expected = result.Summary.Where(p => p.Task >= best - 0.05 * best).OrderBy(p => p.DemographicParityDifference).ThenBy(p => p.Lambda).First();
        Assert.Equal(expected.Lambda, result.ChosenLambda);
        // Frontier: no member is dominated by any summary point; the best-accuracy and the fairest lambdas are on it.
        foreach (var f in result.ParetoFrontier)
            Assert.DoesNotContain(result.Summary, q => q.Task >= f.Task && q.DemographicParityDifference <= f.DemographicParityDifference
                && (q.Task > f.Task || q.DemographicParityDifference < f.DemographicParityDifference));
        Assert.Contains(result.Summary.MaxBy(p => p.Task)!, result.ParetoFrontier);
        Assert.Contains(result.Summary.MinBy(p => p.DemographicParityDifference)!, result.ParetoFrontier);

        // The report's overall accuracy is ML.NET's (the task metric here); AUC and EO come from the same report.
        Assert.All(result.Points, p =>
        {
            Assert.Equal(p.Task, p.Accuracy!.Value, 1e-6);
            Assert.InRange(p.Auc!.Value, 0.6, 1.0);
            Assert.InRange(p.EqualizedOddsDifference!.Value, 0.0, 1.0);
        });
        Assert.Equal(result.Points.Where(p => p.Lambda == 30).Average(p => p.EqualizedOddsDifference!.Value), result.Summary[2].EqualizedOddsDifference!.Value, 1e-12);

        var frame = result.ToDataFrame();
        Assert.Equal(6, frame.Rows.Count);
        Assert.Equal(new[] { "lambda", "seed", "task", "dp_difference", "jsd", "uf", "dcov", "eo_difference", "accuracy", "auc" }, frame.Columns.Select(c => c.Name));
        var summary = result.ToSummaryDataFrame();
        Assert.Equal(1, summary.Columns["chosen"].Cast<bool>().Count(c => c));
        var markdown = result.ToMarkdown();
        Assert.Contains("**yes**", markdown);
        Assert.Contains("smallest mean DemographicParityDifference", markdown);

        var png = Path.Combine(_folder, "tradeoff.png");
        result.SavePlot(png);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    private sealed class RegressionRow
    {
        [Microsoft.ML.Data.VectorType(2)] public float[] Features { get; set; } = new float[2];
        public float Label { get; set; }
        public bool Group { get; set; }
    }

    private static IDataView RegressionData(MLContext ml, int n, int seed)
    {
        var r = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(_ =>
        {
            bool g = r.NextDouble() < 0.5;
            float x = (float)r.NextDouble(), proxy = (g ? 1 : 0) + 0.3f * (float)r.NextDouble();
            return new RegressionRow { Features = new[] { x, proxy }, Group = g, Label = x + (g ? 1.5f : 0) };
        }).ToList());
    }

    [Fact]
    public void RegressionCalibrationUsesMseAndJsd()
    {
        var ml = new MLContext(1);
        var o = new FairTrainerOptions
        {
            ProtectedColumnNames = new[] { "Group" }, Penalty = FairnessPenaltyKind.DistanceCovariance,
            HiddenLayers = Array.Empty<int>(), NumberOfEpochs = 4, BatchSize = 64, LearningRate = 0.05,
        };
        var result = ml.Fairness().CalibrateRegressionLambda(o, RegressionData(ml, 400, 1), RegressionData(ml, 400, 2),
            new LambdaCalibrationOptions { Lambdas = new[] { 0.0, 50 } });
        Assert.Equal(TaskMeasure.Mse, result.TaskMeasure);
        Assert.Equal(DisparityMeasure.Jsd, result.DisparityMeasure);
        Assert.False(result.HigherTaskIsBetter);
        Assert.All(result.Points, p => Assert.Null(p.DemographicParityDifference));
        Assert.All(result.Points, p => Assert.True(p.EqualizedOddsDifference is null && p.Accuracy is null && p.Auc is null));
        // The penalty trades error for parity: lower JSD, higher MSE.
        Assert.True(result.Summary[1].Jsd < result.Summary[0].Jsd, $"{result.Summary[0]} vs {result.Summary[1]}");
        Assert.True(result.Summary[1].Task > result.Summary[0].Task);
    }

    [Fact]
    public void BadCalibrationOptionsNameTheOption()
    {
        var ml = new MLContext(1);
        var data = IntersectionalBiasData.Load(ml, 50, seed: 1);
        var c = ml.Fairness();
        Assert.Equal("Lambdas", Assert.Throws<ArgumentOutOfRangeException>(() =>
            c.CalibrateBinaryLambda(Trainer(), data, data, new LambdaCalibrationOptions { Lambdas = new[] { -1.0 } })).ParamName);
        Assert.Equal("Seeds", Assert.Throws<ArgumentOutOfRangeException>(() =>
            c.CalibrateBinaryLambda(Trainer(), data, data, new LambdaCalibrationOptions { Seeds = new[] { 1, 1 } })).ParamName);
        Assert.Equal("TaskMeasure", Assert.Throws<ArgumentOutOfRangeException>(() =>
            c.CalibrateBinaryLambda(Trainer(), data, data, new LambdaCalibrationOptions { TaskMeasure = TaskMeasure.Mse })).ParamName);
        Assert.Equal("DisparityMeasure", Assert.Throws<ArgumentOutOfRangeException>(() =>
            c.CalibrateRegressionLambda(Trainer(), data, data, new LambdaCalibrationOptions { DisparityMeasure = DisparityMeasure.DemographicParityDifference })).ParamName);
        Assert.Equal("DisparityMeasure", Assert.Throws<ArgumentOutOfRangeException>(() =>
            c.CalibrateRegressionLambda(Trainer(), data, data, new LambdaCalibrationOptions { DisparityMeasure = DisparityMeasure.EqualizedOddsDifference })).ParamName);
    }

    private sealed class SyncProgress(List<LambdaTradeOffPoint> sink) : IProgress<LambdaTradeOffPoint>
    {
        public void Report(LambdaTradeOffPoint value) => sink.Add(value);
    }
}

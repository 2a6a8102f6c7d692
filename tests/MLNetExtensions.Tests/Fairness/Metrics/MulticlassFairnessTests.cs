using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Fairness.Metrics;

public sealed class MulticlassFairnessTests
{
    private sealed class Row
    {
        public string Sex { get; set; } = "";
        public string Predicted { get; set; } = "";
        public float Age { get; set; }
    }

    private static IDataView Scored(MLContext ml, IEnumerable<Row> rows) =>
        ml.Transforms.Conversion.MapValueToKey("PredictedLabel", "Predicted", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));

    [Fact]
    public void SelectionRatesAndDifferencesMatchHandValues()
    {
        // By hand: F predicted a, b, b, c -> rates (0.25, 0.5, 0.25); M predicted a, a, a, b -> (0.75, 0.25, 0).
        // Differences (0.5, 0.25, 0.25), ratios (1/3, 0.5, 0): multiclass DP difference 0.5 (class a), ratio 0.
        var ml = new MLContext(1);
        string[] sex = { "F", "F", "F", "F", "M", "M", "M", "M" }, predicted = { "a", "b", "b", "c", "a", "a", "a", "b" };
        var rows = sex.Select((s, i) => new Row { Sex = s, Predicted = predicted[i], Age = 20 + 7 * i }).ToList();
        var report = ml.Fairness().EvaluateMulticlass(Scored(ml, rows), new[] { "Sex", "Age" }, maxDiscreteLevels: 3, labelColumnName: null);
        Assert.Equal(new[] { "a", "b", "c" }, report.ClassNames);
        Assert.Equal(new[] { "Sex=F", "Sex=M" }, report.Groups.Select(g => g.Name));
        Assert.Equal(new[] { 0.25, 0.5, 0.25 }, report.SelectionRates[0]);
        Assert.Equal(new[] { 0.75, 0.25, 0.0 }, report.SelectionRates[1]);
        Assert.Equal(new[] { 0.5, 0.375, 0.125 }, report.OverallSelectionRates);
        Assert.Equal(new[] { 0.5, 0.25, 0.25 }, report.DemographicParityDifferenceByClass);
        Assert.Equal(1.0 / 3, report.DemographicParityRatioByClass[0], 12);
        Assert.Equal(0.5, report.DemographicParityDifference);
        Assert.Equal("a", report.WorstClass);
        Assert.Equal(0.0, report.DemographicParityRatio);
        Assert.Contains(report.Warnings, w => w.Contains("'Age' is continuous"));
        Assert.Contains(report.Warnings, w => w.Contains("fewer than 30"));
        Assert.Contains("Multiclass demographic-parity difference 0.5000 (class a)", report.ToString());
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var ml = new MLContext(1);
        var rows = new[] { new Row { Sex = "F", Predicted = "a" }, new Row { Sex = "M", Predicted = "b" } };
        var plain = ml.Data.LoadFromEnumerable(rows);
        Assert.Equal("Predicted", Assert.Throws<ArgumentException>(() => ml.Fairness().EvaluateMulticlass(plain, new[] { "Sex" }, "Predicted", labelColumnName: null)).ParamName);
        Assert.Contains("Nope", Assert.ThrowsAny<ArgumentException>(() => ml.Fairness().EvaluateMulticlass(Scored(ml, rows), new[] { "Nope" }, labelColumnName: null)).Message);
        Assert.Contains("'Label'", Assert.ThrowsAny<ArgumentException>(() => ml.Fairness().EvaluateMulticlass(Scored(ml, rows), new[] { "Sex" })).Message);
        var e = Assert.Throws<DataValidationException>(() => MulticlassFairnessEvaluator.Evaluate(new[] { 0, 3 }, new[] { "a", "b" },
            new[] { SensitiveAttribute.FromText("Sex", new[] { "F", "M" }) }));
        Assert.Equal(1L, e.Row);
        Assert.Throws<ArgumentException>(() => MulticlassFairnessEvaluator.Evaluate(new[] { 0, 1 }, new[] { "a", "b" },
            new[] { SensitiveAttribute.FromNumbers("Age", new[] { 1.0, 2.0 }, maxDiscreteLevels: 1) }));
        Assert.Equal("Sex", Assert.Throws<DataValidationException>(() => MulticlassFairnessEvaluator.Evaluate(new[] { 0, 1 }, new[] { "a", "b" },
            new[] { SensitiveAttribute.FromText("Sex", new[] { "F", "F" }) })).ColumnName);
    }

    [Fact]
    public void MulticlassGapPenaltyIsTheLargestPerClassGap()
    {
        // Class probabilities of 4 rows, groups 0, 0, 1, 1. Per column group means: col 0 (0.6, 0.2) gap 0.4; col 1
        // (0.3, 0.5) gap 0.2; col 2 (0.1, 0.3) gap 0.2. Penalty = 0.4 (by hand).
        using var scope = NewDisposeScope();
        var p = tensor(new double[] { 0.7, 0.2, 0.1, 0.5, 0.4, 0.1, 0.1, 0.6, 0.3, 0.3, 0.4, 0.3 }).reshape(4, 3).requires_grad_();
        var value = new DemographicParityGapPenalty().Compute(p, zeros(4, 1, ScalarType.Float64), tensor(new long[] { 0, 0, 1, 1 }));
        Assert.Equal(0.4, value.item<double>(), 12);
        value.backward();
        Assert.NotEqual(0, p.grad!.abs().sum().item<double>());
    }

    private sealed class ClassRow
    {
        [VectorType(2)] public float[] Features { get; set; } = new float[2];
        public string Class { get; set; } = "";
        public bool A { get; set; }
    }

    [Fact]
    public void DemographicParityGapTrainerNarrowsTheMulticlassGap()
    {
        // Three classes by thresholds of x + 1.2 A + noise; a proxy feature carries A.
        var ml = new MLContext(1);
        var r = new Random(3);
        var rows = Enumerable.Range(0, 1200).Select(_ =>
        {
            bool a = r.NextDouble() < 0.5;
            double x = r.NextDouble() * 2 - 1, s = x + (a ? 1.2 : 0) + 0.3 * (r.NextDouble() - 0.5);
            return new ClassRow { Features = new[] { (float)x, (float)((a ? 1 : 0) + 0.3 * r.NextDouble()) }, A = a, Class = s < -0.2 ? "low" : s < 0.8 ? "mid" : "high" };
        }).ToList();
        var raw = ml.Data.LoadFromEnumerable(rows);
        var data = ml.Data.Cache(ml.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(raw).Transform(raw));
        double Gap(double lambda)
        {
            var model = ml.Fairness().Trainers.FairMulticlassClassifier(new FairTrainerOptions
            {
                ProtectedColumnNames = new[] { "A" }, Penalty = FairnessPenaltyKind.DemographicParityGap, Lambda = lambda,
                HiddenLayers = new[] { 16 }, NumberOfEpochs = 8, BatchSize = 128, LearningRate = 0.02, Seed = 1,
            }).Fit(data);
            return ml.Fairness().EvaluateMulticlass(model.Transform(data), new[] { "A" }).DemographicParityDifference;
        }
        double plain = Gap(0), fair = Gap(5);
        Assert.True(plain > 0.3, $"unpenalised multiclass DP difference {plain}");
        Assert.True(fair < 0.5 * plain, $"multiclass DP difference {plain} without the penalty, {fair} with it");
    }
}

using MLNetExtensions.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>The documented rules for degenerate data (docs/fairness.md), each checked by hand.</summary>
public class EdgeCaseTests
{
    private static readonly SensitiveAttribute TwoGroups = SensitiveAttribute.FromText("g", new[] { "a", "b", "a", "b", "a", "b" });

    [Fact]
    public void OnlyContinuousAttributesGiveNoGroupsButDistanceStatistics()
    {
        var age = new[] { 21.0, 35, 47, 52, 63, 70, 28, 39, 44, 58, 61, 33, 26, 49, 55, 67, 72, 30, 41, 53, 65, 24 };
        var labels = age.Select(a => a > 45 ? 1.0 : 0.0).ToArray();
        var report = FairnessEvaluator.Evaluate(labels, labels, new[] { SensitiveAttribute.FromNumbers("age", age) }, scores: age);
        Assert.Empty(report.Groups);
        Assert.Null(report.DemographicParityDifference);
        Assert.Null(report.Jsd);
        Assert.Equal(1.0, report.Metric(FairnessMetricNames.Accuracy).Overall!.Value);
        // The score is the attribute itself: distance correlation 1.
        Assert.Equal(1.0, report.Distance!.DCorV, 1e-12);
        Assert.Contains(report.Warnings, w => w.StartsWith("No sensitive column defines groups"));
    }

    [Fact]
    public void AllZeroSelectionRatesHaveRatioOneAndNegativeValuesHaveNoRatio()
    {
        var zeros = new double[6];
        var labels = new double[] { 0, 1, 1, 0, 1, 0 };
        var report = FairnessEvaluator.Evaluate(labels, zeros, new[] { TwoGroups });
        Assert.Equal(0, report.DemographicParityDifference);
        Assert.Equal(1, report.DemographicParityRatio);

        var regression = FairnessEvaluator.Evaluate(new double[] { 1, 2, 3, 4, 5, 6 }, new double[] { -1, 2, -3, 4, -5, 6 },
            new[] { TwoGroups }, options: new FairnessEvaluationOptions { Task = FairnessTask.Regression });
        var mean = regression.Metric(FairnessMetricNames.MeanPrediction);
        Assert.Equal(4 - -3.0, mean.Difference); // group means -3 and 4
        Assert.Null(mean.Ratio);
        Assert.Contains(regression.Warnings, w => w.StartsWith("mean_prediction: values below 0"));
    }

    [Fact]
    public void FewerThanFourRowsSkipDistanceStatisticsWithANote()
    {
        var g = SensitiveAttribute.FromText("g", new[] { "a", "b", "a" });
        var report = FairnessEvaluator.Evaluate(new double[] { 0, 1, 1 }, new double[] { 0, 1, 0 }, new[] { g });
        Assert.Null(report.Distance);
        Assert.Contains(report.Warnings, w => w.Contains("at least 4 rows (got 3)"));
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("dcov").ValueKind);
    }

    [Fact]
    public void ConstantOutputHasZeroJsdUfAndDCor()
    {
        var labels = new double[] { 0, 1, 1, 0, 1, 0 };
        var report = FairnessEvaluator.Evaluate(labels, labels, new[] { TwoGroups }, scores: Enumerable.Repeat(0.4, 6).ToArray());
        Assert.Equal(0, report.Jsd);
        Assert.Equal(0, report.Uf);
        Assert.Equal(0, report.Distance!.DCor);
    }

    [Fact]
    public void AConstantGroupAndATinyBandwidthStillGiveAFiniteJsd()
    {
        // Group a is constant at 0.1 (whose mean rounds: 0.1 * 3 / 3 != 0.1 in doubles); group b varies.
        var output = new[] { 0.1, 0.2, 0.1, 0.5, 0.1, 0.9 };
        var labels = new double[] { 0, 1, 1, 0, 1, 0 };
        var silverman = FairnessEvaluator.Evaluate(labels, labels, new[] { TwoGroups }, scores: output);
        var tiny = FairnessEvaluator.Evaluate(labels, labels, new[] { TwoGroups }, scores: output,
            options: new FairnessEvaluationOptions { JsdBandwidth = 1e-9 });
        Assert.InRange(silverman.Jsd!.Value, 0.01, 1);
        // With a kernel far narrower than the grid the groups' masses sit on disjoint grid points: JSD = H(pi) = 1 bit.
        Assert.Equal(1.0, tiny.Jsd!.Value, 1e-12);
    }
}

using System.Text.Json;
using MLNetExtensions.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>JSON, DataFrame and text views of the report, and the seeded bootstrap.</summary>
public class ReportOutputTests
{
    [Fact]
    public void JsonHasThePromisedKeysWithNullForUndefinedValues()
    {
        using var json = JsonDocument.Parse(GoldenData.BinaryReport().ToJson());
        var root = json.RootElement;
        foreach (var key in new[] { "n", "overall", "by_group", "demographic_parity_difference", "demographic_parity_ratio",
                     "equalized_odds_difference", "equalized_odds_ratio", "equal_opportunity_difference", "equal_opportunity_ratio",
                     "jsd", "uf", "dcov", "dcor", "ccdcov" })
            Assert.True(root.TryGetProperty(key, out _), key);
        Assert.Equal(40, root.GetProperty("n").GetInt32());
        Assert.Equal(0.725, root.GetProperty("overall").GetProperty("selection_rate").GetDouble(), 1e-12);
        var groups = root.GetProperty("by_group").EnumerateArray().ToList();
        Assert.Equal(6, groups.Count);
        var single = groups.Single(g => g.GetProperty("group").GetString() == "sex=M, race=C");
        Assert.Equal(1, single.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, single.GetProperty("tpr").ValueKind);
        Assert.Equal(0.0030913948550243394, root.GetProperty("ccdcov").GetDouble(), 1e-12);
        Assert.Equal(root.GetProperty("ccdcov").GetDouble(), root.GetProperty("dcov").GetDouble());
    }

    [Fact]
    public void DataFramesHoldTheGroupAndSummaryTables()
    {
        var report = GoldenData.BinaryReport();
        var byGroup = report.ToDataFrame();
        Assert.Equal(6, byGroup.Rows.Count);
        Assert.Equal(new[] { "group", "sex", "race", "count", "small" }, byGroup.Columns.Take(5).Select(c => c.Name));
        int tpr = byGroup.Columns.IndexOf("tpr");
        int single = report.Groups.Select(g => g.Name).ToList().IndexOf("sex=M, race=C");
        Assert.Null(byGroup.Columns[tpr][single]);
        var summary = report.ToSummaryDataFrame();
        Assert.Equal(report.Metrics.Count, summary.Rows.Count);
        Assert.Equal(0.7142857142857143, (double)summary.Columns["difference"][0]!, 1e-12);
        Assert.Contains("demographic parity difference", report.ToString());
    }

    [Fact]
    public void BootstrapIsSeededAndItsIntervalsBracketTheEstimateOnLargeData()
    {
        var random = new Random(2);
        int n = 4000;
        var group = Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray();
        var scores = group.Select(g => random.NextDouble() * (0.7 + 0.3 * g)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s ? 1.0 : 0.0).ToArray();
        var predictions = scores.Select(s => s > 0.4 ? 1.0 : 0.0).ToArray();
        var attributes = new[] { SensitiveAttribute.FromCategories("g", group, new[] { "a", "b" }) };
        FairnessReport Run(int seed) => FairnessEvaluator.Evaluate(labels, predictions, attributes, scores: scores,
            options: new FairnessEvaluationOptions { BootstrapResamples = 200, Seed = seed, DistanceMaxRows = 200 });
        var a = Run(1);
        var b = Run(1);
        var c = Run(2);
        var dp = a.Intervals["demographic_parity_difference"]!;
        Assert.Equal(dp, b.Intervals["demographic_parity_difference"]);
        Assert.NotEqual(dp, c.Intervals["demographic_parity_difference"]);
        Assert.Equal(200, dp.Resamples);
        Assert.InRange(a.DemographicParityDifference!.Value, dp.Lower, dp.Upper);
        var auc = a.Metric(FairnessMetricNames.Auc);
        Assert.InRange(auc.Overall!.Value, auc.OverallInterval!.Lower, auc.OverallInterval.Upper);
        Assert.True(auc.OverallInterval.Upper - auc.OverallInterval.Lower is > 0 and < 0.1);
        Assert.Equal(2, auc.ByGroupIntervals.Count);
        var table = a.ToDataFrame();
        Assert.Equal(auc.ByGroupIntervals[1]!.Upper, (double)table.Columns["auc_upper"][1]!);
        Assert.Equal(auc.DifferenceInterval!.Lower, (double)a.ToSummaryDataFrame().Columns["difference_lower"][a.Metrics.ToList().IndexOf(auc)]!);
    }
}

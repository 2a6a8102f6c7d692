using FsCheck;
using FsCheck.Xunit;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Metrics.Distance;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>Properties that hold for any data (FsCheck; data drawn from a seed so shrinking stays meaningful).</summary>
public class FairnessPropertyTests
{
    private static (double[] Labels, double[] Predictions, double[] Scores, int[] Groups, double[] Numbers) Draw(int seed, int n, int groups)
    {
        var random = new Random(seed);
        var g = Enumerable.Range(0, n).Select(i => i < groups ? i : random.Next(groups)).ToArray();
        var scores = g.Select(x => Math.Round(random.NextDouble() * (1 + 0.3 * x), 2)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < Math.Min(s, 1) ? 1.0 : 0.0).ToArray();
        var predictions = scores.Select(s => s > 0.5 ? 1.0 : 0.0).ToArray();
        var numbers = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 50).ToArray();
        return (labels, predictions, scores, g, numbers);
    }

    private static SensitiveAttribute Groups(int[] g, int k) =>
        SensitiveAttribute.FromCategories("g", g, Enumerable.Range(0, k).Select(i => "level" + i).ToArray());

    [Property(MaxTest = 60)]
    public bool VStatisticDCovIsNonNegativeAndDCorLiesInZeroOne(int seed, PositiveInt size)
    {
        int n = 4 + size.Get % 40;
        var (_, _, scores, _, numbers) = Draw(seed, n, 2);
        double dcov = DistanceCovariance.VSquared(scores, numbers);
        double dcor = DistanceCovariance.VCorrelation(scores, numbers);
        return dcov >= -1e-12 && dcor >= -1e-12 && dcor <= 1 + 1e-12;
    }

    [Property(MaxTest = 40)]
    public bool ReportIsInvariantToRowOrder(int seed)
    {
        var (labels, predictions, scores, g, numbers) = Draw(seed, 60, 3);
        var permutation = Enumerable.Range(0, 60).ToArray();
        new Random(seed).Shuffle(permutation);
        double[] P(double[] a) => permutation.Select(i => a[i]).ToArray();
        var original = Evaluate(labels, predictions, scores, g, numbers);
        var shuffled = Evaluate(P(labels), P(predictions), P(scores), permutation.Select(i => g[i]).ToArray(), P(numbers));
        return Close(original.DemographicParityDifference, shuffled.DemographicParityDifference)
               && Close(original.EqualizedOddsDifference, shuffled.EqualizedOddsDifference)
               && Close(original.Metric(FairnessMetricNames.Auc).Difference, shuffled.Metric(FairnessMetricNames.Auc).Difference)
               && Close(original.Jsd, shuffled.Jsd) && Close(original.Uf, shuffled.Uf)
               && Close(original.Distance!.CCdCov, shuffled.Distance!.CCdCov)
               && Close(original.Distance.JdCov, shuffled.Distance.JdCov);
    }

    [Property(MaxTest = 40)]
    public bool ReportIsInvariantToRelabellingGroups(int seed)
    {
        var (labels, predictions, scores, g, numbers) = Draw(seed, 50, 3);
        var relabel = new[] { 2, 0, 1 };
        var original = Evaluate(labels, predictions, scores, g, numbers);
        var renamed = Evaluate(labels, predictions, scores, g.Select(x => relabel[x]).ToArray(), numbers);
        return Close(original.DemographicParityDifference, renamed.DemographicParityDifference)
               && Close(original.DemographicParityRatio, renamed.DemographicParityRatio)
               && Close(original.EqualizedOddsRatio, renamed.EqualizedOddsRatio)
               && Close(original.EqualOpportunityDifference, renamed.EqualOpportunityDifference)
               && Close(original.Jsd, renamed.Jsd) && Close(original.Uf, renamed.Uf)
               && Close(original.Distance!.CCdCov, renamed.Distance!.CCdCov)
               && Close(original.Distance.DCor, renamed.Distance.DCor);
    }

    [Property(MaxTest = 40)]
    public bool DemographicParityIsZeroWhenEveryGroupHasTheSamePredictions(int seed, PositiveInt blocks)
    {
        // By construction the predictions do not depend on the group: each group gets the same block of predictions.
        var random = new Random(seed);
        int k = 3, size = 2 + blocks.Get % 10;
        var block = Enumerable.Range(0, size).Select(_ => random.Next(2) * 1.0).ToArray();
        if (block.All(b => b == block[0])) block[0] = 1 - block[0];
        var predictions = Enumerable.Range(0, k).SelectMany(_ => block).ToArray();
        var labels = predictions.Select(_ => random.Next(2) * 1.0).ToArray();
        var groups = Enumerable.Range(0, k * size).Select(i => i / size).ToArray();
        var report = FairnessEvaluator.Evaluate(labels, predictions, new[] { Groups(groups, k) });
        return report.DemographicParityDifference == 0 && report.DemographicParityRatio == 1 && report.Uf == 0;
    }

    [Property(MaxTest = 40)]
    public bool BoundsHold(int seed)
    {
        var (labels, predictions, scores, g, numbers) = Draw(seed, 80, 4);
        var report = Evaluate(labels, predictions, scores, g, numbers);
        return report.Jsd >= 0 && report.Jsd <= 2 + 1e-9 // log2(4)
               && report.Uf >= 0 && report.Uf <= 1
               && report.DemographicParityRatio is null or (>= 0 and <= 1)
               && report.Metrics.All(m => m.Difference is null or >= 0)
               && report.Distance!.DCorV is >= -1e-12 and <= 1 + 1e-12;
    }

    [Property(MaxTest = 100)]
    public bool ScoreOrderSortsAnyFiniteDoublesStably(double[] values)
    {
        var scores = (values ?? Array.Empty<double>()).Select(v => double.IsFinite(v) ? v : -1.5).ToArray();
        var order = GroupAuc.SortOrder(scores);
        var expected = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ThenBy(i => i).ToArray();
        // -0.0 and 0.0 compare equal, so only the sorted values must agree, and equal bit patterns keep row order.
        return order.Select(i => scores[i]).SequenceEqual(expected.Select(i => scores[i]))
               && order.Order().SequenceEqual(Enumerable.Range(0, scores.Length));
    }

    private static FairnessReport Evaluate(double[] labels, double[] predictions, double[] scores, int[] g, double[] numbers) =>
        FairnessEvaluator.Evaluate(labels, predictions,
            new[] { Groups(g, g.Max() + 1), SensitiveAttribute.FromNumbers("x", numbers) }, scores: scores);

    private static bool Close(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * (1 + Math.Abs(a.Value));
}

using MLNetExtensions.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>
/// JSD and UF against Fairness/golden/fairness_golden.py: numpy Gaussian KDE on np.linspace(min, max, 1000)
/// (checked there against scipy.stats.gaussian_kde with bw_method="silverman"), log2 entropies; UF as the
/// between-group share of np.var.
/// </summary>
public class DensityGoldenTests
{
    [Fact]
    public void JsdWithSilvermanPerGroupIncludingASingleRowGroupMatchesNumpy()
    {
        // The single-row group sex=M, race=C falls back to the overall Silverman bandwidth.
        Assert.Equal(0.2698851321699909, GoldenData.BinaryReport().Jsd!.Value, 1e-10);
    }

    [Fact]
    public void JsdWithAFixedBandwidthMatchesNumpy() =>
        Assert.Equal(0.1746576390344785,
            GoldenData.BinaryReport(new FairnessEvaluationOptions { MinGroupSize = 5, JsdBandwidth = 0.15 }).Jsd!.Value, 1e-10);

    [Fact]
    public void UfMatchesNumpy()
    {
        Assert.Equal(0.28617100085720404, GoldenData.BinaryReport().Uf!.Value, 1e-12);
        Assert.Equal(0.06085913934185909, GoldenData.RegressionReport().Uf!.Value, 1e-12);
        Assert.Equal(0.027209729512261305, GoldenData.RegressionReport().Jsd!.Value, 1e-10);
    }

    [Fact]
    public void BinnedJsdOfLargerGroupsMatchesNumpysExactKde()
    {
        // 3,000 rows from a formula (no random numbers, so numpy sees the same doubles): groups of 1,000 rows use
        // linear binning here; fairness_golden.py sums every kernel exactly.
        int n = 3000;
        var group = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var output = Enumerable.Range(0, n).Select(i => Math.Pow(i * 0.6180339887498949 % 1.0, 1.0 + i % 3)).ToArray();
        var report = FairnessEvaluator.Evaluate(output, output,
            new[] { SensitiveAttribute.FromCategories("g", group, new[] { "a", "b", "c" }) },
            options: new FairnessEvaluationOptions { Task = FairnessTask.Regression, DistanceMaxRows = 300 });
        Assert.Equal(0.06750533528648717, report.Jsd!.Value, 1e-6); // binning error here: 3e-7
        Assert.Equal(0.11482388612593332, report.Uf!.Value, 1e-12);
    }

    [Fact]
    public void BinnedDensityOfALargeGroupAgreesWithTheExactSum()
    {
        var random = new Random(4);
        var values = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() * random.NextDouble()).ToArray();
        int grid = 1000;
        double lo = values.Min(), step = (values.Max() - lo) / (grid - 1), h = KernelDensityGrid.SilvermanBandwidth(values);
        var binned = new double[grid];
        KernelDensityGrid.Evaluate(values, h, lo, step, binned);
        var exact = new double[grid];
        foreach (var v in values)
            for (int k = 0; k < grid; k++)
                exact[k] += Math.Exp(-0.5 * Math.Pow((lo + k * step - v) / h, 2));
        double sb = binned.Sum(), se = exact.Sum();
        double worst = Enumerable.Range(0, grid).Max(k => Math.Abs(binned[k] / sb - exact[k] / se));
        Assert.True(worst < 1e-5, $"largest difference of grid probabilities {worst}");
    }

    [Fact]
    public void JsdIsZeroForIdenticalGroupsAndNearLog2KForSeparatedOnes()
    {
        // By construction: two groups with the same values -> 0; far apart with a small fixed bandwidth -> log2(2) = 1.
        var same = Enumerable.Range(0, 100).Select(i => (double)(i % 10)).ToArray();
        var group = Enumerable.Range(0, 100).Select(i => i / 50).ToArray();
        var sameValues = Enumerable.Range(0, 100).Select(i => (double)(i % 50 % 10)).ToArray();
        var attribute = SensitiveAttribute.FromCategories("g", group, new[] { "a", "b" });
        var options = new FairnessEvaluationOptions { Task = FairnessTask.Regression, JsdBandwidth = 0.05 };
        Assert.Equal(0, FairnessEvaluator.Evaluate(same, sameValues, new[] { attribute }, options: options).Jsd!.Value, 1e-12);
        var apart = group.Select(g => g * 100.0 + 0.01).ToArray();
        Assert.Equal(1, FairnessEvaluator.Evaluate(same, apart, new[] { attribute }, options: options).Jsd!.Value, 1e-9);
    }
}

using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Metrics.Distance;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>
/// dCov (U and V), dCor, CCdCov and JdCov against Fairness/golden/fairness_golden.py, which builds the full n x n
/// distance matrices in numpy and centres them exactly as the spec writes (the dcor package's definitions):
/// attributes encoded as sex 0/1, race one-hot, age min-max scaled (continuous, no binning).
/// </summary>
public class DistanceStatisticsGoldenTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void ReportStatisticsMatchNumpyWithContinuousBinaryAndCategoricalAttributes()
    {
        var d = GoldenData.BinaryReport().Distance!;
        Assert.False(d.Subsampled);
        Assert.Equal(40, d.RowsUsed);
        Assert.Equal(0.0030913948550243394, d.CCdCov, Tol);
        Assert.Equal(0.010979013543795746, d.CCdCovV, Tol);
        Assert.Equal(0.03499515758989715, d.DCor, Tol);
        Assert.Equal(0.11942085465431146, d.DCorV, Tol);
        Assert.Equal(0.04577411700003475, d.JdCov, 1e-11);
        var byAttribute = d.ByAttribute.ToDictionary(a => a.Attribute);
        Assert.Equal(0.0004201772622825242, byAttribute["sex"].DCov, Tol);
        Assert.Equal(0.0036399999999999987, byAttribute["sex"].DCovV, Tol);
        Assert.Equal(0.004077527888010839, byAttribute["race"].DCov, Tol);
        Assert.Equal(0.08578318616565175, byAttribute["race"].DCorV, Tol);
        // The unbiased statistic can be negative: here the continuous age shows none of the output's dependence.
        Assert.Equal(-0.0008582047884499209, byAttribute["age"].DCov, Tol);
        Assert.Equal(-0.022024166673997446, byAttribute["age"].DCor, Tol);
        Assert.Equal(0.040490528104981355, byAttribute["age"].DCorV, Tol);
    }

    [Fact]
    public void PublicKernelsMatchNumpyOnRawValues()
    {
        // Unscaled age: dCov changes with scale (dCor does not).
        Assert.Equal(-0.0501191596454754, DistanceCovariance.USquared(GoldenData.Score, GoldenData.Age), 1e-11);
        Assert.Equal(0.09217640625000001, DistanceCovariance.VSquared(GoldenData.Score, GoldenData.Age), 1e-11);
        Assert.Equal(0.04049052810498136, DistanceCovariance.VCorrelation(GoldenData.Score, GoldenData.Age), Tol);
    }

    [Fact]
    public void JdCovWithTwoVariablesIsTheirUStatisticDCov()
    {
        // By hand: with d = 2 and c = 1 the expansion of prod (U + 1) leaves sum U1 U2 / (n (n - 3)) (row sums of U vanish).
        var x = DistanceCovariance.AsMatrix(GoldenData.Score);
        var y = DistanceCovariance.AsMatrix(GoldenData.Age);
        Assert.Equal(DistanceCovariance.USquared(x, y), JointDistanceCovariance.Squared(new[] { x, y }), 1e-10);
    }

    [Fact]
    public void RegressionStatisticsMatchNumpy()
    {
        var d = GoldenData.RegressionReport().Distance!;
        Assert.Equal(0.014238648412963704, d.CCdCov, Tol);
        Assert.Equal(0.017045413865346446, d.DCor, Tol);
        Assert.Equal(0.047598815396991734, d.JdCov, 1e-11);
    }

    [Fact]
    public void AboveTheLimitASeededSubsampleIsUsedAndReported()
    {
        var options = new FairnessEvaluationOptions { MinGroupSize = 5, DistanceMaxRows = 20, Seed = 3 };
        var a = GoldenData.BinaryReport(options).Distance!;
        var b = GoldenData.BinaryReport(options).Distance!;
        Assert.True(a.Subsampled);
        Assert.Equal(20, a.RowsUsed);
        Assert.Equal(a.CCdCov, b.CCdCov);
        Assert.NotEqual(GoldenData.BinaryReport().Distance!.CCdCov, a.CCdCov);
        Assert.Contains(GoldenData.BinaryReport(options).Warnings, w => w.Contains("subsample of 20 of 40 rows"));
    }

    [Fact]
    public void PermutationTestSeparatesDependentFromIndependentOutputs()
    {
        var random = new Random(5);
        int n = 200;
        var group = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        var dependent = group.Select(g => g + 0.3 * random.NextDouble()).ToArray();
        var independent = group.Select(_ => random.NextDouble()).ToArray();
        var attribute = SensitiveAttribute.FromCategories("g", group, new[] { "a", "b" });
        var labels = group.Select(g => (double)g).ToArray();
        var options = new FairnessEvaluationOptions { Permutations = 99, Seed = 1, Task = FairnessTask.Regression };
        var strong = FairnessEvaluator.Evaluate(labels, dependent, new[] { attribute }, options: options).Distance!;
        var none = FairnessEvaluator.Evaluate(labels, independent, new[] { attribute }, options: options).Distance!;
        // No permutation can beat a perfectly separated output: p = 1 / (1 + 99).
        Assert.Equal(0.01, strong.PermutationPValue!.Value, Tol);
        Assert.True(none.PermutationPValue > 0.05, $"p = {none.PermutationPValue}");
    }
}

using FsCheck;
using FsCheck.Xunit;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Metrics.Distance;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>The streaming kernels against plain full-matrix code written from the spec's formulas, and small pieces by hand.</summary>
public class KernelPropertyTests
{
    private static double[,] Distances(double[][] rows)
    {
        int n = rows.Length;
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                d[i, j] = Math.Sqrt(rows[i].Zip(rows[j], (a, b) => (a - b) * (a - b)).Sum());
        return d;
    }

    private static double[,] UCentre(double[,] a)
    {
        int n = a.GetLength(0);
        var r = new double[n];
        double t = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) { r[i] += a[i, j]; t += a[i, j]; }
        var u = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                u[i, j] = i == j ? 0 : a[i, j] - r[i] / (n - 2) - r[j] / (n - 2) + t / ((n - 1.0) * (n - 2));
        return u;
    }

    [Property(MaxTest = 60)]
    public bool StripedStreamingUStatisticEqualsTheFullMatrixFormula(int seed, PositiveInt size)
    {
        // n from 4 (the smallest allowed, fewer rows than stripes) to 40; y two-dimensional.
        int n = 4 + size.Get % 37;
        var random = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => new[] { random.NextDouble() }).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => new[] { random.NextDouble(), random.Next(3) * 1.0 }).ToArray();
        var a = UCentre(Distances(x));
        var b = UCentre(Distances(y));
        double expected = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) expected += a[i, j] * b[i, j];
        expected /= n * (n - 3.0);
        var xm = new double[n, 1];
        var ym = new double[n, 2];
        for (int i = 0; i < n; i++) { xm[i, 0] = x[i][0]; ym[i, 0] = y[i][0]; ym[i, 1] = y[i][1]; }
        return Math.Abs(DistanceCovariance.USquared(xm, ym) - expected) <= 1e-12 * (1 + Math.Abs(expected));
    }

    [Fact]
    public void BootstrapPercentilesInterpolateLikeNumpy()
    {
        // The statistic returns the resample's index, so the samples are 0 .. 99: numpy.percentile(range(100), [5, 95])
        // = [4.95, 94.05]. Each resample's multiplicities sum to the row count.
        int b = 0;
        bool sums = true;
        var bootstrap = BootstrapIntervals.Run(rows: 7, resamples: 100, seed: 1, quantities: 1, weights =>
        {
            sums &= weights.Sum() == 7;
            return new double[] { b++ };
        });
        Assert.True(sums);
        var interval = bootstrap.Interval(0, 0.90)!;
        Assert.Equal(4.95, interval.Lower, 1e-12);
        Assert.Equal(94.05, interval.Upper, 1e-12);
        Assert.Equal(100, interval.Resamples);
    }

    [Fact]
    public void NumericLevelsMergeMinusZeroAndSortNumerically()
    {
        var attribute = SensitiveAttribute.FromNumbers("n", new[] { 10.0, -0.0, 2, 0.0, 10 });
        Assert.Equal(SensitiveAttributeKind.DiscreteNumeric, attribute.Kind);
        Assert.Equal(new[] { "0", "2", "10" }, attribute.Levels);
        Assert.Equal(new[] { 2, 0, 1, 0, 2 }, attribute.Codes);
        Assert.Equal(SensitiveAttributeKind.Continuous, SensitiveAttribute.FromNumbers("n", new[] { 1.0, 2, 3 }, maxDiscreteLevels: 2).Kind);
    }
}

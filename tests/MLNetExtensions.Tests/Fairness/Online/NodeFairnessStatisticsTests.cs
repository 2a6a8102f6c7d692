using MLNetExtensions.Fairness.Online;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Online;

/// <summary>The aggregate node-level fairness gradient against numpy (aranyani_golden.py, numpy 1.24).</summary>
public sealed class NodeFairnessStatisticsTests
{
    // (group, node decisions for 2 nodes, features x of width 2)
    private static readonly (int Group, float[] Decisions, float[] X)[] Rows =
    {
        (0, new[] { 0.2f, 0.7f }, new[] { 1.0f, -1.0f }),
        (1, new[] { 0.6f, 0.4f }, new[] { 0.5f, 2.0f }),
        (0, new[] { 0.3f, 0.9f }, new[] { -0.5f, 0.0f }),
        (1, new[] { 0.9f, 0.5f }, new[] { 1.5f, 1.0f }),
        (1, new[] { 0.8f, 0.6f }, new[] { 0.0f, -2.0f }),
    };

    private static NodeFairnessStatistics Fill(double? decay = null, int groups = 2)
    {
        var stats = new NodeFairnessStatistics(groups, nodes: 2, width: 2, decay);
        foreach (var (g, d, x) in Rows)
            stats.Add(g, d, x);
        return stats;
    }

    [Fact]
    public void RunningMeansAndGradientAveragesMatchNumpy()
    {
        var s = Fill();
        Assert.Equal(2, s.Count(0));
        Assert.Equal(3, s.Count(1));
        Assert.Equal(0.25, s.MeanDecision(0, 0), 6);
        Assert.Equal(0.8, s.MeanDecision(0, 1), 6);
        Assert.Equal(0.7666666666666666, s.MeanDecision(1, 0), 6);
        Assert.Equal(0.5, s.MeanDecision(1, 1), 6);
        double[,] g0 = { { 0.0275, -0.08 }, { 0.0825, -0.105 } };
        double[,] g1 = { { 0.085, 0.08333333333333333 }, { 0.165, 0.08333333333333333 } };
        for (int node = 0; node < 2; node++)
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(g0[node, j], s.AverageWeightGradient(0, node, j), 6);
                Assert.Equal(g1[node, j], s.AverageWeightGradient(1, node, j), 6);
            }
        Assert.Equal(0.185, s.AverageBiasGradient(0, 0), 6);
        Assert.Equal(0.24333333333333332, s.AverageBiasGradient(1, 1), 6);
    }

    [Theory]
    // delta 0.01: both nodes' gaps (0.517, 0.3) are beyond delta, so h' = sign.
    [InlineData(0.01, new[] { 0.11499999999999998, 0.32666666666666666, -0.16499999999999998, -0.3766666666666667 }, new[] { -0.04333333333333339, -0.18666666666666665 })]
    // delta 0.5: node 0 (gap 0.517) uses the sign, node 1 (gap 0.3) the quadratic branch h'(F) = F.
    [InlineData(0.5, new[] { 0.11499999999999998, 0.32666666666666666, -0.0495, -0.11300000000000003 }, new[] { -0.04333333333333339, -0.056 })]
    public void FairnessGradientMatchesNumpy(double delta, double[] expectedW, double[] expectedB)
    {
        var s = Fill();
        var w = new float[4];
        var b = new float[2];
        Assert.True(s.FairnessGradient(2.0, delta, w, b));
        Assert.Equal(expectedW, w.Select(v => (double)v), new Tolerance(1e-6));
        Assert.Equal(expectedB, b.Select(v => (double)v), new Tolerance(1e-6));
    }

    [Fact]
    public void SwappingTheGroupLabelsGivesTheSameGradient()
    {
        // The max/min form equals the paper's F = mean_1 - mean_0 form whichever group is called 1.
        var swapped = new NodeFairnessStatistics(2, 2, 2, null);
        foreach (var (g, d, x) in Rows)
            swapped.Add(1 - g, d, x);
        float[] w1 = new float[4], b1 = new float[2], w2 = new float[4], b2 = new float[2];
        Fill().FairnessGradient(2.0, 0.5, w1, b1);
        swapped.FairnessGradient(2.0, 0.5, w2, b2);
        Assert.Equal(w1, w2);
        Assert.Equal(b1, b2);
    }

    [Fact]
    public void ExponentialDecayGivesWeightedAverages()
    {
        var s = Fill(decay: 0.5);
        Assert.Equal(1.75, s.Count(1), 9);
        Assert.Equal(0.7999999999999999, s.MeanDecision(1, 0), 6);
        Assert.Equal(0.5428571428571428, s.MeanDecision(1, 1), 6);
        Assert.Equal(0.05571428571428571, s.AverageWeightGradient(1, 0, 0), 6);
        Assert.Equal(-0.13428571428571429, s.AverageWeightGradient(1, 1, 1), 6);
    }

    [Fact]
    public void NoGradientUntilTwoGroupsHaveRows()
    {
        var s = new NodeFairnessStatistics(3, 2, 2, null);
        var w = new float[] { 9, 9, 9, 9 };
        var b = new float[] { 9, 9 };
        Assert.False(s.FairnessGradient(1, 0.01, w, b));
        s.Add(2, Rows[0].Decisions, Rows[0].X);
        Assert.False(s.FairnessGradient(1, 0.01, w, b));
        Assert.All(w, v => Assert.Equal(9, v));
        s.Add(0, Rows[1].Decisions, Rows[1].X);
        Assert.True(s.FairnessGradient(1, 0.01, w, b));
    }

    [Fact]
    public void StateSizeDoesNotGrowWithRows()
    {
        var s = new NodeFairnessStatistics(2, 45, 14, null);
        long before = s.StateSize;
        var d = new float[45];
        var x = new float[14];
        for (int i = 0; i < 5000; i++)
            s.Add(i % 2, d, x);
        Assert.Equal(before, s.StateSize);
        Assert.Equal(2 + 2 * 45 + 2 * 45 * 14 + 2 * 45, before);
    }

    [Theory]
    [InlineData(0.005, 0.01, 0.005)]
    [InlineData(-0.005, 0.01, -0.005)]
    [InlineData(0.2, 0.01, 1)]
    [InlineData(-0.2, 0.01, -1)]
    [InlineData(0.01, 0.01, 1)]
    public void HuberDerivativeIsTheAuthorsForm(double f, double delta, double expected) =>
        Assert.Equal(expected, NodeFairnessStatistics.HuberDerivative(f, delta), 12);

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}

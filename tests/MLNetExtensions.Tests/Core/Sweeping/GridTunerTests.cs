using MLNetExtensions.Sweeping;
using Xunit;

namespace MLNetExtensions.Tests.Core.Sweeping;

public class GridTunerTests
{
    private static object?[] Axis(SearchParameter parameter, int points) =>
        new GridTuner(points).Propose(new SearchSpace().Add("P", parameter)).Select(p => p["P"]).ToArray();

    [Fact]
    public void LogUniformPointsAreLogSpaced()
    {
        var values = Axis(SearchParameter.LogUniform(1e-3, 1e-1), 3).Cast<double>().ToArray();

        Assert.Equal(3, values.Length);
        Assert.Equal(1e-3, values[0], 1e-12);
        Assert.Equal(1e-2, values[1], 1e-12);
        Assert.Equal(1e-1, values[2], 1e-12);
    }

    [Fact]
    public void UniformPointsIncludeBothBounds()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], Axis(SearchParameter.Uniform(0, 1), 5).Cast<double>());
    }

    [Theory]
    [InlineData(1, 4, false, 5, new[] { 1, 2, 3, 4 })]           // fewer integers than points: all of them
    [InlineData(0, 100, false, 5, new[] { 0, 25, 50, 75, 100 })]
    [InlineData(0, 10, false, 4, new[] { 0, 3, 7, 10 })]        // 3.33 and 6.67 rounded
    [InlineData(1, 1000, true, 4, new[] { 1, 10, 100, 1000 })]
    // 10^(k/7) for k = 0..7 is 1, 1.39, 1.93, 2.68, 3.73, 5.18, 7.20, 10: rounded 1, 1, 2, 3, 4, 5, 7, 10, kept once.
    [InlineData(1, 10, true, 8, new[] { 1, 2, 3, 4, 5, 7, 10 })]
    public void IntPoints(int min, int max, bool log, int points, int[] expected)
    {
        Assert.Equal(expected, Axis(SearchParameter.Int(min, max, log), points).Cast<int>());
    }

    [Fact]
    public void ChoiceUsesAllValuesWhateverThePointCount()
    {
        Assert.Equal(["a", "b", "c", "d"], Axis(SearchParameter.Choice("a", "b", "c", "d"), 2));
    }

    [Fact]
    public void CartesianProductInOdometerOrder()
    {
        var space = new SearchSpace()
            .Add("X", SearchParameter.Uniform(0, 1))        // 3 points
            .Add("N", SearchParameter.Int(1, 2))            // 2 values
            .Add("S", SearchParameter.Choice("a", "b", "c")); // 3 values

        var trials = new GridTuner(3).Propose(space).Select(p => p.ToString()).ToArray();

        Assert.Equal(3 * 2 * 3, trials.Length);
        Assert.Equal(trials.Length, trials.Distinct().Count());
        Assert.Equal(
            ["X=0, N=1, S=a", "X=0, N=1, S=b", "X=0, N=1, S=c", "X=0, N=2, S=a"],
            trials.Take(4));
        Assert.Equal("X=0.5, N=1, S=a", trials[6]);
        Assert.Equal("X=1, N=2, S=c", trials[^1]);
        Assert.Equal(trials, new GridTuner(3).Propose(space).Select(p => p.ToString()));
    }

    [Fact]
    public void MaximumTrialsKeepsTheFirstCombinations()
    {
        var space = new SearchSpace().Add("A", SearchParameter.Int(1, 10)).Add("B", SearchParameter.Int(1, 10));

        var all = new GridTuner(10).Propose(space).Select(p => p.ToString()).ToArray();
        var capped = new GridTuner(10, maximumTrials: 7).Propose(space).Select(p => p.ToString()).ToArray();

        Assert.Equal(100, all.Length);
        Assert.Equal(all.Take(7), capped);
    }

    [Fact]
    public void EmptySpaceIsOneTrialOfTheBaseOptions()
    {
        var only = Assert.Single(new GridTuner().Propose(new SearchSpace()));
        Assert.Empty(only);
    }

    [Fact]
    public void RejectsTooFewPointsOrTrials()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridTuner(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridTuner(3, maximumTrials: 0));
    }
}

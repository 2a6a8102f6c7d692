using FsCheck;
using FsCheck.Xunit;
using MLNetExtensions.Sweeping;
using Xunit;

namespace MLNetExtensions.Tests.Core.Sweeping;

public class RandomTunerTests
{
    private static readonly SearchSpace Space = new SearchSpace()
        .Add("Uniform", SearchParameter.Uniform(-2, 3))
        .Add("Log", SearchParameter.LogUniform(1e-4, 1e-1))
        .Add("Int", SearchParameter.Int(-3, 4))
        .Add("IntLog", SearchParameter.Int(1, 1000, logScale: true))
        .Add("Choice", SearchParameter.Choice("a", 2, null));

    [Fact]
    public void SameSeedGivesSameProposals()
    {
        string[] Run(int seed) => new RandomTuner(20, seed).Propose(Space).Select(p => p.ToString()).ToArray();

        var first = Run(7);
        Assert.Equal(20, first.Length);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));

        var tuner = new RandomTuner(5, seed: 3);
        Assert.Equal(tuner.Propose(Space).Select(p => p.ToString()), tuner.Propose(Space).Select(p => p.ToString()));
    }

    [Property(MaxTest = 100)]
    public bool SamplesStayWithinBounds(int seed, PositiveInt trials)
    {
        int count = 1 + trials.Get % 50;
        return new RandomTuner(count, seed).Propose(Space).Count() == count
            && new RandomTuner(count, seed).Propose(Space).All(p =>
                p["Uniform"] is double u && u >= -2 && u <= 3
                && p["Log"] is double l && l >= 1e-4 && l <= 1e-1
                && p["Int"] is int i && i >= -3 && i <= 4
                && p["IntLog"] is int il && il >= 1 && il <= 1000
                && (p["Choice"] is "a" or 2 or null));
    }

    [Property(MaxTest = 100)]
    public bool ArbitraryIntRangesAreInclusive(int seed, int a, int b)
    {
        if (a == b)
            return true;
        int min = Math.Min(a, b), max = Math.Max(a, b);
        var space = new SearchSpace().Add("N", SearchParameter.Int(min, max));
        return new RandomTuner(20, seed).Propose(space).All(p => p["N"] is int n && n >= min && n <= max);
    }

    [Fact]
    public void IntReachesBothEnds()
    {
        var space = new SearchSpace().Add("N", SearchParameter.Int(1, 3));

        var seen = new RandomTuner(200, seed: 1).Propose(space).Select(p => (int)p["N"]!).Distinct().Order();

        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public void LogUniformSpreadsEvenlyOverDecades()
    {
        var space = new SearchSpace().Add("L", SearchParameter.LogUniform(1e-4, 1));

        var values = new RandomTuner(4000, seed: 5).Propose(space).Select(p => (double)p["L"]!).ToArray();

        // Half of [1e-4, 1] in log terms lies below 1e-2; a linear draw would put about 1% there.
        double belowMiddle = values.Count(v => v < 1e-2) / (double)values.Length;
        Assert.InRange(belowMiddle, 0.45, 0.55);
    }
}

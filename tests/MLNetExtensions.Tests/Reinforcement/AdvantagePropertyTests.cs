using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MLNetExtensions.Reinforcement.Advantages;
using MLNetExtensions.Reinforcement.Losses;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary>Properties of the advantage estimators and the token covariance over random rewards and log-probabilities.</summary>
public sealed class AdvantagePropertyTests
{
    private static double[] Draw(int count, int seed, bool binary)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => binary ? random.Next(2) : random.NextDouble() * 4 - 2).ToArray();
    }

    [Property(MaxTest = 60)]
    public bool GroupAdvantagesAreCentredAndGroupStdOnesHaveUnitSpread(PositiveInt groups, byte size, int seed, bool binary)
    {
        int g = 2 + size % 7, p = 1 + groups.Get % 10;
        var rewards = Draw(g * p, seed, binary);
        foreach (var scaling in Enum.GetValues<AdvantageScaling>())
        {
            var a = GroupAdvantage.Compute(rewards, g, scaling);
            for (int start = 0; start < a.Length; start += g)
            {
                var group = a.Skip(start).Take(g).ToArray();
                if (Math.Abs(group.Sum()) > 1e-9) return false;
                if (scaling == AdvantageScaling.GroupStd)
                {
                    double std = GroupAdvantage.SampleStd(rewards, start, g);
                    double spread = GroupAdvantage.SampleStd(group, 0, g);
                    // (r - mean) / (std + 1e-6) has sample std std / (std + 1e-6): 1 up to the epsilon, 0 for a constant group.
                    if (Math.Abs(spread - std / (std + GroupAdvantage.Epsilon)) > 1e-9) return false;
                }
            }
        }
        return true;
    }

    [Property(MaxTest = 60)]
    public bool EmpgWithoutBonusKeepsSignsAndMeanScale(PositiveInt n, int seed, NormalFloat k)
    {
        int count = 1 + n.Get % 40;
        var a = Draw(count, seed, false);
        var h = Draw(count, seed + 1, false).Select(Math.Abs).ToArray();
        double sharpness = Math.Abs(k.Get) % 5;
        var m = EmpgModulation.Apply(a, h, h, sharpness, 1, 0);
        var g = m.Select((v, i) => a[i] == 0 ? 1.0 : v / a[i]).ToArray();
        return m.Select((v, i) => Math.Sign(v) == Math.Sign(a[i])).All(x => x)
               && (a.Any(v => v == 0) || Math.Abs(g.Average() - 1) < 1e-9);
    }

    [Property(MaxTest = 40)]
    public bool TokenCovarianceEqualsThePopulationCovarianceOfValidTokens(PositiveInt n, int seed)
    {
        int count = 2 + n.Get % 30;
        var logp = Draw(count, seed, false).Select(v => v - 2).ToArray();
        var adv = Draw(count, seed + 7, false);
        var valid = Draw(count, seed + 9, true);
        if (valid.Sum() == 0) valid[0] = 1;
        var idx = Enumerable.Range(0, count).Where(i => valid[i] > 0).ToArray();
        double ml = idx.Average(i => logp[i]), ma = idx.Average(i => adv[i]);
        double expected = idx.Average(i => (logp[i] - ml) * (adv[i] - ma));
        using var scope = NewDisposeScope();
        var t = (double[] v) => tensor(v.Select(x => (float)x).ToArray()).reshape(-1, 1);
        double actual = TokenCovariance.Of(t(logp), t(adv), t(valid));
        return Math.Abs(actual - expected) < 1e-4 * (1 + Math.Abs(expected));
    }

    [Property(MaxTest = 60)]
    public bool NormalisedEntropiesLieInTheUnitInterval(PositiveInt n, int seed)
    {
        var h = EntropyNormalization.MinMax(Draw(1 + n.Get % 50, seed, false));
        return h.All(v => v >= 0 && v < 1) && h.Min() == 0;
    }
}

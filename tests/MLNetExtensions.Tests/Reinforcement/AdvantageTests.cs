using MLNetExtensions.Reinforcement.Advantages;
using MLNetExtensions.Reinforcement.Training;
using Xunit;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary>Advantage estimators, EMPG, majority voting, the global term and the R = -a e^H + b fit (numpy golden values).</summary>
public sealed class AdvantageTests
{
    [Fact]
    public void GroupAdvantagesScaleAsDocumented()
    {
        var rewards = new double[] { 1, 0, 0, 1, 1, 1, 1, 1 };
        // Group std (n - 1): std([1, 0, 0, 1]) = 0.57735 -> +-0.866024 (numpy 0.8660239037870368); a constant group gives 0.
        var g = GroupAdvantage.Compute(rewards, 4, AdvantageScaling.GroupStd);
        Assert.Equal(0.8660239, g[0], 6);
        Assert.Equal(-0.8660239, g[1], 6);
        Assert.All(g[4..], v => Assert.Equal(0, v));
        // Batch std of all eight rewards = 0.46291 -> +-1.080121 (numpy 1.0801211164063507).
        var b = GroupAdvantage.Compute(rewards, 4, AdvantageScaling.Batch);
        Assert.Equal(1.0801211, b[0], 6);
        var n = GroupAdvantage.Compute(rewards, 4, AdvantageScaling.None);
        Assert.Equal(new[] { 0.5, -0.5, -0.5, 0.5, 0, 0, 0, 0 }, n);
    }

    [Fact]
    public void EmpgMatchesTheFormula()
    {
        // A = [1, -1, 0.5], H = [0, 1, 2], H_next = [1, 2, 0], k = k_f = 1, zeta = 0.1:
        // numpy g*A + 0.1*exp(-Hn_next) = [1.58009424, -0.88479971, 0.37948559].
        var result = EmpgModulation.Apply(new[] { 1, -1, 0.5 }, new double[] { 0, 1, 2 }, new double[] { 1, 2, 0 }, 1, 1, 0.1);
        Assert.Equal(1.58009424, result[0], 6);
        Assert.Equal(-0.88479971, result[1], 6);
        Assert.Equal(0.37948559, result[2], 6);
    }

    [Fact]
    public void EmpgScalingAveragesToOneAndFavoursConfidentSteps()
    {
        var h = new double[] { 0.1, 0.5, 0.9, 1.3 };
        var unit = EmpgModulation.Apply(new double[] { 1, 1, 1, 1 }, h, h, 2, 1, 0);
        Assert.Equal(1.0, unit.Average(), 9);                    // g has mean 1 over the batch
        Assert.True(unit[0] > unit[1] && unit[1] > unit[2] && unit[2] > unit[3]); // confident steps amplified
    }

    [Fact]
    public void MajorityVoteBreaksTiesByFirstSample()
    {
        var responses = new[] { new[] { 1 }, new[] { 2 }, new[] { 1 }, new[] { 3 }, new[] { 1, 2 }, new[] { 2 }, new[] { 2 }, new[] { 1, 2 } };
        Assert.Equal(new double[] { 1, 0, 1, 0, 1, 0, 0, 1 }, MajorityVoteReward.PseudoRewards(responses, 4));
    }

    [Fact]
    public void EntropyReshapingDampsUncertainMajoritySamplesOnly()
    {
        // Hn = [0, 0.5, 1): agreeing samples get a x (1 - Hn), the disagreeing one keeps its advantage.
        var reshaped = EntropyAdvantageReshaping.Apply(new[] { 1.0, 1.0, -1.0 }, new double[] { 1, 1, 0 }, new double[] { 0, 1, 2 });
        Assert.Equal(1.0, reshaped[0], 9);
        Assert.Equal(0.5, reshaped[1], 6);
        Assert.Equal(-1.0, reshaped[2], 9);
    }

    [Fact]
    public void GlobalAdvantageBlendsByTheEntropyGate()
    {
        // Groups of 4: all correct (H 0.1), one correct (H 1), none (H 0.5); weight 0.5.
        // numpy: [0.56044746 x4, 1.49999999, -0.5 x3, -0.22239979 x4].
        var rewards = new double[] { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
        var entropy = new[] { 0.1, 0.1, 0.1, 0.1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5 };
        var local = new[] { 0, 0, 0, 0, 1.5, -0.5, -0.5, -0.5, 0, 0, 0, 0 };
        var blended = GlobalAdvantage.Blend(local, rewards, entropy, 4, 0.5);
        Assert.Equal(0.56044746, blended[0], 6);
        Assert.Equal(1.5, blended[4], 6);
        Assert.Equal(-0.5, blended[5], 6);
        Assert.Equal(-0.22239979, blended[8], 6);
    }

    [Fact]
    public void EntropyRewardFitRecoversAnExactCurve()
    {
        var h = new[] { 2.5, 2.0, 1.5, 1.0, 0.5, 0.2 };
        var r = h.Select(x => -0.1 * Math.Exp(x) + 1.2).ToArray();
        var fit = EntropyRewardFit.Fit(h, r);
        Assert.Equal(0.1, fit.A, 9);
        Assert.Equal(1.2, fit.B, 9);
        Assert.Equal(1.1, fit.Ceiling, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
        Assert.Throws<ArgumentException>(() => EntropyRewardFit.Fit(new[] { 1.0, 1.0 }, new[] { 0.1, 0.2 }));
    }
}

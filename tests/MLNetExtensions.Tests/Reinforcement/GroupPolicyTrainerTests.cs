using MLNetExtensions.Reinforcement;
using MLNetExtensions.Reinforcement.Benchmark;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Reinforcement.Training;
using Microsoft.ML;
using Xunit;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary>The trainer on the small bandit trap: learning, determinism, telemetry, options and bad input.</summary>
public sealed class GroupPolicyTrainerTests
{
    private static readonly BanditTrap Trap = new(contexts: 10, actions: 6, seed: 2, initialDecoyProbability: 0.3);

    private static GroupPolicyOptions Small(Action<GroupPolicyOptions>? change = null)
    {
        var o = new GroupPolicyOptions { NumberOfSteps = 20, LearningRate = 0.1, Seed = 7 };
        change?.Invoke(o);
        return o;
    }

    private static (ReinforcementRunHistory History, float[] Probabilities) Run(GroupPolicyOptions options, RewardFunction<int>? reward = null)
    {
        using var policy = Trap.CreatePolicy();
        var history = new MLContext(0).Reinforcement().GroupPolicyTrainer(policy, reward ?? Trap.Reward, options).Fit(Trap.Prompts());
        return (history, policy.Probabilities());
    }

    [Fact]
    public void VanillaGrpoRaisesTheRewardAndLowersTheEntropy()
    {
        var before = Trap.Evaluate(Trap.CreatePolicy().Probabilities());
        var (history, p) = Run(Small());
        var after = Trap.Evaluate(p);
        Assert.Equal(20, history.Steps.Count);
        Assert.True(after.ExpectedReward > before.ExpectedReward + 0.2, $"reward {before.ExpectedReward} -> {after.ExpectedReward}");
        Assert.True(after.Entropy < before.Entropy, $"entropy {before.Entropy} -> {after.Entropy}");
        Assert.All(history.Steps, s => Assert.Equal(10 * 8, s.ValidTokens));
        Assert.Contains(history.Steps, s => s.ClippedTokens > 0); // two epochs x two mini-batches: the clip is active
        Assert.All(history.Steps, s => Assert.True(double.IsNaN(s.KlToReference) && double.IsNaN(s.MeanPseudoReward)));
    }

    [Fact]
    public void SameSeedGivesTheSameRunBitForBit()
    {
        var (a, pa) = Run(Small(o => o.EntropyControl = EntropyControl.ClipCov));
        var (b, pb) = Run(Small(o => o.EntropyControl = EntropyControl.ClipCov));
        Assert.Equal(pa, pb);
        Assert.Equal(a.Steps.Select(s => s with { Seconds = 0 }), b.Steps.Select(s => s with { Seconds = 0 }));
        var (_, pc) = Run(Small(o => { o.EntropyControl = EntropyControl.ClipCov; o.Seed = 8; }));
        Assert.NotEqual(pa, pc);
    }

    [Fact]
    public void EntropyControlsCountTheirTokensAndKeepMoreEntropy()
    {
        var (vanilla, pv) = Run(Small());
        var (bonus, pb) = Run(Small(o => o.EntropyCoefficient = 0.2));
        var (clipCov, _) = Run(Small(o => { o.EntropyControl = EntropyControl.ClipCov; o.ClipCovRatio = 0.05; }));
        var (klCov, _) = Run(Small(o => { o.EntropyControl = EntropyControl.KlCov; o.KlCovRatio = 0.05; }));
        Assert.True(Trap.Evaluate(pb).Entropy > Trap.Evaluate(pv).Entropy, "a positive entropy coefficient must keep more entropy");
        Assert.All(vanilla.Steps, s => Assert.Equal(0, s.ClipCovTokens + s.KlCovTokens));
        Assert.Contains(clipCov.Steps, s => s.ClipCovTokens > 0);
        // KL-Cov: max(floor(0.05 x 40), 1) = 2 tokens per mini-batch of 40 responses, 4 mini-batch passes per step.
        Assert.All(klCov.Steps, s => Assert.Equal(8, s.KlCovTokens));
        Assert.All(klCov.Steps, s => Assert.Equal(0, s.ClippedTokens));
    }

    [Fact]
    public void KlToTheReferenceHoldsThePolicyBack()
    {
        var (free, pFree) = Run(Small());
        var (held, pHeld) = Run(Small(o => o.KlCoefficient = 5));
        Assert.All(held.Steps, s => Assert.True(s.KlToReference >= 0));
        Assert.True(held.Steps[0].KlToReference < 0.05, $"step 1 starts at the reference: {held.Steps[0].KlToReference}");
        var start = Trap.CreatePolicy().Probabilities();
        double Distance(float[] p) => p.Select((v, i) => Math.Abs(v - start[i])).Sum();
        Assert.True(Distance(pHeld) < Distance(pFree), $"KL-held {Distance(pHeld)} vs free {Distance(pFree)}");
    }

    [Fact]
    public void OptionalTermsRunAndAreLogged()
    {
        var (ttrl, _) = Run(Small(o => o.TestTimeMajorityVote = true));
        Assert.All(ttrl.Steps, s => Assert.InRange(s.MeanPseudoReward, 0.125, 1.0)); // the majority answer always agrees with itself
        Assert.True(ttrl.Steps[^1].MeanPseudoReward > ttrl.Steps[0].MeanPseudoReward, "majority voting sharpens the policy");
        var (empg, _) = Run(Small(o => o.UseEmpg = true));
        var (copo, _) = Run(Small(o => o.GlobalAdvantageWeight = 0.5));
        var (vanilla, _) = Run(Small());
        Assert.NotEqual(vanilla.Steps[1].Covariance, empg.Steps[1].Covariance);
        Assert.NotEqual(vanilla.Steps[1].Covariance, copo.Steps[1].Covariance);
    }

    [Fact]
    public void HistoryExportsFitDataFrameJsonAndPlots()
    {
        var (history, _) = Run(Small());
        var fit = history.FitEntropyReward();
        Assert.Equal(20, fit.Points);
        Assert.True(fit.A > 0, $"reward falls as entropy rises: a = {fit.A}");
        var frame = history.ToDataFrame();
        Assert.Equal(20, frame.Rows.Count);
        Assert.Equal(history.Steps[3].MeanEntropy, (double)frame.Columns["mean_entropy"][3]!);
        using var json = System.Text.Json.JsonDocument.Parse(history.ToJson());
        Assert.Equal(20, json.RootElement.GetProperty("steps").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("steps")[0].GetProperty("kl_to_reference").ValueKind);
        Assert.Equal(fit.Ceiling, json.RootElement.GetProperty("entropy_reward_fit").GetProperty("ceiling").GetDouble(), 9);
        var folder = Directory.CreateTempSubdirectory("mlnetx-rl-").FullName;
        try
        {
            history.SaveEntropyPlot(Path.Combine(folder, "entropy.png"));
            history.SaveRewardPlot(Path.Combine(folder, "reward.png"));
            foreach (var png in new[] { "entropy.png", "reward.png" })
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(folder, png))[..4]);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void RewardThatThrowsNamesTheStep()
    {
        int calls = 0;
        var e = Assert.Throws<InvalidOperationException>(() => Run(Small(), (c, r) =>
        {
            if (++calls > 85) throw new InvalidDataException("simulator offline");
            return Trap.Reward(c, r);
        }));
        // 80 responses per step: call 86 is step 2, prompt 0, response 5.
        Assert.Contains("step 2", e.Message);
        Assert.Contains("prompt 0", e.Message);
        Assert.Contains("simulator offline", e.Message);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void NaNRewardNamesTheStep()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Run(Small(), (c, r) => c == 3 ? double.NaN : Trap.Reward(c, r)));
        Assert.Contains("step 1", e.Message);
        Assert.Contains("prompt 3", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void BadOptionsAndPromptsAreRejectedByName()
    {
        using var policy = Trap.CreatePolicy();
        var rl = new MLContext(0).Reinforcement();
        var group = Assert.Throws<ArgumentOutOfRangeException>(() => rl.GroupPolicyTrainer(policy, Trap.Reward, new GroupPolicyOptions { GroupSize = 1 }));
        Assert.Equal("GroupSize", group.ParamName);
        var updates = Assert.Throws<ArgumentOutOfRangeException>(() => rl.GroupPolicyTrainer(policy, Trap.Reward, new GroupPolicyOptions { PpoEpochs = 1, MiniBatches = 1 }));
        Assert.Contains("PpoEpochs x MiniBatches", updates.Message);
        var bounds = Assert.Throws<ArgumentOutOfRangeException>(() => rl.GroupPolicyTrainer(policy, Trap.Reward, new GroupPolicyOptions { ClipCovLowerBound = 5, ClipCovUpperBound = 1 }));
        Assert.Equal("ClipCovUpperBound", bounds.ParamName);
        var lr = Assert.Throws<ArgumentOutOfRangeException>(() => rl.GroupPolicyTrainer(policy, Trap.Reward, new GroupPolicyOptions { LearningRate = double.NaN }));
        Assert.Equal("LearningRate", lr.ParamName);
        var empty = Assert.Throws<ArgumentException>(() => rl.GroupPolicyTrainer(policy, Trap.Reward, Small()).Fit(Array.Empty<int>()));
        Assert.Equal("prompts", empty.ParamName);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => rl.GroupPolicyTrainer(policy, Trap.Reward, Small()).Fit(new[] { 0, 10 }));
        Assert.Contains("Context 10", outside.Message);
    }

    [Fact]
    public void PromptsPerStepCyclesThroughASeededOrder()
    {
        var seen = new HashSet<int>();
        var (history, _) = Run(Small(o => { o.PromptsPerStep = 3; o.NumberOfSteps = 4; }), (c, r) =>
        {
            seen.Add(c);
            return Trap.Reward(c, r);
        });
        Assert.All(history.Steps, s => Assert.Equal(3 * 8, s.ValidTokens));
        Assert.Equal(10, seen.Count); // 12 prompt slots over 4 steps cover all 10 contexts once before repeating
    }
}

using MLNetExtensions.Reinforcement.Training;

namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>
/// The bandit trap of the spec: 100 contexts x 20 actions, best action 1, decoy 0.5, the starting policy puts 0.5 on the
/// decoy; tabular softmax policy, G = 8, every context each step, Adam at 0.05, two PPO epochs x two mini-batches.
/// Figures are exact (from the final probabilities): entropy, expected reward, best-action rate (argmax is the best action),
/// decoy collapse rate (decoy above 0.9), the fitted R = -a e^H + b ceiling and the dH sign agreement of the run,
/// wall seconds and rollout+update samples per second.
/// </summary>
public sealed class BanditTrapTask : ReinforcementBenchmarkTask
{
    /// <summary>The settings of the compared methods on this task (Clip-Cov's lower bound is scaled to the bandit's covariances, which stay below the LLM value 1).</summary>
    public static EntropyMethodSettings Settings { get; } = new(EntropyCoefficient: 0.05, ClipCovRatio: 0.2, ClipCovLowerBound: 0.1,
        ClipCovUpperBound: 5, KlCovRatio: 0.2, KlCovBeta: 1);

    /// <inheritdoc />
    public override string Name => "bandit";

    /// <inheritdoc />
    public override string Description => "Contextual bandit with a trap: 100 contexts x 20 actions, best 1, decoy 0.5, policy starts on the decoy.";

    /// <inheritdoc />
    public override IReadOnlyList<string> Figures { get; } =
        new[] { "final_entropy", "final_reward", "best_action_rate", "decoy_collapse_rate", "fitted_ceiling", "entropy_sign_agreement", "wall_seconds", "samples_per_second" };

    /// <inheritdoc />
    public override int DefaultSteps => 100;

    /// <summary>The trainer options of a method.</summary>
    public static GroupPolicyOptions Options(string method, int seed, int steps)
    {
        var options = new GroupPolicyOptions { LearningRate = 0.05, NumberOfSteps = steps, Seed = seed };
        Settings.Apply(method, options);
        return options;
    }

    /// <inheritdoc />
    public override ReinforcementTaskRun Run(string method, int seed, int steps)
    {
        var trap = new BanditTrap(seed: seed);
        using var policy = trap.CreatePolicy();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var history = new GroupPolicyTrainer<int>(policy, trap.Reward, Options(method, seed, steps)).Fit(trap.Prompts());
        double seconds = clock.Elapsed.TotalSeconds;
        var f = trap.Evaluate(policy.Probabilities());
        return new ReinforcementTaskRun(new Dictionary<string, double>
        {
            ["final_entropy"] = f.Entropy,
            ["final_reward"] = f.ExpectedReward,
            ["best_action_rate"] = f.BestActionRate,
            ["decoy_collapse_rate"] = f.DecoyCollapseRate,
            ["fitted_ceiling"] = history.Steps.Count >= 2 ? history.FitEntropyReward().Ceiling : double.NaN,
            ["entropy_sign_agreement"] = history.EntropySignAgreement,
            ["wall_seconds"] = seconds,
            ["samples_per_second"] = history.Steps.Sum(s => s.ValidTokens) / seconds,
        }, history);
    }
}

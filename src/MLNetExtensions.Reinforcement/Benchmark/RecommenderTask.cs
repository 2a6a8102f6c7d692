using Microsoft.ML;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Synthetic;
using MLNetExtensions.Debiasing.Trainers;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Reinforcement.Training;

namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>
/// The recommender task: a naive MF model of the debiasing family is fitted on the MNAR-observed cells of a synthetic data
/// set (200 users x 100 items, known truth), its softmax over items per user (temperature 1) is the starting policy, and it
/// is fine-tuned against the simulator: the reward of recommending item i to user u is the TRUE label y(u, i). Figures:
/// exact entropy and expected true label of the final policy (mean over users), the greedy hit rate (share of users whose
/// most probable item is truly positive), the reward before fine-tuning, the fitted R = -a e^H + b ceiling, the dH sign
/// agreement, wall seconds (fine-tuning only) and samples per second.
/// </summary>
public sealed class RecommenderTask : ReinforcementBenchmarkTask
{
    /// <summary>Users of the generated data.</summary>
    public const int Users = 200;

    /// <summary>Items of the generated data.</summary>
    public const int Items = 100;

    /// <summary>The settings of the compared methods on this task.</summary>
    public static EntropyMethodSettings Settings { get; } = new(EntropyCoefficient: 0.05, ClipCovRatio: 0.2, ClipCovLowerBound: 0.1,
        ClipCovUpperBound: 5, KlCovRatio: 0.2, KlCovBeta: 1);

    /// <inheritdoc />
    public override string Name => "recommender";

    /// <inheritdoc />
    public override string Description => "Softmax over items from a fitted MF model (debiasing family), rewarded by the synthetic MNAR generator's true labels.";

    /// <inheritdoc />
    public override IReadOnlyList<string> Figures { get; } =
        new[] { "final_entropy", "final_reward", "greedy_hit_rate", "initial_reward", "fitted_ceiling", "entropy_sign_agreement", "wall_seconds", "samples_per_second" };

    /// <inheritdoc />
    public override int DefaultSteps => 60;

    /// <inheritdoc />
    public override ReinforcementTaskRun Run(string method, int seed, int steps)
    {
        var ml = new MLContext(seed);
        var data = SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = Users, Items = Items, Seed = seed });
        var mf = ml.Debiasing().Trainers.MatrixFactorization(DebiasingMethod.Naive, numberOfEpochs: 30, seed: seed).Fit(data.Train.ToDataView(ml));
        using var policy = MatrixFactorizationPolicy.FromModel(mf);
        double initial = Evaluate(policy, data).Reward;
        var options = new GroupPolicyOptions { LearningRate = 0.05, NumberOfSteps = steps, Seed = seed };
        Settings.Apply(method, options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var history = new GroupPolicyTrainer<int>(policy, (user, items) => data.TrueLabel(user, items[0]), options)
            .Fit(Enumerable.Range(0, Users).ToArray());
        double seconds = clock.Elapsed.TotalSeconds;
        var (entropy, reward, hit) = Evaluate(policy, data);
        return new ReinforcementTaskRun(new Dictionary<string, double>
        {
            ["final_entropy"] = entropy,
            ["final_reward"] = reward,
            ["greedy_hit_rate"] = hit,
            ["initial_reward"] = initial,
            ["fitted_ceiling"] = history.Steps.Count >= 2 ? history.FitEntropyReward().Ceiling : double.NaN,
            ["entropy_sign_agreement"] = history.EntropySignAgreement,
            ["wall_seconds"] = seconds,
            ["samples_per_second"] = history.Steps.Sum(s => s.ValidTokens) / seconds,
        }, history);
    }

    /// <summary>Exact entropy, expected true label and greedy hit rate of the policy, averaged over users.</summary>
    public static (double Entropy, double Reward, double GreedyHitRate) Evaluate(MatrixFactorizationPolicy policy, SyntheticMnarData data)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(data);
        var users = policy.GetUserFactors();
        var items = policy.GetItemFactors();
        int k = users.Length / policy.UserCount, n = policy.VocabularySize;
        double entropy = 0, reward = 0, hits = 0;
        var logits = new double[n];
        for (int u = 0; u < policy.UserCount; u++)
        {
            for (int i = 0; i < n; i++)
            {
                double dot = 0;
                for (int f = 0; f < k; f++) dot += users[u * k + f] * items[i * k + f];
                logits[i] = dot / policy.Temperature;
            }
            double max = logits.Max(), sum = logits.Sum(z => Math.Exp(z - max));
            int best = Array.IndexOf(logits, max);
            for (int i = 0; i < n; i++)
            {
                double p = Math.Exp(logits[i] - max) / sum;
                if (p > 0) entropy -= p * Math.Log(p);
                reward += p * data.TrueLabel(u, i);
            }
            hits += data.TrueLabel(u, best);
        }
        return (entropy / policy.UserCount, reward / policy.UserCount, hits / policy.UserCount);
    }
}

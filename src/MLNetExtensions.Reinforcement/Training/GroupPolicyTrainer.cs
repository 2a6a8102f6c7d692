using System.Diagnostics;
using MLNetExtensions.Reinforcement.Advantages;
using MLNetExtensions.Reinforcement.Losses;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Torch;
using MLNetExtensions.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Training;

/// <summary>
/// GRPO-style fine-tuning of any <see cref="IGroupPolicy{TPrompt}"/> with entropy control. Each step: sample G responses
/// per prompt, reward them, compute group-relative advantages (then the optional test-time reshaping, COPO-style global
/// term and EMPG modulation, in that order), keep pi_old, and run PpoEpochs x MiniBatches updates of the token-mean loss
/// (PPO-clip, or Clip-Cov / KL-Cov) plus the optional k3 KL to the starting policy and entropy bonus. The policy is
/// trained in place; <see cref="Fit"/> returns the per-step telemetry.
/// </summary>
/// <typeparam name="TPrompt">The policy's prompt type.</typeparam>
public sealed class GroupPolicyTrainer<TPrompt>
{
    private readonly RewardFunction<TPrompt> _reward;

    /// <summary>Creates the trainer; the options are validated and copied.</summary>
    public GroupPolicyTrainer(IGroupPolicy<TPrompt> policy, RewardFunction<TPrompt> reward, GroupPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Policy = policy;
        _reward = reward;
        Options = options.Clone();
    }

    /// <summary>The policy being fine-tuned (in place).</summary>
    public IGroupPolicy<TPrompt> Policy { get; }

    /// <summary>The options (a copy).</summary>
    public GroupPolicyOptions Options { get; }

    /// <summary>Fine-tunes the policy on <paramref name="prompts"/>; <paramref name="log"/> (optional) gets a line every 10 steps.</summary>
    /// <exception cref="ArgumentException">The prompt set is empty, or the policy has no parameters.</exception>
    /// <exception cref="InvalidOperationException">The reward function threw or returned a non-finite value (the message names the
    /// step, the prompt and the response), or the loss diverged.</exception>
    public ReinforcementRunHistory Fit(IReadOnlyList<TPrompt> prompts, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
            throw new ArgumentException("The prompt set is empty: fine-tuning needs at least one prompt (context).", nameof(prompts));
        var o = Options;
        var parameters = Policy.Module.parameters().ToArray();
        if (parameters.Length == 0)
            throw new ArgumentException("The policy's module has no trainable parameters.", nameof(Policy));
        var device = parameters[0].device;
        using var random = new TorchRandom(o.Seed, device);
        Policy.Module.eval();
        using var optimizer = OptimizerFactory.Create(o.Optimizer, parameters, o.LearningRate, 0);
        Tensor[]? reference = o.KlCoefficient > 0 ? Snapshot(parameters) : null;
        var order = new PromptOrder(prompts.Count, o.PromptsPerStep, random);
        var steps = new List<ReinforcementStep>(o.NumberOfSteps);
        try
        {
            for (int step = 1; step <= o.NumberOfSteps; step++)
            {
                var clock = Stopwatch.StartNew();
                using var scope = NewDisposeScope();
                var batch = order.Next().Select(i => prompts[i]).ToArray();
                steps.Add(RunStep(step, batch, parameters, reference, optimizer, random, clock));
                if (log is not null && (step % 10 == 0 || step == 1 || step == o.NumberOfSteps))
                {
                    var s = steps[^1];
                    log.WriteLine(FormattableString.Invariant(
                        $"[rl] step {step}/{o.NumberOfSteps}: entropy {s.MeanEntropy:F4}, reward {s.MeanReward:F4}, cov {s.Covariance:G3}, dH obs {s.ObservedEntropyChange:G3}"));
                }
            }
        }
        finally
        {
            if (reference is not null)
                foreach (var t in reference) t.Dispose();
        }
        return new ReinforcementRunHistory(o.Clone(), steps);
    }

    private ReinforcementStep RunStep(int step, TPrompt[] batch, Parameter[] parameters, Tensor[]? reference, optim.Optimizer optimizer,
        TorchRandom random, Stopwatch clock)
    {
        var o = Options;
        int g = o.GroupSize;
        PolicyRollout rollout;
        using (no_grad())
            rollout = Policy.Sample(batch, g, random.Generator);
        using var ownedRollout = rollout;
        if (rollout.Rows != batch.Length * g || rollout.GroupSize != g)
            throw new InvalidOperationException(
                $"The policy returned {rollout.Rows} responses in groups of {rollout.GroupSize} for {batch.Length} prompts x G = {g} at step {step}.");
        int rows = rollout.Rows;
        if (rows < o.MiniBatches)
            throw new ArgumentOutOfRangeException(nameof(GroupPolicyOptions.MiniBatches), o.MiniBatches,
                $"MiniBatches ({o.MiniBatches}) exceeds the {rows} responses of a rollout.");
        var rowPrompts = new TPrompt[rows];
        var responses = rollout.Responses();
        var rewards = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            rowPrompts[r] = batch[r / g];
            rewards[r] = Reward(step, r / g, r % g, rowPrompts[r], responses[r]);
        }
        var mask = rollout.Mask;
        var oldLogp = rollout.LogProbabilities;
        var tokens = rollout.Tokens;
        int validTokens = (int)mask.sum().item<float>();

        // Entropy at the sampled states before the update: telemetry, EMPG, reshaping and the global gate.
        double entropyBefore;
        double[] responseEntropy;
        using (no_grad())
        {
            var (_, entropy) = Policy.Score(rowPrompts, tokens);
            entropyBefore = TokenMean.Of(entropy, mask).item<float>();
            responseEntropy = ResponseMeans(entropy, mask);
        }

        double[] trainRewards = rewards;
        double pseudoMean = double.NaN;
        if (o.TestTimeMajorityVote)
        {
            trainRewards = MajorityVoteReward.PseudoRewards(responses, g);
            pseudoMean = trainRewards.Average();
        }
        var advantages = GroupAdvantage.Compute(trainRewards, g, o.AdvantageScaling);
        if (o.TestTimeMajorityVote && o.EntropyAdvantageReshaping)
            advantages = EntropyAdvantageReshaping.Apply(advantages, trainRewards, responseEntropy);
        if (o.GlobalAdvantageWeight > 0)
            advantages = GlobalAdvantage.Blend(advantages, trainRewards, responseEntropy, g, o.GlobalAdvantageWeight);
        if (o.UseEmpg)
            // One response is one step of its trajectory, so the "next" step is the response itself (documented deviation).
            advantages = EmpgModulation.Apply(advantages, responseEntropy, responseEntropy, o.EmpgK, o.EmpgKFuture, o.EmpgZeta);

        var advantageColumn = TensorCopy.FromSpan(advantages.Select(a => (float)a).ToArray(), new long[] { rows, 1 }, mask.device);
        var tokenAdvantages = advantageColumn * mask;
        double covariance = TokenCovariance.Of(oldLogp, tokenAdvantages, mask);

        Tensor? referenceLogp = null;
        if (reference is not null)
            referenceLogp = ReferenceLogProbabilities(parameters, reference, rowPrompts, tokens);

        int clippedTokens = 0, clipCovTokens = 0, klCovTokens = 0, updates = 0;
        double lossSum = 0, klSum = 0;
        for (int epoch = 0; epoch < o.PpoEpochs; epoch++)
        {
            long[] permutation;
            using (var p = random.Permutation(rows))
                permutation = p.data<long>().ToArray();
            for (int m = 0; m < o.MiniBatches; m++)
            {
                int start = (int)((long)rows * m / o.MiniBatches), end = (int)((long)rows * (m + 1) / o.MiniBatches);
                using var inner = NewDisposeScope();
                var rowsOfBatch = permutation[start..end];
                var index = tensor(rowsOfBatch, device: mask.device);
                var mbPrompts = rowsOfBatch.Select(r => rowPrompts[r]).ToArray();
                var mbTokens = tokens.index_select(0, index);
                var mbMask = mask.index_select(0, index);
                var mbOld = oldLogp.index_select(0, index);
                var mbAdvantages = tokenAdvantages.index_select(0, index);
                var (logp, entropy) = Policy.Score(mbPrompts, mbTokens);
                Tensor perToken;
                if (o.EntropyControl == EntropyControl.KlCov)
                {
                    var (selected, count) = KlCovSelection.Select(logp, mbAdvantages, mbMask, o.KlCovRatio);
                    klCovTokens += count;
                    perToken = KlCovSelection.PerTokenLoss(logp, mbOld, mbAdvantages, selected, o.KlCovBeta);
                }
                else
                {
                    var (ppo, clipped) = PpoClipLoss.PerToken(logp, mbOld, mbAdvantages, o.ClipEpsilonLow, o.ClipEpsilonHigh);
                    clippedTokens += (int)(clipped * mbMask).sum().item<float>();
                    perToken = ppo;
                    if (o.EntropyControl == EntropyControl.ClipCov)
                    {
                        var (selected, count) = ClipCovSelection.Select(logp, mbAdvantages, mbMask, clipped, o.ClipCovRatio,
                            o.ClipCovLowerBound, o.ClipCovUpperBound, random.CpuGenerator);
                        clipCovTokens += count;
                        perToken = ppo * (1 - selected);
                    }
                }
                var loss = TokenMean.Of(perToken, mbMask);
                if (referenceLogp is not null)
                {
                    var kl = TokenMean.Of(K3Kl.PerToken(logp, referenceLogp.index_select(0, index)), mbMask);
                    klSum += kl.item<float>();
                    loss = loss + kl * o.KlCoefficient;
                }
                if (o.EntropyCoefficient != 0)
                    loss = loss + EntropyBonus.Loss(entropy, mbMask, o.EntropyCoefficient);
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                    throw new InvalidOperationException(
                        $"Fine-tuning diverged at step {step}: the loss became {value}. Lower GroupPolicyOptions.LearningRate.");
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += value;
                updates++;
            }
        }

        double entropyAfter;
        using (no_grad())
        {
            var (_, entropy) = Policy.Score(rowPrompts, tokens);
            entropyAfter = TokenMean.Of(entropy, mask).item<float>();
        }
        return new ReinforcementStep(step, entropyBefore, rewards.Average(), pseudoMean, covariance, -o.LearningRate * covariance,
            entropyAfter - entropyBefore, validTokens, clippedTokens, clipCovTokens, klCovTokens, lossSum / updates,
            reference is null ? double.NaN : klSum / updates, clock.Elapsed.TotalSeconds);
    }

    private double Reward(int step, int prompt, int response, TPrompt promptValue, int[] tokens)
    {
        double value;
        try
        {
            value = _reward(promptValue, tokens);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"The reward function threw at step {step} (prompt {prompt} of the step's batch, response {response}): {e.Message}", e);
        }
        if (!double.IsFinite(value))
            throw new InvalidOperationException(
                $"The reward function returned {value} at step {step} (prompt {prompt} of the step's batch, response {response}); rewards must be finite.");
        return value;
    }

    private Tensor ReferenceLogProbabilities(Parameter[] parameters, Tensor[] reference, TPrompt[] rowPrompts, Tensor tokens)
    {
        using var noGrad = no_grad();
        var current = Snapshot(parameters);
        try
        {
            Load(parameters, reference);
            var (logp, entropy) = Policy.Score(rowPrompts, tokens);
            entropy.Dispose();
            return logp.detach();
        }
        finally
        {
            Load(parameters, current);
            foreach (var t in current) t.Dispose();
        }
    }

    private static Tensor[] Snapshot(Parameter[] parameters)
    {
        using var noGrad = no_grad();
        var copies = parameters.Select(p => p.detach().clone()).ToArray();
        foreach (var c in copies) c.DetachFromDisposeScope();
        return copies;
    }

    private static void Load(Parameter[] parameters, Tensor[] values)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Length; i++)
            parameters[i].copy_(values[i]);
    }

    private static double[] ResponseMeans(Tensor perToken, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var sums = (perToken * mask).sum(1);
        var counts = mask.sum(1).clamp_min(1.0);
        using var means = (sums / counts).to_type(ScalarType.Float64).cpu();
        return means.data<double>().ToArray();
    }

    /// <summary>The prompts of each step: all of them, or a seeded cycle through shuffled prompts.</summary>
    private sealed class PromptOrder
    {
        private readonly int _count;
        private readonly int _perStep;
        private readonly TorchRandom _random;
        private long[] _order = Array.Empty<long>();
        private int _position;

        public PromptOrder(int count, int perStep, TorchRandom random)
        {
            _count = count;
            _perStep = perStep == 0 || perStep >= count ? count : perStep;
            _random = random;
        }

        public int[] Next()
        {
            if (_perStep == _count) return Enumerable.Range(0, _count).ToArray();
            var result = new int[_perStep];
            for (int i = 0; i < _perStep; i++)
            {
                if (_position == _order.Length)
                {
                    using var p = _random.Permutation(_count);
                    _order = p.data<long>().ToArray();
                    _position = 0;
                }
                result[i] = (int)_order[_position++];
            }
            return result;
        }
    }
}

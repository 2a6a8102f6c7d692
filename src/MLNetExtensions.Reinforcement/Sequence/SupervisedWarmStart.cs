using System.Diagnostics;
using MLNetExtensions.Torch;
using MLNetExtensions.Training;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>
/// Supervised warm start of a <see cref="TransformerSequencePolicy"/>: teacher-forced cross-entropy over the answer
/// tokens (end token included; prompt tokens are context only, not targets), seeded minibatches, stopping at a target
/// greedy exact-match accuracy or a step count. Cross-entropy uses the untempered logits.
/// </summary>
public static class SupervisedWarmStart
{
    /// <summary>Trains <paramref name="policy"/> in place on <paramref name="training"/>.</summary>
    /// <param name="policy">The policy to fit.</param>
    /// <param name="training">(prompt, answer) pairs; every answer must end with the policy's end token.</param>
    /// <param name="evaluation">Pairs whose greedy exact-match accuracy decides when to stop; the training pairs when null.</param>
    /// <param name="options">Steps, batch, optimiser, target; defaults when null.</param>
    public static WarmStartResult Fit(TransformerSequencePolicy policy, IReadOnlyList<SequencePair> training,
        IReadOnlyList<SequencePair>? evaluation = null, SupervisedWarmStartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(training);
        options ??= new SupervisedWarmStartOptions();
        options.Validate();
        ValidatePairs(policy, training, nameof(training));
        evaluation ??= training;
        ValidatePairs(policy, evaluation, nameof(evaluation));

        var watch = Stopwatch.StartNew();
        var network = policy.Network;
        using var random = new TorchRandom(options.Seed, CPU);
        using var optimizer = OptimizerFactory.Create(options.Optimizer, network.parameters(), options.LearningRate, options.WeightDecay);
        var history = new List<WarmStartCheckpoint>();
        var order = Array.Empty<long>();
        var cursor = 0;
        var lastLoss = double.NaN;
        var step = 0;
        var reached = false;
        network.train();
        while (step < options.MaxSteps)
        {
            var batch = new List<SequencePair>(options.BatchSize);
            while (batch.Count < Math.Min(options.BatchSize, training.Count))
            {
                if (cursor == order.Length)
                {
                    using var permutation = random.Permutation(training.Count);
                    order = permutation.data<long>().ToArray();
                    cursor = 0;
                }
                batch.Add(training[(int)order[cursor++]]);
            }
            lastLoss = TrainStep(policy, optimizer, batch);
            if (double.IsNaN(lastLoss) || double.IsInfinity(lastLoss))
                throw new InvalidOperationException($"The warm-start loss became {lastLoss} at step {step + 1}; lower LearningRate.");
            step++;
            if (step % options.EvaluationInterval == 0 || step == options.MaxSteps)
            {
                var accuracy = ExactMatchAccuracy(policy, evaluation);
                history.Add(new WarmStartCheckpoint(step, lastLoss, accuracy));
                if (options.TargetAccuracy is { } target && accuracy >= target)
                {
                    reached = true;
                    break;
                }
            }
        }
        return new WarmStartResult(step, history[^1].Accuracy, reached, watch.Elapsed.TotalSeconds, history);
    }

    /// <summary>Fraction of pairs whose greedy response equals the answer exactly (end token included).</summary>
    public static double ExactMatchAccuracy(TransformerSequencePolicy policy, IReadOnlyList<SequencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("The pair set is empty.", nameof(pairs));
        var answers = policy.Greedy(pairs.Select(p => p.Prompt).ToArray());
        var correct = 0;
        for (var i = 0; i < pairs.Count; i++)
            if (answers[i].AsSpan().SequenceEqual(pairs[i].Answer.ToArray())) correct++;
        return (double)correct / pairs.Count;
    }

    private static double TrainStep(TransformerSequencePolicy policy, optim.Optimizer optimizer, IReadOnlyList<SequencePair> batch)
    {
        using var scope = NewDisposeScope();
        var steps = batch.Max(p => p.Answer.Count);
        var end = policy.Network.Settings.EndToken;
        var answers = new long[batch.Count * steps];
        var mask = new float[batch.Count * steps];
        for (var row = 0; row < batch.Count; row++)
            for (var t = 0; t < steps; t++)
            {
                var inside = t < batch[row].Answer.Count;
                answers[row * steps + t] = inside ? batch[row].Answer[t] : end;
                mask[row * steps + t] = inside ? 1f : 0f;
            }
        var device = policy.Network.Device;
        var targets = tensor(answers, new long[] { batch.Count, steps }, device: device);
        var weights = tensor(mask, new long[] { batch.Count, steps }, device: device);
        var logits = policy.ResponseLogits(batch.Select(p => p.Prompt).ToArray(), targets, steps);
        var logProbabilities = nn.functional.log_softmax(logits, -1).gather(-1, targets.unsqueeze(-1)).squeeze(-1);
        var loss = -(logProbabilities * weights).sum() / weights.sum();
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    private static void ValidatePairs(TransformerSequencePolicy policy, IReadOnlyList<SequencePair> pairs, string name)
    {
        if (pairs.Count == 0) throw new ArgumentException("The pair set is empty.", name);
        var options = policy.Network.Settings;
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i] ?? throw new ArgumentException($"Pair {i} is null.", name);
            if (pair.Prompt is null || pair.Prompt.Count == 0) throw new ArgumentException($"Pair {i} has an empty prompt.", name);
            if (pair.Answer is null || pair.Answer.Count == 0 || pair.Answer[^1] != options.EndToken)
                throw new ArgumentException($"Pair {i}: the answer must end with the end token {options.EndToken}.", name);
            if (pair.Answer.Count > options.MaxResponseLength)
                throw new ArgumentException($"Pair {i}: the answer has {pair.Answer.Count} tokens, more than MaxResponseLength ({options.MaxResponseLength}).", name);
            foreach (var (tokens, part) in new[] { (pair.Prompt, "prompt"), (pair.Answer, "answer") })
                for (var t = 0; t < tokens.Count; t++)
                    if (tokens[t] < 0 || tokens[t] >= options.VocabularySize)
                        throw new ArgumentOutOfRangeException(name, tokens[t],
                            $"Pair {i}, {part} position {t}: token {tokens[t]} is outside the vocabulary [0, {options.VocabularySize}).");
        }
    }
}

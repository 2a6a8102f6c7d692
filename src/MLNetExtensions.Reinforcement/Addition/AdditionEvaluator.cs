using MLNetExtensions.Reinforcement.Sequence;
using MLNetExtensions.Torch;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>
/// Evaluates a sequence policy on addition problems: greedy pass@1, sampled pass@1 and unbiased pass@k from n samples
/// per problem, distinct correct answers, response diversity and mean token entropy.
/// </summary>
public static class AdditionEvaluator
{
    private const int PromptsPerChunk = 128;

    /// <summary>Evaluates <paramref name="policy"/> on <paramref name="problems"/>.</summary>
    /// <param name="policy">The policy (not modified).</param>
    /// <param name="problems">The problems.</param>
    /// <param name="samples">Responses sampled per problem (n, at least <paramref name="k"/>).</param>
    /// <param name="k">The k of pass@k.</param>
    /// <param name="seed">Seed of the sampling generator.</param>
    public static AdditionEvaluation Evaluate(TransformerSequencePolicy policy, IReadOnlyList<AdditionProblem> problems,
        int samples = 16, int k = 8, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0) throw new ArgumentException("The problem set is empty.", nameof(problems));
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (samples < k) throw new ArgumentOutOfRangeException(nameof(samples), samples, $"samples (n) must be at least k ({k}).");

        var reward = AdditionTask.ExactMatchReward();
        var greedy = policy.Greedy(problems.Select(p => (IReadOnlyList<int>)p.Prompt).ToArray());
        var greedyCorrect = 0;
        for (var i = 0; i < problems.Count; i++)
            if (reward(problems[i].Prompt, greedy[i]) > 0.5) greedyCorrect++;

        using var random = new TorchRandom(seed, policy.Network.Device);
        double passAt1 = 0, passAtK = 0, distinctResponses = 0, entropySum = 0, tokenCount = 0;
        var solved = 0;
        var curve = new double[samples];
        for (var start = 0; start < problems.Count; start += PromptsPerChunk)
        {
            var chunk = problems.Skip(start).Take(PromptsPerChunk).ToArray();
            var prompts = chunk.Select(p => (IReadOnlyList<int>)p.Prompt).ToArray();
            using var rollout = policy.Sample(prompts, samples, random.Generator);
            using (no_grad())
            using (NewDisposeScope())
            {
                var rowPrompts = Enumerable.Range(0, rollout.Rows).Select(r => prompts[r / samples]).ToArray();
                var (_, entropy) = policy.Score(rowPrompts, rollout.Tokens);
                entropySum += (entropy * rollout.Mask).sum().item<float>();
                tokenCount += rollout.Mask.sum().item<float>();
            }
            var responses = rollout.Responses();
            for (var p = 0; p < chunk.Length; p++)
            {
                var correct = 0;
                var distinct = new HashSet<string>(StringComparer.Ordinal);
                for (var g = 0; g < samples; g++)
                {
                    var response = responses[p * samples + g];
                    distinct.Add(string.Join(",", response));
                    if (reward(chunk[p].Prompt, response) > 0.5) correct++;
                }
                passAt1 += (double)correct / samples;
                passAtK += PassAtK.Estimate(samples, correct, k);
                for (var j = 1; j <= samples; j++) curve[j - 1] += PassAtK.Estimate(samples, correct, j);
                distinctResponses += distinct.Count;
                if (correct > 0) solved++;
            }
        }
        var n = problems.Count;
        return new AdditionEvaluation(n, samples, k, (double)greedyCorrect / n, passAt1 / n, passAtK / n, solved,
            distinctResponses / n, tokenCount > 0 ? entropySum / tokenCount : 0.0, curve.Select(v => v / n).ToArray());
    }
}

using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Reinforcement.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary>
/// The trainer with variable-length responses: a two-step policy whose response ends after the first token when that token
/// is 0, so rows carry padding. Token counts, masking and learning must all respect the mask.
/// </summary>
public sealed class SequencePolicyTrainerTests
{
    /// <summary>Two independent softmax steps over 3 tokens (logits per step, shared by all prompts); token 0 first ends the response.</summary>
    private sealed class TwoStepPolicy : IGroupPolicy<int>, IDisposable
    {
        private readonly StepLogits _logits = new();

        public nn.Module Module => _logits;

        public int VocabularySize => 3;

        public PolicyRollout Sample(IReadOnlyList<int> prompts, int groupSize, Generator generator)
        {
            using var noGrad = no_grad();
            int rows = prompts.Count * groupSize;
            var logp = _logits.Logits.log_softmax(1); // [2, 3]
            var first = multinomial(logp[0].exp(), rows, replacement: true, generator: generator);
            var second = multinomial(logp[1].exp(), rows, replacement: true, generator: generator);
            var tokens = stack(new[] { first, second }, 1);
            var mask = stack(new[] { ones(rows), first.ne(0).to_type(ScalarType.Float32) }, 1);
            var sampled = stack(new[] { logp[0].gather(0, first), logp[1].gather(0, second) }, 1);
            return new PolicyRollout(tokens, mask, sampled, groupSize);
        }

        public (Tensor LogProbabilities, Tensor Entropy) Score(IReadOnlyList<int> prompts, Tensor tokens)
        {
            using var scope = NewDisposeScope();
            var logp = _logits.Logits.log_softmax(1); // [2, 3]
            var chosen = stack(new[] { logp[0].gather(0, tokens[.., 0]), logp[1].gather(0, tokens[.., 1]) }, 1);
            var entropy = (-(logp.exp() * logp).sum(1)).unsqueeze(0).expand(tokens.shape[0], 2);
            return (chosen.MoveToOuterDisposeScope(), entropy.contiguous().MoveToOuterDisposeScope());
        }

        public float[] Probabilities()
        {
            using var noGrad = no_grad();
            return _logits.Logits.softmax(1).data<float>().ToArray();
        }

        public void Dispose() => _logits.Dispose();

        private sealed class StepLogits : nn.Module
        {
            public StepLogits() : base("two-step")
            {
                Logits = new Parameter(zeros(2, 3));
                register_parameter("logits", Logits);
            }

            public Parameter Logits { get; }
        }
    }

    [Fact]
    public void PaddedTokensAreNeitherCountedNorTrained()
    {
        using var policy = new TwoStepPolicy();
        var lengths = new List<int>();
        // Reward: 1 for the two-token answer "2 1", 0 otherwise.
        RewardFunction<int> reward = (_, response) =>
        {
            lengths.Add(response.Count);
            return response.Count == 2 && response[0] == 2 && response[1] == 1 ? 1.0 : 0.0;
        };
        var history = new GroupPolicyTrainer<int>(policy, reward, new GroupPolicyOptions
        {
            NumberOfSteps = 30, LearningRate = 0.1, Seed = 2, EntropyControl = EntropyControl.KlCov, KlCovRatio = 0.05,
        }).Fit(Enumerable.Range(0, 6).ToArray());
        Assert.Contains(1, lengths);
        Assert.Contains(2, lengths);
        // Valid tokens = responses + second tokens of two-token responses: never the padded slots.
        Assert.All(history.Steps, s => Assert.InRange(s.ValidTokens, 48, 96));
        Assert.Contains(history.Steps, s => s.ValidTokens < 96);
        var p = policy.Probabilities();
        Assert.True(p[2] > 0.8 && p[3 + 1] > 0.8, $"first-step p(2) = {p[2]}, second-step p(1) = {p[4]}");
        Assert.True(history.Steps[^1].MeanReward > 0.6, $"reward {history.Steps[^1].MeanReward}");
    }
}

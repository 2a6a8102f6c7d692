using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Policies;

/// <summary>
/// A Torch policy the group-relative trainer can fine-tune. An action is a sequence of tokens; a one-step policy
/// (a classifier head, a recommender's item distribution, a bandit) answers with a sequence of length 1.
/// </summary>
/// <typeparam name="TPrompt">What the policy is conditioned on: a context id, a feature vector, a token prompt.</typeparam>
public interface IGroupPolicy<TPrompt>
{
    /// <summary>The Torch module that holds the trainable parameters (train/eval mode, state dict, device).</summary>
    nn.Module Module { get; }

    /// <summary>Number of distinct tokens (actions) the policy chooses from at each step.</summary>
    int VocabularySize { get; }

    /// <summary>
    /// Samples <paramref name="groupSize"/> responses for every prompt without gradients. Rows are prompt-major:
    /// row <c>p * groupSize + g</c> is the g-th answer to <c>prompts[p]</c>.
    /// </summary>
    /// <param name="prompts">The prompts of this rollout.</param>
    /// <param name="groupSize">Responses per prompt (G).</param>
    /// <param name="generator">The seeded generator all sampling draws from.</param>
    PolicyRollout Sample(IReadOnlyList<TPrompt> prompts, int groupSize, Generator generator);

    /// <summary>
    /// Per-token log-probabilities and entropies of given responses under the current parameters, with gradients.
    /// Row i of <paramref name="tokens"/> answers <c>prompts[i]</c>. Both results are [rows, steps] float32; values
    /// at padded positions are arbitrary and must be masked by the caller.
    /// </summary>
    /// <param name="prompts">One prompt per row of <paramref name="tokens"/>.</param>
    /// <param name="tokens">Response tokens, [rows, steps] int64, as returned in <see cref="PolicyRollout.Tokens"/>.</param>
    (Tensor LogProbabilities, Tensor Entropy) Score(IReadOnlyList<TPrompt> prompts, Tensor tokens);
}

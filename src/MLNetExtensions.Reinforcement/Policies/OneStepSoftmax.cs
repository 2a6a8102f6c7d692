using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Policies;

/// <summary>Sampling and scoring shared by the one-step softmax policies (responses of length 1).</summary>
public static class OneStepSoftmax
{
    /// <summary>Samples G actions per row of <paramref name="logits"/> ([prompts, actions]) into a prompt-major rollout.</summary>
    public static PolicyRollout Sample(Tensor logits, int groupSize, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (groupSize < 1) throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "The group size must be positive.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var logProbabilities = logits.detach().log_softmax(1);
        var actions = multinomial(logProbabilities.exp(), groupSize, replacement: true, generator: generator); // [P, G]
        var tokens = actions.reshape(-1, 1);
        var sampled = logProbabilities.repeat_interleave(groupSize, 0).gather(1, tokens);
        var mask = ones(tokens.shape, ScalarType.Float32, device: tokens.device);
        return new PolicyRollout(tokens.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope(),
            sampled.to_type(ScalarType.Float32).MoveToOuterDisposeScope(), groupSize);
    }

    /// <summary>Log-probabilities and entropies ([rows, 1]) of <paramref name="tokens"/> ([rows, 1]) under <paramref name="logits"/> ([rows, actions]).</summary>
    public static (Tensor LogProbabilities, Tensor Entropy) Score(Tensor logits, Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.dim() != 2 || tokens.shape[1] != 1 || tokens.shape[0] != logits.shape[0])
            throw new ArgumentException($"One-step policies score [rows, 1] tokens for {logits.shape[0]} rows; got [{string.Join(", ", tokens.shape)}].", nameof(tokens));
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(1);
        var chosen = logProbabilities.gather(1, tokens);
        var entropy = -(logProbabilities.exp() * logProbabilities).sum(1, keepdim: true);
        return (chosen.MoveToOuterDisposeScope(), entropy.MoveToOuterDisposeScope());
    }
}

using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Losses;

/// <summary>
/// KL-Cov (the entropy-mechanism paper's verl code): the top <c>max(floor(ratio * N), 1)</c> valid tokens by centred
/// cross-product cov_i (N = valid tokens of the batch; ties by position) get a KL penalty
/// <c>beta * |logp - logp_old|</c> added to their un-clipped policy-gradient loss <c>-A * ratio</c>.
/// </summary>
public static class KlCovSelection
{
    /// <summary>The top-k tokens as a [rows, steps] 1/0 float mask, and k.</summary>
    /// <param name="logProbabilities">Current log pi per token (only its values are used).</param>
    /// <param name="advantages">Per-token advantages.</param>
    /// <param name="mask">Validity mask.</param>
    /// <param name="klCovRatio">Share of valid tokens to penalise (2e-3 small problems, 2e-4 LLM scale).</param>
    public static (Tensor Selected, int Count) Select(Tensor logProbabilities, Tensor advantages, Tensor mask, double klCovRatio)
    {
        float[] cov, valid;
        using (var perToken = TokenCovariance.PerToken(logProbabilities, advantages, mask))
            cov = TokenCovariance.ToArray(perToken);
        valid = TokenCovariance.ToArray(mask);
        var validIndices = Enumerable.Range(0, cov.Length).Where(i => valid[i] > 0).ToArray();
        var selected = new float[cov.Length];
        int take = 0;
        if (validIndices.Length > 0)
        {
            take = Math.Min(Math.Max((int)(validIndices.Length * klCovRatio), 1), validIndices.Length);
            // OrderBy is stable: equal cov_i keep their position order.
            foreach (int i in validIndices.OrderByDescending(i => cov[i]).Take(take))
                selected[i] = 1f;
        }
        return (MLNetExtensions.Torch.TensorCopy.FromSpan(selected, mask.shape, mask.device), take);
    }

    /// <summary>
    /// The KL-Cov per-token loss: <c>-A * ratio + beta * |logp - logp_old| * selected</c> (no PPO clip).
    /// </summary>
    public static Tensor PerTokenLoss(Tensor logProbabilities, Tensor oldLogProbabilities, Tensor advantages, Tensor selected, double beta)
    {
        using var scope = NewDisposeScope();
        var logRatio = logProbabilities - oldLogProbabilities;
        var loss = -advantages * logRatio.exp() + selected * logRatio.abs() * beta;
        return loss.MoveToOuterDisposeScope();
    }
}

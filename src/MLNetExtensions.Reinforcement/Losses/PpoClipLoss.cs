using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Losses;

/// <summary>
/// The PPO-clip policy-gradient loss per token: <c>max(-A * ratio, -A * clamp(ratio, 1 - epsLow, 1 + epsHigh))</c> with
/// <c>ratio = exp(logp - logp_old)</c>. <c>epsHigh &gt; epsLow</c> is DAPO's clip-higher.
/// </summary>
public static class PpoClipLoss
{
    /// <summary>Per-token losses and the tokens whose clipped branch is the larger (the PPO-clipped tokens, 1/0 float).</summary>
    /// <param name="logProbabilities">[rows, steps] log pi_theta (with gradients).</param>
    /// <param name="oldLogProbabilities">[rows, steps] log pi_old (detached).</param>
    /// <param name="advantages">[rows, steps] per-token advantages.</param>
    /// <param name="epsilonLow">Lower clip range (ratio floor 1 - epsLow).</param>
    /// <param name="epsilonHigh">Upper clip range (ratio ceiling 1 + epsHigh).</param>
    public static (Tensor Loss, Tensor Clipped) PerToken(Tensor logProbabilities, Tensor oldLogProbabilities, Tensor advantages,
        double epsilonLow, double epsilonHigh)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(oldLogProbabilities);
        ArgumentNullException.ThrowIfNull(advantages);
        using var scope = NewDisposeScope();
        var ratio = (logProbabilities - oldLogProbabilities).exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.clamp(1 - epsilonLow, 1 + epsilonHigh);
        var loss = maximum(unclipped, clipped);
        var clippedMask = clipped.gt(unclipped).to_type(ScalarType.Float32).detach();
        return (loss.MoveToOuterDisposeScope(), clippedMask.MoveToOuterDisposeScope());
    }
}

using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Losses;

/// <summary>
/// Schulman's k3 estimator of KL(pi_theta || pi_ref) per sampled token: <c>exp(d) - d - 1</c> with
/// <c>d = logp_ref - logp_theta</c>. Non-negative, unbiased for samples from pi_theta, zero where the policies agree.
/// </summary>
public static class K3Kl
{
    /// <summary>Per-token k3 values ([rows, steps]).</summary>
    public static Tensor PerToken(Tensor logProbabilities, Tensor referenceLogProbabilities)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(referenceLogProbabilities);
        using var scope = NewDisposeScope();
        var d = referenceLogProbabilities - logProbabilities;
        return (d.exp() - d - 1).MoveToOuterDisposeScope();
    }
}

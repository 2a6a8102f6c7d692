using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Losses;

/// <summary>
/// The per-token centred cross-product of the entropy-mechanism paper: <c>cov_i = (A_i - mean A) * (logp_i - mean logp)</c>,
/// means over the valid tokens of the batch. Its mean over valid tokens is Cov(log pi, A), whose sign predicts the
/// entropy change of a policy-gradient step (dH ~ -eta Cov).
/// </summary>
public static class TokenCovariance
{
    /// <summary>[rows, steps] centred products (detached; 0 at padded positions).</summary>
    public static Tensor PerToken(Tensor logProbabilities, Tensor advantages, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(mask);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logp = logProbabilities.detach();
        var a = advantages.detach();
        var centredA = a - TokenMean.Of(a, mask);
        var centredLogp = logp - TokenMean.Of(logp, mask);
        return (centredA * centredLogp * mask).MoveToOuterDisposeScope();
    }

    /// <summary>Cov(log pi, A) over the valid tokens (population covariance).</summary>
    public static double Of(Tensor logProbabilities, Tensor advantages, Tensor mask)
    {
        using var scope = NewDisposeScope();
        return TokenMean.Of(PerToken(logProbabilities, advantages, mask), mask).item<float>();
    }

    /// <summary>Copies a [rows, steps] float tensor to a flat row-major array.</summary>
    internal static float[] ToArray(Tensor values)
    {
        using var cpu = values.detach().to_type(ScalarType.Float32).cpu().contiguous();
        return cpu.data<float>().ToArray();
    }
}

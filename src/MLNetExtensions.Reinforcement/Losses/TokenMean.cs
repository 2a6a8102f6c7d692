using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Losses;

/// <summary>Token-mean aggregation: the mean of a [rows, steps] tensor over the valid tokens (mask 1) of the whole batch.</summary>
public static class TokenMean
{
    /// <summary><c>sum(values * mask) / max(sum(mask), 1)</c>.</summary>
    public static Tensor Of(Tensor values, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(mask);
        using var scope = NewDisposeScope();
        return ((values * mask).sum() / mask.sum().clamp_min(1.0)).MoveToOuterDisposeScope();
    }
}

using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Losses;

/// <summary>
/// The entropy bonus term of the loss: <c>-coefficient * tokenMean(H)</c>. Sign convention: a POSITIVE coefficient,
/// being subtracted from a minimised loss, RAISES the policy's entropy; a negative one lowers it.
/// </summary>
public static class EntropyBonus
{
    /// <summary>The term to add to the loss (a scalar).</summary>
    /// <param name="entropy">[rows, steps] per-token entropies of the current policy (with gradients).</param>
    /// <param name="mask">[rows, steps] validity mask.</param>
    /// <param name="coefficient">c_H.</param>
    public static Tensor Loss(Tensor entropy, Tensor mask, double coefficient)
    {
        using var scope = NewDisposeScope();
        return (TokenMean.Of(entropy, mask) * -coefficient).MoveToOuterDisposeScope();
    }
}

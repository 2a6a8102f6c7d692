using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// Binary logits as two-class logits: z becomes [0, z], so softmax([0, z] / T) = [1 - sigmoid(z / T), sigmoid(z / T)].
/// Cross-entropy over [0, z] equals binary cross-entropy with logit z, so every loss is written once, for K classes.
/// </summary>
public static class BinaryLogits
{
    /// <summary>[N] or [N, 1] logits to [N, 2].</summary>
    public static Tensor ToTwoClass(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var z = logits.dim() == 2 ? logits.squeeze(1) : logits;
        if (z.dim() != 1)
            throw new ArgumentException($"Binary logits must be [N] or [N, 1]; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        return stack(new[] { zeros_like(z), z }, 1);
    }
}

using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Losses;

/// <summary>
/// Per-row binary cross-entropy BCE(sigmoid(logit), target), computed from the logit (numerically stable; the
/// reference applies BCELoss to the probability, which floors each log at -100). Targets may be soft (imputed labels).
/// </summary>
internal static class CrossEntropy
{
    public static Tensor PerRow(Tensor logits, Tensor targets) =>
        nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None);
}

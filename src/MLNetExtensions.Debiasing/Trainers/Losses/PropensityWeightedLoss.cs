using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Losses;

/// <summary>The prediction losses of the weighting methods on one batch of observed rows.</summary>
internal static class PropensityWeightedLoss
{
    /// <summary>Naive, IPS or a balanced weighting: mean over the batch of w_i BCE_i (Naive passes no weights).</summary>
    public static Tensor Mean(Tensor rowLosses, Tensor? weights) => weights is null ? rowLosses.mean() : (weights * rowLosses).mean();

    /// <summary>SNIPS: sum_i w_i BCE_i / sum_i w_i (self-normalised within the batch).</summary>
    public static Tensor SelfNormalized(Tensor rowLosses, Tensor weights) => (weights * rowLosses).sum() / weights.sum();
}

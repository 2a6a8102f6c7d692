using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Losses;

/// <summary>The balancing weight model's regulariser (1/B) sum_i w_i log w_i: it keeps the weights from collapsing onto few rows.</summary>
internal static class WeightEntropy
{
    public static Tensor Mean(Tensor weights) => (weights * weights.log()).mean();
}

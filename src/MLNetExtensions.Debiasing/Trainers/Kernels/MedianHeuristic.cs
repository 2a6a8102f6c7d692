using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Kernels;

/// <summary>
/// Default bandwidth: gamma = 1 / median squared distance (Gaussian) or 1 / median distance (exponential) between the
/// features of random pairs of user-item pairs, so a typical kernel value is exp(-1) whatever the feature scale.
/// </summary>
internal static class MedianHeuristic
{
    /// <summary>The bandwidth from <paramref name="first"/> and <paramref name="second"/> (N x dim features of random pairs, row by row).</summary>
    public static double Gamma(KernelKind kind, Tensor first, Tensor second)
    {
        using var squared = (first - second).square().sum(1);
        using var distance = kind == KernelKind.Gaussian ? squared.alias() : squared.sqrt();
        double median = distance.median().item<float>();
        if (!(median > 0))
            throw new InvalidOperationException(
                "The kernel features of the sampled pairs are (nearly) all equal, so the median heuristic has no bandwidth: " +
                "set KernelGamma explicitly, or train the feature model longer (FeatureModelEpochs).");
        return 1.0 / median;
    }
}

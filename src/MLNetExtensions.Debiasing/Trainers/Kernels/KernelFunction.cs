using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Kernels;

/// <summary>Kernel matrices between centres and pairs: Gaussian exp(-gamma d^2) or exponential exp(-gamma d), d the Euclidean distance.</summary>
internal static class KernelFunction
{
    /// <summary>K[j, n] = k(centres[j], points[n]) for J x dim centres and N x dim points.</summary>
    public static Tensor Matrix(KernelKind kind, double gamma, Tensor centres, Tensor points)
    {
        var squared = SquaredDistances(centres, points);
        return kind == KernelKind.Gaussian ? (squared * -gamma).exp() : (squared.sqrt() * -gamma).exp();
    }

    /// <summary>Squared Euclidean distances, clamped at 0 against rounding (no square root of a negative).</summary>
    public static Tensor SquaredDistances(Tensor x, Tensor y) =>
        (x.square().sum(1, keepdim: true) + y.square().sum(1).unsqueeze(0) - 2 * x.matmul(y.t())).clamp_min(0);
}

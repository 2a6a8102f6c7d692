using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Kernels;

/// <summary>
/// Adaptive kernel centres (AKBIPS, AKBDR). The kernel coefficients eps (one per sampled pair d of D_b) are fitted so that
/// the kernel expansion f(o) = sum_d eps_d K(o, d) reproduces the observed rows' errors e_i:
/// minimise sum_i v_i (e_i - (K eps)_i)^2 + lambda ||eps||^2 with v the inverse propensities; the J pairs with the largest
/// |eps| become the centres, i.e. the kernel functions that carry most of the error function, which balancing must match.
/// The fit is solved exactly, eps = Kᵀ (K Kᵀ + lambda diag(1/v))⁻¹ e (a B x B system), with lambda = ridge x mean diag(K Kᵀ);
/// the reference takes three Adam steps on a vector that persists across batches although its positions refer to freshly
/// sampled pairs each batch (docs/debiasing.md says why we re-fit per batch).
/// </summary>
internal static class AdaptiveCentreSelection
{
    /// <summary>
    /// eps for <paramref name="kernel"/> (B observed rows x M sampled pairs), <paramref name="errors"/> e (B) and
    /// <paramref name="rowWeights"/> v (B, positive). Computed in double precision; returned as float, length M.
    /// </summary>
    public static Tensor Coefficients(Tensor kernel, Tensor errors, Tensor rowWeights, double ridge)
    {
        // No inner dispose scope: the intermediates belong to the caller's (the training loop's per-batch) scope.
        var k = kernel.to_type(ScalarType.Float64);
        var gram = k.matmul(k.t());                                               // B x B
        double lambda = ridge * gram.diagonal().mean().item<double>();
        if (!(lambda > 0))
            lambda = ridge;                                                       // an all-zero kernel block: any tiny ridge
        var system = gram + torch.diag(rowWeights.to_type(ScalarType.Float64).reciprocal() * lambda);
        var solved = torch.linalg.solve(system, errors.to_type(ScalarType.Float64).unsqueeze(1));   // B x 1
        return k.t().matmul(solved).squeeze(1).to_type(ScalarType.Float32);
    }

    /// <summary>Indices of the <paramref name="count"/> largest |eps| (int64), largest first.</summary>
    public static Tensor Select(Tensor coefficients, int count) => coefficients.abs().topk(count).indexes;
}

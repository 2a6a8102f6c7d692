using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Losses;

/// <summary>
/// The kernel balancing hinge: h_all[j] = mean over D_b of K(c_j, d), h_obs[j] = (1/B) sum_i w_i K(c_j, o_i);
/// loss = max(0, sum_j (h_all - h_obs) - C) + max(0, sum_j (h_obs - h_all) - C) (the reference's hinge on the sum over
/// centres), or the same hinge per centre, summed.
/// </summary>
internal static class BalancingLoss
{
    public static Tensor Hinge(Tensor kernelToSampled, Tensor kernelToObserved, Tensor weights, double margin, bool perCentre)
    {
        var hAll = kernelToSampled.mean(new long[] { 1 });                               // J
        var hObs = kernelToObserved.matmul(weights) / kernelToObserved.shape[1];          // J
        var gap = hAll - hObs;
        if (perCentre)
            return (nn.functional.relu(gap - margin) + nn.functional.relu(-gap - margin)).sum();
        var total = gap.sum();
        return nn.functional.relu(total - margin) + nn.functional.relu(-total - margin);
    }
}

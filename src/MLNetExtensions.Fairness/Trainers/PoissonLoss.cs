using MLNetExtensions.Training;
using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// The Poisson negative log-likelihood with a log link and an exposure offset, per example
/// <c>exp(eta + log e) - y (eta + log e)</c> (the constant log y! is left out; it equals half the Poisson deviance
/// up to a term that does not depend on the model), where eta is the model's log rate, e the exposure and y the count.
/// </summary>
internal static class PoissonLoss
{
    /// <summary>The batch's (weighted) mean loss. <paramref name="logRate"/>, <paramref name="counts"/> and
    /// <paramref name="logExposure"/> are [B]; a null <paramref name="logExposure"/> means exposure 1.</summary>
    public static Tensor Compute(TensorBatch batch, Tensor logRate, Tensor counts, Tensor? logExposure)
    {
        var eta = logExposure is null ? logRate : logRate + logExposure;
        return batch.WeightedMean(eta.exp() - counts * eta);
    }
}

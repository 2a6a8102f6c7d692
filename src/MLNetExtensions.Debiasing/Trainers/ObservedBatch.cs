using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>One mini-batch of observed rows: int64 user and item indices, 0/1 labels, clipped propensities and their (possibly normalised) inverses.</summary>
internal readonly record struct ObservedBatch(Tensor Users, Tensor Items, Tensor Labels, Tensor Propensities, Tensor InversePropensities)
{
    public long Size => Users.shape[0];
}

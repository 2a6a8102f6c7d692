using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Penalties;

/// <summary>
/// CCdCov = dCov^2_U(output, [Z1 | Z2 | ...]): the distance between two rows' attributes runs over all blocks together
/// (sqrt of the sum of the blocks' squared distances), so the penalty is zero in expectation only when the output is
/// independent of the JOINT attribute vector, intersections included.
/// </summary>
public sealed class ConcatenatedDistanceCovariancePenalty : FairnessPenalty
{
    /// <inheritdoc/>
    public override FairnessPenaltyKind Kind => FairnessPenaltyKind.ConcatenatedDistanceCovariance;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor output, Tensor attributes, Tensor? groups) =>
        DistanceCovariancePenalty.Squared(output, attributes);
}

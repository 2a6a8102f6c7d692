using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Penalties;

/// <summary>
/// A differentiable fairness penalty on one minibatch. <c>output</c> is the model output the penalty sees, [n, k]
/// (probabilities for classification, the standardised prediction for regression); <c>attributes</c> the encoded
/// protected attributes, [n, w], laid out in blocks (one per attribute: a [0, 1]-scaled number, a 0/1 column or a
/// one-hot block); <c>groups</c> the intersectional group id of each row, int64 [n] (only group penalties read it).
/// </summary>
public abstract class FairnessPenalty
{
    /// <summary>Which penalty this is.</summary>
    public abstract FairnessPenaltyKind Kind { get; }

    /// <summary>The penalty of the batch, a scalar on the output's device that carries the output's gradient.</summary>
    public abstract Tensor Compute(Tensor output, Tensor attributes, Tensor? groups);

    /// <summary>
    /// The penalty of <paramref name="kind"/> for attributes laid out in blocks of <paramref name="blockWidths"/> columns.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a penalty.</exception>
    /// <exception cref="ArgumentException">The blocks do not suit the penalty (dCov takes exactly one attribute; JdCov at least one).</exception>
    public static FairnessPenalty Create(FairnessPenaltyKind kind, IReadOnlyList<int> blockWidths)
    {
        ArgumentNullException.ThrowIfNull(blockWidths);
        if (blockWidths.Count == 0 || blockWidths.Any(w => w <= 0))
            throw new ArgumentException("At least one protected attribute block of positive width is needed.", nameof(blockWidths));
        return kind switch
        {
            FairnessPenaltyKind.DistanceCovariance => blockWidths.Count == 1
                ? new DistanceCovariancePenalty()
                : throw new ArgumentException(
                    $"Penalty DistanceCovariance takes exactly one protected attribute (got {blockWidths.Count}); use ConcatenatedDistanceCovariance or JointDistanceCovariance for several.",
                    nameof(blockWidths)),
            FairnessPenaltyKind.ConcatenatedDistanceCovariance => new ConcatenatedDistanceCovariancePenalty(),
            FairnessPenaltyKind.JointDistanceCovariance => new JointDistanceCovariancePenalty(blockWidths),
            FairnessPenaltyKind.DemographicParityGap => new DemographicParityGapPenalty(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Penalty '{kind}' is not a penalty; use one of DistanceCovariance, JointDistanceCovariance, ConcatenatedDistanceCovariance, DemographicParityGap."),
        };
    }
}

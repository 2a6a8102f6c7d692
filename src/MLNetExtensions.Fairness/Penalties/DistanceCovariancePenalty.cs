using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Penalties;

/// <summary>
/// dCov^2_U(output, Z) for one protected attribute Z (all attribute columns are one variable), the U-statistic of the
/// managed <c>DistanceCovariance.USquared</c>: unbiased, can be slightly negative, zero in expectation under independence.
/// </summary>
public sealed class DistanceCovariancePenalty : FairnessPenalty
{
    /// <inheritdoc/>
    public override FairnessPenaltyKind Kind => FairnessPenaltyKind.DistanceCovariance;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor output, Tensor attributes, Tensor? groups) => Squared(output, attributes);

    /// <summary>dCov^2_U between the rows of <paramref name="x"/> and of <paramref name="y"/> (both [n, p]).</summary>
    public static Tensor Squared(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.shape[0] != y.shape[0])
            throw new ArgumentException($"The output has {x.shape[0]} rows and the attributes {y.shape[0]}.", nameof(y));
        UCentredDistance.RequireRows(x.shape[0]);
        using var scope = NewDisposeScope();
        // A U-centred matrix has zero row and column sums and a zero diagonal (Székely and Rizzo 2014), so
        // sum A~ B~ = sum a B~: only the attributes are centred, and the output (the side that carries the gradient)
        // needs just its raw distances, which halves the n x n work on the autograd path.
        var a = UCentredDistance.Distances(x);
        var b = UCentredDistance.CentredDistances(y.to_type(x.dtype));
        return UCentredDistance.Covariance(a, b).MoveToOuterDisposeScope();
    }
}

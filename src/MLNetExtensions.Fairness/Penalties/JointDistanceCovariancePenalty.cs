using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Penalties;

/// <summary>
/// JdCov^2 of (output, Z1, ..., Zd) with the authors' convention U^l = -A~^l (U-centred, diagonal 0) and c:
/// <c>sum_ij prod_l (U^l_ij + c) / (n (n - 3)) - c^(d+1) n / (n - 3)</c>, as the managed
/// <c>JointDistanceCovariance.Squared</c>. Each attribute block is its own variable.
/// </summary>
public sealed class JointDistanceCovariancePenalty : FairnessPenalty
{
    private readonly int[] _blockWidths;

    /// <summary>A JdCov penalty over attributes laid out in blocks of <paramref name="blockWidths"/> columns.</summary>
    public JointDistanceCovariancePenalty(IReadOnlyList<int> blockWidths, double c = 1)
    {
        ArgumentNullException.ThrowIfNull(blockWidths);
        if (blockWidths.Count == 0 || blockWidths.Any(w => w <= 0))
            throw new ArgumentException("At least one attribute block of positive width is needed.", nameof(blockWidths));
        if (!(c > 0) || !double.IsFinite(c))
            throw new ArgumentOutOfRangeException(nameof(c), c, "The JdCov constant c must be positive and finite.");
        _blockWidths = blockWidths.ToArray();
        C = c;
    }

    /// <summary>The constant c (1 by default, as the authors).</summary>
    public double C { get; }

    /// <inheritdoc/>
    public override FairnessPenaltyKind Kind => FairnessPenaltyKind.JointDistanceCovariance;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor output, Tensor attributes, Tensor? groups)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(attributes);
        long n = output.shape[0];
        if (attributes.shape[0] != n)
            throw new ArgumentException($"The output has {n} rows and the attributes {attributes.shape[0]}.", nameof(attributes));
        if (attributes.shape[1] != _blockWidths.Sum())
            throw new ArgumentException($"The attributes have {attributes.shape[1]} columns; the blocks need {_blockWidths.Sum()}.", nameof(attributes));
        UCentredDistance.RequireRows(n);
        using var scope = NewDisposeScope();
        var product = C - UCentredDistance.CentredDistances(output);
        long offset = 0;
        var z = attributes.to_type(output.dtype);
        foreach (int width in _blockWidths)
        {
            product = product * (C - UCentredDistance.CentredDistances(z.narrow(1, offset, width)));
            offset += width;
        }
        int d = _blockWidths.Length + 1;
        var result = product.sum() / (n * (n - 3.0)) - Math.Pow(C, d) * n / (n - 3.0);
        return result.MoveToOuterDisposeScope();
    }
}

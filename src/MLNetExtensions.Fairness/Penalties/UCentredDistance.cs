using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Penalties;

/// <summary>
/// The kernel every distance penalty shares: a batch's pairwise Euclidean distance matrix and its U-centring
/// (Székely and Rizzo 2014), as the managed <c>DistanceCovariance</c> defines them:
/// <c>A~_ij = a_ij - r_i/(n-2) - r_j/(n-2) + T/((n-1)(n-2))</c>, <c>A~_ii = 0</c>. Dense n x n tensors, no loops.
/// </summary>
public static class UCentredDistance
{
    /// <summary>The fewest rows a U-centred distance statistic is defined for.</summary>
    public const int MinimumRows = 4;

    /// <summary>Pairwise Euclidean distances between the rows of <paramref name="x"/> ([n, p]) as an [n, n] tensor.</summary>
    public static Tensor Distances(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2)
            throw new ArgumentException($"Expected an [n, p] tensor, got {x.dim()} dimensions.", nameof(x));
        // One column: |x_i - x_j| by broadcasting. abs has a zero subgradient at the diagonal, where sqrt's would be
        // infinite. Several columns: cdist without the matrix-product shortcut, so equal rows give exactly 0.
        if (x.shape[1] == 1)
            return (x - x.T).abs();
        return cdist(x, x, 2.0, TorchSharp.compute_mode.donot_use_mm_for_euclid_dist);
    }

    /// <summary>U-centres a square distance matrix (diagonal set to 0).</summary>
    public static Tensor Centre(Tensor distances)
    {
        ArgumentNullException.ThrowIfNull(distances);
        long n = distances.shape[0];
        RequireRows(n);
        using var scope = NewDisposeScope();
        var rows = distances.sum(1, keepdim: true);
        var columns = distances.sum(0, keepdim: true);
        var total = distances.sum();
        var centred = distances - rows / (n - 2) - columns / (n - 2) + total / ((n - 1.0) * (n - 2.0));
        // Multiply by an off-diagonal mask rather than writing the diagonal in place, which autograd would reject.
        using var mask = ones(n, n, dtype: distances.dtype, device: distances.device) - eye(n, dtype: distances.dtype, device: distances.device);
        return (centred * mask).MoveToOuterDisposeScope();
    }

    /// <summary>U-centred distance matrix of the rows of <paramref name="x"/>.</summary>
    public static Tensor CentredDistances(Tensor x)
    {
        using var d = Distances(x);
        return Centre(d);
    }

    /// <summary>
    /// dCov^2_U from two U-centred matrices: <c>sum_ij A~_ij B~_ij / (n (n - 3))</c>. Because a U-centred matrix has zero
    /// row and column sums and a zero diagonal, either argument may also be the raw distance matrix.
    /// </summary>
    public static Tensor Covariance(Tensor centredA, Tensor centredB)
    {
        long n = centredA.shape[0];
        RequireRows(n);
        return (centredA * centredB).sum() / (n * (n - 3.0));
    }

    /// <summary>Throws when a batch is too small for a U-statistic.</summary>
    public static void RequireRows(long n)
    {
        if (n < MinimumRows)
            throw new ArgumentException(
                $"A distance-covariance penalty needs batches of at least {MinimumRows} rows (got {n}); raise BatchSize.");
    }
}

namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// Dependence between the model output and the sensitive attributes measured by distance statistics (see
/// <see cref="DistanceCovariance"/>): CCdCov (output vs all attributes concatenated), per-attribute dCov, and JdCov
/// of (output, attribute 1, attribute 2, ...). Continuous attributes are used as numbers, without binning.
/// </summary>
public sealed class DistanceDependence
{
    internal DistanceDependence() { }

    /// <summary>Rows used (all rows, or a seeded subsample when the data has more than the option's limit).</summary>
    public int RowsUsed { get; internal init; }

    /// <summary>Rows in the data.</summary>
    public int TotalRows { get; internal init; }

    /// <summary>Whether a seeded random subsample was used (the statistics are O(n^2)).</summary>
    public bool Subsampled => RowsUsed < TotalRows;

    /// <summary>CCdCov: U-statistic dCov^2 of the output and the concatenation of all attributes. Equals dCov^2 with one attribute.</summary>
    public double CCdCov { get; internal init; }

    /// <summary>V-statistic dCov^2 of the output and the concatenated attributes (never negative).</summary>
    public double CCdCovV { get; internal init; }

    /// <summary>Squared distance correlation (U-statistics) of the output and the concatenated attributes.</summary>
    public double DCor { get; internal init; }

    /// <summary>Squared distance correlation (V-statistics) of the output and the concatenated attributes, in [0, 1].</summary>
    public double DCorV { get; internal init; }

    /// <summary>JdCov^2 (c = 1) of the output and each attribute as a separate variable.</summary>
    public double JdCov { get; internal init; }

    /// <summary>Per attribute: dCov^2 and dCor of the output and that attribute alone.</summary>
    public IReadOnlyList<AttributeDependence> ByAttribute { get; internal init; } = Array.Empty<AttributeDependence>();

    /// <summary>Permutations run by the independence test (0: not run).</summary>
    public int Permutations { get; internal init; }

    /// <summary>
    /// Permutation-test p-value of independence of the output and the joint attributes (statistic CCdCov):
    /// (1 + #{permuted &gt;= observed}) / (1 + permutations); null when not run.
    /// </summary>
    public double? PermutationPValue { get; internal init; }
}

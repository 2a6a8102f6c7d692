namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// Distance covariance and correlation (Székely, Rizzo and Bakirov 2007; Székely and Rizzo 2014) over arrays, in
/// float64, O(n^2) time and O(n) memory. Variables are n x p matrices (Euclidean distance over the p columns) or
/// vectors. Definitions as in docs/fairness.md and the spec:
/// U-statistic <c>dCov^2_U = sum_{i != j} A~_ij B~_ij / (n (n - 3))</c> (unbiased, may be negative, n &gt;= 4);
/// V-statistic <c>dCov^2_V = sum_{i,j} A_ij B_ij / n^2</c> (&gt;= 0);
/// <c>dCor = dCov^2(x, y) / sqrt(dCov^2(x, x) dCov^2(y, y))</c> (the squared distance correlation; 0 when either
/// variable is constant). Golden values: the Python <c>dcor</c> package's u_distance_covariance_sqr,
/// distance_covariance_sqr, u_distance_correlation_sqr and distance_correlation_sqr.
/// </summary>
public static class DistanceCovariance
{
    /// <summary>The unbiased (U-statistic) squared distance covariance of two variables (rows = observations).</summary>
    public static double USquared(double[,] x, double[,] y) => Compute(x, y).UCov;

    /// <summary>The unbiased (U-statistic) squared distance covariance of two scalar variables.</summary>
    public static double USquared(double[] x, double[] y) => USquared(AsMatrix(x), AsMatrix(y));

    /// <summary>The biased (V-statistic) squared distance covariance of two variables; never negative.</summary>
    public static double VSquared(double[,] x, double[,] y) => Compute(x, y).VCov;

    /// <summary>The biased (V-statistic) squared distance covariance of two scalar variables.</summary>
    public static double VSquared(double[] x, double[] y) => VSquared(AsMatrix(x), AsMatrix(y));

    /// <summary>The squared distance correlation from U-statistics (bias-corrected; may be slightly negative).</summary>
    public static double UCorrelation(double[,] x, double[,] y) => Compute(x, y).UCor;

    /// <summary>The squared distance correlation from V-statistics, in [0, 1].</summary>
    public static double VCorrelation(double[,] x, double[,] y) => Compute(x, y).VCor;

    /// <summary>The squared distance correlation from V-statistics of two scalar variables, in [0, 1].</summary>
    public static double VCorrelation(double[] x, double[] y) => VCorrelation(AsMatrix(x), AsMatrix(y));

    /// <summary>A vector as an n x 1 matrix.</summary>
    public static double[,] AsMatrix(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new double[values.Length, 1];
        for (int i = 0; i < values.Length; i++) m[i, 0] = values[i];
        return m;
    }

    /// <summary>dCor from the three squared covariances (0 when a variance is 0: a constant variable shows no dependence).</summary>
    internal static double Correlation(double xy, double xx, double yy)
    {
        double denominator = Math.Sqrt(xx * yy);
        return denominator > 0 ? xy / denominator : 0;
    }

    private static (double UCov, double VCov, double UCor, double VCor) Compute(double[,] x, double[,] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.GetLength(0);
        if (y.GetLength(0) != n)
            throw new ArgumentException($"Both variables need the same number of rows ({n} and {y.GetLength(0)}).", nameof(y));
        if (n < 4)
            throw new ArgumentException($"Distance covariance needs at least 4 rows (got {n}).", nameof(x));
        var columns = DistanceColumns.FromMatrices(new[] { x, y }, out var variables);
        var sums = DistanceCovarianceEngine.RowSums(columns, variables);
        var (u, v, _) = DistanceCovarianceEngine.ProductSums(columns, variables, sums, wantV: true, joint: null, c: 1);
        double un = (double)n * (n - 3), vn = (double)n * n;
        return (u[0, 1] / un, v[0, 1] / vn,
            Correlation(u[0, 1], u[0, 0], u[1, 1]), Correlation(v[0, 1], v[0, 0], v[1, 1]));
    }
}

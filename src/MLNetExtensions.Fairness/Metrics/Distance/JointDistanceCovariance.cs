namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// Joint distance covariance (Chakraborty and Zhang 2019), a measure of MUTUAL independence of d variables, from
/// U-centred distance matrices with the authors' sign convention (U^l = -A~^l, diagonal 0):
/// <c>JdCov^2 = sum_{i,j} prod_l (U^l_ij + c) / (n (n - 3)) - c^d n / (n - 3)</c>.
/// With c = 1 it equals the sum of the pairwise U-statistic dCov^2 plus the higher-order terms. O(n^2) time, O(d n) memory.
/// </summary>
public static class JointDistanceCovariance
{
    /// <summary>JdCov^2 of the variables (each an n x p matrix, rows = observations), with constant <paramref name="c"/> (default 1).</summary>
    public static double Squared(IReadOnlyList<double[,]> variables, double c = 1)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.Count < 2)
            throw new ArgumentException("Joint distance covariance needs at least two variables.", nameof(variables));
        int n = variables[0].GetLength(0);
        if (variables.Any(v => v.GetLength(0) != n))
            throw new ArgumentException("All variables need the same number of rows.", nameof(variables));
        if (n < 4)
            throw new ArgumentException($"Joint distance covariance needs at least 4 rows (got {n}).", nameof(variables));
        var columns = DistanceColumns.FromMatrices(variables, out var blocks);
        var sums = DistanceCovarianceEngine.RowSums(columns, blocks);
        var joint = Enumerable.Range(0, blocks.Length).ToArray();
        var (_, _, j) = DistanceCovarianceEngine.ProductSums(columns, blocks, sums, wantV: false, joint, c);
        return Finish(j, n, variables.Count, c);
    }

    internal static double Finish(double productSum, int n, int d, double c) =>
        productSum / ((double)n * (n - 3)) - Math.Pow(c, d) * n / (n - 3.0);
}

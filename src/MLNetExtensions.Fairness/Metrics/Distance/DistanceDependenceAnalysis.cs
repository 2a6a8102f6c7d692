namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// Computes <see cref="DistanceDependence"/> for a report: chooses the rows (all, or a seeded subsample without
/// replacement when n exceeds the limit), encodes the attributes, and runs the engine once for every statistic
/// (variables: output, each attribute, all attributes joined). The permutation test reuses the row sums: permuting
/// the output permutes its distance row sums, so each permutation costs one O(n^2) pass over two variables.
/// </summary>
internal static class DistanceDependenceAnalysis
{
    public static DistanceDependence Compute(double[] output, IReadOnlyList<SensitiveAttribute> attributes, int maxRows, int permutations, int seed)
    {
        int n = output.Length;
        var random = new Random(seed);
        var rows = ChooseRows(n, maxRows, random);
        int used = rows.Length;
        var columns = AttributeEncoding.Encode(output, attributes, rows, out var y, out var blocks, out var jointBlock);
        // Variables: 0 output, 1..k attributes, k+1 joint (when there are several attributes).
        int k = attributes.Count;
        var variables = new List<DistanceVariable> { y };
        variables.AddRange(blocks);
        int jointIndex = k == 1 ? 1 : k + 1;
        // The joint distance comes from the attributes' distances (sqrt of the sum of squares), not from the columns again.
        if (k > 1) variables.Add(new DistanceVariable(jointBlock.Offset, jointBlock.Width, Enumerable.Range(1, k).ToArray()));
        var pairs = new List<(int, int)> { (0, 0) };
        for (int a = 1; a < variables.Count; a++)
        {
            pairs.Add((0, a));
            pairs.Add((a, a));
        }
        var sums = DistanceCovarianceEngine.RowSums(columns, variables);
        var jdcovVariables = Enumerable.Range(0, k + 1).ToArray();
        var (u, v, j) = DistanceCovarianceEngine.ProductSums(columns, variables, sums, wantV: true, jdcovVariables, c: 1, pairs);
        double un = (double)used * (used - 3), vn = (double)used * used;
        var byAttribute = new AttributeDependence[k];
        for (int a = 0; a < k; a++)
            byAttribute[a] = new AttributeDependence(attributes[a].Name, u[0, a + 1] / un, v[0, a + 1] / vn,
                DistanceCovariance.Correlation(u[0, a + 1], u[0, 0], u[a + 1, a + 1]),
                DistanceCovariance.Correlation(v[0, a + 1], v[0, 0], v[a + 1, a + 1]));

        double? pValue = null;
        if (permutations > 0)
        {
            double observed = u[0, jointIndex];
            var pair = new[] { y, jointBlock };
            var permutedColumns = (double[][])columns.Clone();
            var permutedSums = new[] { new double[used], sums[jointIndex] };
            var permuted = new double[used];
            var order = Enumerable.Range(0, used).ToArray();
            int atLeast = 0;
            for (int p = 0; p < permutations; p++)
            {
                random.Shuffle(order);
                for (int i = 0; i < used; i++)
                {
                    permuted[i] = columns[0][order[i]];
                    permutedSums[0][i] = sums[0][order[i]];
                }
                permutedColumns[0] = permuted;
                var (pu, _, _) = DistanceCovarianceEngine.ProductSums(permutedColumns, pair, permutedSums, wantV: false, joint: null, c: 1);
                // A small tolerance so that a permutation giving the same value up to rounding counts as "at least".
                if (pu[0, 1] >= observed - 1e-12 * Math.Abs(observed)) atLeast++;
            }
            pValue = (1.0 + atLeast) / (1.0 + permutations);
        }

        return new DistanceDependence
        {
            RowsUsed = used,
            TotalRows = n,
            CCdCov = u[0, jointIndex] / un,
            CCdCovV = v[0, jointIndex] / vn,
            DCor = DistanceCovariance.Correlation(u[0, jointIndex], u[0, 0], u[jointIndex, jointIndex]),
            DCorV = DistanceCovariance.Correlation(v[0, jointIndex], v[0, 0], v[jointIndex, jointIndex]),
            JdCov = JointDistanceCovariance.Finish(j, used, k + 1, 1),
            ByAttribute = byAttribute,
            Permutations = permutations,
            PermutationPValue = pValue,
        };
    }

    /// <summary>All rows, or a seeded sample of <paramref name="maxRows"/> distinct rows (partial Fisher-Yates), in row order.</summary>
    internal static int[] ChooseRows(int n, int maxRows, Random random)
    {
        var all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        if (maxRows == 0 || n <= maxRows) return all;
        for (int i = 0; i < maxRows; i++)
        {
            int j = random.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var sample = all[..maxRows];
        Array.Sort(sample);
        return sample;
    }
}

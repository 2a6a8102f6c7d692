namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>Lays variables out as the column-major blocks the distance engine reads.</summary>
internal static class DistanceColumns
{
    public static double[][] FromMatrices(IReadOnlyList<double[,]> matrices, out DistanceVariable[] variables)
    {
        int n = matrices[0].GetLength(0);
        var columns = new List<double[]>();
        variables = new DistanceVariable[matrices.Count];
        for (int v = 0; v < matrices.Count; v++)
        {
            var m = matrices[v];
            int p = m.GetLength(1);
            if (p < 1)
                throw new ArgumentException($"Variable {v} has no columns.", nameof(matrices));
            variables[v] = new DistanceVariable(columns.Count, p);
            for (int c = 0; c < p; c++)
            {
                var col = new double[n];
                for (int i = 0; i < n; i++)
                {
                    col[i] = m[i, c];
                    if (!double.IsFinite(col[i]))
                        throw new ArgumentException($"Variable {v} has a non-finite value at row {i}, column {c}.", nameof(matrices));
                }
                columns.Add(col);
            }
        }
        return columns.ToArray();
    }
}

namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>
/// The columns the distance statistics see, for the chosen rows: column 0 the model output as is, then each
/// attribute's block: numbers (continuous or discrete) min-max scaled to [0, 1] over all rows, binary attributes 0/1,
/// categorical attributes one-hot. The block scales matter for CCdCov, whose distance runs over all blocks together.
/// </summary>
internal static class AttributeEncoding
{
    public static double[][] Encode(double[] output, IReadOnlyList<SensitiveAttribute> attributes, int[] rows,
        out DistanceVariable outputVariable, out DistanceVariable[] attributeVariables, out DistanceVariable jointVariable)
    {
        var columns = new List<double[]>();
        columns.Add(Take(output, rows));
        outputVariable = new DistanceVariable(0, 1);
        attributeVariables = new DistanceVariable[attributes.Count];
        for (int a = 0; a < attributes.Count; a++)
        {
            var attribute = attributes[a];
            int offset = columns.Count;
            if (attribute.Values is { } values)
            {
                double lo = values.Min(), hi = values.Max();
                double scale = hi > lo ? 1 / (hi - lo) : 0;
                var col = new double[rows.Length];
                for (int k = 0; k < rows.Length; k++) col[k] = (values[rows[k]] - lo) * scale;
                columns.Add(col);
            }
            else if (attribute.Kind == SensitiveAttributeKind.Binary)
            {
                var codes = attribute.Codes!;
                var col = new double[rows.Length];
                for (int k = 0; k < rows.Length; k++) col[k] = codes[rows[k]];
                columns.Add(col);
            }
            else
            {
                var codes = attribute.Codes!;
                int levels = attribute.Levels.Count;
                var block = new double[levels][];
                for (int l = 0; l < levels; l++) block[l] = new double[rows.Length];
                for (int k = 0; k < rows.Length; k++) block[codes[rows[k]]][k] = 1;
                columns.AddRange(block);
            }
            attributeVariables[a] = new DistanceVariable(offset, columns.Count - offset);
        }
        jointVariable = new DistanceVariable(1, columns.Count - 1);
        return columns.ToArray();
    }

    private static double[] Take(double[] values, int[] rows)
    {
        var result = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++) result[k] = values[rows[k]];
        return result;
    }
}

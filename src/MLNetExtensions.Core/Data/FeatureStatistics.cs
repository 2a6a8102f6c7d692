namespace MLNetExtensions.Data;

/// <summary>Per-feature mean and standard deviation (and the label's), accumulated in double precision.</summary>
public sealed class FeatureStatistics
{
    private readonly double[] _sum;
    private readonly double[] _sumSquares;
    private double _labelSum;
    private double _labelSumSquares;

    private FeatureStatistics(int width)
    {
        _sum = new double[width];
        _sumSquares = new double[width];
    }

    /// <summary>Rows seen.</summary>
    public long Count { get; private set; }

    /// <summary>Statistics of the rows in <paramref name="indices"/> (all rows when null).</summary>
    public static FeatureStatistics FromRows(MaterializedExamples rows, IReadOnlyList<long>? indices = null)
    {
        var stats = new FeatureStatistics(rows.FeatureWidth);
        if (indices is null)
            for (int i = 0; i < rows.Count; i++) stats.Add(rows, i);
        else
            foreach (var i in indices) stats.Add(rows, (int)i);
        return stats;
    }

    /// <summary>Statistics from one streaming pass.</summary>
    public static FeatureStatistics FromReader(DataViewBatchReader reader)
    {
        var stats = new FeatureStatistics(reader.FeatureWidth);
        foreach (var batch in reader.Read(8192))
            for (int r = 0; r < batch.Count; r++)
                stats.Add(batch.Features.AsSpan(r * batch.FeatureWidth, batch.FeatureWidth), batch.Labels.Length > 0 ? batch.Labels[r] : 0f);
        if (stats.Count == 0)
            throw DataValidationException.NoRows();
        return stats;
    }

    private void Add(MaterializedExamples rows, int i) =>
        Add(rows.Features.AsSpan(i * rows.FeatureWidth, rows.FeatureWidth), rows.Labels.Length > 0 ? rows.Labels[i] : 0f);

    private void Add(ReadOnlySpan<float> features, float label)
    {
        for (int j = 0; j < features.Length; j++)
        {
            double v = features[j];
            _sum[j] += v;
            _sumSquares[j] += v * v;
        }
        _labelSum += label;
        _labelSumSquares += (double)label * label;
        Count++;
    }

    /// <summary>Shift (mean) and scale (1/std; 1 for constant features) for standardising features.</summary>
    public (float[] Shift, float[] Scale) Standardisation()
    {
        var shift = new float[_sum.Length];
        var scale = new float[_sum.Length];
        for (int j = 0; j < _sum.Length; j++)
            (shift[j], scale[j]) = MeanAndInverseStd(_sum[j], _sumSquares[j]);
        return (shift, scale);
    }

    /// <summary>Label mean and 1/std for regression targets, as one-element arrays.</summary>
    public (float[] Shift, float[] Scale) LabelStandardisation()
    {
        var (mean, inverse) = MeanAndInverseStd(_labelSum, _labelSumSquares);
        // The network's output layer multiplies by the std, so store std (not its inverse) as output scale.
        return (new[] { mean }, new[] { 1f / inverse });
    }

    private (float Mean, float InverseStd) MeanAndInverseStd(double sum, double sumSquares)
    {
        double mean = sum / Count;
        double variance = Math.Max(sumSquares / Count - mean * mean, 0);
        double std = Math.Sqrt(variance);
        return ((float)mean, std > 1e-12 * Math.Max(1, Math.Abs(mean)) ? (float)(1 / std) : 1f);
    }
}

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// Running per-feature mean and variance (Welford, float64) for standardising a stream without looking ahead:
/// each row is standardised with the statistics of the rows before it. A feature with fewer than two rows or zero
/// variance keeps scale 1. Memory O(d).
/// </summary>
internal sealed class OnlineStandardizer
{
    private readonly double[] _mean;
    private readonly double[] _m2;
    private readonly float[] _shift;
    private readonly float[] _scale;
    private long _count;

    public OnlineStandardizer(int width)
    {
        _mean = new double[width];
        _m2 = new double[width];
        _shift = new float[width];
        _scale = new float[width];
        Array.Fill(_scale, 1f);
    }

    /// <summary>Number of values held.</summary>
    public long StateSize => _mean.Length * 4L + 1;

    /// <summary>The current shift (the running mean), as float.</summary>
    public ReadOnlySpan<float> Shift => _shift;

    /// <summary>The current scale (1 / running standard deviation, population form), as float.</summary>
    public ReadOnlySpan<float> Scale => _scale;

    /// <summary>Writes <c>(x - shift) * scale</c> in float, exactly as <see cref="SoftObliqueForest.Predict"/> computes it.</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int j = 0; j < x.Length; j++)
            destination[j] = (x[j] - _shift[j]) * _scale[j];
    }

    /// <summary>Adds a row to the statistics.</summary>
    public void Add(ReadOnlySpan<float> x)
    {
        _count++;
        for (int j = 0; j < x.Length; j++)
        {
            double delta = x[j] - _mean[j];
            _mean[j] += delta / _count;
            _m2[j] += delta * (x[j] - _mean[j]);
            double variance = _m2[j] / _count;
            _shift[j] = (float)_mean[j];
            _scale[j] = _count >= 2 && variance > 0 ? (float)(1 / Math.Sqrt(variance)) : 1f;
        }
    }
}

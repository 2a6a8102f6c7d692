namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// A uniform sample of at most <c>capacity</c> (score, outcome) rows from a stream (Vitter's algorithm R, seeded),
/// so KS, smooth ECE and AUC can be estimated on data too large to hold.
/// </summary>
internal sealed class ScoreReservoir
{
    private readonly double[] _scores;
    private readonly float[] _outcomes;
    private readonly Random _random;
    private long _seen;

    public ScoreReservoir(int capacity, int seed)
    {
        _scores = new double[capacity];
        _outcomes = new float[capacity];
        _random = new Random(seed);
    }

    /// <summary>Rows offered so far.</summary>
    public long Seen => _seen;

    public void Add(ReadOnlySpan<double> scores, ReadOnlySpan<float> outcomes)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            long slot = _seen < _scores.Length ? _seen : _random.NextInt64(_seen + 1);
            if (slot < _scores.Length)
            {
                _scores[slot] = scores[i];
                _outcomes[slot] = outcomes[i];
            }
            _seen++;
        }
    }

    /// <summary>KS, smooth ECE and AUC of the sampled rows (AUC NaN when the sample holds one class only).</summary>
    public (double Ks, double SmoothEce, double Auc) Compute()
    {
        int count = (int)Math.Min(_seen, _scores.Length);
        var scores = _scores.AsSpan(0, count).ToArray();
        var outcomes = _outcomes.AsSpan(0, count).ToArray();
        double smooth = SmoothCalibrationError.Compute(scores, outcomes);
        Array.Sort(scores, outcomes);
        return (KsCalibrationError.ComputeSorted(scores, outcomes), smooth, RankAuc.ComputeSorted(scores, outcomes));
    }
}

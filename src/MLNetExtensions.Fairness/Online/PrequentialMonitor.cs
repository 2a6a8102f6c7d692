namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// Accumulates prequential accuracy, log loss and DP difference, cumulative (counts per group) and over a sliding
/// window (a ring buffer of the last W rows), and records a <see cref="PrequentialPoint"/> every interval. Memory is
/// O(groups + W) plus one point per interval.
/// </summary>
internal sealed class PrequentialMonitor
{
    private readonly int _interval;
    private readonly long[] _count;
    private readonly long[] _positive;
    private readonly long[] _windowCount;
    private readonly long[] _windowPositive;
    private readonly int[] _ringGroup;
    private readonly bool[] _ringPredicted;
    private readonly bool[] _ringCorrect;
    private readonly List<PrequentialPoint> _points = new();
    private long _rows;
    private long _correct;
    private long _windowCorrect;
    private double _logLoss;

    public PrequentialMonitor(int groups, int window, int interval)
    {
        _interval = interval;
        _count = new long[groups];
        _positive = new long[groups];
        _windowCount = new long[groups];
        _windowPositive = new long[groups];
        _ringGroup = new int[window];
        _ringPredicted = new bool[window];
        _ringCorrect = new bool[window];
    }

    /// <summary>Values held apart from the recorded points (fixed at construction).</summary>
    public long StateSize => _count.Length * 4L + _ringGroup.Length * 3L + 4;

    public long Rows => _rows;

    public IReadOnlyList<PrequentialPoint> Points => _points;

    /// <summary>Rows seen per group (cumulative).</summary>
    public long GroupCount(int group) => _count[group];

    /// <summary>Records one row's prediction (made before learning from it).</summary>
    public void Add(int group, double probability, bool label)
    {
        bool predicted = probability > 0.5;
        bool correct = predicted == label;
        double p = Math.Clamp(label ? probability : 1 - probability, 1e-15, 1);
        _logLoss -= Math.Log(p);
        int slot = (int)(_rows % _ringGroup.Length);
        if (_rows >= _ringGroup.Length)
        {
            int old = _ringGroup[slot];
            _windowCount[old]--;
            if (_ringPredicted[slot]) _windowPositive[old]--;
            if (_ringCorrect[slot]) _windowCorrect--;
        }
        _ringGroup[slot] = group;
        _ringPredicted[slot] = predicted;
        _ringCorrect[slot] = correct;
        _windowCount[group]++;
        _count[group]++;
        if (predicted) { _windowPositive[group]++; _positive[group]++; }
        if (correct) { _windowCorrect++; _correct++; }
        _rows++;
        if (_rows % _interval == 0)
            _points.Add(Current());
    }

    /// <summary>Records the final point (unless the last row already did).</summary>
    public void Finish()
    {
        if (_rows > 0 && (_points.Count == 0 || _points[^1].Rows != _rows))
            _points.Add(Current());
    }

    private PrequentialPoint Current()
    {
        long windowRows = Math.Min(_rows, _ringGroup.Length);
        return new PrequentialPoint(_rows, (double)_correct / _rows, Difference(_count, _positive), (double)_windowCorrect / windowRows,
            Difference(_windowCount, _windowPositive), _logLoss / _rows);
    }

    /// <summary>Max - min selection rate over groups with rows; null with fewer than two.</summary>
    internal static double? Difference(long[] count, long[] positive)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int present = 0;
        for (int g = 0; g < count.Length; g++)
        {
            if (count[g] == 0) continue;
            present++;
            double rate = (double)positive[g] / count[g];
            min = Math.Min(min, rate);
            max = Math.Max(max, rate);
        }
        return present < 2 ? null : max - min;
    }
}

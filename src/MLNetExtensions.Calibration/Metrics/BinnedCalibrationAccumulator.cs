using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MLNetExtensions.Data;

namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Streaming sufficient statistics of the binned calibration metrics: per bin the count and the sums of p, y,
/// p^2 and p*y. Memory is O(bins) whatever the number of rows, so ECE, MCE, ACE, RMSCE, debiased L2, Brier with
/// its Murphy decomposition, and the reliability curve can be computed in one pass over any amount of data.
/// Accumulators with the same edges can be merged (for example one per thread).
/// </summary>
/// <remarks>
/// Equal-width bins: the bin index is found by one multiplication; values within 1e-9 of an edge are binary-searched
/// against the edges (numpy's linspace), so a probability on an edge follows <see cref="BinEdgeConvention"/> exactly (1.0 always falls in the last bin
/// and 0.0 in the first). Every value is checked: NaN or out-of-[0, 1] probabilities and labels other than 0/1
/// throw <see cref="DataValidationException"/> naming the column and the 0-based row (counted over all rows added).
/// </remarks>
public sealed class BinnedCalibrationAccumulator
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Bin
    {
        public long Count;
        public double SumP, SumY, SumP2, SumPY;
    }

    // Per (bin, label) cell: y is 0 or 1, so sum y and sum p*y of a bin are the count and sum p of its y = 1 cell.
    // Three read-modify-writes per row instead of five, and no multiply by y.
    [StructLayout(LayoutKind.Sequential)]
    private struct Cell
    {
        public long Count;
        public double SumP, SumP2;
    }

    private const int ValidationBlock = 2048;
    private const double RoundingMagic = 6755399441055744.0; // 1.5 * 2^52
    private readonly double[] _edges;
    private readonly Cell[] _cells;
    private readonly bool _equalWidth;
    private long _rows;

    /// <summary>Creates an accumulator with <paramref name="numberOfBins"/> equal-width bins on [0, 1].</summary>
    public BinnedCalibrationAccumulator(int numberOfBins = 15, BinEdgeConvention binEdges = BinEdgeConvention.LeftClosed,
        string probabilityColumnName = "Probability", string labelColumnName = "Label")
        : this(EqualWidthEdges(numberOfBins), binEdges, probabilityColumnName, labelColumnName, equalWidth: true)
    {
    }

    /// <summary>
    /// Creates an accumulator with explicit bin edges (increasing, first 0, last 1; repeated edges give empty
    /// bins), for example equal-mass edges from <see cref="EqualMassEdges"/>.
    /// </summary>
    public BinnedCalibrationAccumulator(IReadOnlyList<double> edges, BinEdgeConvention binEdges = BinEdgeConvention.LeftClosed,
        string probabilityColumnName = "Probability", string labelColumnName = "Label")
        : this(CheckEdges(edges), binEdges, probabilityColumnName, labelColumnName, equalWidth: false)
    {
    }

    private BinnedCalibrationAccumulator(double[] edges, BinEdgeConvention binEdges, string probabilityColumnName, string labelColumnName, bool equalWidth)
    {
        if (!Enum.IsDefined(binEdges))
            throw new ArgumentOutOfRangeException(nameof(binEdges), binEdges, "Unknown bin-edge convention.");
        _edges = edges;
        _cells = new Cell[2 * (edges.Length - 1)];
        _equalWidth = equalWidth;
        BinEdges = binEdges;
        ProbabilityColumnName = probabilityColumnName;
        LabelColumnName = labelColumnName;
    }

    /// <summary>Number of bins.</summary>
    public int NumberOfBins => _edges.Length - 1;

    /// <summary>Per-bin totals from the (bin, label) cells.</summary>
    private Bin[] BinTotals()
    {
        {
            var bins = new Bin[NumberOfBins];
            for (int b = 0; b < bins.Length; b++)
            {
                var negative = _cells[2 * b];
                var positive = _cells[2 * b + 1];
                bins[b] = new Bin
                {
                    Count = negative.Count + positive.Count,
                    SumP = negative.SumP + positive.SumP,
                    SumY = positive.Count,
                    SumP2 = negative.SumP2 + positive.SumP2,
                    SumPY = positive.SumP,
                };
            }
            return bins;
        }
    }

    /// <summary>The B + 1 bin edges.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>The edge convention in use.</summary>
    public BinEdgeConvention BinEdges { get; }

    /// <summary>Column named in error messages about probabilities.</summary>
    public string ProbabilityColumnName { get; }

    /// <summary>Column named in error messages about labels.</summary>
    public string LabelColumnName { get; }

    /// <summary>Rows added so far.</summary>
    public long Count => _rows;

    /// <summary>
    /// The equal-width edges exactly as <c>numpy.linspace(0, 1, B + 1)</c> computes them, k * (1 / B) with the last
    /// edge 1, the edges of numpy-based libraries such as scikit-learn's <c>calibration_curve</c>. For some k this differs from the decimal k / B by one
    /// ulp (B = 10: edges 3, 6 and 7 are 0.30000000000000004, 0.6000000000000001, 0.7000000000000001).
    /// </summary>
    public static double[] EqualWidthEdges(int numberOfBins)
    {
        if (numberOfBins < 1)
            throw new ArgumentOutOfRangeException(nameof(numberOfBins), numberOfBins, "NumberOfBins must be at least 1.");
        var edges = new double[numberOfBins + 1];
        double step = 1.0 / numberOfBins;
        for (int k = 0; k < numberOfBins; k++)
            edges[k] = k * step;
        edges[numberOfBins] = 1;
        return edges;
    }

    /// <summary>
    /// Equal-mass edges: 0, the lower empirical quantiles sorted[floor(k N / B)] for k = 1..B-1, and 1. Ties make
    /// repeated edges (empty bins) rather than splitting equal scores between bins, so the result does not depend
    /// on row order.
    /// </summary>
    public static double[] EqualMassEdges(ReadOnlySpan<double> sortedScores, int numberOfBins)
    {
        if (numberOfBins < 1)
            throw new ArgumentOutOfRangeException(nameof(numberOfBins), numberOfBins, "NumberOfBins must be at least 1.");
        if (sortedScores.IsEmpty)
            throw new ArgumentException("Equal-mass edges need at least one score.", nameof(sortedScores));
        var edges = new double[numberOfBins + 1];
        edges[numberOfBins] = 1;
        for (int k = 1; k < numberOfBins; k++)
            edges[k] = sortedScores[(int)((long)k * sortedScores.Length / numberOfBins)];
        return edges;
    }

    /// <summary>Adds one row with a Boolean label.</summary>
    public void Add(double probability, bool label) => Add(probability, label ? 1f : 0f);

    /// <summary>Adds one row; the label must be 0 or 1.</summary>
    public void Add(double probability, float label)
    {
        Check(probability, label, _rows);
        AddChecked(probability, label);
        _rows++;
    }

    /// <summary>
    /// Adds a block of rows (the fast path: no allocation, no virtual call per row). On a bad value the rows before
    /// it have been added when the <see cref="DataValidationException"/> is thrown.
    /// </summary>
    public void Add(ReadOnlySpan<double> probabilities, ReadOnlySpan<float> labels)
    {
        if (probabilities.Length != labels.Length)
            throw new DataValidationException(
                $"Column '{ProbabilityColumnName}' has {probabilities.Length} values but column '{LabelColumnName}' has {labels.Length}; " +
                $"row {_rows + Math.Min(probabilities.Length, labels.Length)} is missing one of them.",
                labels.Length < probabilities.Length ? LabelColumnName : ProbabilityColumnName, _rows + Math.Min(probabilities.Length, labels.Length));
        // Labels are checked a block at a time (vectorised, in cache); probabilities inside the hot loop, whose one
        // rare branch also catches NaN and out-of-range values. At a bad row the rows before it have been added and
        // the error names it, as a stream would.
        for (int start = 0; start < probabilities.Length; start += ValidationBlock)
        {
            int length = Math.Min(ValidationBlock, probabilities.Length - start);
            var p = probabilities.Slice(start, length);
            var y = labels.Slice(start, length);
            int bad = FirstInvalidLabel(y);
            if (bad >= 0)
            {
                AddValid(p[..bad], y[..bad]);
                Check(p[bad], y[bad], _rows);
            }
            AddValid(p, y);
        }
    }

    private void AddValid(ReadOnlySpan<double> probabilities, ReadOnlySpan<float> labels)
    {
        if (!_equalWidth)
        {
            for (int i = 0; i < probabilities.Length; i++)
            {
                Check(probabilities[i], labels[i], _rows);
                AddChecked(probabilities[i], labels[i]);
                _rows++;
            }
        }
        else
            AddEqualWidth(probabilities, labels);
    }

    /// <summary>Index of the first label other than 0 or 1 (NaN included); -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FirstInvalidLabel(ReadOnlySpan<float> labels)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // y (1 - y) is 0 exactly for y in {0, 1}; NaN and infinities give NaN or a non-zero value.
            for (; i <= labels.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var y = new Vector<float>(labels.Slice(i));
                if (!Vector.EqualsAll(y * (Vector<float>.One - y), Vector<float>.Zero))
                    break;
            }
        }
        for (; i < labels.Length; i++)
            if (labels[i] != 0f && labels[i] != 1f)
                return i;
        return -1;
    }

    /// <summary>Adds the statistics of another accumulator with the same edges and convention.</summary>
    public void Merge(BinnedCalibrationAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.BinEdges != BinEdges || !other._edges.AsSpan().SequenceEqual(_edges))
            throw new ArgumentException("Only accumulators with the same bin edges and edge convention can be merged.", nameof(other));
        for (int c = 0; c < _cells.Length; c++)
        {
            ref var mine = ref _cells[c];
            var theirs = other._cells[c];
            mine.Count += theirs.Count;
            mine.SumP += theirs.SumP;
            mine.SumP2 += theirs.SumP2;
        }
        _rows += other._rows;
    }

    // The hot loop: bin = (int)(p * B). p * B is within a few ulps of the exact value and the numpy edges within one
    // ulp of k / B, so when the fractional part of p * B is farther than 1e-9 from an integer, p is nowhere near an
    // edge and both conventions agree on that bin. Otherwise (p on or next to an edge, 0.0, 0.5, 1.0, or a bad value:
    // NaN and out-of-range values fail the test too) one predictable branch takes the exact binary search.
    // Fully optimised at first call (AggressiveOptimization): one call may run 10^7 iterations, too long for tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddEqualWidth(ReadOnlySpan<double> probabilities, ReadOnlySpan<float> labels)
    {
        ref Cell cells = ref MemoryMarshal.GetArrayDataReference(_cells);
        ref double p0 = ref MemoryMarshal.GetReference(probabilities);
        ref float y0 = ref MemoryMarshal.GetReference(labels);
        uint count = (uint)NumberOfBins;
        double scale = NumberOfBins;
        const double margin = 1e-9;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Unsafe.Add(ref p0, i);
            double scaled = p * scale;
            // floor(scaled) without a saturating conversion: adding 1.5 * 2^52 rounds (scaled - 0.5) to an integer held
            // in the low mantissa bits. Exact ties (scaled an integer) fail the fraction test and take the slow path.
            double rounded = scaled - 0.5 + RoundingMagic;
            int b = (int)BitConverter.DoubleToInt64Bits(rounded);
            double fraction = scaled - (rounded - RoundingMagic);
            if ((uint)b >= count || !((fraction >= margin) & (fraction <= 1 - margin)))
                b = RareBin(p, labels[i], i);
            // A checked label is 0f (bits 0x00000000 or 0x80000000) or 1f (0x3F800000): bit 29 is the label.
            int label = (int)(BitConverter.SingleToUInt32Bits(Unsafe.Add(ref y0, i)) >> 29) & 1;
            ref Cell cell = ref Unsafe.Add(ref cells, 2 * b + label);
            cell.Count++;
            cell.SumP += p;
            cell.SumP2 += p * p;
        }
        _rows += probabilities.Length;
    }

    /// <summary>The slow path: a bad value throws (after counting the rows already added), a good one is binary-searched.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RareBin(double p, float y, int offset)
    {
        if (!(p >= 0 && p <= 1))
        {
            _rows += offset;
            Check(p, y, _rows);
        }
        return BinIndex(p);
    }

    private void AddChecked(double p, float y)
    {
        ref Cell cell = ref _cells[2 * BinIndex(p) + (int)y];
        cell.Count++;
        cell.SumP += p;
        cell.SumP2 += p * p;
    }

    /// <summary>The bin a probability in [0, 1] falls into under this accumulator's edges and convention.</summary>
    public int BinIndex(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must lie in [0, 1].");
        // Inner edges _edges[1..BinTotals().Length-1]: LeftClosed counts those <= p, RightClosed those < p.
        int lo = 1, hi = NumberOfBins; // search in [lo, hi)
        bool leftClosed = BinEdges == BinEdgeConvention.LeftClosed;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            bool before = leftClosed ? _edges[mid] <= probability : _edges[mid] < probability;
            if (before) lo = mid + 1; else hi = mid;
        }
        return lo - 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Check(double p, float y, long row)
    {
        if (double.IsNaN(p))
            throw new DataValidationException($"Column '{ProbabilityColumnName}' is NaN at row {row}; probabilities must be numbers in [0, 1].", ProbabilityColumnName, row);
        if (!(p >= 0 && p <= 1))
            throw new DataValidationException($"Column '{ProbabilityColumnName}' is {p} at row {row}; probabilities must lie in [0, 1].", ProbabilityColumnName, row);
        if (y != 0f && y != 1f)
            throw new DataValidationException($"Column '{LabelColumnName}' is {y} at row {row}; binary labels must be 0 or 1 (or Boolean).", LabelColumnName, row);
    }

    private void RequireRows()
    {
        if (_rows == 0)
            throw new InvalidOperationException("No rows have been added; calibration metrics need at least one row.");
    }

    /// <summary>Expected calibration error, L1: sum over bins of (n_b / N) |observed_b - confidence_b|; empty bins add 0.</summary>
    public double Ece => Norm(static (gap, weight) => weight * gap, 0, (a, v) => a + v);

    /// <summary>Maximum calibration error: the largest |observed_b - confidence_b| over non-empty bins.</summary>
    public double Mce => Norm(static (gap, _) => gap, 0, Math.Max);

    /// <summary>RMS calibration error, L2: sqrt(sum over bins of (n_b / N) (observed_b - confidence_b)^2).</summary>
    public double Rmsce => Math.Sqrt(Norm(static (gap, weight) => weight * gap * gap, 0, (a, v) => a + v));

    /// <summary>Average calibration error: the unweighted mean of |observed_b - confidence_b| over non-empty bins.</summary>
    public double Ace
    {
        get
        {
            RequireRows();
            double sum = 0;
            int filled = 0;
            foreach (var bin in BinTotals())
            {
                if (bin.Count == 0) continue;
                sum += Math.Abs(bin.SumY / bin.Count - bin.SumP / bin.Count);
                filled++;
            }
            return sum / filled;
        }
    }

    /// <summary>
    /// Debiased L2 calibration error (Kumar, Liang and Ma 2019): sqrt(max(0, sum over bins of (n_b / N)
    /// [(observed_b - confidence_b)^2 - observed_b (1 - observed_b) / (n_b - 1)])); bins with fewer than two rows add 0.
    /// The subtracted term removes the expected sampling inflation of the squared gap.
    /// </summary>
    public double DebiasedL2Ece
    {
        get
        {
            RequireRows();
            double sum = 0;
            foreach (var bin in BinTotals())
            {
                if (bin.Count < 2) continue;
                double observed = bin.SumY / bin.Count, gap = observed - bin.SumP / bin.Count;
                sum += (double)bin.Count / _rows * (gap * gap - observed * (1 - observed) / (bin.Count - 1));
            }
            return Math.Sqrt(Math.Max(0, sum));
        }
    }

    /// <summary>Brier score, mean (p - y)^2, exact (from the per-bin sums of p^2, p*y and y).</summary>
    public double Brier
    {
        get
        {
            RequireRows();
            double sum = 0;
            foreach (var bin in BinTotals())
                sum += bin.SumP2 - 2 * bin.SumPY + bin.SumY;
            return Math.Max(0, sum / _rows);
        }
    }

    /// <summary>Murphy reliability over the bins: sum (n_b / N) (confidence_b - observed_b)^2.</summary>
    public double BrierReliability => Norm(static (gap, weight) => weight * gap * gap, 0, (a, v) => a + v);

    /// <summary>Murphy resolution over the bins: sum (n_b / N) (observed_b - base rate)^2.</summary>
    public double BrierResolution
    {
        get
        {
            double rate = BrierUncertaintyBaseRate();
            double sum = 0;
            foreach (var bin in BinTotals())
            {
                if (bin.Count == 0) continue;
                double d = bin.SumY / bin.Count - rate;
                sum += bin.Count * d * d;
            }
            return sum / _rows;
        }
    }

    /// <summary>Murphy uncertainty: base rate * (1 - base rate).</summary>
    public double BrierUncertainty
    {
        get
        {
            double rate = BrierUncertaintyBaseRate();
            return rate * (1 - rate);
        }
    }

    /// <summary>
    /// Within-bin variance of the forecasts, (1 / N) sum (p - confidence_b)^2 (Stephenson et al. 2008). Zero
    /// when every bin holds one distinct forecast value.
    /// </summary>
    public double BrierWithinBinVariance
    {
        get
        {
            RequireRows();
            double sum = 0;
            foreach (var bin in BinTotals())
                if (bin.Count > 0)
                    sum += bin.SumP2 - bin.SumP * bin.SumP / bin.Count;
            return Math.Max(0, sum / _rows);
        }
    }

    /// <summary>
    /// Within-bin covariance term, (2 / N) sum (p - confidence_b)(y - observed_b). With it the decomposition is
    /// exact: Brier = REL - RES + UNC + within-bin variance - within-bin covariance.
    /// </summary>
    public double BrierWithinBinCovariance
    {
        get
        {
            RequireRows();
            double sum = 0;
            foreach (var bin in BinTotals())
                if (bin.Count > 0)
                    sum += bin.SumPY - bin.SumP * bin.SumY / bin.Count;
            return 2 * sum / _rows;
        }
    }

    /// <summary>Mean label (positive rate) over all rows.</summary>
    public double ObservedRate => BrierUncertaintyBaseRate();

    /// <summary>Mean probability over all rows.</summary>
    public double MeanProbability
    {
        get
        {
            RequireRows();
            double sum = 0;
            foreach (var bin in BinTotals()) sum += bin.SumP;
            return sum / _rows;
        }
    }

    private double BrierUncertaintyBaseRate()
    {
        RequireRows();
        double positives = 0;
        foreach (var bin in BinTotals()) positives += bin.SumY;
        return positives / _rows;
    }

    private double Norm(Func<double, double, double> term, double seed, Func<double, double, double> combine)
    {
        RequireRows();
        double acc = seed;
        foreach (var bin in BinTotals())
        {
            if (bin.Count == 0) continue;
            double gap = Math.Abs(bin.SumY / bin.Count - bin.SumP / bin.Count);
            acc = combine(acc, term(gap, (double)bin.Count / _rows));
        }
        return acc;
    }

    /// <summary>The reliability curve: one entry per bin with its Wilson interval at <paramref name="confidenceLevel"/>.</summary>
    public ReliabilityCurve GetReliabilityCurve(double confidenceLevel = 0.95)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        var totals = BinTotals();
        var bins = new ReliabilityBin[totals.Length];
        for (int b = 0; b < totals.Length; b++)
        {
            var bin = totals[b];
            if (bin.Count == 0)
            {
                bins[b] = new ReliabilityBin(_edges[b], _edges[b + 1], 0, double.NaN, double.NaN, double.NaN, double.NaN);
                continue;
            }
            var interval = WilsonInterval.Compute(bin.SumY, bin.Count, confidenceLevel);
            bins[b] = new ReliabilityBin(_edges[b], _edges[b + 1], bin.Count, bin.SumP / bin.Count, bin.SumY / bin.Count, interval.Lower, interval.Upper);
        }
        return new ReliabilityCurve(bins, confidenceLevel);
    }

    private static double[] CheckEdges(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count < 2)
            throw new ArgumentException("At least two edges (one bin) are needed.", nameof(edges));
        var copy = edges.ToArray();
        if (copy[0] != 0 || copy[^1] != 1)
            throw new ArgumentException($"The first edge must be 0 and the last 1; got {copy[0]} and {copy[^1]}.", nameof(edges));
        for (int k = 1; k < copy.Length; k++)
            if (!(copy[k] >= copy[k - 1]))
                throw new ArgumentException($"Edges must be non-decreasing; edge {k} ({copy[k]}) is below edge {k - 1} ({copy[k - 1]}).", nameof(edges));
        return copy;
    }
}

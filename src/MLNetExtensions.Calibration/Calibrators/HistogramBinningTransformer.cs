using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Equal-mass histogram binning: a score falls in bin j when Thresholds[j - 1] &lt; z &lt;= Thresholds[j] (z is the
/// logit; the first bin is unbounded below, the last above) and gets that bin's smoothed positive rate.
/// </summary>
public sealed class HistogramBinningTransformer : BinaryCalibratorTransformer
{
    private readonly double[] _thresholds;
    private readonly double[] _values;

    internal HistogramBinningTransformer(BinaryCalibratorOptions options, double[] thresholds, double[] values, int[] counts, int[] positives)
        : base(options)
    {
        _thresholds = thresholds;
        _values = values;
        Counts = counts;
        Positives = positives;
    }

    /// <summary>Upper edges (in logit space) of every bin but the last, strictly increasing.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>The probability each bin maps to.</summary>
    public IReadOnlyList<double> BinValues => _values;

    /// <summary>Fit-set rows per bin.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Fit-set positives per bin.</summary>
    public IReadOnlyList<int> Positives { get; }

    /// <inheritdoc/>
    public override string ComponentKind => CalibratorKinds.HistogramBinning;

    private protected override double CalibrateLogit(double logit) => _values[EqualMassBinning.BinOf(_thresholds, logit)];

    private protected override void SaveParameters(ComponentWriter writer) =>
        writer.WriteJson("calibrator.json", new Saved { Thresholds = _thresholds, Values = _values, Counts = Counts.ToArray(), Positives = Positives.ToArray() });

    internal static HistogramBinningTransformer Load(ComponentReader reader)
    {
        var options = LoadColumns(reader);
        var saved = reader.ReadJson<Saved>("calibrator.json");
        var t = saved.Thresholds ?? Array.Empty<double>();
        var v = saved.Values ?? Array.Empty<double>();
        var counts = saved.Counts ?? Array.Empty<int>();
        var positives = saved.Positives ?? Array.Empty<int>();
        bool ok = v.Length >= 1 && t.Length == v.Length - 1 && counts.Length == v.Length && positives.Length == v.Length
                  && v.All(x => x >= 0 && x <= 1) && t.All(double.IsFinite);
        for (int i = 1; ok && i < t.Length; i++)
            ok = t[i - 1] < t[i];
        if (!ok)
            throw new InvalidDataException(
                $"calibrator.json of '{reader.Kind}' is inconsistent: {t.Length} thresholds (must increase), {v.Length} bin values in [0, 1], {counts.Length} counts, {positives.Length} positive counts.");
        return new HistogramBinningTransformer(options, t, v, counts, positives);
    }

    private sealed class Saved
    {
        public double[]? Thresholds { get; set; }
        public double[]? Values { get; set; }
        public int[]? Counts { get; set; }
        public int[]? Positives { get; set; }
    }
}

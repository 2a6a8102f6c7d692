using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Classwise histogram binning: each class's probability p_k = softmax(z)_k is mapped through that class's
/// equal-mass histogram (one-vs-rest positive rate of its bin), and the K results are renormalised to sum to 1.
/// If all K bin rates of a row are 0 (possible without smoothing), the row keeps its uncalibrated probabilities.
/// </summary>
public sealed class ClasswiseHistogramBinningTransformer : MulticlassCalibratorTransformer
{
    private readonly double[][] _thresholds;
    private readonly double[][] _values;

    internal ClasswiseHistogramBinningTransformer(MulticlassCalibratorOptions options, string[] classNames, double[][] thresholds, double[][] values)
        : base(options, classNames)
    {
        _thresholds = thresholds;
        _values = values;
    }

    /// <summary>Per class: upper bin edges on that class's probability, strictly increasing.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Thresholds => _thresholds;

    /// <summary>Per class: the one-vs-rest rate each bin maps to (before renormalisation).</summary>
    public IReadOnlyList<IReadOnlyList<double>> BinValues => _values;

    /// <inheritdoc/>
    public override string ComponentKind => CalibratorKinds.ClasswiseHistogramBinning;

    private protected override void CalibrateLogits(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        int k = logits.Length;
        Span<double> p = k <= 256 ? stackalloc double[k] : new double[k];
        Softmax(logits, p);
        double sum = 0;
        for (int c = 0; c < k; c++)
            sum += probabilities[c] = _values[c][EqualMassBinning.BinOf(_thresholds[c], p[c])];
        if (sum > 0)
        {
            for (int c = 0; c < k; c++) probabilities[c] /= sum;
        }
        else
        {
            p.CopyTo(probabilities);
        }
    }

    private protected override void SaveParameters(ComponentWriter writer) =>
        writer.WriteJson("calibrator.json", new Saved { Thresholds = _thresholds, Values = _values });

    internal static ClasswiseHistogramBinningTransformer Load(ComponentReader reader)
    {
        var (options, classNames) = LoadColumns(reader);
        var saved = reader.ReadJson<Saved>("calibrator.json");
        int k = classNames.Length;
        bool ok = saved.Thresholds?.Length == k && saved.Values?.Length == k;
        for (int c = 0; ok && c < k; c++)
        {
            var t = saved.Thresholds![c];
            var v = saved.Values![c];
            ok = t is not null && v is not null && v.Length == t.Length + 1 && v.All(x => x >= 0 && x <= 1) && t.All(double.IsFinite);
            for (int i = 1; ok && i < t!.Length; i++)
                ok = t[i - 1] < t[i];
        }
        if (!ok)
            throw new InvalidDataException(
                $"calibrator.json of '{reader.Kind}' must hold, for each of the {k} classes, increasing finite thresholds and one more bin value in [0, 1].");
        return new ClasswiseHistogramBinningTransformer(options, classNames, saved.Thresholds!, saved.Values!);
    }

    private sealed class Saved
    {
        public double[][]? Thresholds { get; set; }
        public double[][]? Values { get; set; }
    }
}

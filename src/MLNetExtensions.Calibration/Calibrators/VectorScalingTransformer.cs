using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Vector scaling (Guo et al. 2017): probabilities = softmax(a ∘ z + b), one scale a_k and one bias b_k per class.
/// With all a_k = 1/T and b = 0 it is temperature scaling; unlike temperature scaling it may change the arg-max.
/// </summary>
public sealed class VectorScalingTransformer : MulticlassCalibratorTransformer
{
    private readonly double[] _scales;
    private readonly double[] _biases;

    internal VectorScalingTransformer(MulticlassCalibratorOptions options, string[] classNames, double[] scales, double[] biases)
        : base(options, classNames)
    {
        _scales = scales;
        _biases = biases;
    }

    /// <summary>Per-class scales a_k.</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>Per-class biases b_k (centred: they sum to zero, which leaves softmax unchanged).</summary>
    public IReadOnlyList<double> Biases => _biases;

    /// <inheritdoc/>
    public override string ComponentKind => CalibratorKinds.VectorScaling;

    private protected override void CalibrateLogits(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        Span<double> scaled = logits.Length <= 256 ? stackalloc double[logits.Length] : new double[logits.Length];
        for (int k = 0; k < logits.Length; k++) scaled[k] = _scales[k] * logits[k] + _biases[k];
        Softmax(scaled, probabilities);
    }

    private protected override void SaveParameters(ComponentWriter writer) =>
        writer.WriteJson("calibrator.json", new Saved { Scales = _scales, Biases = _biases });

    internal static VectorScalingTransformer Load(ComponentReader reader)
    {
        var (options, classNames) = LoadColumns(reader);
        var saved = reader.ReadJson<Saved>("calibrator.json");
        if (saved.Scales?.Length != classNames.Length || saved.Biases?.Length != classNames.Length
            || !saved.Scales.All(double.IsFinite) || !saved.Biases.All(double.IsFinite))
            throw new InvalidDataException(
                $"calibrator.json of '{reader.Kind}' must hold {classNames.Length} finite scales and biases (one per class name).");
        return new VectorScalingTransformer(options, classNames, saved.Scales, saved.Biases);
    }

    private sealed class Saved
    {
        public double[]? Scales { get; set; }
        public double[]? Biases { get; set; }
    }
}

using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Matrix scaling (Guo et al. 2017): probabilities = softmax(W z + b) with a full K x K matrix W and K biases.
/// It contains vector scaling (diagonal W) and temperature scaling (W = I / T, b = 0). With K(K + 1) parameters it
/// needs many rows per class; prefer vector scaling for many classes or small fit sets.
/// </summary>
public sealed class MatrixScalingTransformer : MulticlassCalibratorTransformer
{
    private readonly double[] _weights;
    private readonly double[] _biases;

    internal MatrixScalingTransformer(MulticlassCalibratorOptions options, string[] classNames, double[] weights, double[] biases)
        : base(options, classNames)
    {
        _weights = weights;
        _biases = biases;
    }

    /// <summary>W, row-major: Weights[c * K + d] multiplies logit d in the output for class c.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Biases b (centred: they sum to zero).</summary>
    public IReadOnlyList<double> Biases => _biases;

    /// <inheritdoc/>
    public override string ComponentKind => CalibratorKinds.MatrixScaling;

    private protected override void CalibrateLogits(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        int k = logits.Length;
        Span<double> scaled = k <= 256 ? stackalloc double[k] : new double[k];
        for (int c = 0; c < k; c++)
        {
            double s = _biases[c];
            for (int d = 0; d < k; d++) s += _weights[c * k + d] * logits[d];
            scaled[c] = s;
        }
        Softmax(scaled, probabilities);
    }

    private protected override void SaveParameters(ComponentWriter writer) =>
        writer.WriteJson("calibrator.json", new Saved { Weights = _weights, Biases = _biases });

    internal static MatrixScalingTransformer Load(ComponentReader reader)
    {
        var (options, classNames) = LoadColumns(reader);
        var saved = reader.ReadJson<Saved>("calibrator.json");
        int k = classNames.Length;
        if (saved.Weights?.Length != k * k || saved.Biases?.Length != k
            || !saved.Weights.All(double.IsFinite) || !saved.Biases.All(double.IsFinite))
            throw new InvalidDataException(
                $"calibrator.json of '{reader.Kind}' must hold {k * k} finite weights and {k} finite biases ({k} class names).");
        return new MatrixScalingTransformer(options, classNames, saved.Weights, saved.Biases);
    }

    private sealed class Saved
    {
        public double[]? Weights { get; set; }
        public double[]? Biases { get; set; }
    }
}

using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Multiclass temperature scaling (Guo et al. 2017): probabilities = softmax(z / T) with one temperature for all
/// classes. The arg-max, hence the accuracy, is unchanged.
/// </summary>
public sealed class MulticlassTemperatureScalingTransformer : MulticlassCalibratorTransformer
{
    internal MulticlassTemperatureScalingTransformer(MulticlassCalibratorOptions options, string[] classNames, double temperature)
        : base(options, classNames)
    {
        Temperature = temperature;
    }

    /// <summary>The fitted temperature T.</summary>
    public double Temperature { get; }

    /// <inheritdoc/>
    public override string ComponentKind => CalibratorKinds.MulticlassTemperature;

    private protected override void CalibrateLogits(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        Span<double> scaled = logits.Length <= 256 ? stackalloc double[logits.Length] : new double[logits.Length];
        for (int k = 0; k < logits.Length; k++) scaled[k] = logits[k] / Temperature;
        Softmax(scaled, probabilities);
    }

    private protected override void SaveParameters(ComponentWriter writer) =>
        writer.WriteJson("calibrator.json", new Saved { Temperature = Temperature });

    internal static MulticlassTemperatureScalingTransformer Load(ComponentReader reader)
    {
        var (options, classNames) = LoadColumns(reader);
        var saved = reader.ReadJson<Saved>("calibrator.json");
        if (!(saved.Temperature > 0 && double.IsFinite(saved.Temperature)))
            throw new InvalidDataException($"calibrator.json of '{reader.Kind}' holds temperature {saved.Temperature}; it must be positive and finite.");
        return new MulticlassTemperatureScalingTransformer(options, classNames, saved.Temperature);
    }

    private sealed class Saved
    {
        public double Temperature { get; set; }
    }
}

using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Binary temperature scaling: Probability = sigmoid(z / T) for logit z (Platt scaling without a bias term).
/// T &gt; 1 softens over-confident scores, T &lt; 1 sharpens; the decision z &gt; 0 is unchanged.
/// </summary>
public sealed class TemperatureScalingTransformer : BinaryCalibratorTransformer
{
    internal TemperatureScalingTransformer(BinaryCalibratorOptions options, double temperature)
        : base(options)
    {
        Temperature = temperature;
    }

    /// <summary>The fitted temperature T.</summary>
    public double Temperature { get; }

    /// <inheritdoc/>
    public override string ComponentKind => CalibratorKinds.Temperature;

    private protected override double CalibrateLogit(double logit) => LogisticMath.Sigmoid(logit / Temperature);

    private protected override void SaveParameters(ComponentWriter writer) =>
        writer.WriteJson("calibrator.json", new Saved { Temperature = Temperature });

    internal static TemperatureScalingTransformer Load(ComponentReader reader)
    {
        var options = LoadColumns(reader);
        var saved = reader.ReadJson<Saved>("calibrator.json");
        if (!(saved.Temperature > 0 && double.IsFinite(saved.Temperature)))
            throw new InvalidDataException($"calibrator.json of '{reader.Kind}' holds temperature {saved.Temperature}; it must be positive and finite.");
        return new TemperatureScalingTransformer(options, saved.Temperature);
    }

    private sealed class Saved
    {
        public double Temperature { get; set; }
    }
}

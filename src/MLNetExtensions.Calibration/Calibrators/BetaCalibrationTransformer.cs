using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Beta calibration (Kull, Silva Filho and Flach, 2017): Probability = sigmoid(a ln p - b ln(1 - p) + c), where p is
/// the uncalibrated probability (sigmoid of a logit input, or the input itself). a, b &gt;= 0 keeps the map monotone;
/// a = b = 1, c = 0 is the identity, a = b gives a logistic (Platt) map of the logit.
/// </summary>
public sealed class BetaCalibrationTransformer : BinaryCalibratorTransformer
{
    internal BetaCalibrationTransformer(BinaryCalibratorOptions options, double a, double b, double c)
        : base(options)
    {
        A = a;
        B = b;
        C = c;
    }

    /// <summary>Coefficient of ln p (&gt;= 0).</summary>
    public double A { get; }

    /// <summary>Coefficient of -ln(1 - p) (&gt;= 0).</summary>
    public double B { get; }

    /// <summary>Intercept.</summary>
    public double C { get; }

    /// <inheritdoc/>
    public override string ComponentKind => CalibratorKinds.Beta;

    /// <summary>The beta map's logit for logit <paramref name="z"/>: a ln p - b ln(1 - p) + c with ln p = -softplus(-z), -ln(1 - p) = softplus(z).</summary>
    internal static double MapLogit(double a, double b, double c, double z) =>
        -a * LogisticMath.Softplus(-z) + b * LogisticMath.Softplus(z) + c;

    private protected override double CalibrateLogit(double logit) => LogisticMath.Sigmoid(MapLogit(A, B, C, logit));

    private protected override void SaveParameters(ComponentWriter writer) =>
        writer.WriteJson("calibrator.json", new Saved { A = A, B = B, C = C });

    internal static BetaCalibrationTransformer Load(ComponentReader reader)
    {
        var options = LoadColumns(reader);
        var saved = reader.ReadJson<Saved>("calibrator.json");
        if (!(saved.A >= 0 && saved.B >= 0 && double.IsFinite(saved.A) && double.IsFinite(saved.B) && double.IsFinite(saved.C)))
            throw new InvalidDataException($"calibrator.json of '{reader.Kind}' holds a = {saved.A}, b = {saved.B}, c = {saved.C}; a and b must be finite and >= 0, c finite.");
        return new BetaCalibrationTransformer(options, saved.A, saved.B, saved.C);
    }

    private sealed class Saved
    {
        public double A { get; set; }
        public double B { get; set; }
        public double C { get; set; }
    }
}

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Options of classwise histogram binning: one equal-mass histogram per class on that class's probability
/// (one-vs-rest), each bin mapping to <c>(rows of the class + PriorStrength * prior) / (rows + PriorStrength)</c>.
/// </summary>
public sealed class ClasswiseHistogramBinningOptions : MulticlassCalibratorOptions
{
    /// <summary>Equal-mass bins per class. Default 15.</summary>
    public int NumberOfBins = 15;

    /// <summary>Pseudo-count of the prior each bin is shrunk towards (the class's fit-set frequency). Default 0.</summary>
    public double PriorStrength;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Check(NumberOfBins >= 1, nameof(NumberOfBins), NumberOfBins, "must be at least 1");
        Check(PriorStrength >= 0 && double.IsFinite(PriorStrength), nameof(PriorStrength), PriorStrength, "must be finite and non-negative");
    }
}

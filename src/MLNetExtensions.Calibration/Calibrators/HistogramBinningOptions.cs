namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Options of equal-mass histogram binning: the fit set's sorted scores are cut into
/// <see cref="NumberOfBins"/> bins holding (as nearly as ties allow) the same number of rows, and each bin maps to
/// its smoothed positive rate <c>(positives + PriorStrength * prior) / (rows + PriorStrength)</c>.
/// </summary>
public sealed class HistogramBinningOptions : BinaryCalibratorOptions
{
    /// <summary>Number of equal-mass bins. Default 15.</summary>
    public int NumberOfBins = 15;

    /// <summary>
    /// Pseudo-count m of the Beta prior each bin's rate is shrunk towards. Default 0: the plain empirical rate.
    /// PriorStrength 2 with PriorMean 0.5 is Laplace's rule (k + 1) / (n + 2).
    /// </summary>
    public double PriorStrength;

    /// <summary>Mean of that prior; null (default) uses the fit set's positive rate.</summary>
    public double? PriorMean;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Check(NumberOfBins >= 1, nameof(NumberOfBins), NumberOfBins, "must be at least 1");
        Check(PriorStrength >= 0 && double.IsFinite(PriorStrength), nameof(PriorStrength), PriorStrength, "must be finite and non-negative");
        Check(PriorMean is null || (PriorMean >= 0 && PriorMean <= 1), nameof(PriorMean), PriorMean, "must be in [0, 1] or null");
    }
}

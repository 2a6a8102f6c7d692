namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// A bootstrap percentile interval. <see cref="Resamples"/> counts the resamples in which the quantity was defined
/// (a small group can be missing from a resample); the interval uses those only.
/// </summary>
public sealed record ConfidenceInterval(double Lower, double Upper, int Resamples)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{Lower:G4}, {Upper:G4}]");
}

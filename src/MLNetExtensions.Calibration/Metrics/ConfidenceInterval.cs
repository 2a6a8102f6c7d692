namespace MLNetExtensions.Calibration.Metrics;

/// <summary>A two-sided confidence interval [<paramref name="Lower"/>, <paramref name="Upper"/>].</summary>
/// <param name="Lower">The lower limit.</param>
/// <param name="Upper">The upper limit.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper);

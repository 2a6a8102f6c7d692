namespace MLNetExtensions.Calibration.Metrics;

/// <summary>Which side of a bin edge a probability lying exactly on it belongs to.</summary>
public enum BinEdgeConvention
{
    /// <summary>
    /// Bins are [a, b) and the last bin is closed, [a, 1]: 0.5 with two bins falls in the upper bin, 1.0 in the
    /// last. The rule of netcal and torchmetrics; the default.
    /// </summary>
    LeftClosed,

    /// <summary>
    /// Bins are (a, b] and the first bin is closed, [0, b]: 0.5 with two bins falls in the lower bin, 0.0 in the
    /// first. The rule of scikit-learn's <c>calibration_curve</c>.
    /// </summary>
    RightClosed,
}

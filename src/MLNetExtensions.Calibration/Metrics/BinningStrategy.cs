namespace MLNetExtensions.Calibration.Metrics;

/// <summary>How the probability axis is cut into bins for the binned calibration metrics.</summary>
public enum BinningStrategy
{
    /// <summary>Bins of equal width on [0, 1] (edges k / B). Streams with O(bins) memory.</summary>
    EqualWidth,

    /// <summary>
    /// Equal-mass (quantile) bins: inner edges are the lower empirical quantiles of the scores, so each bin holds
    /// about N / B rows. The edges need all scores, so this strategy holds them in memory.
    /// </summary>
    EqualMass,
}

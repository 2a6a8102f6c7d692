namespace MLNetExtensions.Calibration.Metrics;

/// <summary>One bin of a reliability curve.</summary>
public sealed class ReliabilityBin
{
    /// <summary>Creates a bin.</summary>
    public ReliabilityBin(double lower, double upper, long count, double meanConfidence, double observedFrequency, double intervalLower, double intervalUpper)
    {
        Lower = lower;
        Upper = upper;
        Count = count;
        MeanConfidence = meanConfidence;
        ObservedFrequency = observedFrequency;
        IntervalLower = intervalLower;
        IntervalUpper = intervalUpper;
    }

    /// <summary>Lower edge of the bin.</summary>
    public double Lower { get; }

    /// <summary>Upper edge of the bin.</summary>
    public double Upper { get; }

    /// <summary>Rows in the bin.</summary>
    public long Count { get; }

    /// <summary>Mean predicted probability (confidence) of the rows in the bin; NaN when the bin is empty.</summary>
    public double MeanConfidence { get; }

    /// <summary>Fraction of positive (or correct) rows in the bin; NaN when the bin is empty.</summary>
    public double ObservedFrequency { get; }

    /// <summary>Lower limit of the Wilson score interval of <see cref="ObservedFrequency"/>; NaN when empty.</summary>
    public double IntervalLower { get; }

    /// <summary>Upper limit of the Wilson score interval of <see cref="ObservedFrequency"/>; NaN when empty.</summary>
    public double IntervalUpper { get; }
}

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// The label-based fairness metrics of one class of a multiclass classifier, one-vs-rest (class c positive, every
/// other class negative): TPR, FPR and accuracy by group with their min, max, difference and ratio, and the class's
/// equalized-odds and equal-opportunity disparities, defined as the binary report defines them.
/// </summary>
public sealed class MulticlassClassFairness
{
    internal MulticlassClassFairness(string className, MetricSummary truePositiveRate, MetricSummary falsePositiveRate, MetricSummary accuracy)
    {
        ClassName = className;
        TruePositiveRate = truePositiveRate;
        FalsePositiveRate = falsePositiveRate;
        Accuracy = accuracy;
        double tprDifference = truePositiveRate.Difference ?? double.NaN, fprDifference = falsePositiveRate.Difference ?? double.NaN;
        double tprRatio = truePositiveRate.Ratio ?? double.NaN, fprRatio = falsePositiveRate.Ratio ?? double.NaN;
        // Math.Max/Min propagate NaN: an undefined TPR or FPR disparity leaves the class's equalized odds undefined.
        EqualizedOddsDifference = MetricSummary.NullIfNaN(Math.Max(tprDifference, fprDifference));
        EqualizedOddsRatio = MetricSummary.NullIfNaN(Math.Min(tprRatio, fprRatio));
        EqualOpportunityDifference = truePositiveRate.Difference;
        EqualOpportunityRatio = truePositiveRate.Ratio;
    }

    /// <summary>The class (the positive class of this one-vs-rest view).</summary>
    public string ClassName { get; }

    /// <summary>P(predicted = c | label = c) by group; undefined (null, left out of min/max) for a group without label c.</summary>
    public MetricSummary TruePositiveRate { get; }

    /// <summary>P(predicted = c | label != c) by group; undefined for a group whose rows all have label c.</summary>
    public MetricSummary FalsePositiveRate { get; }

    /// <summary>One-vs-rest accuracy by group: the share of rows where (predicted = c) equals (label = c).</summary>
    public MetricSummary Accuracy { get; }

    /// <summary>max(TPR difference, FPR difference) over groups (null when either is undefined).</summary>
    public double? EqualizedOddsDifference { get; }

    /// <summary>min(TPR ratio, FPR ratio) over groups (null when either is undefined).</summary>
    public double? EqualizedOddsRatio { get; }

    /// <summary>The TPR difference over groups.</summary>
    public double? EqualOpportunityDifference { get; }

    /// <summary>The TPR ratio over groups.</summary>
    public double? EqualOpportunityRatio { get; }
}

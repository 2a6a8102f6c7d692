namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// One metric disaggregated over groups, as a row of Fairlearn's MetricFrame: the overall value, the value by group,
/// min and max over groups, difference (max - min) and ratio (min / max) between groups, and the largest difference
/// and smallest ratio to the overall value. Null means undefined; <see cref="UndefinedGroups"/> and the report's
/// warnings say why (see docs/fairness.md for the rules).
/// </summary>
public sealed class MetricSummary
{
    internal MetricSummary(string name, double overall, double[] byGroup, DisparityAggregate aggregate, IReadOnlyList<string> groupNames)
    {
        Name = name;
        Overall = NullIfNaN(overall);
        ByGroup = Array.ConvertAll(byGroup, NullIfNaN);
        Min = NullIfNaN(aggregate.Min);
        Max = NullIfNaN(aggregate.Max);
        MinGroup = aggregate.ArgMin >= 0 ? groupNames[aggregate.ArgMin] : null;
        MaxGroup = aggregate.ArgMax >= 0 ? groupNames[aggregate.ArgMax] : null;
        Difference = NullIfNaN(aggregate.Difference);
        Ratio = NullIfNaN(aggregate.Ratio);
        DifferenceToOverall = NullIfNaN(aggregate.DifferenceToOverall);
        RatioToOverall = NullIfNaN(aggregate.RatioToOverall);
        UndefinedGroups = Enumerable.Range(0, byGroup.Length).Where(g => double.IsNaN(byGroup[g])).Select(g => groupNames[g]).ToArray();
        GroupsCompared = aggregate.Participants;
    }

    /// <summary>The metric's name (<see cref="FairnessMetricNames"/>).</summary>
    public string Name { get; }

    /// <summary>The value over all rows.</summary>
    public double? Overall { get; }

    /// <summary>The value of each group, in the report's group order (null where undefined).</summary>
    public IReadOnlyList<double?> ByGroup { get; }

    /// <summary>The smallest group value.</summary>
    public double? Min { get; }

    /// <summary>The largest group value.</summary>
    public double? Max { get; }

    /// <summary>The group with the smallest value.</summary>
    public string? MinGroup { get; }

    /// <summary>The group with the largest value.</summary>
    public string? MaxGroup { get; }

    /// <summary>Max - min over groups (needs two groups with a value).</summary>
    public double? Difference { get; }

    /// <summary>Min / max over groups (1 when both are 0; null with negative values or fewer than two groups).</summary>
    public double? Ratio { get; }

    /// <summary>The largest |group value - overall value|.</summary>
    public double? DifferenceToOverall { get; }

    /// <summary>The smallest min(group / overall, overall / group).</summary>
    public double? RatioToOverall { get; }

    /// <summary>Groups whose value is undefined (for example TPR of a group with no positive label); left out of min/max.</summary>
    public IReadOnlyList<string> UndefinedGroups { get; }

    /// <summary>The number of groups that took part in min, max, difference and ratio.</summary>
    public int GroupsCompared { get; }

    /// <summary>Bootstrap interval of <see cref="Overall"/> (null without bootstrap).</summary>
    public ConfidenceInterval? OverallInterval { get; internal set; }

    /// <summary>Bootstrap intervals of the group values (empty without bootstrap).</summary>
    public IReadOnlyList<ConfidenceInterval?> ByGroupIntervals { get; internal set; } = Array.Empty<ConfidenceInterval?>();

    /// <summary>Bootstrap interval of <see cref="Difference"/>.</summary>
    public ConfidenceInterval? DifferenceInterval { get; internal set; }

    /// <summary>Bootstrap interval of <see cref="Ratio"/>.</summary>
    public ConfidenceInterval? RatioInterval { get; internal set; }

    internal static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>How a sensitive attribute enters the report.</summary>
public enum SensitiveAttributeKind
{
    /// <summary>Two levels (Boolean, or text/key with two values): defines groups; 0/1 in distance statistics.</summary>
    Binary,

    /// <summary>Text or key with more than two levels: defines groups; one-hot in distance statistics.</summary>
    Categorical,

    /// <summary>
    /// A number with few distinct values (at most <see cref="FairnessEvaluationOptions.MaxDiscreteLevels"/>):
    /// defines groups (one per value); scaled to [0, 1] in distance statistics.
    /// </summary>
    DiscreteNumeric,

    /// <summary>
    /// A number with many distinct values (age, income): no groups (the group tables skip it, without binning);
    /// scaled to [0, 1] in distance statistics.
    /// </summary>
    Continuous,
}

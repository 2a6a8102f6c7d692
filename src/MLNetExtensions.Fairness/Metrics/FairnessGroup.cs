namespace MLNetExtensions.Fairness.Metrics;

/// <summary>One (intersectional) group: a combination of levels of the grouping attributes that occurs in the data.</summary>
public sealed class FairnessGroup
{
    internal FairnessGroup(IReadOnlyList<KeyValuePair<string, string>> levels, long count, bool isSmall)
    {
        Levels = levels;
        Count = count;
        IsSmall = isSmall;
        Name = string.Join(", ", levels.Select(l => $"{l.Key}={l.Value}"));
    }

    /// <summary>"attribute=level" pairs joined by ", " (for example "race=B, sex=F").</summary>
    public string Name { get; }

    /// <summary>The level of each grouping attribute (attribute name, level), in the order the columns were given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Levels { get; }

    /// <summary>The rows in the group.</summary>
    public long Count { get; }

    /// <summary>Whether the group has fewer rows than <see cref="FairnessEvaluationOptions.MinGroupSize"/>.</summary>
    public bool IsSmall { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Count} rows{(IsSmall ? ", small" : "")})";
}

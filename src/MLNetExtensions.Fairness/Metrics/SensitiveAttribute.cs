using System.Globalization;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// One sensitive (protected) attribute as arrays: level codes for attributes that define groups, numbers for numeric
/// ones. Build it with the factories; the evaluator takes one or several (their Cartesian product are the groups).
/// </summary>
public sealed class SensitiveAttribute
{
    private SensitiveAttribute(string name, SensitiveAttributeKind kind, int[]? codes, IReadOnlyList<string> levels, double[]? values, int count)
    {
        Name = name;
        Kind = kind;
        Codes = codes;
        Levels = levels;
        Values = values;
        Count = count;
    }

    /// <summary>The column name (used in group names and error messages).</summary>
    public string Name { get; }

    /// <summary>How the attribute enters groups and distance statistics.</summary>
    public SensitiveAttributeKind Kind { get; }

    /// <summary>The level names (empty for <see cref="SensitiveAttributeKind.Continuous"/>).</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Whether the attribute defines groups (every kind but <see cref="SensitiveAttributeKind.Continuous"/>).</summary>
    public bool DefinesGroups => Codes is not null;

    /// <summary>Per row: the index into <see cref="Levels"/>; null for continuous attributes.</summary>
    internal int[]? Codes { get; }

    /// <summary>Per row: the number, for numeric attributes; null otherwise.</summary>
    internal double[]? Values { get; }

    /// <summary>
    /// An attribute from level codes (0-based indices into <paramref name="levels"/>). Levels that never occur are
    /// dropped. Two levels make a <see cref="SensitiveAttributeKind.Binary"/> attribute, more a categorical one.
    /// </summary>
    public static SensitiveAttribute FromCategories(string name, int[] codes, IReadOnlyList<string> levels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        var used = new bool[levels.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            int c = codes[i];
            if ((uint)c >= (uint)levels.Count)
                throw new DataValidationException(
                    $"Sensitive column '{name}' has level code {c} at row {i}; codes must lie in [0, {levels.Count}).", name, i);
            used[c] = true;
        }
        // Keep only observed levels, in their given order, so level counts describe the data.
        var remap = new int[levels.Count];
        var kept = new List<string>();
        for (int l = 0; l < levels.Count; l++)
            remap[l] = used[l] ? kept.Count : -1;
        for (int l = 0; l < levels.Count; l++)
            if (used[l]) kept.Add(levels[l]);
        var compact = kept.Count == levels.Count ? (int[])codes.Clone() : Array.ConvertAll(codes, c => remap[c]);
        var kind = kept.Count <= 2 ? SensitiveAttributeKind.Binary : SensitiveAttributeKind.Categorical;
        return new SensitiveAttribute(name, kind, compact, kept, null, codes.Length);
    }

    /// <summary>An attribute from text values (levels in order of first appearance). Null is not allowed.</summary>
    public static SensitiveAttribute FromText(string name, IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new List<string>();
        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            var v = values[i] ?? throw new DataValidationException($"Sensitive column '{name}' is missing (null) at row {i}.", name, i);
            if (!lookup.TryGetValue(v, out int code))
            {
                code = levels.Count;
                lookup[v] = code;
                levels.Add(v);
            }
            codes[i] = code;
        }
        return FromCategories(name, codes, levels);
    }

    /// <summary>A Boolean attribute: levels "False" and "True".</summary>
    public static SensitiveAttribute FromBooleans(string name, IReadOnlyList<bool> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++) codes[i] = values[i] ? 1 : 0;
        return FromCategories(name, codes, new[] { "False", "True" });
    }

    /// <summary>
    /// A numeric attribute. With at most <paramref name="maxDiscreteLevels"/> distinct values it defines one group per
    /// value (<see cref="SensitiveAttributeKind.DiscreteNumeric"/>, levels sorted); with more it is
    /// <see cref="SensitiveAttributeKind.Continuous"/>: no groups, used as a number by the distance statistics.
    /// NaN and infinities are rejected, naming the column and the row.
    /// </summary>
    public static SensitiveAttribute FromNumbers(string name, double[] values, int maxDiscreteLevels = FairnessEvaluationOptions.DefaultMaxDiscreteLevels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (maxDiscreteLevels < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDiscreteLevels), maxDiscreteLevels, "At least one discrete level must be allowed.");
        var distinct = new HashSet<double>();
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
                throw new DataValidationException(
                    $"Sensitive column '{name}' has {v.ToString(CultureInfo.InvariantCulture)} at row {i}; sensitive attributes must be finite numbers.", name, i);
            if (distinct.Count <= maxDiscreteLevels)
                distinct.Add(v == 0 ? 0 : v); // -0 and 0 are one level
        }
        var copy = (double[])values.Clone();
        if (distinct.Count > maxDiscreteLevels)
            return new SensitiveAttribute(name, SensitiveAttributeKind.Continuous, null, Array.Empty<string>(), copy, values.Length);
        var sorted = distinct.Order().ToArray();
        var codes = new int[values.Length];
        for (int i = 0; i < codes.Length; i++)
            codes[i] = Array.BinarySearch(sorted, values[i] == 0 ? 0 : values[i]);
        var levels = Array.ConvertAll(sorted, v => v.ToString("R", CultureInfo.InvariantCulture));
        return new SensitiveAttribute(name, SensitiveAttributeKind.DiscreteNumeric, codes, levels, copy, values.Length);
    }
}

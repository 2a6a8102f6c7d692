using System.Text.Json;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>The JSON pieces the binary/regression and multiclass fairness reports share (same keys, nulls for undefined values).</summary>
internal static class FairnessJsonWriter
{
    /// <summary>A metric's aggregates over groups ("metrics" entries); with <paramref name="intervals"/> its bootstrap intervals too.</summary>
    public static void Summary(Utf8JsonWriter w, MetricSummary m, bool intervals)
    {
        w.WriteStartObject(m.Name);
        Number(w, "overall", m.Overall);
        Number(w, "min", m.Min);
        Number(w, "max", m.Max);
        Text(w, "min_group", m.MinGroup);
        Text(w, "max_group", m.MaxGroup);
        Number(w, "difference", m.Difference);
        Number(w, "ratio", m.Ratio);
        Number(w, "difference_to_overall", m.DifferenceToOverall);
        Number(w, "ratio_to_overall", m.RatioToOverall);
        w.WriteStartArray("undefined_groups");
        foreach (var g in m.UndefinedGroups) w.WriteStringValue(g);
        w.WriteEndArray();
        if (intervals)
        {
            Interval(w, "overall_ci", m.OverallInterval);
            Interval(w, "difference_ci", m.DifferenceInterval);
            Interval(w, "ratio_ci", m.RatioInterval);
        }
        w.WriteEndObject();
    }

    /// <summary>A string, or null.</summary>
    public static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    /// <summary>A finite number, or null (undefined, NaN or infinite).</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>A [lower, upper] pair, or null.</summary>
    public static void Interval(Utf8JsonWriter w, string name, ConfidenceInterval? interval)
    {
        if (interval is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartArray(name);
        w.WriteNumberValue(interval.Lower);
        w.WriteNumberValue(interval.Upper);
        w.WriteEndArray();
    }
}

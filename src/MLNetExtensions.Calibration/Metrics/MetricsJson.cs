using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MLNetExtensions.Calibration.Metrics;

/// <summary>Shared JSON and text rendering of the metric classes (NaN, an undefined value, becomes null).</summary>
internal static class MetricsJson
{
    public static string Write(long count, IEnumerable<(string Name, double Value)> scalars,
        IReadOnlyDictionary<string, ConfidenceInterval> intervals, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("n", count);
            foreach (var (name, value) in scalars)
                WriteNumberOrNull(writer, name, value);
            if (intervals.Count > 0)
            {
                writer.WriteStartObject("confidence_intervals");
                foreach (var (name, _) in scalars)
                {
                    if (!intervals.TryGetValue(name, out var interval))
                        continue;
                    writer.WriteStartArray(name);
                    writer.WriteNumberValue(interval.Lower);
                    writer.WriteNumberValue(interval.Upper);
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
            writer.WriteNumber(name, value);
        else
            writer.WriteNull(name);
    }

    public static string Text(string title, long count, IEnumerable<(string Name, double Value)> scalars,
        IReadOnlyDictionary<string, ConfidenceInterval> intervals, double confidenceLevel)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{title} (n = {count:N0})").AppendLine();
        foreach (var (name, value) in scalars)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name,-18} ");
            text.Append(double.IsNaN(value) ? "undefined" : value.ToString("F6", CultureInfo.InvariantCulture));
            if (intervals.TryGetValue(name, out var interval))
                text.Append(CultureInfo.InvariantCulture, $"  [{interval.Lower:F6}, {interval.Upper:F6}] ({confidenceLevel * 100:0.#}%)");
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }
}

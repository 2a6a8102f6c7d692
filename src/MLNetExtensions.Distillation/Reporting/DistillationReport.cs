using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Analysis;

namespace MLNetExtensions.Distillation.Reporting;

/// <summary>
/// Teacher(s) and students side by side on the same held-out data: accuracy, log loss, ECE, Brier, parameters, model
/// bytes, scoring latency and throughput. Typed rows, a DataFrame, Markdown and JSON (snake_case keys).
/// </summary>
public sealed class DistillationReport
{
    internal DistillationReport(IReadOnlyList<DistillationReportRow> rows) => Rows = rows;

    /// <summary>One row per model, in the order given.</summary>
    public IReadOnlyList<DistillationReportRow> Rows { get; }

    /// <summary>The row of the model named <paramref name="model"/>.</summary>
    public DistillationReportRow this[string model] =>
        Rows.FirstOrDefault(r => r.Model == model)
        ?? throw new KeyNotFoundException($"No model '{model}' in the report; it holds {string.Join(", ", Rows.Select(r => r.Model))}.");

    /// <summary>A DataFrame with one row per model.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("Model", Rows.Select(r => r.Model)),
        new StringDataFrameColumn("Role", Rows.Select(r => r.Role)),
        new Int64DataFrameColumn("Count", Rows.Select(r => r.Count)),
        new DoubleDataFrameColumn("Accuracy", Rows.Select(r => r.Accuracy)),
        new DoubleDataFrameColumn("LogLoss", Rows.Select(r => r.LogLoss)),
        new DoubleDataFrameColumn("ECE", Rows.Select(r => r.Ece)),
        new DoubleDataFrameColumn("Brier", Rows.Select(r => r.Brier)),
        new Int64DataFrameColumn("Parameters", Rows.Select(r => r.Parameters)),
        new Int64DataFrameColumn("ModelBytes", Rows.Select(r => r.ModelBytes)),
        new DoubleDataFrameColumn("LatencyMicrosecondsPerRow", Rows.Select(r => r.LatencyMicrosecondsPerRow)),
        new DoubleDataFrameColumn("RowsPerSecond", Rows.Select(r => r.RowsPerSecond)),
        new DoubleDataFrameColumn("RobustAccuracy", Rows.Select(r => r.RobustAccuracy)));

    /// <summary>A Markdown table (metrics to 4 decimals); a robust-accuracy column when any model has one.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        bool robust = Rows.Any(r => r.RobustAccuracy is not null);
        var text = new StringBuilder();
        text.AppendLine("| model | role | accuracy | " + (robust ? "robust accuracy | " : "") + "log loss | ECE | Brier | parameters | bytes | µs/row | rows/s |");
        text.AppendLine("| --- | --- | ---: | " + (robust ? "---: | " : "") + "---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in Rows)
        {
            text.Append(c, $"| {r.Model} | {r.Role} | {r.Accuracy:F4} | ");
            if (robust) text.Append(r.RobustAccuracy is { } a ? a.ToString("F4", c) : "n/a").Append(" | ");
            text.Append(c, $"{r.LogLoss:F4} | {r.Ece:F4} | {r.Brier:F4} | ")
                .Append(r.Parameters is { } p ? p.ToString("N0", c) : "n/a")
                .AppendLine(c, $" | {r.ModelBytes:N0} | {r.LatencyMicrosecondsPerRow:F2} | {r.RowsPerSecond:N0} |");
        }
        return text.ToString();
    }

    /// <summary>
    /// A JSON array, one object per model: model, role, count, accuracy, log_loss, ece, brier, parameters (null when
    /// unknown), model_bytes, latency_us_per_row, rows_per_second, robust_accuracy (null without an attack or for non-MLP models). NaN becomes null.
    /// </summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartArray();
            foreach (var r in Rows)
            {
                w.WriteStartObject();
                w.WriteString("model", r.Model);
                w.WriteString("role", r.Role);
                w.WriteNumber("count", r.Count);
                Number(w, "accuracy", r.Accuracy);
                Number(w, "log_loss", r.LogLoss);
                Number(w, "ece", r.Ece);
                Number(w, "brier", r.Brier);
                if (r.Parameters is { } p) w.WriteNumber("parameters", p); else w.WriteNull("parameters");
                w.WriteNumber("model_bytes", r.ModelBytes);
                Number(w, "latency_us_per_row", r.LatencyMicrosecondsPerRow);
                Number(w, "rows_per_second", r.RowsPerSecond);
                if (r.RobustAccuracy is { } robust) Number(w, "robust_accuracy", robust); else w.WriteNull("robust_accuracy");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value); else writer.WriteNull(name);
    }

    /// <inheritdoc/>
    public override string ToString() => ToMarkdown();
}

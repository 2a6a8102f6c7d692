using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Several calibrators fitted on the same data and evaluated on the same test data, side by side: typed rows,
/// a <see cref="DataFrame"/> and a Markdown table.
/// </summary>
public sealed class CalibratorComparison
{
    // The metrics shown in the table and the DataFrame, in order; every BinaryCalibrationMetrics scalar is in Rows.
    private static readonly (string Name, Func<CalibratorComparisonRow, double> Value)[] Columns =
    {
        ("ECE", r => r.Metrics.Ece),
        ("MCE", r => r.Metrics.Mce),
        ("ACE", r => r.Metrics.Ace),
        ("KS", r => r.Metrics.Ks),
        ("SmoothECE", r => r.Metrics.SmoothEce),
        ("Brier", r => r.Metrics.Brier),
        ("LogLoss", r => r.Metrics.LogLoss),
        ("Balance", r => r.Metrics.Balance),
        ("Accuracy", r => r.Metrics.Accuracy),
        ("AUC", r => r.Metrics.Auc),
    };

    internal CalibratorComparison(IReadOnlyList<CalibratorComparisonRow> rows) => Rows = rows;

    /// <summary>One row per calibrator, "Uncalibrated" first.</summary>
    public IReadOnlyList<CalibratorComparisonRow> Rows { get; }

    /// <summary>The row named <paramref name="calibrator"/>.</summary>
    public CalibratorComparisonRow this[string calibrator] =>
        Rows.FirstOrDefault(r => r.Calibrator == calibrator)
        ?? throw new KeyNotFoundException($"No calibrator '{calibrator}' in the comparison; it holds {string.Join(", ", Rows.Select(r => r.Calibrator))}.");

    /// <summary>A DataFrame with one row per calibrator: name, parameters, count and the metrics.</summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("Calibrator", Rows.Select(r => r.Calibrator)),
            new StringDataFrameColumn("Parameters", Rows.Select(r => r.Parameters)),
            new Int64DataFrameColumn("Count", Rows.Select(r => r.Metrics.Count)),
        };
        columns.AddRange(Columns.Select(c => (DataFrameColumn)new DoubleDataFrameColumn(c.Name, Rows.Select(c.Value))));
        return new DataFrame(columns);
    }

    /// <summary>A Markdown table (4 decimals), the best value of each calibration-error column in bold.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| calibrator | parameters | ").AppendJoin(" | ", Columns.Select(c => c.Name)).AppendLine(" |");
        text.Append("| --- | --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", Columns.Length))).AppendLine();
        // Lower is better for the errors, Brier and log loss; |Balance| closest to 0; accuracy and AUC are shown plainly.
        var best = Columns.Select(c => c.Name is "Accuracy" or "AUC"
            ? double.NaN
            : Rows.Min(r => c.Name == "Balance" ? Math.Abs(c.Value(r)) : c.Value(r))).ToArray();
        foreach (var row in Rows)
        {
            text.Append("| ").Append(row.Calibrator).Append(" | ").Append(row.Parameters).Append(" |");
            for (int i = 0; i < Columns.Length; i++)
            {
                double v = Columns[i].Value(row);
                string formatted = v.ToString("F4", CultureInfo.InvariantCulture);
                double key = Columns[i].Name == "Balance" ? Math.Abs(v) : v;
                text.Append(' ').Append(key == best[i] ? $"**{formatted}**" : formatted).Append(" |");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToMarkdown();
}

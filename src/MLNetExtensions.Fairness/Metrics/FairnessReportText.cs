using System.Globalization;
using System.Text;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>A readable text rendering of a <see cref="FairnessReport"/> (what <c>ToString</c> and the CLI print).</summary>
internal static class FairnessReportText
{
    public static string Write(FairnessReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Fairness report ({(report.Task == FairnessTask.Regression ? "regression" : "binary classification")}), {report.RowCount:N0} rows");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Sensitive columns: {string.Join(", ", report.SensitiveColumns.Select((c, i) => $"{c} ({report.SensitiveKinds[i].ToString().ToLowerInvariant()})"))}; output: {report.OutputColumn}");
        sb.AppendLine();
        if (report.Groups.Count > 0)
        {
            var header = new List<string> { "group", "count" };
            header.AddRange(report.Metrics.Select(m => m.Name));
            var rows = new List<List<string>> { header };
            for (int g = 0; g < report.Groups.Count; g++)
            {
                var group = report.Groups[g];
                var row = new List<string> { group.Name + (group.IsSmall ? " (small)" : ""), group.Count.ToString(CultureInfo.InvariantCulture) };
                row.AddRange(report.Metrics.Select(m => F(m.ByGroup[g])));
                rows.Add(row);
            }
            var overall = new List<string> { "overall", report.RowCount.ToString(CultureInfo.InvariantCulture) };
            overall.AddRange(report.Metrics.Select(m => F(m.Overall)));
            rows.Add(overall);
            foreach (var (label, pick) in new (string, Func<MetricSummary, double?>)[]
                     { ("min", m => m.Min), ("max", m => m.Max), ("difference", m => m.Difference), ("ratio", m => m.Ratio) })
            {
                var row = new List<string> { label, "" };
                row.AddRange(report.Metrics.Select(m => F(pick(m))));
                rows.Add(row);
            }
            Table(sb, rows);
            sb.AppendLine();
        }
        void Line(string name, double? value, string? extra = null) =>
            sb.AppendLine(CultureInfo.InvariantCulture, $"{name,-32} {F(value)}{(extra is null ? "" : "  " + extra)}");
        if (report.Task == FairnessTask.BinaryClassification)
        {
            Line("demographic parity difference", report.DemographicParityDifference, Ci(report, FairnessHeadlines.DemographicParityDifference));
            Line("demographic parity ratio", report.DemographicParityRatio, Ci(report, FairnessHeadlines.DemographicParityRatio));
            Line("equalized odds difference", report.EqualizedOddsDifference, "(worst case) " + Ci(report, FairnessHeadlines.EqualizedOddsDifference));
            Line("equalized odds ratio", report.EqualizedOddsRatio, "(worst case) " + Ci(report, FairnessHeadlines.EqualizedOddsRatio));
            Line("equalized odds difference", report.EqualizedOddsDifferenceMean, "(mean)");
            Line("equalized odds ratio", report.EqualizedOddsRatioMean, "(mean)");
            Line("equal opportunity difference", report.EqualOpportunityDifference, Ci(report, FairnessHeadlines.EqualOpportunityDifference));
            Line("equal opportunity ratio", report.EqualOpportunityRatio, Ci(report, FairnessHeadlines.EqualOpportunityRatio));
        }
        Line("JSD (bits)", report.Jsd, $"bandwidth: {report.JsdBandwidth}");
        Line("UF", report.Uf, Ci(report, "uf"));
        if (report.Distance is { } d)
        {
            string rows = d.Subsampled ? $"subsample of {d.RowsUsed:N0} rows" : $"{d.RowsUsed:N0} rows";
            Line("CCdCov (dCov^2 U, joint)", d.CCdCov, rows);
            Line("dCov^2 V (joint)", d.CCdCovV);
            Line("dCor (U, joint)", d.DCor);
            Line("dCor (V, joint)", d.DCorV);
            Line("JdCov^2 (c = 1)", d.JdCov);
            foreach (var a in d.ByAttribute)
                Line($"dCov^2 U / dCor U ({a.Attribute})", a.DCov, "dCor " + F(a.DCor));
            if (d.PermutationPValue is double p)
                Line("permutation p-value", p, $"({d.Permutations} permutations)");
        }
        if (report.Warnings.Count > 0)
        {
            sb.AppendLine();
            foreach (var warning in report.Warnings) sb.AppendLine("note: " + warning);
        }
        return sb.ToString();
    }

    private static string Ci(FairnessReport report, string name) =>
        report.Intervals.TryGetValue(name, out var interval) && interval is not null ? $"CI {interval}" : "";

    private static string F(double? value) => value is double v ? v.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    private static void Table(StringBuilder sb, List<List<string>> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            sb.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
    }
}

using System.Text;
using System.Text.Json;
using static MLNetExtensions.Fairness.Metrics.FairnessJsonWriter;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Writes a <see cref="FairnessReport"/> as one JSON object. The keys the CLI promises come first (n, overall,
/// by_group, the parity measures, jsd, uf, dcov, dcor, ccdcov); details follow. Undefined values are null.
/// </summary>
internal static class FairnessReportJson
{
    public static string Write(FairnessReport report, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteNumber("n", report.RowCount);
            w.WriteString("task", report.Task == FairnessTask.Regression ? "regression" : "binary");
            w.WriteStartObject("overall");
            foreach (var m in report.Metrics) Number(w, m.Name, m.Overall);
            w.WriteEndObject();

            w.WriteStartArray("by_group");
            for (int g = 0; g < report.Groups.Count; g++)
            {
                var group = report.Groups[g];
                w.WriteStartObject();
                w.WriteString("group", group.Name);
                w.WriteNumber("count", group.Count);
                w.WriteBoolean("small", group.IsSmall);
                w.WriteStartObject("levels");
                foreach (var (attribute, level) in group.Levels) w.WriteString(attribute, level);
                w.WriteEndObject();
                foreach (var m in report.Metrics) Number(w, m.Name, m.ByGroup[g]);
                if (report.BootstrapResamples > 0)
                {
                    w.WriteStartObject("ci");
                    foreach (var m in report.Metrics) Interval(w, m.Name, m.ByGroupIntervals[g]);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            Number(w, FairnessHeadlines.DemographicParityDifference, report.DemographicParityDifference);
            Number(w, FairnessHeadlines.DemographicParityRatio, report.DemographicParityRatio);
            Number(w, FairnessHeadlines.EqualizedOddsDifference, report.EqualizedOddsDifference);
            Number(w, FairnessHeadlines.EqualizedOddsRatio, report.EqualizedOddsRatio);
            Number(w, FairnessHeadlines.EqualOpportunityDifference, report.EqualOpportunityDifference);
            Number(w, FairnessHeadlines.EqualOpportunityRatio, report.EqualOpportunityRatio);
            Number(w, "jsd", report.Jsd);
            Number(w, "uf", report.Uf);
            var d = report.Distance;
            Number(w, "dcov", d?.CCdCov);
            Number(w, "dcor", d?.DCor);
            Number(w, "ccdcov", d?.CCdCov);

            Number(w, FairnessHeadlines.EqualizedOddsDifferenceMean, report.EqualizedOddsDifferenceMean);
            Number(w, FairnessHeadlines.EqualizedOddsRatioMean, report.EqualizedOddsRatioMean);
            Number(w, "dcov_v", d?.CCdCovV);
            Number(w, "dcor_v", d?.DCorV);
            Number(w, "jdcov", d?.JdCov);
            w.WriteStartArray("dcov_by_attribute");
            foreach (var a in d?.ByAttribute ?? Array.Empty<Distance.AttributeDependence>())
            {
                w.WriteStartObject();
                w.WriteString("attribute", a.Attribute);
                Number(w, "dcov", a.DCov);
                Number(w, "dcov_v", a.DCovV);
                Number(w, "dcor", a.DCor);
                Number(w, "dcor_v", a.DCorV);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (d is null) w.WriteNull("distance_rows");
            else w.WriteNumber("distance_rows", d.RowsUsed);
            w.WriteNumber("permutations", d?.Permutations ?? 0);
            Number(w, "permutation_p_value", d?.PermutationPValue);
            w.WriteString("output_column", report.OutputColumn);
            w.WriteString("jsd_bandwidth", report.JsdBandwidth);

            w.WriteStartArray("sensitive");
            for (int s = 0; s < report.SensitiveColumns.Count; s++)
            {
                w.WriteStartObject();
                w.WriteString("column", report.SensitiveColumns[s]);
                w.WriteString("kind", report.SensitiveKinds[s].ToString().ToLowerInvariant());
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("metrics");
            foreach (var m in report.Metrics)
                Summary(w, m, intervals: report.BootstrapResamples > 0);
            w.WriteEndObject();

            w.WriteNumber("bootstrap_resamples", report.BootstrapResamples);
            if (report.BootstrapResamples > 0)
            {
                w.WriteNumber("confidence_level", report.ConfidenceLevel);
                w.WriteStartObject("intervals");
                foreach (var (name, interval) in report.Intervals) Interval(w, name, interval);
                w.WriteEndObject();
            }
            w.WriteStartArray("warnings");
            foreach (var warning in report.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

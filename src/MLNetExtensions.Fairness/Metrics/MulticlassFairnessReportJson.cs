using System.Text;
using System.Text.Json;
using static MLNetExtensions.Fairness.Metrics.FairnessJsonWriter;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Writes a <see cref="MulticlassFairnessReport"/> as one JSON object, with the binary report's key names where the
/// quantity is the same (per-class values are objects keyed by class name). Undefined values are null; without
/// labels the label-based keys are null or empty.
/// </summary>
internal static class MulticlassFairnessReportJson
{
    public static string Write(MulticlassFairnessReport report, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            var classNames = report.ClassNames;
            var classes = report.Classes;
            w.WriteStartObject();
            w.WriteNumber("n", report.RowCount);
            w.WriteString("task", "multiclass");
            w.WriteStartArray("classes");
            foreach (var c in classNames) w.WriteStringValue(c);
            w.WriteEndArray();

            w.WriteStartObject("overall");
            PerClass(w, FairnessMetricNames.SelectionRate, classNames, c => report.OverallSelectionRates[c]);
            if (report.Accuracy is not null)
            {
                Number(w, FairnessMetricNames.Accuracy, report.Accuracy.Overall);
                PerClass(w, FairnessMetricNames.TruePositiveRate, classNames, c => classes[c].TruePositiveRate.Overall);
                PerClass(w, FairnessMetricNames.FalsePositiveRate, classNames, c => classes[c].FalsePositiveRate.Overall);
                PerClass(w, "accuracy_by_class", classNames, c => classes[c].Accuracy.Overall);
            }
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
                PerClass(w, FairnessMetricNames.SelectionRate, classNames, c => report.SelectionRates[g][c]);
                if (report.Accuracy is not null)
                {
                    Number(w, FairnessMetricNames.Accuracy, report.Accuracy.ByGroup[g]);
                    PerClass(w, FairnessMetricNames.TruePositiveRate, classNames, c => classes[c].TruePositiveRate.ByGroup[g]);
                    PerClass(w, FairnessMetricNames.FalsePositiveRate, classNames, c => classes[c].FalsePositiveRate.ByGroup[g]);
                    PerClass(w, "accuracy_by_class", classNames, c => classes[c].Accuracy.ByGroup[g]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            Number(w, FairnessHeadlines.DemographicParityDifference, report.DemographicParityDifference);
            Number(w, FairnessHeadlines.DemographicParityRatio, report.DemographicParityRatio);
            w.WriteString("demographic_parity_worst_class", report.WorstClass);
            Number(w, FairnessHeadlines.EqualizedOddsDifference, report.EqualizedOddsDifference);
            Number(w, FairnessHeadlines.EqualizedOddsRatio, report.EqualizedOddsRatio);
            Number(w, FairnessHeadlines.EqualizedOddsDifferenceMean, report.EqualizedOddsDifferenceMean);
            Number(w, FairnessHeadlines.EqualizedOddsRatioMean, report.EqualizedOddsRatioMean);
            Text(w, "equalized_odds_worst_class", report.EqualizedOddsWorstClass);
            Number(w, FairnessHeadlines.EqualOpportunityDifference, report.EqualOpportunityDifference);
            Number(w, FairnessHeadlines.EqualOpportunityRatio, report.EqualOpportunityRatio);
            Number(w, "equal_opportunity_difference_mean", report.EqualOpportunityDifferenceMean);
            Number(w, "equal_opportunity_ratio_mean", report.EqualOpportunityRatioMean);
            Text(w, "equal_opportunity_worst_class", report.EqualOpportunityWorstClass);

            w.WriteStartObject("by_class");
            for (int c = 0; c < classNames.Count; c++)
            {
                w.WriteStartObject(classNames[c]);
                Number(w, FairnessHeadlines.DemographicParityDifference, report.DemographicParityDifferenceByClass[c]);
                Number(w, FairnessHeadlines.DemographicParityRatio, report.DemographicParityRatioByClass[c]);
                if (report.Accuracy is not null)
                {
                    var m = classes[c];
                    Number(w, FairnessHeadlines.EqualizedOddsDifference, m.EqualizedOddsDifference);
                    Number(w, FairnessHeadlines.EqualizedOddsRatio, m.EqualizedOddsRatio);
                    Number(w, FairnessHeadlines.EqualOpportunityDifference, m.EqualOpportunityDifference);
                    Number(w, FairnessHeadlines.EqualOpportunityRatio, m.EqualOpportunityRatio);
                    Summary(w, m.TruePositiveRate, intervals: false);
                    Summary(w, m.FalsePositiveRate, intervals: false);
                    Summary(w, m.Accuracy, intervals: false);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            if (report.Accuracy is null) w.WriteNull(FairnessMetricNames.Accuracy);
            else Summary(w, report.Accuracy, intervals: false);

            w.WriteStartArray("warnings");
            foreach (var warning in report.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void PerClass(Utf8JsonWriter w, string name, IReadOnlyList<string> classNames, Func<int, double?> value)
    {
        w.WriteStartObject(name);
        for (int c = 0; c < classNames.Count; c++) Number(w, classNames[c], value(c));
        w.WriteEndObject();
    }
}

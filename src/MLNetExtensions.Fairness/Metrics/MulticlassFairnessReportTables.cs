using Microsoft.Data.Analysis;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>The multiclass report's tables as Microsoft.Data.Analysis DataFrames (undefined values are nulls).</summary>
internal static class MulticlassFairnessReportTables
{
    public static DataFrame ByGroup(MulticlassFairnessReport report)
    {
        var groups = report.Groups;
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("group", groups.Select(g => g.Name)) };
        if (groups.Count > 0)
            for (int a = 0; a < groups[0].Levels.Count; a++)
            {
                int attribute = a;
                columns.Add(new StringDataFrameColumn(groups[0].Levels[a].Key, groups.Select(g => g.Levels[attribute].Value)));
            }
        columns.Add(new Int64DataFrameColumn("count", groups.Select(g => g.Count)));
        columns.Add(new BooleanDataFrameColumn("small", groups.Select(g => g.IsSmall)));
        for (int c = 0; c < report.ClassNames.Count; c++)
        {
            int cls = c;
            columns.Add(new DoubleDataFrameColumn(Column(FairnessMetricNames.SelectionRate, report.ClassNames[c]), report.SelectionRates.Select(r => r[cls])));
        }
        if (report.Accuracy is not null)
        {
            columns.Add(new DoubleDataFrameColumn(FairnessMetricNames.Accuracy, report.Accuracy.ByGroup));
            foreach (var c in report.Classes)
            {
                columns.Add(new DoubleDataFrameColumn(Column(FairnessMetricNames.TruePositiveRate, c.ClassName), c.TruePositiveRate.ByGroup));
                columns.Add(new DoubleDataFrameColumn(Column(FairnessMetricNames.FalsePositiveRate, c.ClassName), c.FalsePositiveRate.ByGroup));
                columns.Add(new DoubleDataFrameColumn(Column(FairnessMetricNames.Accuracy, c.ClassName), c.Accuracy.ByGroup));
            }
        }
        return new DataFrame(columns);
    }

    public static DataFrame Summary(MulticlassFairnessReport report)
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("class", report.ClassNames),
            new DoubleDataFrameColumn("overall_selection_rate", report.OverallSelectionRates),
            new DoubleDataFrameColumn(FairnessHeadlines.DemographicParityDifference, report.DemographicParityDifferenceByClass),
            new DoubleDataFrameColumn(FairnessHeadlines.DemographicParityRatio, report.DemographicParityRatioByClass));
        if (report.Accuracy is null) return frame;
        var classes = report.Classes;
        void Add(string name, Func<MulticlassClassFairness, double?> value) => frame.Columns.Add(new DoubleDataFrameColumn(name, classes.Select(value)));
        foreach (var (metric, pick) in new (string, Func<MulticlassClassFairness, MetricSummary>)[]
                 {
                     (FairnessMetricNames.TruePositiveRate, c => c.TruePositiveRate),
                     (FairnessMetricNames.FalsePositiveRate, c => c.FalsePositiveRate),
                     (FairnessMetricNames.Accuracy, c => c.Accuracy),
                 })
        {
            Add(metric + "_overall", c => pick(c).Overall);
            Add(metric + "_min", c => pick(c).Min);
            Add(metric + "_max", c => pick(c).Max);
            Add(metric + "_difference", c => pick(c).Difference);
            Add(metric + "_ratio", c => pick(c).Ratio);
        }
        Add(FairnessHeadlines.EqualizedOddsDifference, c => c.EqualizedOddsDifference);
        Add(FairnessHeadlines.EqualizedOddsRatio, c => c.EqualizedOddsRatio);
        Add(FairnessHeadlines.EqualOpportunityDifference, c => c.EqualOpportunityDifference);
        Add(FairnessHeadlines.EqualOpportunityRatio, c => c.EqualOpportunityRatio);
        return frame;
    }

    /// <summary>The by-group column of a per-class metric: <c>tpr[c]</c>.</summary>
    public static string Column(string metric, string className) => $"{metric}[{className}]";
}

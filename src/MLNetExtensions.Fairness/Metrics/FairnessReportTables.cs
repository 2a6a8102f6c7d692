using Microsoft.Data.Analysis;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>The report's tables as Microsoft.Data.Analysis DataFrames (undefined values are nulls).</summary>
internal static class FairnessReportTables
{
    public static DataFrame ByGroup(FairnessReport report)
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
        foreach (var m in report.Metrics)
        {
            columns.Add(new DoubleDataFrameColumn(m.Name, m.ByGroup));
            if (report.BootstrapResamples > 0)
            {
                // Bootstrap bounds next to the value: <metric>_lower, <metric>_upper.
                columns.Add(new DoubleDataFrameColumn(m.Name + "_lower", m.ByGroupIntervals.Select(i => i?.Lower)));
                columns.Add(new DoubleDataFrameColumn(m.Name + "_upper", m.ByGroupIntervals.Select(i => i?.Upper)));
            }
        }
        return new DataFrame(columns);
    }

    public static DataFrame Summary(FairnessReport report)
    {
        var metrics = report.Metrics;
        var frame = new DataFrame(
            new StringDataFrameColumn("metric", metrics.Select(m => m.Name)),
            new DoubleDataFrameColumn("overall", metrics.Select(m => m.Overall)),
            new DoubleDataFrameColumn("min", metrics.Select(m => m.Min)),
            new DoubleDataFrameColumn("max", metrics.Select(m => m.Max)),
            new DoubleDataFrameColumn("difference", metrics.Select(m => m.Difference)),
            new DoubleDataFrameColumn("ratio", metrics.Select(m => m.Ratio)),
            new DoubleDataFrameColumn("difference_to_overall", metrics.Select(m => m.DifferenceToOverall)),
            new DoubleDataFrameColumn("ratio_to_overall", metrics.Select(m => m.RatioToOverall)));
        if (report.BootstrapResamples > 0)
        {
            frame.Columns.Add(new DoubleDataFrameColumn("overall_lower", metrics.Select(m => m.OverallInterval?.Lower)));
            frame.Columns.Add(new DoubleDataFrameColumn("overall_upper", metrics.Select(m => m.OverallInterval?.Upper)));
            frame.Columns.Add(new DoubleDataFrameColumn("difference_lower", metrics.Select(m => m.DifferenceInterval?.Lower)));
            frame.Columns.Add(new DoubleDataFrameColumn("difference_upper", metrics.Select(m => m.DifferenceInterval?.Upper)));
        }
        return frame;
    }
}

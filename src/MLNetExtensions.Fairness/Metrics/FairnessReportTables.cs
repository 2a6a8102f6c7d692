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
            columns.Add(new DoubleDataFrameColumn(m.Name, m.ByGroup));
        return new DataFrame(columns);
    }

    public static DataFrame Summary(FairnessReport report)
    {
        var metrics = report.Metrics;
        return new DataFrame(
            new StringDataFrameColumn("metric", metrics.Select(m => m.Name)),
            new DoubleDataFrameColumn("overall", metrics.Select(m => m.Overall)),
            new DoubleDataFrameColumn("min", metrics.Select(m => m.Min)),
            new DoubleDataFrameColumn("max", metrics.Select(m => m.Max)),
            new DoubleDataFrameColumn("difference", metrics.Select(m => m.Difference)),
            new DoubleDataFrameColumn("ratio", metrics.Select(m => m.Ratio)),
            new DoubleDataFrameColumn("difference_to_overall", metrics.Select(m => m.DifferenceToOverall)),
            new DoubleDataFrameColumn("ratio_to_overall", metrics.Select(m => m.RatioToOverall)));
    }
}

namespace MLNetExtensions.Reinforcement.Training;

/// <summary>Curves of several runs on one chart (ScottPlot PNG): entropy or reward per step, one line per run.</summary>
public static class ReinforcementPlots
{
    /// <summary>Saves one line per run of <paramref name="value"/> against the step.</summary>
    /// <param name="runs">Runs by legend label.</param>
    /// <param name="value">The plotted figure of a step.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="path">PNG path (folders are created).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="legendAtBottom">Put the legend in the lower right corner (for rising curves) instead of the upper right.</param>
    public static void SaveCurves(IReadOnlyDictionary<string, ReinforcementRunHistory> runs, Func<ReinforcementStep, double> value,
        string yLabel, string title, string path, int width = 800, int height = 500, bool legendAtBottom = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (runs.Count == 0) throw new ArgumentException("No runs to plot.", nameof(runs));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int index = 0;
        foreach (var (label, history) in runs)
        {
            var line = plot.Add.Scatter(history.Steps.Select(s => (double)s.Step).ToArray(), history.Steps.Select(value).ToArray());
            line.Color = palette.GetColor(index++);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = label;
        }
        plot.XLabel("step");
        plot.YLabel(yLabel);
        plot.Title(title);
        if (runs.Count > 1) plot.ShowLegend(legendAtBottom ? ScottPlot.Alignment.LowerRight : ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, width, height);
    }
}

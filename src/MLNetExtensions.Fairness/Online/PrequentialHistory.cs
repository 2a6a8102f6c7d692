using System.Globalization;
using Microsoft.Data.Analysis;

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// The prequential (test-then-train) record of one pass of <see cref="AranyaniTrainer"/> over its stream: points every
/// <see cref="AranyaniOptions.HistoryInterval"/> rows, the groups, the timing and the learner's state size.
/// Views: <see cref="ToDataFrame"/> and <see cref="SavePlot(string, int, int)"/>.
/// </summary>
public sealed class PrequentialHistory
{
    internal PrequentialHistory(IReadOnlyList<PrequentialPoint> points, IReadOnlyList<string> groupNames, IReadOnlyList<long> groupCounts,
        IReadOnlyList<string> warnings, double elapsedSeconds, long stateSize, int windowSize)
    {
        Points = points;
        GroupNames = groupNames;
        GroupCounts = groupCounts;
        Warnings = warnings;
        ElapsedSeconds = elapsedSeconds;
        StateSize = stateSize;
        WindowSize = windowSize;
    }

    /// <summary>The recorded points, in stream order; the last one is after the last row.</summary>
    public IReadOnlyList<PrequentialPoint> Points { get; }

    /// <summary>The sensitive column's levels, in order of first appearance (the group numbering).</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Rows per group, in the order of <see cref="GroupNames"/>.</summary>
    public IReadOnlyList<long> GroupCounts { get; }

    /// <summary>Notes such as "all rows in one group" (then DP is undefined and the fairness term never acted).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Rows in the stream.</summary>
    public long Rows => Points.Count == 0 ? 0 : Points[^1].Rows;

    /// <summary>Final cumulative prequential accuracy.</summary>
    public double Accuracy => Points[^1].Accuracy;

    /// <summary>Final cumulative prequential DP difference (null with fewer than two groups).</summary>
    public double? DemographicParityDifference => Points[^1].DemographicParityDifference;

    /// <summary>Wall-clock seconds of the pass (reading, predicting and learning).</summary>
    public double ElapsedSeconds { get; }

    /// <summary>Rows learned per second.</summary>
    public double RowsPerSecond => ElapsedSeconds > 0 ? Rows / ElapsedSeconds : double.PositiveInfinity;

    /// <summary>
    /// Number of values the learner holds (parameters, Adam moments, per-group statistics, standardiser, window and
    /// counters): fixed by the options, the feature width and <see cref="AranyaniOptions.MaxGroups"/>, not by the stream's
    /// length. The history's own points (one per interval) are not included.
    /// </summary>
    public long StateSize { get; }

    /// <summary>Rows in the sliding window of the windowed figures.</summary>
    public int WindowSize { get; }

    /// <summary>
    /// One row per point: <c>rows</c>, <c>accuracy</c>, <c>dp_difference</c>, <c>window_accuracy</c>,
    /// <c>window_dp_difference</c>, <c>log_loss</c> (undefined DP values are null).
    /// </summary>
    public DataFrame ToDataFrame() => new(
        new Int64DataFrameColumn("rows", Points.Select(p => p.Rows)),
        new DoubleDataFrameColumn("accuracy", Points.Select(p => p.Accuracy)),
        new DoubleDataFrameColumn("dp_difference", Points.Select(p => p.DemographicParityDifference)),
        new DoubleDataFrameColumn("window_accuracy", Points.Select(p => p.WindowAccuracy)),
        new DoubleDataFrameColumn("window_dp_difference", Points.Select(p => p.WindowDemographicParityDifference)),
        new DoubleDataFrameColumn("log_loss", Points.Select(p => p.LogLoss)));

    /// <summary>Plots cumulative and windowed accuracy and DP difference against the rows seen, as a PNG.</summary>
    public void SavePlot(string path, int width = 900, int height = 600) =>
        SavePlot(path, new[] { ("", this) }, width, height);

    /// <summary>Plots several histories (for example one per lambda) on one chart, each labelled, as a PNG.</summary>
    public static void SavePlot(string path, IReadOnlyList<(string Label, PrequentialHistory History)> histories, int width = 900, int height = 600)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(histories);
        if (histories.Count == 0)
            throw new ArgumentException("At least one history is needed.", nameof(histories));
        if (width < 100 || height < 100)
            throw new ArgumentOutOfRangeException(nameof(width), $"The image must be at least 100 x 100 pixels; got {width} x {height}.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < histories.Count; i++)
        {
            var (label, history) = histories[i];
            var color = palette.GetColor(i);
            string prefix = string.IsNullOrEmpty(label) ? "" : label + ": ";
            var rows = history.Points.Select(p => (double)p.Rows).ToArray();
            var accuracy = plot.Add.ScatterLine(rows, history.Points.Select(p => p.Accuracy).ToArray());
            accuracy.Color = color;
            accuracy.LineWidth = 2;
            accuracy.LegendText = prefix + "accuracy";
            var dpPoints = history.Points.Where(p => p.DemographicParityDifference is not null).ToArray();
            if (dpPoints.Length > 0)
            {
                var dp = plot.Add.ScatterLine(dpPoints.Select(p => (double)p.Rows).ToArray(), dpPoints.Select(p => p.DemographicParityDifference!.Value).ToArray());
                dp.Color = color;
                dp.LineWidth = 2;
                dp.LinePattern = ScottPlot.LinePattern.Dashed;
                dp.LegendText = prefix + "DP difference";
            }
            var windowed = history.Points.Where(p => p.WindowDemographicParityDifference is not null).ToArray();
            if (windowed.Length > 0)
            {
                var wdp = plot.Add.ScatterLine(windowed.Select(p => (double)p.Rows).ToArray(), windowed.Select(p => p.WindowDemographicParityDifference!.Value).ToArray());
                wdp.Color = color.WithAlpha(0.35);
                wdp.LineWidth = 1;
                wdp.LegendText = prefix + string.Create(CultureInfo.InvariantCulture, $"DP difference, last {history.WindowSize} rows");
            }
        }
        plot.XLabel("rows seen (prequential: each row predicted before it is learned)");
        plot.YLabel("accuracy (solid), DP difference (dashed)");
        plot.Title("Aranyani: prequential accuracy and demographic parity");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        plot.SavePng(path, width, height);
    }
}

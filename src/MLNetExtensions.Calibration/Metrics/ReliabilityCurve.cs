using Microsoft.Data.Analysis;
using ScottPlot;

namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Reliability-diagram data: per bin the count, mean confidence, observed frequency and its Wilson interval.
/// Available as a table (<see cref="ToDataFrame"/>) and as a PNG (<see cref="SavePng"/>).
/// </summary>
public sealed class ReliabilityCurve
{
    /// <summary>Creates a curve from its bins (in increasing order of confidence).</summary>
    public ReliabilityCurve(IReadOnlyList<ReliabilityBin> bins, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(bins);
        Bins = bins;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>All bins, empty ones included (their means and interval are NaN).</summary>
    public IReadOnlyList<ReliabilityBin> Bins { get; }

    /// <summary>Coverage of the per-bin Wilson intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>
    /// The curve as a table with columns lower, upper, count, mean_confidence, observed_frequency, interval_lower,
    /// interval_upper; the means and interval of an empty bin are null.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        static double? Value(double v) => double.IsNaN(v) ? null : v;
        return new DataFrame(
            new DoubleDataFrameColumn("lower", Bins.Select(b => b.Lower)),
            new DoubleDataFrameColumn("upper", Bins.Select(b => b.Upper)),
            new Int64DataFrameColumn("count", Bins.Select(b => b.Count)),
            new DoubleDataFrameColumn("mean_confidence", Bins.Select(b => Value(b.MeanConfidence))),
            new DoubleDataFrameColumn("observed_frequency", Bins.Select(b => Value(b.ObservedFrequency))),
            new DoubleDataFrameColumn("interval_lower", Bins.Select(b => Value(b.IntervalLower))),
            new DoubleDataFrameColumn("interval_upper", Bins.Select(b => Value(b.IntervalUpper))));
    }

    /// <summary>
    /// Saves the reliability diagram as a PNG: the diagonal, one point per non-empty bin (mean confidence,
    /// observed frequency) with its Wilson interval, and a histogram of the bin counts underneath.
    /// </summary>
    public void SavePng(string path, string title = "Reliability diagram", int width = 800, int height = 800)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (width < 100 || height < 100)
            throw new ArgumentOutOfRangeException(nameof(width), $"The image must be at least 100 x 100 pixels; got {width} x {height}.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);

        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        var diagram = multiplot.GetPlot(0);
        var histogram = multiplot.GetPlot(1);
        var layout = new ScottPlot.MultiplotLayouts.DraggableRows();
        multiplot.Layout = layout;
        // Three quarters of the height for the diagram, the rest for the histogram.
        layout.SetHeights([height * 0.75f, height * 0.25f]);

        var diagonal = diagram.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect calibration";

        var filled = Bins.Where(b => b.Count > 0).ToArray();
        foreach (var bin in filled)
        {
            var interval = diagram.Add.Line(bin.MeanConfidence, bin.IntervalLower, bin.MeanConfidence, bin.IntervalUpper);
            interval.LineColor = Colors.SteelBlue;
            interval.LineWidth = 2;
        }
        if (filled.Length > 0)
        {
            var points = diagram.Add.Scatter(filled.Select(b => b.MeanConfidence).ToArray(), filled.Select(b => b.ObservedFrequency).ToArray());
            points.Color = Colors.SteelBlue;
            points.MarkerSize = 8;
            points.LegendText = FormattableString.Invariant($"observed frequency ({ConfidenceLevel * 100:0.#}% Wilson interval)");
        }
        diagram.Axes.SetLimits(0, 1, 0, 1);
        diagram.Title(title);
        diagram.YLabel("observed frequency");
        diagram.ShowLegend(Alignment.UpperLeft);

        var bars = histogram.Add.Bars(Bins.Select(b => (b.Lower + b.Upper) / 2).ToArray(), Bins.Select(b => (double)b.Count).ToArray());
        int index = 0;
        foreach (var bar in bars.Bars)
        {
            var bin = Bins[index++];
            bar.Size = Math.Max(bin.Upper - bin.Lower, 1e-3) * 0.9;
            bar.FillColor = Colors.SteelBlue.WithAlpha(0.6);
        }
        histogram.Axes.SetLimitsX(0, 1);
        histogram.Axes.SetLimitsY(0, Math.Max(1, Bins.Max(b => b.Count)) * 1.05);
        histogram.XLabel("mean predicted probability (confidence)");
        histogram.YLabel("count");

        multiplot.SavePng(path, width, height);
    }
}

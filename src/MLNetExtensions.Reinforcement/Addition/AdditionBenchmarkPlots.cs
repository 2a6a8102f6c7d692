using MLNetExtensions.Reinforcement.Benchmark;

namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>The pass@k chart of an addition benchmark result (ScottPlot PNG): mean test pass@k against k per method.</summary>
public static class AdditionBenchmarkPlots
{
    /// <summary>
    /// Saves mean pass@k over seeds for k = 1, 2, 4, 8, 16 (log2 x axis): the shared warm start and each method after GRPO.
    /// </summary>
    /// <exception cref="ArgumentException">The result is not from the addition task.</exception>
    public static void SavePassAtK(ReinforcementBenchmarkResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (result.Methods.Count == 0 || !result.FigureNames.Contains("warm_start_pass_at_1"))
            throw new ArgumentException($"The result of task '{result.Task}' has no addition pass@k figures.", nameof(result));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var ks = AdditionBenchmarkTask.ReportedK;
        var x = ks.Select(k => Math.Log2(k)).ToArray();
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        void AddLine(string label, Func<int, double> value, int colour, bool dashed)
        {
            var line = plot.Add.Scatter(x, ks.Select(value).ToArray());
            line.Color = palette.GetColor(colour);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = label;
            if (dashed) line.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        AddLine("warm start", k => result.Methods[0].Figures[$"warm_start_pass_at_{k}"].Mean, 7, dashed: true);
        for (var i = 0; i < result.Methods.Count; i++)
        {
            var method = result.Methods[i];
            AddLine(method.Method, k => method.Figures[$"pass_at_{k}"].Mean, i, dashed: false);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, ks.Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel("k (samples per problem)");
        plot.YLabel("pass@k on held-out problems");
        plot.Title($"addition: pass@k after {result.Steps} GRPO steps (mean over seeds {string.Join(",", result.Seeds)})");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, 800, 500);
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Sweeping;

namespace MLNetExtensions.Fairness.Tuning;

/// <summary>
/// The outcome of a lambda calibration: every trained model's task metric and disparities on validation data
/// (<see cref="Points"/>), their means per lambda (<see cref="Summary"/>), the Pareto frontier of those means, and the
/// chosen lambda by the stated <see cref="Rule"/>. Views: <see cref="ToDataFrame"/>, <see cref="ToSummaryDataFrame"/>,
/// <see cref="ToMarkdown"/> and a trade-off plot (<see cref="SavePlot"/>).
/// </summary>
public sealed class LambdaCalibrationResult
{
    internal LambdaCalibrationResult(SweepResult<FairTrainerOptions> sweep, IReadOnlyList<LambdaTradeOffPoint> points,
        TaskMeasure taskMeasure, DisparityMeasure disparityMeasure, double tolerance)
    {
        Sweep = sweep;
        Points = points;
        TaskMeasure = taskMeasure;
        DisparityMeasure = disparityMeasure;
        Tolerance = tolerance;
        HigherTaskIsBetter = taskMeasure != TaskMeasure.Mse;
        Summary = points.GroupBy(p => p.Lambda).OrderBy(g => g.Key).Select(g => new LambdaTradeOffPoint(
            g.Key, null, g.Average(p => p.Task), Mean(g.Select(p => p.DemographicParityDifference)), Mean(g.Select(p => p.Jsd)),
            Mean(g.Select(p => p.Uf)), Mean(g.Select(p => p.DistanceCovariance)))
        {
            EqualizedOddsDifference = Mean(g.Select(p => p.EqualizedOddsDifference)),
            Accuracy = Mean(g.Select(p => p.Accuracy)),
            Auc = Mean(g.Select(p => p.Auc)),
        }).ToArray();
        var usable = Summary.Where(p => p.Disparity(disparityMeasure) is not null).ToArray();
        if (usable.Length == 0)
            throw new InvalidOperationException($"No lambda has a defined {disparityMeasure}; see the sweep's errors.");
        ParetoFrontier = usable.Where(p => !usable.Any(q => Dominates(q, p))).OrderBy(p => p.Lambda).ToArray();
        double best = HigherTaskIsBetter ? usable.Max(p => p.Task) : usable.Min(p => p.Task);
        double slack = tolerance * Math.Abs(best);
        // Rule: among the lambdas whose mean task metric is within the tolerance of the best, the one with the smallest
        // mean disparity; ties go to the smaller lambda.
        Chosen = usable
            .Where(p => HigherTaskIsBetter ? p.Task >= best - slack : p.Task <= best + slack)
            .OrderBy(p => p.Disparity(disparityMeasure)!.Value)
            .ThenBy(p => p.Lambda)
            .First();
        Rule = string.Create(CultureInfo.InvariantCulture,
            $"smallest mean {disparityMeasure} among the lambdas whose mean {taskMeasure} is within {tolerance:P1} (relative) of the best ({best:G4}); ties to the smaller lambda");
    }

    /// <summary>The underlying sweep (all trials, including failed ones with their errors, and the fitted models).</summary>
    public SweepResult<FairTrainerOptions> Sweep { get; }

    /// <summary>One point per successful (lambda, seed) trial.</summary>
    public IReadOnlyList<LambdaTradeOffPoint> Points { get; }

    /// <summary>Means over seeds, one per lambda, by ascending lambda (Seed null).</summary>
    public IReadOnlyList<LambdaTradeOffPoint> Summary { get; }

    /// <summary>The non-dominated lambdas (task metric vs <see cref="DisparityMeasure"/>, means over seeds), by ascending lambda.</summary>
    public IReadOnlyList<LambdaTradeOffPoint> ParetoFrontier { get; }

    /// <summary>The chosen lambda's means.</summary>
    public LambdaTradeOffPoint Chosen { get; }

    /// <summary>The chosen lambda.</summary>
    public double ChosenLambda => Chosen.Lambda;

    /// <summary>The rule that chose it, in words.</summary>
    public string Rule { get; }

    /// <summary>The task metric.</summary>
    public TaskMeasure TaskMeasure { get; }

    /// <summary>The disparity the rule minimises.</summary>
    public DisparityMeasure DisparityMeasure { get; }

    /// <summary>The rule's relative tolerance.</summary>
    public double Tolerance { get; }

    /// <summary>Whether a larger task metric is better (accuracy, AUC) or smaller (MSE).</summary>
    public bool HigherTaskIsBetter { get; }

    /// <summary>
    /// One row per trial: lambda, seed, task, dp_difference, jsd, uf, dcov, then eo_difference, accuracy and auc
    /// (null where undefined; the last three null for regression).
    /// </summary>
    public DataFrame ToDataFrame() => Frame(Points, includeSeed: true);

    /// <summary>One row per lambda (means over seeds), with <c>pareto</c> and <c>chosen</c> flags.</summary>
    public DataFrame ToSummaryDataFrame()
    {
        var frame = Frame(Summary, includeSeed: false);
        frame.Columns.Add(new BooleanDataFrameColumn("pareto", Summary.Select(p => ParetoFrontier.Contains(p))));
        frame.Columns.Add(new BooleanDataFrameColumn("chosen", Summary.Select(p => p == Chosen)));
        return frame;
    }

    /// <summary>The per-lambda table (pareto and chosen marked), the rule and the choice, as Markdown.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        string taskName = TaskMeasure.ToString();
        sb.AppendLine($"| lambda | {taskName} | DP difference | EO difference | JSD | UF | dCov | Pareto | chosen |");
        sb.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |");
        foreach (var p in Summary)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Lambda:G4} | {p.Task:F4} | {LambdaTradeOffPoint.Format(p.DemographicParityDifference)} | {LambdaTradeOffPoint.Format(p.EqualizedOddsDifference)} | {LambdaTradeOffPoint.Format(p.Jsd)} | {LambdaTradeOffPoint.Format(p.Uf)} | {LambdaTradeOffPoint.Format(p.DistanceCovariance)} | {(ParetoFrontier.Contains(p) ? "yes" : "")} | {(p == Chosen ? "**yes**" : "")} |"));
        sb.AppendLine();
        int seeds = Points.Select(p => p.Seed).Distinct().Count();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Means over {seeds} seed(s) on validation data. Chosen lambda **{ChosenLambda:G4}** by the rule: {Rule}."));
        int failed = Sweep.Trials.Count(t => !t.Succeeded);
        if (failed > 0)
            sb.AppendLine($"{failed} trial(s) failed: {string.Join("; ", Sweep.Trials.Where(t => !t.Succeeded).Select(t => $"{t.Parameters}: {t.Error}"))}.");
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToMarkdown();

    /// <summary>
    /// Saves the trade-off plot as a PNG: disparity (x) against the task metric (y), one small point per trial, the
    /// per-lambda means joined in lambda order and labelled, the chosen lambda ringed.
    /// </summary>
    public void SavePlot(string path, int width = 900, int height = 600)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (width < 100 || height < 100)
            throw new ArgumentOutOfRangeException(nameof(width), $"The image must be at least 100 x 100 pixels; got {width} x {height}.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var plot = new ScottPlot.Plot();
        var trials = Points.Where(p => p.Disparity(DisparityMeasure) is not null).ToArray();
        var cloud = plot.Add.ScatterPoints(trials.Select(p => p.Disparity(DisparityMeasure)!.Value).ToArray(), trials.Select(p => p.Task).ToArray());
        cloud.Color = ScottPlot.Colors.Gray.WithAlpha(0.6);
        cloud.MarkerSize = 5;
        cloud.LegendText = "trial (lambda, seed)";
        var means = Summary.Where(p => p.Disparity(DisparityMeasure) is not null).ToArray();
        var line = plot.Add.Scatter(means.Select(p => p.Disparity(DisparityMeasure)!.Value).ToArray(), means.Select(p => p.Task).ToArray());
        line.Color = ScottPlot.Colors.SteelBlue;
        line.MarkerSize = 8;
        line.LegendText = "mean over seeds";
        foreach (var p in means)
        {
            var label = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"λ={p.Lambda:G3}"), p.Disparity(DisparityMeasure)!.Value, p.Task);
            label.LabelFontSize = 12;
        }
        var chosen = plot.Add.ScatterPoints(new[] { Chosen.Disparity(DisparityMeasure)!.Value }, new[] { Chosen.Task });
        chosen.Color = ScottPlot.Colors.OrangeRed;
        chosen.MarkerSize = 16;
        chosen.MarkerShape = ScottPlot.MarkerShape.OpenCircle;
        chosen.LegendText = string.Create(CultureInfo.InvariantCulture, $"chosen λ={ChosenLambda:G3}");
        plot.XLabel($"{DisparityMeasure} (validation; lower is fairer)");
        plot.YLabel($"{TaskMeasure} (validation)");
        plot.Title("Fairness-accuracy trade-off over lambda");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }

    private bool Dominates(LambdaTradeOffPoint a, LambdaTradeOffPoint b)
    {
        double da = a.Disparity(DisparityMeasure)!.Value, db = b.Disparity(DisparityMeasure)!.Value;
        bool taskNoWorse = HigherTaskIsBetter ? a.Task >= b.Task : a.Task <= b.Task;
        bool taskBetter = HigherTaskIsBetter ? a.Task > b.Task : a.Task < b.Task;
        return taskNoWorse && da <= db && (taskBetter || da < db);
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return defined.Length == 0 ? null : defined.Average();
    }

    private static DataFrame Frame(IReadOnlyList<LambdaTradeOffPoint> points, bool includeSeed)
    {
        var columns = new List<DataFrameColumn> { new DoubleDataFrameColumn("lambda", points.Select(p => p.Lambda)) };
        if (includeSeed) columns.Add(new Int32DataFrameColumn("seed", points.Select(p => p.Seed)));
        columns.Add(new DoubleDataFrameColumn("task", points.Select(p => p.Task)));
        columns.Add(new DoubleDataFrameColumn("dp_difference", points.Select(p => p.DemographicParityDifference)));
        columns.Add(new DoubleDataFrameColumn("jsd", points.Select(p => p.Jsd)));
        columns.Add(new DoubleDataFrameColumn("uf", points.Select(p => p.Uf)));
        columns.Add(new DoubleDataFrameColumn("dcov", points.Select(p => p.DistanceCovariance)));
        columns.Add(new DoubleDataFrameColumn("eo_difference", points.Select(p => p.EqualizedOddsDifference)));
        columns.Add(new DoubleDataFrameColumn("accuracy", points.Select(p => p.Accuracy)));
        columns.Add(new DoubleDataFrameColumn("auc", points.Select(p => p.Auc)));
        return new DataFrame(columns);
    }
}

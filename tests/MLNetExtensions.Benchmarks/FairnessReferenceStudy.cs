using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Data;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Fairness.Tuning;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The COMPAS / Adult study behind docs/fairness.md ("Regularised trainers on COMPAS and Adult"): for none / dCov on
/// one attribute / JdCov (Race, Sex) / CCdCov (Race, Sex), one <c>CalibrateBinaryLambda</c> sweep each over a lambda
/// grid (0 included: the unpenalised model, bit-identical for every penalty) and 3 seeds on a fixed seeded split
/// (<see cref="FairnessReferenceData"/>), measuring on the held-out rows accuracy, AUC, the intersectional
/// (Race x Sex) DP and EO differences, JSD and CCdCov. Prints Markdown tables (mean and sd over seeds), the comparison
/// at equal accuracy and writes a three-panel trade-off plot.
/// Run: <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- fairness-study compas|adult [plot.png]
/// [lambdas=1,3,10] [seeds=1,2,3] [epochs=N] [train-rows=N]</c>. Skips with a message when the data are absent.
/// </summary>
public static class FairnessReferenceStudy
{
    private sealed record Method(string Name, FairnessPenaltyKind Kind, string[] Columns);

    public static void Run(TextWriter output, FairnessReferenceDataSet dataSet, string? plotPath, double[]? lambdas = null,
        int[]? seeds = null, int? epochs = null, int? trainRows = null)
    {
        if (FairnessReferenceData.Find(dataSet, null, out var reason) is null)
        {
            output.WriteLine($"{dataSet} skipped: {reason}");
            return;
        }
        TorchSharp.torch.set_num_threads(1);
        var clock = Stopwatch.StartNew();
        var inv = CultureInfo.InvariantCulture;
        bool compas = dataSet == FairnessReferenceDataSet.Compas;
        lambdas ??= compas ? new[] { 2.0, 5, 10, 20, 50, 200 } : new[] { 1.0, 3, 10, 30, 100, 300 };
        seeds ??= new[] { 1, 2, 3 };
        int epochCount = epochs ?? (compas ? 20 : 10);
        int? maxTrain = trainRows ?? (compas ? null : 8_000);
        var ml = new MLContext(1);
        var split = FairnessReferenceData.Load(ml, dataSet, seed: 1, maxTrainRows: maxTrain);
        string single = compas ? FairnessReferenceData.RaceColumnName : FairnessReferenceData.SexColumnName;
        string[] both = FairnessReferenceData.ProtectedColumnNames.ToArray();
        var methods = new[]
        {
            new Method($"dCov ({single} only)", FairnessPenaltyKind.DistanceCovariance, new[] { single }),
            new Method("JdCov (Race, Sex)", FairnessPenaltyKind.JointDistanceCovariance, both),
            new Method("CCdCov (Race, Sex)", FairnessPenaltyKind.ConcatenatedDistanceCovariance, both),
        };
        output.WriteLine($"## {split.Description}");
        output.WriteLine();
        output.WriteLine(string.Format(inv, "MLP {0}-32-1, {1} epochs, batch 256, Adam 0.005; lambda grid {2}; seeds {3}; one libtorch thread.",
            split.FeatureWidth, epochCount, string.Join(", ", lambdas.Select(l => l.ToString("G4", inv))), string.Join(", ", seeds)));
        output.WriteLine();

        var results = new List<(Method Method, LambdaCalibrationResult Result)>();
        foreach (var m in methods)
        {
            var trainer = new FairTrainerOptions
            {
                ProtectedColumnNames = m.Columns, Penalty = m.Kind, HiddenLayers = new[] { 32 }, NumberOfEpochs = epochCount,
                BatchSize = 256, LearningRate = 0.005,
            };
            var started = clock.Elapsed;
            var r = ml.Fairness().CalibrateBinaryLambda(trainer, split.Train, split.Test, new LambdaCalibrationOptions
            {
                Lambdas = new[] { 0.0 }.Concat(lambdas).ToArray(),
                Seeds = seeds,
                SensitiveColumnNames = both,
                TaskMeasure = TaskMeasure.Accuracy,
                DisparityMeasure = DisparityMeasure.DemographicParityDifference,
                Tolerance = 0.01,
                Progress = new LineProgress(Console.Error, m.Name),
            });
            foreach (var trial in r.Sweep.Trials)
                (trial.Model as IDisposable)?.Dispose();
            Console.Error.WriteLine(string.Format(inv, "{0}: {1} fits in {2:F0} s", m.Name, r.Points.Count, (clock.Elapsed - started).TotalSeconds));
            results.Add((m, r));
        }

        // Lambda 0 trains without computing any penalty, so the three sweeps' lambda-0 models are the same model.
        var none = results[0].Result.Points.Where(p => p.Lambda == 0).OrderBy(p => p.Seed).ToArray();
        bool identical = results.All(x => x.Result.Points.Where(p => p.Lambda == 0).OrderBy(p => p.Seed)
            .Select(p => (p.Task, p.Jsd)).SequenceEqual(none.Select(p => (p.Task, p.Jsd))));

        output.WriteLine("| method | λ | accuracy | AUC | DP difference | EO difference | JSD | CCdCov |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine(Row("none", 0, none));
        foreach (var (m, r) in results)
            foreach (var lambda in lambdas)
                output.WriteLine(Row(m.Name, lambda, r.Points.Where(p => p.Lambda == lambda).ToArray()));
        output.WriteLine();
        output.WriteLine(identical
            ? "The λ = 0 models of the three sweeps are identical (same figures for every seed), as they must be."
            : "WARNING: the λ = 0 models of the three sweeps differ.");
        output.WriteLine();
        output.WriteLine("Chosen λ by `CalibrateBinaryLambda`'s rule (smallest mean DP difference among the λ within 1% relative of the best mean accuracy; picked on the test rows, so illustrative):");
        output.WriteLine();
        foreach (var (m, r) in results)
            output.WriteLine(string.Format(inv, "- {0}: λ = {1:G4} (accuracy {2:0.0000}, DP {3:0.0000}, JSD {4:0.0000}); Pareto λ: {5}",
                m.Name, r.ChosenLambda, r.Chosen.Task, r.Chosen.DemographicParityDifference, r.Chosen.Jsd,
                string.Join(", ", r.ParetoFrontier.Select(p => p.Lambda.ToString("G4", inv)))));
        output.WriteLine();

        // Equal accuracy, per seed: each seed's curve (its lambda-0 model, then the grid) is read where it first falls
        // to that seed's unpenalised accuracy minus a margin; then mean and sd over the seeds, and the paired
        // difference CCdCov - single-attribute dCov (same seed, same target).
        output.WriteLine(string.Format(inv, "At equal accuracy (unpenalised accuracy {0:0.0000} ± {1:0.0000}): intersectional DP difference / JSD of each method where its per-seed curve first falls to that seed's unpenalised accuracy minus the margin (linear interpolation between grid points), mean ± sd over seeds; the last two columns are the paired differences CCdCov − {2} (negative: CCdCov fairer). n/a: a seed's curve never falls that far.",
            none.Average(p => p.Task), Sd(none.Select(p => p.Task).ToArray()), methods[0].Name));
        output.WriteLine();
        output.WriteLine("| accuracy loss | " + string.Join(" | ", methods.Select(m => $"{m.Name} DP / JSD")) + " | CCdCov − dCov: DP | CCdCov − dCov: JSD |");
        output.WriteLine("| ---: | " + string.Join(" | ", methods.Select(_ => "---:")) + " | ---: | ---: |");
        foreach (double margin in new[] { 0.0025, 0.005, 0.01, 0.02, 0.03 })
        {
            var perMethod = results.Select(x => seeds.Select(seed =>
            {
                var curve = x.Result.Points.Where(p => p.Seed == seed).OrderBy(p => p.Lambda)
                    .Select(p => (p.Task, new[] { p.DemographicParityDifference!.Value, p.Jsd!.Value })).ToArray();
                return EqualAccuracy.At(curve, curve[0].Task - margin);
            }).ToArray()).ToArray();
            string Cell(double[]?[] values, int k, string format, bool signed = false)
            {
                if (values.Any(v => v is null)) return "n/a";
                var v = values.Select(x => x![k]).ToArray();
                return $"{v.Average().ToString(signed ? $"+{format};-{format};{format}" : format, inv)} ± {Sd(v).ToString(format, inv)}";
            }
            var cells = perMethod.Select(v => v.Any(x => x is null) ? "n/a" : $"{Cell(v, 0, "0.000")} / {Cell(v, 1, "0.0000")}");
            var diff = perMethod[2].Zip(perMethod[0], (c, d) => c is null || d is null ? null : new[] { c[0] - d[0], c[1] - d[1] }).ToArray();
            output.WriteLine(string.Format(inv, "| {0:0.0000} | {1} | {2} | {3} |", margin, string.Join(" | ", cells), Cell(diff, 0, "0.000", signed: true), Cell(diff, 1, "0.0000", signed: true)));
        }
        output.WriteLine();
        output.WriteLine(string.Format(inv, "{0} fits in {1:0} s (one libtorch thread; machine shared with other jobs, so timings are inflated).",
            results.Sum(x => x.Result.Points.Count), clock.Elapsed.TotalSeconds));

        if (plotPath is not null)
        {
            SavePlot(plotPath, compas ? "COMPAS" : "Adult", none, results);
            output.WriteLine($"Plot: {plotPath}");
        }
    }

    private static double Sd(double[] v)
    {
        double mean = v.Average();
        return v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
    }

    private static string Row(string method, double lambda, LambdaTradeOffPoint[] points)
    {
        var inv = CultureInfo.InvariantCulture;
        string Cell(Func<LambdaTradeOffPoint, double?> f, string format)
        {
            var v = points.Select(f).Where(x => x is not null).Select(x => x!.Value).ToArray();
            if (v.Length == 0) return "n/a";
            return $"{v.Average().ToString(format, inv)} ± {Sd(v).ToString(format, inv)}";
        }
        return string.Format(inv, "| {0} | {1:G4} | {2} | {3} | {4} | {5} | {6} | {7} |", method, lambda,
            Cell(p => p.Accuracy, "0.0000"), Cell(p => p.Auc, "0.0000"), Cell(p => p.DemographicParityDifference, "0.000"),
            Cell(p => p.EqualizedOddsDifference, "0.000"), Cell(p => p.Jsd, "0.0000"), Cell(p => p.DistanceCovariance, "0.00000"));
    }

    private static void SavePlot(string path, string title, LambdaTradeOffPoint[] none, List<(Method Method, LambdaCalibrationResult Result)> results)
    {
        var panels = new (string X, string Y, Func<LambdaTradeOffPoint, double> Fx, Func<LambdaTradeOffPoint, double> Fy)[]
        {
            ("intersectional DP difference (Race x Sex)", "accuracy", p => p.DemographicParityDifference!.Value, p => p.Accuracy!.Value),
            ("intersectional EO difference (Race x Sex)", "AUC", p => p.EqualizedOddsDifference!.Value, p => p.Auc!.Value),
            ("intersectional JSD (Race x Sex)", "accuracy", p => p.Jsd!.Value, p => p.Accuracy!.Value),
        };
        var multiplot = new ScottPlot.Multiplot();
        ScottPlot.IMultiplotExtensions.AddPlots(multiplot, panels.Length);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var noneMean = results[0].Result.Summary.First(p => p.Lambda == 0);
        for (int i = 0; i < panels.Length; i++)
        {
            var (xLabel, yLabel, fx, fy) = panels[i];
            var plot = ScottPlot.IMultiplotExtensions.GetPlot(multiplot, i);
            var n = plot.Add.ScatterPoints(new[] { fx(noneMean) }, new[] { fy(noneMean) });
            n.MarkerSize = 12;
            n.LegendText = "none (λ = 0)";
            foreach (var (m, r) in results)
            {
                var curve = r.Summary.ToArray();
                var line = plot.Add.Scatter(curve.Select(fx).ToArray(), curve.Select(fy).ToArray());
                line.MarkerSize = 7;
                line.LegendText = m.Name;
            }
            plot.XLabel(xLabel);
            plot.YLabel(yLabel + " (test)");
            plot.Title(i == 1 ? $"{title}: λ from 0 to {results[0].Result.Summary[^1].Lambda:G3}, mean of {none.Length} seeds" : "");
            if (i == 0) plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        ScottPlot.IMultiplotExtensions.SavePng(multiplot, path, 1500, 500);
    }

    /// <summary>Writes each trial as it finishes (synchronously).</summary>
    private sealed class LineProgress(TextWriter writer, string method) : IProgress<LambdaTradeOffPoint>
    {
        public void Report(LambdaTradeOffPoint value) => writer.WriteLine($"{method}: {value} acc {value.Accuracy:F4} auc {value.Auc:F4}");
    }
}

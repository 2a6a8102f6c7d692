using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Data;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Fairness.Trainers;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The measurement behind docs/fairness.md, "Regularised trainers": on <see cref="IntersectionalBiasData"/> (the
/// intersection A and B treated worse), train none / dCov on A alone / JdCov (A, B) / CCdCov (A, B) over a lambda
/// grid and 3 seeds, and measure accuracy, the intersectional (A x B) DP difference and JSD on a held-out test set.
/// Run: <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- fairness-study [plot.png]</c>.
/// Seeded, so the figures repeat on the CPU.
/// </summary>
public static class FairnessRegularisationStudy
{
    public static void Run(TextWriter output, string? plotPath = null)
    {
        var clock = Stopwatch.StartNew();
        var inv = CultureInfo.InvariantCulture;
        var ml = new MLContext(1);
        var train = IntersectionalBiasData.Load(ml, 3000, seed: 101);
        var test = IntersectionalBiasData.Load(ml, 3000, seed: 202);
        int[] seeds = [1, 2, 3];
        double[] lambdas = [1, 3, 10, 30, 100];
        var methods = new (string Name, FairnessPenaltyKind Kind, string[] Columns)[]
        {
            ("dCov (A only)", FairnessPenaltyKind.DistanceCovariance, ["A"]),
            ("JdCov (A, B)", FairnessPenaltyKind.JointDistanceCovariance, ["A", "B"]),
            ("CCdCov (A, B)", FairnessPenaltyKind.ConcatenatedDistanceCovariance, ["A", "B"]),
        };
        var configs = new List<(string Method, double Lambda, FairnessPenaltyKind Kind, string[] Columns)> { ("none", 0, FairnessPenaltyKind.None, ["A", "B"]) };
        foreach (var m in methods)
            foreach (var l in lambdas)
                configs.Add((m.Name, l, m.Kind, m.Columns));

        var rows = new List<(string Method, double Lambda, double Accuracy, double Dp, double Jsd, double CCdCov)>();
        foreach (var c in configs)
        {
            var perSeed = seeds.Select(seed =>
            {
                var model = ml.Fairness().Trainers.FairBinaryClassifier(new FairTrainerOptions
                {
                    ProtectedColumnNames = c.Columns, Penalty = c.Kind, Lambda = c.Lambda, HiddenLayers = [32],
                    NumberOfEpochs = 8, BatchSize = 256, LearningRate = 0.01, Seed = seed,
                }).Fit(train);
                var scored = model.Transform(test);
                var report = ml.Fairness().Evaluate(scored, ["A", "B"], probabilityColumnName: "Probability");
                double accuracy = ml.BinaryClassification.Evaluate(scored).Accuracy;
                model.LastTransformer.Dispose();
                return (accuracy, dp: report.DemographicParityDifference!.Value, jsd: report.Jsd!.Value, cc: report.Distance!.CCdCov);
            }).ToArray();
            rows.Add((c.Method, c.Lambda, perSeed.Average(r => r.accuracy), perSeed.Average(r => r.dp), perSeed.Average(r => r.jsd), perSeed.Average(r => r.cc)));
            string Sd(Func<(double accuracy, double dp, double jsd, double cc), double> f)
            {
                var v = perSeed.Select(f).ToArray();
                double mean = v.Average();
                return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)).ToString("0.0000", inv);
            }
            output.WriteLine(string.Format(inv, "| {0} | {1:G4} | {2:0.0000} ({3}) | {4:0.0000} ({5}) | {6:0.0000} ({7}) | {8:0.00000} |",
                c.Method, c.Lambda, rows[^1].Accuracy, Sd(r => r.accuracy), rows[^1].Dp, Sd(r => r.dp), rows[^1].Jsd, Sd(r => r.jsd), rows[^1].CCdCov));
        }

        output.WriteLine();
        output.WriteLine("At equal accuracy: each method's mean intersectional DP difference / JSD at a target accuracy, by linear");
        output.WriteLine("interpolation along its curve (lambda 0 = the unpenalised point, then its lambda grid; n/a: outside the curve).");
        output.WriteLine();
        double baseline = rows[0].Accuracy;
        output.WriteLine("| target accuracy | " + string.Join(" | ", methods.Select(m => $"{m.Name} DP / JSD")) + " |");
        output.WriteLine("| ---: | " + string.Join(" | ", methods.Select(_ => "---:")) + " |");
        foreach (double margin in new[] { 0.005, 0.01, 0.02, 0.03, 0.04 })
        {
            double target = baseline - margin;
            var cells = methods.Select(m =>
            {
                var curve = new[] { rows[0] }.Concat(rows.Where(r => r.Method == m.Name)).ToArray();
                var at = EqualAccuracy.At(curve.Select(r => (r.Accuracy, new[] { r.Dp, r.Jsd })).ToArray(), target);
                return at is { } v ? string.Format(inv, "{0:0.000} / {1:0.0000}", v[0], v[1]) : "n/a";
            });
            output.WriteLine(string.Format(inv, "| {0:0.000} (-{1:0.000}) | {2} |", target, margin, string.Join(" | ", cells)));
        }
        output.WriteLine();
        output.WriteLine(string.Format(inv, "{0} fits in {1:0.0} s.", configs.Count * seeds.Length, clock.Elapsed.TotalSeconds));

        if (plotPath is not null)
        {
            var plot = new ScottPlot.Plot();
            var none = plot.Add.ScatterPoints(new[] { rows[0].Jsd }, new[] { rows[0].Accuracy });
            none.MarkerSize = 12;
            none.LegendText = "none";
            foreach (var m in methods)
            {
                var r = rows.Where(x => x.Method == m.Name).ToArray();
                var line = plot.Add.Scatter(r.Select(x => x.Jsd).ToArray(), r.Select(x => x.Accuracy).ToArray());
                line.MarkerSize = 7;
                line.LegendText = m.Name;
            }
            plot.XLabel("intersectional JSD (A x B groups, test)");
            plot.YLabel("accuracy (test)");
            plot.Title("IntersectionalBiasData: accuracy vs intersectional JSD, lambda 1 to 100, mean of 3 seeds");
            plot.ShowLegend(ScottPlot.Alignment.LowerRight);
            var directory = Path.GetDirectoryName(Path.GetFullPath(plotPath));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            plot.SavePng(plotPath, 900, 600);
            output.WriteLine($"Plot: {plotPath}");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Distillation.Benchmarking;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Online;
using TorchSharp;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The measurement behind docs/fairness.md, "Aranyani: online fair forest": UCI Adult as a stream (all 32,561 rows in
/// file order, the paper's setting; sensitive attribute sex), one prequential pass of Aranyani per lambda and seed
/// (seeds change the initialisation only): final prequential accuracy and DP difference, rows/s and the learner's state
/// size; the process's peak working set; and, for context, an offline LightGBM (200 trees x 31 leaves, the distillation
/// study's teacher) on a 70/30 split. Run:
/// <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- aranyani-adult [plot.png] [lambdas=0,0.1,1,10] [seeds=3] [rows=N] [decay=0.999] [no-baseline]</c>.
/// One libtorch thread.
/// </summary>
public static class AranyaniAdultStudy
{
    public static void Run(TextWriter output, string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        torch.set_num_threads(1);
        var path = AdultStream.Find(out var reason);
        if (path is null)
        {
            output.WriteLine($"Skipped: {reason}");
            return;
        }
        string? plotPath = args.FirstOrDefault(a => a.EndsWith(".png", StringComparison.OrdinalIgnoreCase));
        double[] lambdas = Arg(args, "lambdas=")?.Split(',').Select(s => double.Parse(s, inv)).ToArray() ?? new[] { 0.0, 0.1, 1, 10 };
        int seeds = Arg(args, "seeds=") is { } s ? int.Parse(s, inv) : 3;
        int? maxRows = Arg(args, "rows=") is { } r ? int.Parse(r, inv) : null;
        double? decay = Arg(args, "decay=") is { } dc ? double.Parse(dc, inv) : null;
        bool baseline = !args.Contains("no-baseline");

        var ml = new MLContext(1);
        var stream = ml.Data.Cache(AdultStream.Load(ml, path, maxRows));
        output.WriteLine($"Adult stream: {stream.GetColumn<bool>("Label").Count()} rows, sensitive column '{AdultStream.SensitiveColumn}', 14 features (categorical as sorted codes), online standardisation, statistics decay {decay?.ToString(inv) ?? "none (cumulative)"}.");
        output.WriteLine();
        output.WriteLine("| lambda | seed | prequential accuracy | prequential DP difference | last-1,000-rows accuracy | last-1,000-rows DP | rows/s (wall) | rows per CPU-second | state (values) |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var results = new List<(double Lambda, int Seed, PrequentialHistory History, double CpuRate)>();
        var process = Process.GetCurrentProcess();
        foreach (double lambda in lambdas)
        {
            for (int seed = 1; seed <= seeds; seed++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                using var model = ml.Fairness().Trainers.Aranyani(new AranyaniOptions
                {
                    SensitiveColumnName = AdultStream.SensitiveColumn,
                    Lambda = lambda,
                    Seed = seed,
                    StatisticsDecay = decay,
                }).Fit(stream);
                process.Refresh();
                double cpuRate = model.History!.Rows / (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                var h = model.History!;
                var last = h.Points[^1];
                results.Add((lambda, seed, h, cpuRate));
                output.WriteLine(string.Create(inv,
                    $"| {lambda:G4} | {seed} | {h.Accuracy:F4} | {h.DemographicParityDifference:F4} | {last.WindowAccuracy:F4} | {last.WindowDemographicParityDifference:F4} | {h.RowsPerSecond:F0} | {cpuRate:F0} | {h.StateSize:N0} |"));
            }
        }
        output.WriteLine();
        output.WriteLine("Means over seeds (sd):");
        output.WriteLine();
        output.WriteLine("| lambda | prequential accuracy | prequential DP difference | rows/s (wall) | rows per CPU-second |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var g in results.GroupBy(x => x.Lambda))
        {
            var acc = g.Select(x => x.History.Accuracy).ToArray();
            var dp = g.Select(x => x.History.DemographicParityDifference!.Value).ToArray();
            output.WriteLine(string.Create(inv,
                $"| {g.Key:G4} | {acc.Average():F4} ({Sd(acc):F4}) | {dp.Average():F4} ({Sd(dp):F4}) | {g.Average(x => x.History.RowsPerSecond):F0} | {g.Average(x => x.CpuRate):F0} |"));
        }
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"Process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MiB."));

        if (plotPath is not null)
        {
            var firstSeed = results.Where(x => x.Seed == 1).Select(x => (string.Create(inv, $"lambda={x.Lambda:G4}"), x.History)).ToArray();
            PrequentialHistory.SavePlot(plotPath, firstSeed);
            output.WriteLine($"Plot (seed 1): {plotPath}");
        }

        // Offline context: LightGBM on a 70/30 split (one-hot features, the distillation study's loader).
        if (!baseline)
            return;
        output.WriteLine();
        output.WriteLine("| offline LightGBM 200x31, 70/30 split | seed | test accuracy | test DP difference (sex) |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        for (int seed = 1; seed <= seeds; seed++)
        {
            var (train, test) = DistillationBenchmark.AdultSplit(ml, path, seed);
            var lgbm = ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
            {
                NumberOfLeaves = 31, NumberOfIterations = 200, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20, Seed = seed, NumberOfThreads = 1,
            }).Fit(train);
            var scored = lgbm.Transform(test);
            double accuracy = ml.BinaryClassification.Evaluate(scored).Accuracy;
            var report = ml.Fairness().Evaluate(scored, new[] { "sex" }, probabilityColumnName: "Probability");
            output.WriteLine(string.Create(inv, $"| LightGBM | {seed} | {accuracy:F4} | {report.DemographicParityDifference:F4} |"));
        }
    }

    private static string? Arg(string[] args, string prefix) =>
        args.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];

    private static double Sd(double[] v)
    {
        if (v.Length < 2) return 0;
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}

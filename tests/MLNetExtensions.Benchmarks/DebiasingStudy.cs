using MLNetExtensions.Data;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Benchmark;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Debiasing.Synthetic;
using MLNetExtensions.Debiasing.Trainers;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The Coat study behind docs/debiasing.md: every debiased MF method, several seeds, the spec's metrics on the MAR test
/// set, one JSON object on standard output. Run:
/// <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- debiasing-study [seeds] [epochs] [heldout] [supplied-kernel-features]</c>.
/// Protocol (default, the paper's, for comparison with the authors' figures): ratings &gt;= 3 are positive; the
/// Naive-Bayes MAR sample is 5% of the test labels (seeded per run), evaluation on the whole test set; users without
/// positives count NDCG = Recall = 1 as in the reference. "heldout": the MAR sample is removed from the evaluation set.
/// Also <c>debiasing-speed</c>: seconds per training epoch (median of 3) per method on Coat and on a synthetic 10,000 x 5,000 catalog.
/// </summary>
public static class DebiasingStudy
{
    private static readonly DebiasingMethod[] Methods = Enum.GetValues<DebiasingMethod>();

    public static void Run(TextWriter output, int seeds, int epochs, bool heldOut, string[]? only = null, double? weightDecay = null,
        bool normalizeBalancing = true, bool suppliedKernelFeatures = false)
    {
        // The reusable part lives in the library (also behind `mlnetx bench debiasing`); one libtorch thread (see Speed).
        var methods = only?.Select(name => DebiasingBenchmark.TryParseMethod(name, out var m) ? m
            : throw new ArgumentException($"Unknown method '{name}'.")).ToArray();
        var result = DebiasingBenchmark.Run(DebiasingBenchmarkData.Coat(), new DebiasingBenchmarkOptions
        {
            Seeds = seeds, Epochs = epochs, HeldOut = heldOut, Methods = methods, WeightDecay = weightDecay,
            NormalizeBalancingWeights = normalizeBalancing, TorchThreads = 1, SuppliedKernelFeatures = suppliedKernelFeatures,
        }, Console.Error);
        output.WriteLine(result.ToJson());
    }

    public static void Speed(TextWriter output)
    {
        // One libtorch thread: the MF ops are tiny, and on a shared 2-core machine OpenMP's spinning worker threads made
        // epochs up to 30x slower under load (0.9 s instead of about 0.03 s per Coat epoch).
        TorchSharp.torch.set_num_threads(1);
        var inv = CultureInfo.InvariantCulture;
        var ml = new MLContext(0);
        var coat = LoadCoat();
        var coatTrain = coat.Train.Binarize(RatingBinarization.AtLeastThree);
        var coatSample = coat.Test.Binarize(RatingBinarization.AtLeastThree).SplitRandom(0.05, 0).Selected;
        var clock = Stopwatch.StartNew();
        var synthetic = SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = 10_000, Items = 5_000, BaseObservationRate = 0.003, Seed = 1 });
        output.WriteLine(string.Format(inv, "synthetic 10,000 x 5,000: {0:N0} observed rows, generated in {1:F1} s", synthetic.Train.Count, clock.Elapsed.TotalSeconds));
        output.WriteLine("| data | method | rows | batches/epoch | seconds per epoch | peak working set MB | RSS anonymous / file-backed MB |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, table, sample) in new[] { ("Coat", coatTrain, coatSample), ("synthetic 10k x 5k", synthetic.Train, synthetic.MarSample) })
        {
            var view = table.ToDataView(ml);
            var mar = sample.ToDataView(ml);
            // One warm-up fit (JIT, libtorch start-up) before timing.
            ml.Debiasing().Trainers.MatrixFactorization(new DebiasedMatrixFactorizationOptions { Method = DebiasingMethod.KbDr, NumberOfEpochs = 1, FeatureModelEpochs = 1 }, mar).Fit(view);
            foreach (var method in Methods)
            {
                // The loop times each epoch (prediction model, excluding reading, propensities and KB feature pretraining);
                // the median of 3 epochs resists the load spikes of a shared machine.
                var options = new DebiasedMatrixFactorizationOptions { Method = method, NumberOfEpochs = 3, FeatureModelEpochs = 1, EarlyStoppingPatience = 0 };
                var model = ml.Debiasing().Trainers.MatrixFactorization(options, mar).Fit(view);
                double median = model.EpochSeconds.Order().ElementAt(1);
                var (anonymous, fileBacked) = ResidentSplit();
                output.WriteLine(string.Format(inv, "| {0} | {1} | {2:N0} | {3:N0} | {4:F3} | {5:N0} | {6:N0} / {7:N0} |", name, Name(method), table.Count,
                    (table.Count + 127) / 128, median, Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, anonymous, fileBacked));
                output.Flush();
            }
        }
    }

    /// <summary>
    /// Where the memory of a large-catalogue fit goes (docs/benchmarks.md): after each phase the process's resident set
    /// split into anonymous memory (heaps: managed and native, libtorch's tensors) and file-backed pages (mapped code and
    /// data of libtorch, ML.NET and the runtime), its peak, and the managed heap. Linux only (reads /proc/self/status).
    /// </summary>
    public static void Memory(TextWriter output, int users = 10_000, int items = 5_000)
    {
        TorchSharp.torch.set_num_threads(1);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("| phase | RSS MB | anonymous MB | file-backed MB | peak RSS MB | managed live MB | GC committed MB |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        void Report(string phase)
        {
            var keys = new[] { "VmRSS", "RssAnon", "RssFile", "VmHWM" };
            var status = File.ReadAllLines("/proc/self/status").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && keys.Contains(p[0]))
                .ToDictionary(p => p[0], p => double.Parse(p[1].Trim().Split(' ')[0], inv) / 1024);
            output.WriteLine(string.Format(inv, "| {0} | {1:N0} | {2:N0} | {3:N0} | {4:N0} | {5:N0} | {6:N0} |", phase, status["VmRSS"], status["RssAnon"],
                status["RssFile"], status["VmHWM"], GC.GetTotalMemory(false) / 1048576.0, GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0));
            output.Flush();
        }
        Report("start");
        var ml = new MLContext(0);
        var data = SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = users, Items = items, BaseObservationRate = 0.003, Seed = 1 });
        Report(string.Format(inv, "generated ({0:N0} observed rows)", data.Train.Count));
        var view = data.Train.ToDataView(ml);
        var mar = data.MarSample.ToDataView(ml);
        foreach (var (method, epochs) in new[] { (DebiasingMethod.Naive, 1), (DebiasingMethod.Naive, 3), (DebiasingMethod.KbDr, 1), (DebiasingMethod.AkbDr, 1) })
        {
            ml.Debiasing().Trainers.MatrixFactorization(new DebiasedMatrixFactorizationOptions
            {
                Method = method, NumberOfEpochs = epochs, FeatureModelEpochs = 1, EarlyStoppingPatience = 0,
            }, mar).Fit(view);
            Report(string.Format(inv, "after {0} fit, {1} epoch(s)", Name(method), epochs));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Report("  after a full GC");
            // Native memory that libtorch freed but glibc's allocator kept (returned to the system by malloc_trim).
            MallocTrim(0);
            Report("  after malloc_trim");
        }
    }

    // Resident anonymous and file-backed MB from /proc/self/status (Linux; NaN elsewhere).
    private static (double Anonymous, double FileBacked) ResidentSplit()
    {
        if (!File.Exists("/proc/self/status"))
            return (double.NaN, double.NaN);
        var lines = File.ReadAllLines("/proc/self/status");
        double Read(string key) => lines.Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024).FirstOrDefault(double.NaN);
        return (Read("RssAnon"), Read("RssFile"));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static CoatDataset LoadCoat()
    {
        var folder = ReferenceDataDirectory.Find("coat", CoatLoader.TrainFile, out var reason) ?? throw new InvalidOperationException(reason);
        return CoatLoader.Load(folder);
    }

    private static string Name(DebiasingMethod method) => DebiasingBenchmark.MethodName(method);
}

using System.Diagnostics;
using Microsoft.ML;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Evaluation;
using MLNetExtensions.Debiasing.Trainers;

namespace MLNetExtensions.Debiasing.Benchmark;

/// <summary>
/// Trains every debiased MF method (or a chosen subset) on one data set over several seeds and summarises the metrics
/// on the MAR test set: mean and std of mse, auc, ndcg_at_5, ndcg_at_10, recall_at_5, recall_at_10 and seconds_per_fit.
/// Protocol (the study in docs/debiasing.md): seed s trains with Seed = s; the Naive-Bayes MAR sample is the data
/// set's own, or a seeded share of the test set (the paper's protocol; <see cref="DebiasingBenchmarkOptions.HeldOut"/>
/// removes it from the evaluation set); users without positives count NDCG = Recall = 1 as in the reference.
/// Used by <c>mlnetx bench debiasing</c> and the Benchmarks project's <c>debiasing-study</c>.
/// </summary>
public static class DebiasingBenchmark
{
    /// <summary>The reported metrics, in table order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } =
        new[] { "mse", "auc", "ndcg_at_5", "ndcg_at_10", "recall_at_5", "recall_at_10", "seconds_per_fit" };

    /// <summary>Every method, in benchmark order.</summary>
    public static IReadOnlyList<DebiasingMethod> AllMethods { get; } = Enum.GetValues<DebiasingMethod>();

    /// <summary>The snake_case name of a method: mf, ips, snips, dr_jl, mrdr_jl, kbips, kbdr, akbips, akbdr.</summary>
    public static string MethodName(DebiasingMethod method) => method switch
    {
        DebiasingMethod.Naive => "mf",
        DebiasingMethod.Ips => "ips",
        DebiasingMethod.Snips => "snips",
        DebiasingMethod.DrJl => "dr_jl",
        DebiasingMethod.MrdrJl => "mrdr_jl",
        DebiasingMethod.KbIps => "kbips",
        DebiasingMethod.KbDr => "kbdr",
        DebiasingMethod.AkbIps => "akbips",
        DebiasingMethod.AkbDr => "akbdr",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    /// <summary>Parses a snake_case method name (case-insensitive; "naive" is accepted for "mf").</summary>
    public static bool TryParseMethod(string name, out DebiasingMethod method)
    {
        var text = (name ?? "").Trim().ToLowerInvariant();
        if (text == "naive") text = "mf";
        foreach (var m in AllMethods)
            if (MethodName(m) == text)
            {
                method = m;
                return true;
            }
        method = default;
        return false;
    }

    /// <summary>Runs the benchmark; <paramref name="progress"/> (optional) gets one line per fit.</summary>
    public static DebiasingBenchmarkResult Run(DebiasingBenchmarkData data, DebiasingBenchmarkOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        data.Train.RequireBinaryLabels("The training set");
        data.Test.RequireBinaryLabels("The test set");
        if (options.TorchThreads is { } threads)
            TorchSharp.torch.set_num_threads(threads);
        var ml = new MLContext(0);
        IDataView trainView;
        if (options.SuppliedKernelFeatures)
        {
            if (data.UserFeatures is null || data.ItemFeatures is null)
                throw new ArgumentException($"SuppliedKernelFeatures: data set '{data.Name}' has no user and item side features.", nameof(options));
            trainView = data.Train.ToDataView(ml, data.UserFeatures, data.ItemFeatures);
        }
        else
        {
            trainView = data.Train.ToDataView(ml);
        }
        var evaluation = new RecommenderEvaluationOptions { UsersWithoutPositives = NoPositiveUserConvention.CountAsOne };
        var summaries = new List<DebiasingMethodSummary>();
        foreach (var method in options.Methods ?? AllMethods)
        {
            var values = new Dictionary<string, List<double>>();
            for (int seed = 0; seed < options.Seeds; seed++)
            {
                InteractionTable sample, evalTable;
                if (data.MarSample is { } own)
                    (sample, evalTable) = (own, data.Test);
                else
                {
                    var (selected, rest) = data.Test.SplitRandom(options.MarSampleFraction, seed);
                    (sample, evalTable) = (selected, options.HeldOut ? rest : data.Test);
                }
                var trainerOptions = new DebiasedMatrixFactorizationOptions
                {
                    Method = method, NumberOfEpochs = options.Epochs, FeatureModelEpochs = options.Epochs, Seed = seed,
                    NormalizeBalancingWeights = options.NormalizeBalancingWeights,
                };
                if (options.SuppliedKernelFeatures)
                {
                    trainerOptions.UserKernelFeatureColumnName = InteractionColumns.UserFeatures;
                    trainerOptions.ItemKernelFeatureColumnName = InteractionColumns.ItemFeatures;
                }
                if (options.WeightDecay is { } wd)
                    trainerOptions.WeightDecay = wd;
                var clock = Stopwatch.StartNew();
                var model = ml.Debiasing().Trainers.MatrixFactorization(trainerOptions, sample.ToDataView(ml)).Fit(trainView);
                double seconds = clock.Elapsed.TotalSeconds;
                var scores = new float[evalTable.Count];
                var users = evalTable.Users;
                var items = evalTable.Items;
                for (int r = 0; r < scores.Length; r++)
                    scores[r] = model.Predict(users[r], items[r]);
                var m = RecommenderEvaluator.Evaluate(evalTable.Users, evalTable.Labels, scores, evaluation);
                Add(values, "mse", m.MeanSquaredError);
                Add(values, "auc", m.Auc ?? double.NaN);
                Add(values, "ndcg_at_5", m.Ndcg[5] ?? double.NaN);
                Add(values, "ndcg_at_10", m.Ndcg[10] ?? double.NaN);
                Add(values, "recall_at_5", m.Recall[5] ?? double.NaN);
                Add(values, "recall_at_10", m.Recall[10] ?? double.NaN);
                Add(values, "seconds_per_fit", seconds);
                Add(values, "epochs_run", model.EpochLosses.Count);
                if (model.KernelGamma is { } g)
                {
                    Add(values, "kernel_gamma", g);
                    Add(values, "kernel_mean", model.KernelValues!.Mean);
                    Add(values, "kernel_min", model.KernelValues.Minimum);
                }
                progress?.WriteLine(FormattableString.Invariant(
                    $"{MethodName(method)} seed {seed}: auc {m.Auc:F4} ndcg@5 {m.Ndcg[5]:F4} mse {m.MeanSquaredError:F4} {seconds:F1} s, {model.EpochLosses.Count} epochs"));
            }
            summaries.Add(new DebiasingMethodSummary(MethodName(method),
                values.ToDictionary(kv => kv.Key, kv => new MetricSummary(kv.Value.Average(), Std(kv.Value)))));
        }
        string marSample = data.MarSample is not null
            ? $"the data set's separate MAR sample ({data.MarSample.Count} labels)"
            : FormattableString.Invariant($"{options.MarSampleFraction * 100:0.##}% of test labels{(options.HeldOut ? ", removed from the evaluation set" : " (paper protocol)")}");
        return new DebiasingBenchmarkResult(data, options, marSample, summaries);
    }

    private static void Add(Dictionary<string, List<double>> values, string key, double value) =>
        (values.TryGetValue(key, out var list) ? list : values[key] = new List<double>()).Add(value);

    private static double Std(List<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}

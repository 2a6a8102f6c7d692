using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MLNetExtensions.Debiasing.Benchmark;

/// <summary>Mean and sample standard deviation (0 for one value) of one metric over the seeds.</summary>
public readonly record struct MetricSummary(double Mean, double Std);

/// <summary>One method's metrics over the seeds, keyed by snake_case metric name (see <see cref="DebiasingBenchmark.MetricNames"/>).</summary>
/// <param name="Name">The method's snake_case name (e.g. "dr_jl").</param>
/// <param name="Metrics">Metric name to mean and std; also "epochs_run" and, for kernel methods, "kernel_gamma", "kernel_mean", "kernel_min".</param>
public sealed record DebiasingMethodSummary(string Name, IReadOnlyDictionary<string, MetricSummary> Metrics);

/// <summary>The outcome of <see cref="DebiasingBenchmark.Run"/>: the protocol and one summary per method.</summary>
public sealed class DebiasingBenchmarkResult
{
    internal DebiasingBenchmarkResult(DebiasingBenchmarkData data, DebiasingBenchmarkOptions options, string marSample, IReadOnlyList<DebiasingMethodSummary> methods)
    {
        Data = data.Name;
        Binarization = data.Binarization;
        Seeds = options.Seeds;
        Epochs = options.Epochs;
        TorchThreads = options.TorchThreads;
        MarSample = marSample;
        NormalizeBalancingWeights = options.NormalizeBalancingWeights;
        WeightDecay = options.WeightDecay;
        KernelFeatures = options.SuppliedKernelFeatures ? "supplied" : "pretrained_mf";
        Methods = methods;
    }

    /// <summary>The data set's name.</summary>
    public string Data { get; }

    /// <summary>How labels were binarised.</summary>
    public string Binarization { get; }

    /// <summary>Runs per method.</summary>
    public int Seeds { get; }

    /// <summary>Training epochs.</summary>
    public int Epochs { get; }

    /// <summary>libtorch threads set for the run (null: left alone).</summary>
    public int? TorchThreads { get; }

    /// <summary>Where the Naive-Bayes MAR sample came from.</summary>
    public string MarSample { get; }

    /// <summary>Whether kernel-balancing weights were normalised.</summary>
    public bool NormalizeBalancingWeights { get; }

    /// <summary>The weight decay used for every method, or null for each method's default.</summary>
    public double? WeightDecay { get; }

    /// <summary>Where kernel-balancing methods took their kernel features: "pretrained_mf" or "supplied" (the data set's side features).</summary>
    public string KernelFeatures { get; }

    /// <summary>Per method, in the order trained.</summary>
    public IReadOnlyList<DebiasingMethodSummary> Methods { get; }

    /// <summary>
    /// One JSON object: the protocol (data, seeds, torch_threads, epochs, binarization, mar_sample, no_positive_users,
    /// normalize_balancing_weights, weight_decay, kernel_features) and "methods": { name: { metric: { "mean", "std" } } }. NaN is written as null.
    /// </summary>
    public string ToJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("data", Data);
            w.WriteNumber("seeds", Seeds);
            if (TorchThreads is { } t) w.WriteNumber("torch_threads", t);
            else w.WriteNull("torch_threads");
            w.WriteNumber("epochs", Epochs);
            w.WriteString("binarization", Binarization);
            w.WriteString("mar_sample", MarSample);
            w.WriteString("no_positive_users", "count_as_one");
            w.WriteBoolean("normalize_balancing_weights", NormalizeBalancingWeights);
            w.WriteString("weight_decay", WeightDecay?.ToString(CultureInfo.InvariantCulture) ?? "method default");
            w.WriteString("kernel_features", KernelFeatures);
            w.WriteStartObject("methods");
            foreach (var method in Methods)
            {
                w.WriteStartObject(method.Name);
                foreach (var (key, value) in method.Metrics)
                {
                    w.WriteStartObject(key);
                    Number(w, "mean", value.Mean);
                    Number(w, "std", value.Std);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A readable table: one row per method, "mean ± std" per metric of <see cref="DebiasingBenchmark.MetricNames"/>.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"Debiasing benchmark: data {Data} (labels {Binarization}), {Seeds} seed(s), {Epochs} epochs, MAR sample: {MarSample}.\n");
        var headers = new[] { "method" }.Concat(DebiasingBenchmark.MetricNames).ToArray();
        var rows = Methods.Select(m => new[] { m.Name }.Concat(DebiasingBenchmark.MetricNames.Select(k =>
            m.Metrics.TryGetValue(k, out var v) ? Format(v, k == "seconds_per_fit" ? "F2" : "F4") : "-")).ToArray()).ToList();
        var widths = headers.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))).ToArray();
        sb.Append(string.Join("  ", headers.Select((h, c) => c == 0 ? h.PadRight(widths[c]) : h.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        foreach (var row in rows)
            sb.Append(string.Join("  ", row.Select((v, c) => c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        return sb.ToString();

        static string Format(MetricSummary v, string format) =>
            double.IsNaN(v.Mean) ? "n/a" : $"{v.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {v.Std.ToString(format, CultureInfo.InvariantCulture)}";
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}

using System.Diagnostics;
using MLNetExtensions.Distillation.Benchmarking;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The MTARD measurement of docs/distillation.md: <see cref="DistillationBenchmark"/> with the robust methods on the
/// generated binary task and on UCI Adult (when present), 3 seeds, one libtorch thread: LightGBM clean teacher, PGD-trained
/// MLP 64-64 robust teacher, and the 32-32 students plain, kd, reverse_kl, bdkd, adversarial (plain PGD adversarial
/// training), robust_kd (single-teacher robust distillation) and mtard; clean and PGD-20 accuracy, calibration, size,
/// latency and training rows/s. Run: <c>dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- mtard-study [seeds] [synthetic|adult]</c>.
/// </summary>
public static class MtardStudy
{
    public static void Run(TextWriter output, int seeds = 3, string? only = null)
    {
        TorchSharp.torch.set_num_threads(1);
        var clock = Stopwatch.StartNew();
        foreach (var data in new[] { DistillationBenchmarkData.Synthetic, DistillationBenchmarkData.Adult })
        {
            if (only is not null && !string.Equals(only, data.ToString(), StringComparison.OrdinalIgnoreCase))
                continue;
            if (data == DistillationBenchmarkData.Adult && DistillationBenchmark.FindAdult(null, out string reason) is null)
            {
                output.WriteLine($"Adult skipped: {reason}");
                continue;
            }
            var start = clock.Elapsed;
            var result = DistillationBenchmark.Run(new DistillationBenchmarkOptions { Data = data, Seeds = seeds }, output);
            output.WriteLine(result.ToTable());
            output.WriteLine($"({(clock.Elapsed - start).TotalSeconds:F0} s)");
            output.WriteLine(result.ToJson());
            output.WriteLine();
        }
        output.WriteLine($"Total {clock.Elapsed.TotalSeconds:F0} s.");
    }
}

using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// Calibration metrics from memory. Binned pass (<see cref="BinnedCalibrationAccumulator"/>, 15 equal-width bins,
/// every value checked) over 10 million rows against the baseline: a vectorised sum of the same two arrays, i.e. a
/// plain memory-bandwidth read. KS and smooth ECE, which need all scores, over 1 million rows.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CalibrationMetricsBenchmark
{
    public const int Rows = 10_000_000;
    public const int HeldRows = 1_000_000;

    private double[] _probabilities = null!;
    private float[] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sample = new SyntheticCalibrationData(slope: 1.5, intercept: 0.2).Draw(Rows, seed: 1);
        _probabilities = sample.Probabilities;
        _labels = sample.Labels;
    }

    [Benchmark(Baseline = true, Description = "plain read: sum of both arrays (10M rows)")]
    public double PlainRead()
    {
        var p = _probabilities.AsSpan();
        var y = _labels.AsSpan();
        var sumP = Vector<double>.Zero;
        var sumY = Vector<float>.Zero;
        int i = 0;
        for (; i <= p.Length - Vector<double>.Count; i += Vector<double>.Count)
            sumP += new Vector<double>(p.Slice(i));
        int j = 0;
        for (; j <= y.Length - Vector<float>.Count; j += Vector<float>.Count)
            sumY += new Vector<float>(y.Slice(j));
        double total = Vector.Sum(sumP) + Vector.Sum(sumY);
        for (; i < p.Length; i++) total += p[i];
        for (; j < y.Length; j++) total += y[j];
        return total;
    }

    [Benchmark(Description = "binned accumulator, 15 bins (10M rows)")]
    public double Binned()
    {
        var accumulator = new BinnedCalibrationAccumulator(15);
        accumulator.Add(_probabilities, _labels);
        return accumulator.Ece + accumulator.Brier;
    }

    [Benchmark(Description = "KS calibration error (1M rows, sorts)")]
    public double Ks() => KsCalibrationError.Compute(_probabilities.AsSpan(0, HeldRows), _labels.AsSpan(0, HeldRows));

    [Benchmark(Description = "smooth ECE (1M rows)")]
    public double SmoothEce() => SmoothCalibrationError.Compute(_probabilities.AsSpan(0, HeldRows), _labels.AsSpan(0, HeldRows));
}

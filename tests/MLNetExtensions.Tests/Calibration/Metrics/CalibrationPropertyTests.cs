using FsCheck;
using FsCheck.Xunit;
using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>Invariants that hold for every input (FsCheck draws the size, seed and settings).</summary>
public class CalibrationPropertyTests
{
    private static CalibrationEvaluationOptions Options(byte bins, bool equalMass, bool rightClosed) => new()
    {
        NumberOfBins = 1 + bins % 30,
        Binning = equalMass ? BinningStrategy.EqualMass : BinningStrategy.EqualWidth,
        BinEdges = rightClosed ? BinEdgeConvention.RightClosed : BinEdgeConvention.LeftClosed,
    };

    [Property(MaxTest = 60)]
    public bool NormsAreOrdered(PositiveInt n, int seed, byte bins, bool equalMass, bool rightClosed)
    {
        var (p, y) = MetricGenerators.Binary(1 + n.Get % 300, seed);
        var m = CalibrationEvaluator.EvaluateBinary(p, y, Options(bins, equalMass, rightClosed));
        const double e = 1e-12;
        return 0 <= m.Ece && m.Ece <= m.Rmsce + e && m.Rmsce <= m.Mce + e && m.Mce <= 1
               && m.Ace <= m.Mce + e && m.DebiasedL2Ece >= 0 && m.Ks <= 1 && m.SmoothEce >= 0 && m.SmoothEce <= 1;
    }

    [Property(MaxTest = 60)]
    public bool BrierDecompositionIsExact(PositiveInt n, int seed, byte bins, bool equalMass)
    {
        var (p, y) = MetricGenerators.Binary(1 + n.Get % 300, seed);
        var options = Options(bins, equalMass, false);
        options.BinnedOnly = !equalMass; // KS and smooth ECE play no part here
        var m = CalibrationEvaluator.EvaluateBinary(p, y, options);
        return Math.Abs(m.Brier - (m.BrierReliability - m.BrierResolution + m.BrierUncertainty + m.BrierWithinBinVariance - m.BrierWithinBinCovariance)) < 1e-12;
    }

    [Property(MaxTest = 60)]
    public bool BrierIsRelMinusResPlusUncWhenEachBinHoldsOneValue(PositiveInt n, int seed, byte binsRaw)
    {
        // Forecasts only at bin centres, so every bin holds a single distinct value and the within-bin terms vanish.
        int bins = 1 + binsRaw % 20;
        var random = new Random(seed);
        int count = 1 + n.Get % 300;
        var p = Enumerable.Range(0, count).Select(_ => (random.Next(bins) + 0.5) / bins).ToArray();
        var y = p.Select(v => random.NextDouble() < v ? 1f : 0f).ToArray();
        var m = CalibrationEvaluator.EvaluateBinary(p, y, new CalibrationEvaluationOptions { NumberOfBins = bins, BinnedOnly = true });
        return Math.Abs(m.Brier - (m.BrierReliability - m.BrierResolution + m.BrierUncertainty)) < 1e-12
               && m.BrierWithinBinVariance < 1e-12 && Math.Abs(m.BrierWithinBinCovariance) < 1e-12;
    }

    [Property(MaxTest = 60)]
    public bool BalanceIsBoundedByTopLabelEce(PositiveInt n, int seed, byte bins, bool equalMass, bool rightClosed)
    {
        var (p, y) = MetricGenerators.Binary(1 + n.Get % 300, seed);
        var m = CalibrationEvaluator.EvaluateBinary(p, y, Options(bins, equalMass, rightClosed));
        var (mp, my) = MetricGenerators.Multiclass(1 + n.Get % 200, 3, seed);
        var mm = CalibrationEvaluator.EvaluateMulticlass(mp, 3, my, Options(bins, equalMass, rightClosed));
        return Math.Abs(m.Balance) <= m.TopLabelEce + 1e-12 && Math.Abs(mm.Balance) <= mm.Ece + 1e-12;
    }

    [Property(MaxTest = 40)]
    public bool BinaryMetricsDoNotDependOnRowOrder(PositiveInt n, int seed, byte bins, bool equalMass, bool rightClosed)
    {
        var (p, y) = MetricGenerators.Binary(1 + n.Get % 300, seed);
        var order = MetricGenerators.Permutation(p.Length, seed + 1);
        var options = Options(bins, equalMass, rightClosed);
        var a = CalibrationEvaluator.EvaluateBinary(p, y, options).Scalars().ToArray();
        var b = CalibrationEvaluator.EvaluateBinary(MetricGenerators.Shuffle(p, order), MetricGenerators.Shuffle(y, order), options).Scalars().ToArray();
        return a.Zip(b).All(pair => pair.First.Name == pair.Second.Name
            && (double.IsNaN(pair.First.Value) ? double.IsNaN(pair.Second.Value) : Math.Abs(pair.First.Value - pair.Second.Value) < 1e-12));
    }

    [Property(MaxTest = 40)]
    public bool MulticlassMetricsDoNotDependOnRowOrder(PositiveInt n, int seed, byte bins, bool equalMass)
    {
        const int classes = 4;
        var (p, y) = MetricGenerators.Multiclass(1 + n.Get % 200, classes, seed);
        var order = MetricGenerators.Permutation(y.Length, seed + 1);
        var shuffled = order.SelectMany(i => p.Skip(i * classes).Take(classes)).ToArray();
        var options = Options(bins, equalMass, false);
        var a = CalibrationEvaluator.EvaluateMulticlass(p, classes, y, options);
        var b = CalibrationEvaluator.EvaluateMulticlass(shuffled, classes, MetricGenerators.Shuffle(y, order), options);
        return a.Scalars().Zip(b.Scalars()).All(pair => Math.Abs(pair.First.Value - pair.Second.Value) < 1e-12)
               && a.Brier >= 0 && a.Brier <= 2 && a.Ece <= a.Mce + 1e-12
               && Math.Abs(a.Brier - (a.BrierReliability - a.BrierResolution + a.BrierUncertainty + a.BrierWithinBinVariance - a.BrierWithinBinCovariance)) < 1e-12;
    }

    [Property(MaxTest = 60)]
    public bool BulkSingleAndMergedAccumulationAgree(PositiveInt n, int seed, byte bins, bool rightClosed)
    {
        var (p, y) = MetricGenerators.Binary(1 + n.Get % 300, seed);
        var convention = rightClosed ? BinEdgeConvention.RightClosed : BinEdgeConvention.LeftClosed;
        int b = 1 + bins % 30, half = p.Length / 2;
        var bulk = new BinnedCalibrationAccumulator(b, convention);
        bulk.Add(p, y);
        var single = new BinnedCalibrationAccumulator(b, convention);
        for (int i = 0; i < p.Length; i++) single.Add(p[i], y[i] == 1f);
        var first = new BinnedCalibrationAccumulator(b, convention);
        first.Add(p.AsSpan(0, half), y.AsSpan(0, half));
        var second = new BinnedCalibrationAccumulator(b, convention);
        second.Add(p.AsSpan(half), y.AsSpan(half));
        first.Merge(second);
        bool Same(BinnedCalibrationAccumulator x) =>
            x.Count == bulk.Count && Math.Abs(x.Ece - bulk.Ece) < 1e-12 && Math.Abs(x.Brier - bulk.Brier) < 1e-12
            && x.GetReliabilityCurve().Bins.Select(c => c.Count).SequenceEqual(bulk.GetReliabilityCurve().Bins.Select(c => c.Count));
        return Same(single) && Same(first);
    }

    [Property(MaxTest = 60)]
    public bool KsAndSmoothEceBoundTheMeanResidual(PositiveInt n, int seed)
    {
        // KS includes the last partial sum and smECE_sigma >= |integral of the smoothed residual| = |mean(p - y)|.
        var (p, y) = MetricGenerators.Binary(1 + n.Get % 300, seed);
        double meanResidual = Math.Abs(p.Zip(y, (a, b) => a - b).Average());
        var m = CalibrationEvaluator.EvaluateBinary(p, y);
        return m.Ks >= meanResidual - 1e-12 && m.SmoothEce >= meanResidual - 1e-9;
    }

    [Xunit.Fact]
    public void BulkAddAllocatesNothingPerRow()
    {
        var (p, y) = MetricGenerators.Binary(200_000, seed: 1);
        var accumulator = new BinnedCalibrationAccumulator(15);
        accumulator.Add(p.AsSpan(0, 10), y.AsSpan(0, 10)); // JIT and first-call allocations out of the way

        long before = GC.GetAllocatedBytesForCurrentThread();
        accumulator.Add(p, y);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Xunit.Assert.InRange(allocated, 0, 1_024);
        Xunit.Assert.Equal(200_010, accumulator.Count);
    }
}

using FsCheck.Xunit;
using MLNetExtensions.Calibration.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>The bin-edge rule at exactly 0.0, 0.5 and 1.0, and the fast path agreeing with the exact edges.</summary>
public class BinEdgeTests
{
    private static long[] Counts(double p, int bins, BinEdgeConvention convention)
    {
        var accumulator = new BinnedCalibrationAccumulator(bins, convention);
        accumulator.Add([p], [1f]);
        return accumulator.GetReliabilityCurve().Bins.Select(b => b.Count).ToArray();
    }

    [Theory]
    // LeftClosed [a, b), last bin closed (netcal, torchmetrics).
    [InlineData(0.0, 2, BinEdgeConvention.LeftClosed, 0)]
    [InlineData(0.5, 2, BinEdgeConvention.LeftClosed, 1)]
    [InlineData(1.0, 2, BinEdgeConvention.LeftClosed, 1)]
    [InlineData(0.5, 10, BinEdgeConvention.LeftClosed, 5)]
    [InlineData(1.0, 15, BinEdgeConvention.LeftClosed, 14)]
    // RightClosed (a, b], first bin closed (scikit-learn calibration_curve).
    [InlineData(0.0, 2, BinEdgeConvention.RightClosed, 0)]
    [InlineData(0.5, 2, BinEdgeConvention.RightClosed, 0)]
    [InlineData(1.0, 2, BinEdgeConvention.RightClosed, 1)]
    [InlineData(0.5, 10, BinEdgeConvention.RightClosed, 4)]
    [InlineData(0.0, 15, BinEdgeConvention.RightClosed, 0)]
    public void ValuesOnEdgesFollowTheConvention(double p, int bins, BinEdgeConvention convention, int expectedBin)
    {
        var counts = Counts(p, bins, convention);

        Assert.Equal(1, counts[expectedBin]);
        Assert.Equal(1, counts.Sum());
        Assert.Equal(expectedBin, new BinnedCalibrationAccumulator(bins, convention).BinIndex(p));
    }

    [Fact]
    public void EveryInnerEdgeGoesUpUnderLeftClosedAndDownUnderRightClosed()
    {
        for (int bins = 1; bins <= 60; bins++)
        {
            var edges = BinnedCalibrationAccumulator.EqualWidthEdges(bins);
            for (int k = 1; k < bins; k++)
            {
                Assert.Equal(1, Counts(edges[k], bins, BinEdgeConvention.LeftClosed)[k]);
                Assert.Equal(1, Counts(edges[k], bins, BinEdgeConvention.RightClosed)[k - 1]);
                // The next double down stays below the edge in both conventions.
                Assert.Equal(1, Counts(Math.BitDecrement(edges[k]), bins, BinEdgeConvention.LeftClosed)[k - 1]);
                Assert.Equal(1, Counts(Math.BitIncrement(edges[k]), bins, BinEdgeConvention.RightClosed)[k]);
            }
        }
    }

    [Property(MaxTest = 200)]
    public bool FastPathAgreesWithBinarySearch(int raw, byte binsRaw, bool rightClosed)
    {
        int bins = 1 + binsRaw % 40;
        double p = (raw & 0x7fffffff) % 100_001 / 100_000.0;
        var convention = rightClosed ? BinEdgeConvention.RightClosed : BinEdgeConvention.LeftClosed;
        var accumulator = new BinnedCalibrationAccumulator(bins, convention);
        return Array.IndexOf(Counts(p, bins, convention), 1L) == accumulator.BinIndex(p);
    }
}

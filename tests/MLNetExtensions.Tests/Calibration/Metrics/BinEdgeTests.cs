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
    public void NegativeZeroIsAValidZero()
    {
        Assert.Equal(1, Counts(-0.0, 15, BinEdgeConvention.LeftClosed)[0]);
        Assert.Equal(1, Counts(-0.0, 15, BinEdgeConvention.RightClosed)[0]);
    }

    [Theory]
    // numpy.linspace(0, 1, 11) has 6 * 0.1 = 0.6000000000000001 as edge 6, so the decimal 0.6 lies just below it,
    // in bin 5 under both conventions, exactly as in scikit-learn; 0.5 is exact: bin 5 ([.5,.6)) or 4 ((.4,.5]).
    [InlineData(0.6, BinEdgeConvention.LeftClosed, 5)]
    [InlineData(0.6, BinEdgeConvention.RightClosed, 5)]
    [InlineData(0.8, BinEdgeConvention.LeftClosed, 8)]
    [InlineData(0.8, BinEdgeConvention.RightClosed, 7)]
    [InlineData(0.5, BinEdgeConvention.LeftClosed, 5)]
    [InlineData(0.5, BinEdgeConvention.RightClosed, 4)]
    public void TenBinEdgesAreNumpyLinspace(double p, BinEdgeConvention convention, int expectedBin)
    {
        Assert.Equal(0.6000000000000001, BinnedCalibrationAccumulator.EqualWidthEdges(10)[6]);
        Assert.Equal(1, Counts(p, 10, convention)[expectedBin]);
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

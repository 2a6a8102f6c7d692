using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class HistogramBinningTests
{
    /// <summary>
    /// 12 scores 1..12 in 3 equal-mass bins: cuts after ranks 4 and 8, thresholds 4.5 and 8.5 (midpoints).
    /// Labels: bin 1 (1..4) has 1 positive, bin 2 (5..8) 2, bin 3 (9..12) 4, so the bins map to 1/4, 2/4, 4/4.
    /// </summary>
    [Fact]
    public void MapsToHandComputedBinFrequencies()
    {
        var ml = new MLContext(1);
        var labels = new[] { 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1 };
        var rows = labels.Select((y, i) => new CalibrationTestData.ScoreRow { Score = i + 1, Label = y == 1 }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Calibration().Calibrators.HistogramBinning(numberOfBins: 3).Fit(data);

        Assert.Equal(new[] { 4.5, 8.5 }, model.Thresholds);
        Assert.Equal(new[] { 0.25, 0.5, 1.0 }, model.BinValues);
        Assert.Equal(new[] { 4, 4, 4 }, model.Counts);
        Assert.Equal(0.25, model.Calibrate(-100f));
        Assert.Equal(0.25, model.Calibrate(4.5f)); // upper edges are closed
        Assert.Equal(0.5, model.Calibrate(4.6f));
        Assert.Equal(1.0, model.Calibrate(1000f));
        var output = model.Transform(data).GetColumn<float>("Probability").ToArray();
        Assert.Equal(new[] { .25f, .25f, .25f, .25f, .5f, .5f, .5f, .5f, 1f, 1f, 1f, 1f }, output);
    }

    /// <summary>
    /// Ties never split: scores {1,1,1,1,1,2,3,4} in 2 bins cut after rank 4 where 1 ties 1, so the threshold is 1
    /// and bin 1 holds all five 1s (2 positives: 2/5), bin 2 holds 2, 3, 4 (3 positives: 3/3).
    /// With PriorStrength 2 and PriorMean 0.5 (Laplace) the values become 3/7 and 4/5.
    /// </summary>
    [Fact]
    public void TiesStayInOneBinAndSmoothingIsLaplace()
    {
        var ml = new MLContext(1);
        var scores = new float[] { 1, 1, 1, 1, 1, 2, 3, 4 };
        var labels = new[] { 1, 0, 1, 0, 0, 1, 1, 1 };
        var data = ml.Data.LoadFromEnumerable(scores.Select((s, i) => new CalibrationTestData.ScoreRow { Score = s, Label = labels[i] == 1 }));
        var plain = ml.Calibration().Calibrators.HistogramBinning(numberOfBins: 2).Fit(data);
        Assert.Equal(new[] { 1.0 }, plain.Thresholds);
        Assert.Equal(new[] { 5, 3 }, plain.Counts);
        Assert.Equal(new[] { 0.4, 1.0 }, plain.BinValues);

        var laplace = ml.Calibration().Calibrators.HistogramBinning(new HistogramBinningOptions
        {
            NumberOfBins = 2, PriorStrength = 2, PriorMean = 0.5,
        }).Fit(data);
        Assert.Equal(3.0 / 7, laplace.BinValues[0], 12);
        Assert.Equal(4.0 / 5, laplace.BinValues[1], 12);
    }

    /// <summary>All scores equal: every cut repeats the same threshold, so one bin remains, mapping to the base rate 3/8.</summary>
    [Fact]
    public void IdenticalScoresCollapseToOneBin()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new CalibrationTestData.ScoreRow { Score = 0.3f, Label = i < 3 }));
        var model = ml.Calibration().Calibrators.HistogramBinning(numberOfBins: 4).Fit(data);
        Assert.Equal(new[] { 0.375 }, model.BinValues);
    }
}

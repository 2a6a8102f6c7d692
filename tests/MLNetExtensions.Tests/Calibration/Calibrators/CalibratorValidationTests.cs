using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using MLNetExtensions.Data;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class CalibratorValidationTests
{
    private sealed class IntScoreRow
    {
        public int Score { get; set; }
        public bool Label { get; set; }
    }

    private static IDataView Scores(MLContext ml, float[] scores, float[] labels) =>
        ml.Data.LoadFromEnumerable(scores.Select((s, i) => new CalibrationTestData.ProbabilityRow { Probability = s, Label = labels[i] }));

    private static BinaryCalibratorOptions OnProbability(bool isProbability) => new()
    {
        ScoreColumnName = "Probability", ScoreIsProbability = isProbability, ProbabilityColumnName = "Calibrated",
    };

    [Fact]
    public void MissingScoreColumnIsNamed()
    {
        var ml = new MLContext(1);
        var data = Scores(ml, new[] { 0.2f, 0.8f }, new[] { 0f, 1f });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Calibration().Calibrators.Temperature().Fit(data));
        Assert.Contains("'Score'", e.Message);
        Assert.Contains("'Probability'", e.Message); // lists the columns present
    }

    [Fact]
    public void WrongScoreTypeIsNamed()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new IntScoreRow { Score = 1, Label = true }, new IntScoreRow { Score = 0 } });
        var e = Assert.Throws<ArgumentException>(() => ml.Calibration().Calibrators.Beta().Fit(data));
        Assert.Contains("Score column 'Score'", e.Message);
    }

    [Fact]
    public void NaNScoreNamesColumnAndRow()
    {
        var ml = new MLContext(1);
        var data = Scores(ml, new[] { 0.2f, 0.8f, float.NaN, 0.4f }, new[] { 0f, 1f, 1f, 0f });
        var e = Assert.Throws<DataValidationException>(() => ml.Calibration().Calibrators.Temperature(OnProbability(false)).Fit(data));
        Assert.Equal("Probability", e.ColumnName);
        Assert.Equal(2, e.Row);
    }

    [Fact]
    public void ProbabilityOutsideUnitIntervalNamesColumnAndRow()
    {
        var ml = new MLContext(1);
        var data = Scores(ml, new[] { 0.2f, 1.5f, 0.4f }, new[] { 0f, 1f, 0f });
        var e = Assert.Throws<DataValidationException>(() => ml.Calibration().Calibrators.HistogramBinning(new HistogramBinningOptions
        {
            ScoreColumnName = "Probability", ScoreIsProbability = true, ProbabilityColumnName = "Calibrated",
        }).Fit(data));
        Assert.Equal(1, e.Row);
        Assert.Contains("[0, 1]", e.Message);
    }

    [Fact]
    public void LabelOtherThanZeroOrOneNamesColumnAndRow()
    {
        var ml = new MLContext(1);
        var data = Scores(ml, new[] { 0.2f, 0.8f, 0.4f }, new[] { 0f, 1f, 2f });
        var e = Assert.Throws<DataValidationException>(() => ml.Calibration().Calibrators.Temperature(OnProbability(true)).Fit(data));
        Assert.Equal("Label", e.ColumnName);
        Assert.Equal(2, e.Row);
    }

    [Fact]
    public void EmptyDataIsAClearError()
    {
        var ml = new MLContext(1);
        var data = Scores(ml, Array.Empty<float>(), Array.Empty<float>());
        Assert.Contains("no rows", Assert.Throws<DataValidationException>(() => ml.Calibration().Calibrators.Beta(OnProbability(true)).Fit(data)).Message);
    }

    /// <summary>With a single class there is nothing to calibrate against: every calibrator refuses, naming the label column.</summary>
    [Fact]
    public void SingleClassIsRejected()
    {
        var ml = new MLContext(1);
        var data = Scores(ml, new[] { 0.2f, 0.8f, 0.4f }, new[] { 1f, 1f, 1f });
        var e = Assert.Throws<DataValidationException>(() => ml.Calibration().Calibrators.Temperature(OnProbability(true)).Fit(data));
        Assert.Equal("Label", e.ColumnName);
        Assert.Contains("single class", e.Message);
    }

    [Fact]
    public void MulticlassScoreWidthMustMatchTheLabel()
    {
        var ml = new MLContext(1);
        var rows = TestDataWithKeyCount4();
        var e = Assert.Throws<ArgumentException>(() => ml.Calibration().Calibrators.VectorScaling().Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Score column 'Score' has 3 values", e.Message);
    }

    [Fact]
    public void NaNAtScoringTimeIsAnErrorNotASilentNaN()
    {
        var ml = new MLContext(1);
        var fit = Scores(ml, new[] { 0.2f, 0.8f, 0.4f, 0.9f }, new[] { 0f, 1f, 0f, 1f });
        var model = ml.Calibration().Calibrators.Temperature(OnProbability(true)).Fit(fit);
        var bad = Scores(ml, new[] { 0.2f, float.NaN }, new[] { 0f, 1f });
        var e = Assert.Throws<DataValidationException>(() => model.Transform(bad).GetColumn<float>("Calibrated").ToArray());
        Assert.Equal("Probability", e.ColumnName);
        Assert.Equal(1, e.Row);
    }

    [Fact]
    public void InvalidOptionsAreNamed()
    {
        var ml = new MLContext(1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Calibration().Calibrators.HistogramBinning(numberOfBins: 0));
        Assert.Equal("NumberOfBins", e.ParamName);
    }

    private sealed class FourClassRow
    {
        [VectorType(3)] public float[] Score { get; set; } = { 0.2f, 0.3f, 0.5f };
        [KeyType(4)] public uint Label { get; set; }
    }

    private static FourClassRow[] TestDataWithKeyCount4() => new[] { new FourClassRow { Label = 0 }, new FourClassRow { Label = 1 } };
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Data;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>Every kind of bad input gets an error that names the column and the row.</summary>
public class CalibrationInputValidationTests
{
    private static DataValidationException Binary(double[] p, float[] y, CalibrationEvaluationOptions? options = null) =>
        Assert.Throws<DataValidationException>(() => CalibrationEvaluator.EvaluateBinary(p, y, options));

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1.5, "1.5")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(double.PositiveInfinity, "[0, 1]")]
    public void BadProbabilityNamesColumnAndRow(double bad, string shown)
    {
        foreach (var binning in new[] { BinningStrategy.EqualWidth, BinningStrategy.EqualMass })
        {
            var error = Binary([0.2, 0.4, 0.6, bad], [0, 1, 0, 1], new CalibrationEvaluationOptions { Binning = binning });

            Assert.Equal("Probability", error.ColumnName);
            Assert.Equal(3, error.Row);
            Assert.Contains("'Probability'", error.Message);
            Assert.Contains("row 3", error.Message);
            Assert.Contains(shown, error.Message);
        }
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(0.5f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void BinaryLabelOtherThanZeroOrOneNamesColumnAndRow(float bad)
    {
        var error = Binary([0.2, 0.4], [0, bad]);

        Assert.Equal("Label", error.ColumnName);
        Assert.Equal(1, error.Row);
        Assert.Contains("0 or 1", error.Message);
    }

    [Fact]
    public void MismatchedLengthsNameTheShorterColumn()
    {
        var error = Binary([0.2, 0.4, 0.6], [0, 1]);

        Assert.Equal("Label", error.ColumnName);
        Assert.Equal(2, error.Row);
        Assert.Contains("3 rows", error.Message);

        var multi = Assert.Throws<DataValidationException>(() => CalibrationEvaluator.EvaluateMulticlass([0.5, 0.5, 0.5, 0.5], 2, [0, 1, 1]));
        Assert.Equal("Score", multi.ColumnName);
        Assert.Equal(2, multi.Row);
        var ragged = Assert.Throws<DataValidationException>(() => CalibrationEvaluator.EvaluateMulticlass([0.5, 0.5, 1.0], 2, [0, 1]));
        Assert.Contains("not a multiple", ragged.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AccumulatorKeepsTheRowsBeforeABadOne(bool badLabel)
    {
        var accumulator = new BinnedCalibrationAccumulator(10);
        accumulator.Add(new double[100], new float[100]);
        var p = Enumerable.Repeat(0.3, 5_000).ToArray();
        var y = new float[5_000];
        if (badLabel) y[4_321] = 3f; else p[4_321] = -0.5;

        var error = Assert.Throws<DataValidationException>(() => accumulator.Add(p, y));

        Assert.Equal(100 + 4_321, error.Row);
        Assert.Equal(badLabel ? "Label" : "Probability", error.ColumnName);
        Assert.Equal(100 + 4_321, accumulator.Count);
        Assert.Equal(100 + 4_321, accumulator.GetReliabilityCurve().Bins.Sum(b => b.Count));
    }

    [Fact]
    public void EmptyInputIsAnError()
    {
        var error = Binary([], []);
        Assert.Contains("no rows", error.Message);
    }

    [Fact]
    public void MulticlassRowNotSummingToOneNamesColumnAndRow()
    {
        double[] p = [0.5, 0.5, 0.0, 0.3, 0.3, 0.3];

        var error = Assert.Throws<DataValidationException>(() => CalibrationEvaluator.EvaluateMulticlass(p, 3, [0, 1]));

        Assert.Equal("Score", error.ColumnName);
        Assert.Equal(1, error.Row);
        Assert.Contains("sums to 0.8999", error.Message);
        Assert.Contains("ProbabilitySumTolerance", error.Message);
        // A looser tolerance accepts the row.
        var m = CalibrationEvaluator.EvaluateMulticlass(p, 3, [0, 1], new CalibrationEvaluationOptions { ProbabilitySumTolerance = 0.2 });
        Assert.Equal(2, m.Count);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void MulticlassLabelOutOfRangeNamesColumnAndRow(int bad)
    {
        var error = Assert.Throws<DataValidationException>(() => CalibrationEvaluator.EvaluateMulticlass([1.0, 0, 0, 0, 1.0, 0], 3, [0, bad]));

        Assert.Equal("Label", error.ColumnName);
        Assert.Equal(1, error.Row);
        Assert.Contains("[0, 2]", error.Message);
    }

    [Fact]
    public void MulticlassNaNProbabilityNamesColumnRowAndClass()
    {
        var error = Assert.Throws<DataValidationException>(() => CalibrationEvaluator.EvaluateMulticlass([1.0, 0, double.NaN, 1.0], 2, [0, 1]));

        Assert.Equal("Score", error.ColumnName);
        Assert.Equal(1, error.Row);
        Assert.Contains("class 0", error.Message);
    }

    [Fact]
    public void BadOptionsNameTheOption()
    {
        Assert.Contains("NumberOfBins", Assert.Throws<ArgumentOutOfRangeException>(() =>
            CalibrationEvaluator.EvaluateBinary([0.5], [1], new CalibrationEvaluationOptions { NumberOfBins = 0 })).Message);
        Assert.Contains("ConfidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() =>
            CalibrationEvaluator.EvaluateBinary([0.5], [1], new CalibrationEvaluationOptions { ConfidenceLevel = 1 })).Message);
        Assert.Contains("ReservoirSize", Assert.Throws<ArgumentException>(() =>
            CalibrationEvaluator.EvaluateBinary([0.5], [1], new CalibrationEvaluationOptions { ReservoirSize = 10, Binning = BinningStrategy.EqualMass })).Message);
        Assert.Contains("ReservoirSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            CalibrationEvaluator.EvaluateBinary([0.5], [1], new CalibrationEvaluationOptions { ReservoirSize = -1 })).Message);
        Assert.Contains("BinnedOnly", Assert.Throws<ArgumentException>(() =>
            CalibrationEvaluator.EvaluateBinary([0.5], [1], new CalibrationEvaluationOptions { BinnedOnly = true, Binning = BinningStrategy.EqualMass })).Message);
    }

    private sealed class BinaryRow
    {
        public float Label { get; set; }
        public float Probability { get; set; }
        public string Text { get; set; } = "";
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DataViewErrorsCountRowsAcrossBlocks(bool binnedOnly)
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 10_000).Select(i => new BinaryRow { Label = i % 2, Probability = 0.5f }).ToArray();
        rows[9_001].Probability = float.NaN;
        var data = ml.Data.LoadFromEnumerable(rows);

        var error = Assert.Throws<DataValidationException>(() => ml.Calibration().EvaluateBinary(data, options: new CalibrationEvaluationOptions { BinnedOnly = binnedOnly }));

        Assert.Equal("Probability", error.ColumnName);
        Assert.Equal(9_001, error.Row);
    }

    [Fact]
    public void DataViewSchemaProblemsNameTheColumn()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new BinaryRow { Label = 1, Probability = 0.5f, Text = "a" } });

        Assert.Contains("'Missing'", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Calibration().EvaluateBinary(data, probabilityColumnName: "Missing")).Message);
        Assert.Contains("'Text'", Assert.Throws<ArgumentException>(() => ml.Calibration().EvaluateBinary(data, labelColumnName: "Text")).Message);
        Assert.Contains("'Probability'", Assert.Throws<ArgumentException>(() => ml.Calibration().EvaluateMulticlass(data, scoreColumnName: "Probability")).Message);
    }

    private sealed class KeyRow
    {
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void MissingKeyLabelNamesColumnAndRow()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[]
        {
            // LoadFromEnumerable maps a [KeyType(3)] property 0..2 to keys 1..3 and anything else to the missing key 0.
            new KeyRow { Label = 0, Score = [1f, 0f, 0f] },
            new KeyRow { Label = 7, Score = [1f, 0f, 0f] },
        });

        var error = Assert.Throws<DataValidationException>(() => ml.Calibration().EvaluateMulticlass(data));

        Assert.Equal("Label", error.ColumnName);
        Assert.Equal(1, error.Row);
        Assert.Contains("missing key", error.Message);
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Core.Data;

/// <summary>Bad input gets an error naming the column, the row or the option.</summary>
public class DataValidationTests
{
    private static readonly TorchMlpOptions OneEpoch = new() { NumberOfEpochs = 1, HiddenLayers = new[] { 4 } };

    [Fact]
    public void MissingColumnIsNamed()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TestData.Ring(10, 1));
        var options = OneEpoch.Clone();
        options.FeatureColumnName = "Pixels";
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Torch().MlpBinaryClassifier(options).Fit(data));
        Assert.Contains("'Pixels'", e.Message);
        Assert.Contains("'Features'", e.Message); // lists what is there
    }

    [Fact]
    public void WrongColumnTypeIsNamed()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TestData.Sectors(10, 1));
        // String label for binary classification.
        var e = Assert.Throws<ArgumentException>(() => ml.Torch().MlpBinaryClassifier(OneEpoch).Fit(data));
        Assert.Contains("Label column 'Label'", e.Message);
        // Multiclass without MapValueToKey says what to add.
        var m = Assert.Throws<ArgumentException>(() => ml.Torch().MlpMulticlassClassifier(OneEpoch).Fit(data));
        Assert.Contains("MapValueToKey", m.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteFeatureNamesColumnAndRow(float bad)
    {
        var ml = new MLContext(1);
        var rows = TestData.Ring(20, 1);
        rows[13].Features[2] = bad;
        var e = Assert.Throws<DataValidationException>(() => ml.Torch().MlpBinaryClassifier(OneEpoch).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Features", e.ColumnName);
        Assert.Equal(13, e.Row);
        Assert.Contains("row 13", e.Message);
    }

    [Fact]
    public void NonFiniteFeatureAtScoringTimeIsReported()
    {
        var ml = new MLContext(1);
        var rows = TestData.Ring(20, 1);
        var model = ml.Torch().MlpBinaryClassifier(OneEpoch).Fit(ml.Data.LoadFromEnumerable(rows));
        rows[5].Features[0] = float.NaN;
        var e = Assert.Throws<DataValidationException>(() => model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score").ToArray());
        Assert.Equal(5, e.Row);
    }

    [Fact]
    public void EmptyDataIsRejected()
    {
        var ml = new MLContext(1);
        var e = Assert.Throws<DataValidationException>(() =>
            ml.Torch().MlpBinaryClassifier(OneEpoch).Fit(ml.Data.LoadFromEnumerable(new List<TestData.BinaryRow>())));
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void BinaryLabelOutOfRangeNamesRow()
    {
        var ml = new MLContext(1);
        var rows = TestData.Wave(10, 1);
        foreach (var r in rows) r.Label = 1;
        rows[4].Label = 2;
        var e = Assert.Throws<DataValidationException>(() => ml.Torch().MlpBinaryClassifier(OneEpoch).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Label", e.ColumnName);
        Assert.Equal(4, e.Row);
    }

    [Fact]
    public void MissingMulticlassKeyIsRejected()
    {
        var ml = new MLContext(1);
        var train = ml.Data.LoadFromEnumerable(TestData.Sectors(30, 1).Where(r => r.Label != "blue"));
        var keyMap = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        // "blue" is not in the key dictionary learned from train: key 0 (missing).
        var withBlue = keyMap.Transform(ml.Data.LoadFromEnumerable(TestData.Sectors(30, 2)));
        var e = Assert.Throws<DataValidationException>(() => ml.Torch().MlpMulticlassClassifier(OneEpoch).Fit(withBlue));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void NegativeWeightIsRejected()
    {
        var ml = new MLContext(1);
        var rows = TestData.Wave(10, 1);
        rows[6].Weight = -1;
        var options = OneEpoch.Clone();
        options.ExampleWeightColumnName = "Weight";
        var e = Assert.Throws<DataValidationException>(() => ml.Torch().MlpRegressor(options).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Weight", e.ColumnName);
        Assert.Equal(6, e.Row);
    }

    [Fact]
    public void InvalidOptionIsNamed()
    {
        var ml = new MLContext(1);
        var options = OneEpoch.Clone();
        options.LearningRate = -1;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Torch().MlpBinaryClassifier(options));
        Assert.Contains("LearningRate", e.Message);
    }

    [Fact]
    public void SparseVectorsAreDensified()
    {
        var ml = new MLContext(1);
        var reader = new DataViewBatchReader(
            ml.Data.LoadFromEnumerable(new[] { new SparseRow { Features = new VBuffer<float>(4, 1, new[] { 2f }, new[] { 2 }) } }),
            new ExampleColumns { FeatureColumnName = "Features" });
        var batch = reader.Read(8).Single();
        Assert.Equal(new[] { 0f, 0f, 2f, 0f }, batch.Features[..4]);
    }

    private sealed class SparseRow
    {
        [VectorType(4)] public VBuffer<float> Features { get; set; }
    }
}

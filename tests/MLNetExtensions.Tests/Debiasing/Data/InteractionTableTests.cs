using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing.Data;

public sealed class InteractionTableTests
{
    private static InteractionTable Small() => new(3, 4, new[] { 0, 0, 2, 1 }, new[] { 1, 3, 0, 2 }, new[] { 5f, 1f, 3f, 4f });

    [Fact]
    public void DataViewRoundTripKeepsRowsAndUsesKeyColumnsWithTheCounts()
    {
        var ml = new MLContext(0);
        var table = Small();
        var view = table.ToDataView(ml);
        var user = view.Schema["UserId"];
        var item = view.Schema["ItemId"];
        Assert.Equal(3UL, Assert.IsType<KeyDataViewType>(user.Type).Count);
        Assert.Equal(4UL, Assert.IsType<KeyDataViewType>(item.Type).Count);
        Assert.Equal(NumberDataViewType.Single, view.Schema["Label"].Type);
        // Key value = index + 1 (0 is ML.NET's missing key).
        Assert.Equal(new uint[] { 1, 1, 3, 2 }, view.GetColumn<uint>("UserId").ToArray());

        var back = InteractionTable.FromDataView(view);
        Assert.Equal(3, back.UserCount);
        Assert.Equal(4, back.ItemCount);
        Assert.Equal(table.Users.ToArray(), back.Users.ToArray());
        Assert.Equal(table.Items.ToArray(), back.Items.ToArray());
        Assert.Equal(table.Labels.ToArray(), back.Labels.ToArray());
    }

    [Fact]
    public void CustomColumnNamesAndBooleanLabelsAreRead()
    {
        var ml = new MLContext(0);
        var view = Small().Binarize(RatingBinarization.AtLeastThree).ToDataView(ml, "U", "I", "Y");
        var withBool = ml.Transforms.Conversion.ConvertType("YB", "Y", DataKind.Boolean).Fit(view).Transform(view);
        var back = InteractionTable.FromDataView(withBool, "U", "I", "YB");
        Assert.Equal(new[] { 1f, 0f, 1f, 1f }, back.Labels.ToArray());
    }

    [Fact]
    public void ConstructorRejectsIndexOutOfRangeNamingRow()
    {
        var e = Assert.Throws<DataValidationException>(() => new InteractionTable(2, 2, new[] { 0, 2 }, new[] { 0, 1 }, new[] { 1f, 1f }));
        Assert.Equal("UserId", e.ColumnName);
        Assert.Equal(1, e.Row);
        var nan = Assert.Throws<DataValidationException>(() => new InteractionTable(2, 2, new[] { 0, 1 }, new[] { 0, 1 }, new[] { 1f, float.NaN }));
        Assert.Equal("Label", nan.ColumnName);
        Assert.Equal(1, nan.Row);
    }

    [Fact]
    public void FromDataViewRejectsMissingKeyAndNonKeyColumns()
    {
        var ml = new MLContext(0);
        // LoadFromEnumerable reads key fields 0-based; a value at or above the count becomes the missing key 0.
        var rows = new[] { new KeyRow { U = 1, I = 1, Label = 1 }, new KeyRow { U = 2, I = 0, Label = 0 } };
        var definition = SchemaDefinition.Create(typeof(KeyRow));
        definition["U"].ColumnType = new KeyDataViewType(typeof(uint), 2);
        definition["I"].ColumnType = new KeyDataViewType(typeof(uint), 2);
        var view = ml.Data.LoadFromEnumerable(rows, definition);
        var e = Assert.Throws<DataValidationException>(() => InteractionTable.FromDataView(view, "U", "I"));
        Assert.Equal("U", e.ColumnName);
        Assert.Equal(1, e.Row);

        var plain = ml.Data.LoadFromEnumerable(new[] { new FloatRow { U = 1, I = 1, Label = 1 } });
        var wrongType = Assert.Throws<ArgumentException>(() => InteractionTable.FromDataView(plain, "U", "I"));
        Assert.Contains("'U'", wrongType.Message);
        Assert.Contains("MapValueToKey", wrongType.Message);
    }

    [Fact]
    public void BinarizationDefaultIsAtLeastThreeAndTheStrictRuleIsAnOption()
    {
        var table = Small(); // ratings 5, 1, 3, 4
        Assert.Equal(new[] { 1f, 0f, 1f, 1f }, table.Binarize(RatingBinarization.AtLeastThree).Labels.ToArray());
        Assert.Equal(new[] { 1f, 0f, 0f, 1f }, table.Binarize(RatingBinarization.AboveThree).Labels.ToArray());
        Assert.Equal(new[] { 1f, 0f, 1f, 1f }, table.Binarize(new RatingBinarization()).Labels.ToArray());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(6f)]
    [InlineData(2.5f)]
    public void LabelsOutsideTheRuleAreErrorsNamingColumnAndRow(float bad)
    {
        var table = new InteractionTable(2, 2, new[] { 0, 1, 1 }, new[] { 0, 0, 1 }, new[] { 3f, 4f, bad });
        var e = Assert.Throws<DataValidationException>(() => table.Binarize(RatingBinarization.AtLeastThree));
        Assert.Equal("Label", e.ColumnName);
        Assert.Equal(2, e.Row);
        Assert.Contains(">= 3", e.Message);
    }

    [Fact]
    public void RequireBinaryLabelsNamesTheFirstBadRow()
    {
        var e = Assert.Throws<DataValidationException>(() => Small().RequireBinaryLabels());
        Assert.Equal(0, e.Row);
        Small().Binarize(RatingBinarization.AtLeastThree).RequireBinaryLabels();
    }

    [Fact]
    public void SplitRandomIsADisjointCoverKeepingCounts()
    {
        var table = new InteractionTable(10, 10, Enumerable.Range(0, 100).Select(r => r / 10).ToArray(),
            Enumerable.Range(0, 100).Select(r => r % 10).ToArray(), Enumerable.Range(0, 100).Select(r => (float)(r % 2)).ToArray());
        var (selected, rest) = table.SplitRandom(0.05, seed: 3);
        Assert.Equal(5, selected.Count);
        Assert.Equal(95, rest.Count);
        Assert.Equal(10, selected.UserCount);
        var cells = selected.Users.ToArray().Zip(selected.Items.ToArray()).Concat(rest.Users.ToArray().Zip(rest.Items.ToArray())).ToHashSet();
        Assert.Equal(100, cells.Count);
        var again = table.SplitRandom(0.05, seed: 3).Selected;
        Assert.Equal(selected.Items.ToArray(), again.Items.ToArray());
    }

    private sealed class KeyRow
    {
        public uint U { get; set; }
        public uint I { get; set; }
        public float Label { get; set; }
    }

    private sealed class FloatRow
    {
        public float U { get; set; }
        public float I { get; set; }
        public float Label { get; set; }
    }
}

using Microsoft.ML;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>Bad input gives clear errors naming the column (and the row for values), never NaN in the report.</summary>
public class BadInputTests
{
    private sealed class Row
    {
        public bool Label { get; set; }
        public bool PredictedLabel { get; set; }
        public string Sex { get; set; } = "";
        public float Age { get; set; }
    }

    private static IDataView Data(params Row[] rows) => new MLContext(0).Data.LoadFromEnumerable(rows);

    private static Row[] Rows() => new[]
    {
        new Row { Label = true, PredictedLabel = true, Sex = "F", Age = 30 },
        new Row { Label = false, PredictedLabel = true, Sex = "M", Age = 40 },
        new Row { Label = true, PredictedLabel = false, Sex = "F", Age = 50 },
        new Row { Label = false, PredictedLabel = false, Sex = "M", Age = 60 },
    };

    [Fact]
    public void MissingSensitiveColumnIsNamedWithTheColumnsPresent()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new MLContext(0).Fairness().Evaluate(Data(Rows()), new[] { "Race" }));
        Assert.Contains("'Race'", e.Message);
        Assert.Contains("'Sex'", e.Message);
    }

    [Fact]
    public void AllRowsInOneGroupIsAnError()
    {
        var rows = Rows();
        foreach (var r in rows) r.Sex = "F";
        var e = Assert.Throws<DataValidationException>(() => new MLContext(0).Fairness().Evaluate(Data(rows), new[] { "Sex" }));
        Assert.Equal("Sex", e.ColumnName);
        Assert.Contains("one value ('F') in all 4 rows", e.Message);
    }

    [Fact]
    public void NaNInANumericAttributeNamesColumnAndRow()
    {
        var rows = Rows();
        rows[2].Age = float.NaN;
        var e = Assert.Throws<DataValidationException>(() => new MLContext(0).Fairness().Evaluate(Data(rows), new[] { "Sex", "Age" }));
        Assert.Equal(("Age", 2L), (e.ColumnName, e.Row));
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void LabelsThatAreNotZeroOrOneNameColumnAndRow()
    {
        var e = Assert.Throws<DataValidationException>(() => FairnessEvaluator.Evaluate(new[] { 0, 1, 2.0, 1 }, new[] { 0, 1, 1.0, 1 },
            new[] { SensitiveAttribute.FromText("s", new[] { "a", "b", "a", "b" }) }));
        Assert.Equal(("Label", 2L), (e.ColumnName, e.Row));
    }

    [Fact]
    public void ProbabilitiesOutsideZeroOneAndNaNScoresAreRejected()
    {
        var s = new[] { SensitiveAttribute.FromText("s", new[] { "a", "b", "a", "b" }) };
        double[] y = { 0, 1, 0, 1 };
        var p = Assert.Throws<DataValidationException>(() => FairnessEvaluator.Evaluate(y, y, s, probabilities: new[] { 0.1, 1.2, 0.3, 0.4 }));
        Assert.Equal(("Probability", 1L), (p.ColumnName, p.Row));
        var n = Assert.Throws<DataValidationException>(() => FairnessEvaluator.Evaluate(y, y, s, scores: new[] { 0.1, 0.2, double.NaN, 0.4 }));
        Assert.Equal(("Score", 2L), (n.ColumnName, n.Row));
    }

    [Fact]
    public void NoRowsNoSensitiveColumnsMismatchedLengthsAndBadOptionsAreRejected()
    {
        var s = new[] { SensitiveAttribute.FromText("s", new[] { "a", "b" }) };
        Assert.Throws<DataValidationException>(() => FairnessEvaluator.Evaluate(Array.Empty<double>(), Array.Empty<double>(),
            new[] { SensitiveAttribute.FromText("s", Array.Empty<string>()) }));
        Assert.Throws<ArgumentException>(() => FairnessEvaluator.Evaluate(new double[] { 0, 1 }, new double[] { 0, 1 }, Array.Empty<SensitiveAttribute>()));
        var length = Assert.Throws<ArgumentException>(() => FairnessEvaluator.Evaluate(new double[] { 0, 1 }, new double[] { 0, 1, 1 }, s));
        Assert.Contains("'PredictedLabel'", length.Message);
        var option = Assert.Throws<ArgumentOutOfRangeException>(() =>
            FairnessEvaluator.Evaluate(new double[] { 0, 1 }, new double[] { 0, 1 }, s, options: new FairnessEvaluationOptions { JsdGridPoints = 1 }));
        Assert.Equal("JsdGridPoints", option.ParamName);
    }

    [Fact]
    public void VectorSensitiveColumnIsRejectedByType()
    {
        var ml = new MLContext(0);
        var data = ml.Transforms.Concatenate("Both", "Age", "Age").Fit(Data(Rows())).Transform(Data(Rows()));
        var e = Assert.ThrowsAny<ArgumentException>(() => ml.Fairness().Evaluate(data, new[] { "Both" }));
        Assert.Contains("'Both' is a vector", e.Message);
    }
}

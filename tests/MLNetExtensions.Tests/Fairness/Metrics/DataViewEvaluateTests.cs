using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>The IDataView entry point reads every supported column type and gives the array core's report.</summary>
public class DataViewEvaluateTests
{
    private sealed class Scored
    {
        public bool Label { get; set; }
        public bool PredictedLabel { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public string Sex { get; set; } = "";
        public string Race { get; set; } = "";
        public float Age { get; set; }
        public bool Flag { get; set; }
    }

    private static IDataView Golden(MLContext ml) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, GoldenData.Label.Length).Select(i => new Scored
    {
        Label = GoldenData.Label[i] == 1,
        PredictedLabel = GoldenData.Prediction[i] == 1,
        Score = (float)GoldenData.Score[i],
        Probability = (float)GoldenData.Score[i],
        Sex = GoldenData.Sex[i],
        Race = GoldenData.Race[i],
        Age = (float)GoldenData.Age[i],
        Flag = GoldenData.Sex[i] == "M",
    }));

    [Fact]
    public void TextColumnsGiveTheGoldenGroupTable()
    {
        var ml = new MLContext(0);
        var report = ml.Fairness().Evaluate(Golden(ml), new[] { "Sex", "Race" }, scoreColumnName: "Score", probabilityColumnName: "Probability");
        var arrays = GoldenData.BinaryReport(new FairnessEvaluationOptions(), withAge: false);
        Assert.Equal(arrays.Groups.Select(g => (g.Name, g.Count)), report.Groups.Select(g => (g.Name.Replace("Sex", "sex").Replace("Race", "race"), g.Count)));
        // Floats: the scores 0.1 .. 0.9 are not exact in float, so compare to float precision.
        Assert.Equal(arrays.DemographicParityDifference!.Value, report.DemographicParityDifference!.Value, 1e-12);
        Assert.Equal(arrays.Metric(FairnessMetricNames.Auc).Overall!.Value, report.Metric(FairnessMetricNames.Auc).Overall!.Value, 1e-12);
        Assert.Equal(arrays.Metric(FairnessMetricNames.LogLoss).Overall!.Value, report.Metric(FairnessMetricNames.LogLoss).Overall!.Value, 1e-6);
    }

    [Fact]
    public void KeyBooleanAndNumericColumnsAreGroupedLikeText()
    {
        var ml = new MLContext(0);
        var data = ml.Transforms.Conversion.MapValueToKey("RaceKey", "Race").Fit(Golden(ml)).Transform(Golden(ml));
        var byKey = ml.Fairness().Evaluate(data, new[] { "Flag", "RaceKey" });
        var byText = ml.Fairness().Evaluate(data, new[] { "Sex", "Race" });
        Assert.Equal(byText.Groups.Count, byKey.Groups.Count);
        Assert.Equal(byText.DemographicParityDifference, byKey.DemographicParityDifference);
        Assert.Equal(byText.EqualizedOddsRatio, byKey.EqualizedOddsRatio);
        Assert.Contains(byKey.Groups, g => g.Name == "Flag=True, RaceKey=C" && g.Count == 1);
        Assert.Equal(SensitiveAttributeKind.Binary, byKey.SensitiveKinds[0]);
        var withAge = ml.Fairness().Evaluate(data, new[] { "Sex", "Age" });
        Assert.Equal(SensitiveAttributeKind.Continuous, withAge.SensitiveKinds[1]);
        Assert.Equal(2, withAge.Groups.Count);
    }

    [Fact]
    public void RegressionEntryPointReadsScore()
    {
        var ml = new MLContext(0);
        var rows = Enumerable.Range(0, GoldenData.Target.Length).Select(i => new { Label = (float)GoldenData.Target[i], Score = (float)GoldenData.Predicted[i], Region = GoldenData.Region[i] });
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new RegressionRow { Label = r.Label, Score = r.Score, Region = r.Region }));
        var report = ml.Fairness().EvaluateRegression(data, new[] { "Region" });
        Assert.Equal(0.8543666666666667, report.Metric(FairnessMetricNames.MeanAbsoluteError).Overall!.Value, 1e-5);
        Assert.Equal(FairnessTask.Regression, report.Task);
    }

    private sealed class RegressionRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
        public string Region { get; set; } = "";
    }
}

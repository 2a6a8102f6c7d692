using MLNetExtensions.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>Regression metrics against scikit-learn's mean_absolute_error / mean_squared_error (Fairness/golden/fairness_golden.py).</summary>
public class RegressionGoldenTests
{
    [Fact]
    public void GroupErrorsMatchScikitLearnAndParityMeasuresAreNotDefined()
    {
        var report = GoldenData.RegressionReport();
        Assert.Equal(new[] { "region=east", "region=north", "region=south" }, report.Groups.Select(g => g.Name).Order());
        var names = report.Groups.Select(g => g.Name).ToList();
        int east = names.IndexOf("region=east"), north = names.IndexOf("region=north"), south = names.IndexOf("region=south");
        var mae = report.Metric(FairnessMetricNames.MeanAbsoluteError);
        var mse = report.Metric(FairnessMetricNames.MeanSquaredError);
        var mean = report.Metric(FairnessMetricNames.MeanPrediction);
        Assert.Equal(0.7112222222222224, mae.ByGroup[east]!.Value, 1e-12);
        Assert.Equal(1.484608222222222, mse.ByGroup[north]!.Value, 1e-12);
        Assert.Equal(8.877833333333333, mean.ByGroup[south]!.Value, 1e-12);
        Assert.Equal(0.8543666666666667, mae.Overall!.Value, 1e-12);
        Assert.Equal(1.1102299666666666, mse.Overall!.Value, 1e-12);
        Assert.Equal(1.484608222222222 - 0.7527478888888893, mse.Difference!.Value, 1e-12);
        Assert.Null(report.DemographicParityDifference);
        Assert.Null(report.EqualizedOddsDifference);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using MLNetExtensions.Data;
using MLNetExtensions.Data.Csv;
using MLNetExtensions.Fairness.Audit;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Tests.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Audit;

/// <summary>The CSV audit behind <c>mlnetx fairness</c>: the golden data written as CSV gives the golden report.</summary>
public class FairnessCsvAuditTests
{
    private static string GoldenCsv(Func<int, string>? ageText = null)
    {
        var sb = new StringBuilder("id,label,pred,score,sex,race,age\n");
        for (int i = 0; i < GoldenData.Label.Length; i++)
            sb.Append(CultureInfo.InvariantCulture,
                $"{i},{(GoldenData.Label[i] == 1 ? "true" : "false")},{GoldenData.Prediction[i]},{GoldenData.Score[i].ToString("R", CultureInfo.InvariantCulture)}," +
                $"{GoldenData.Sex[i]},\"{GoldenData.Race[i]}\",{ageText?.Invoke(i) ?? GoldenData.Age[i].ToString("R", CultureInfo.InvariantCulture)}\n");
        return sb.ToString();
    }

    private static FairnessReport Run(string csv, FairnessEvaluationOptions options) =>
        FairnessCsvAudit.Run(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "golden.csv", options);

    private static FairnessEvaluationOptions Options(params string[] sensitive) => new()
    {
        LabelColumnName = "label", PredictionColumnName = "pred", ScoreColumnName = "score", ProbabilityColumnName = "score",
        SensitiveColumnNames = sensitive, MinGroupSize = 5,
    };

    [Fact]
    public void GoldenCsvGivesTheGoldenReportAndJson()
    {
        var report = Run(GoldenCsv(), Options("sex", "race", "age"));
        var arrays = GoldenData.BinaryReport();
        Assert.Equal(arrays.ToJson(), report.ToJson().Replace("\"output_column\": \"score\"", "\"output_column\": \"Score\""));
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(0.7142857142857143, json.RootElement.GetProperty("demographic_parity_difference").GetDouble(), 1e-12);
        Assert.Equal(0.2698851321699909, json.RootElement.GetProperty("jsd").GetDouble(), 1e-10);
        Assert.Equal(0.03499515758989715, json.RootElement.GetProperty("dcor").GetDouble(), 1e-12);
    }

    [Fact]
    public void MissingColumnNamesItAndTheColumnsPresent()
    {
        var e = Assert.Throws<CsvFormatException>(() => Run(GoldenCsv(), Options("gender")));
        Assert.Contains("'gender'", e.Message);
        Assert.Contains("'sex'", e.Message);
    }

    [Fact]
    public void NaNInANumericAttributeNamesColumnRowAndLine()
    {
        var e = Assert.Throws<DataValidationException>(() => Run(GoldenCsv(i => i == 5 ? "NaN" : "30"), Options("sex", "age")));
        Assert.Equal(("age", 5L), (e.ColumnName, e.Row));
        Assert.Contains("line 7 of 'golden.csv'", e.Message);
    }

    [Fact]
    public void EmptySensitiveCellAndOneGroupAreErrors()
    {
        var empty = Assert.Throws<DataValidationException>(() => Run(GoldenCsv(i => i == 3 ? "" : "x"), Options("sex", "age")));
        Assert.Equal(("age", 3L), (empty.ColumnName, empty.Row));
        var one = Assert.Throws<DataValidationException>(() => Run(GoldenCsv(_ => "30"), Options("age")));
        Assert.Contains("all rows fall in one group", one.Message);
    }

    [Fact]
    public void NumericTextAttributeWithFewValuesDefinesGroups()
    {
        var report = Run(GoldenCsv(i => (i % 3 * 10).ToString(CultureInfo.InvariantCulture)), Options("age"));
        Assert.Equal(SensitiveAttributeKind.DiscreteNumeric, report.SensitiveKinds[0]);
        Assert.Equal(new[] { "age=0", "age=10", "age=20" }, report.Groups.Select(g => g.Name));
    }
}

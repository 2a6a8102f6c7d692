using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness;
using MLNetExtensions.Fairness.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Fairness.Metrics;

/// <summary>Label-based multiclass fairness: per-class TPR/FPR/accuracy by group, multiclass equalized odds and equal opportunity.</summary>
public sealed class MulticlassLabelFairnessTests
{
    private static readonly string[] Classes = { "a", "b", "c" };

    // Golden data: 15 rows, groups F (6), M (5, no label c), O (4).
    private static readonly string[] Sex = "FFFFFFMMMMMOOOO".Select(ch => ch.ToString()).ToArray();
    private static readonly int[] Labels = "aabbccaaabbccab".Select(ch => ch - 'a').ToArray();
    private static readonly int[] Predicted = "abbbcaaacbacbaa".Select(ch => ch - 'a').ToArray();

    private static MulticlassFairnessReport Golden(int rows = 15) =>
        MulticlassFairnessEvaluator.Evaluate(Labels[..rows], Predicted[..rows], Classes, new[] { SensitiveAttribute.FromText("Sex", Sex[..rows]) });

    [Fact]
    public void PerClassRatesAndEqualizedOddsMatchNumpy()
    {
        // Source: numpy by hand (/usr/bin/python3): per group and class, masks t = (y == c), q = (p == c); TPR = (t & q).sum() / t.sum(),
        // FPR = (~t & q).sum() / (~t).sum(), accuracy = (t == q).mean(); NaN TPRs dropped before max - min.
        // Class a: TPR F 0.5, M 2/3, O 1; FPR F 0.25, M 0.5, O 1/3 -> TPR diff 0.5, FPR diff 0.25, EO_a 0.5, ratio 0.5.
        // Class b: TPR F 1, M 0.5, O 0; FPR F 0.25, M 0, O 1/3 -> EO_b 1, ratio 0.
        // Class c: TPR F 0.5, M undefined (no label c), O 0.5; FPR F 0, M 0.2, O 0 -> TPR diff 0, EO_c 0.2, ratio 0.
        // Multiclass EO difference 1 (class b), mean 0.566667; ratio 0, mean 1/6. Equal opportunity 1, mean 0.5; ratio 0, mean 0.5.
        var r = Golden();
        Assert.True(r.HasLabels);
        var a = r.Classes[0];
        Assert.Equal(new double?[] { 0.5, 2.0 / 3, 1.0 }, a.TruePositiveRate.ByGroup.ToArray(), new NullableClose());
        Assert.Equal(new double?[] { 0.25, 0.5, 1.0 / 3 }, a.FalsePositiveRate.ByGroup.ToArray(), new NullableClose());
        Assert.Equal(new double?[] { 2.0 / 3, 0.6, 0.75 }, a.Accuracy.ByGroup.ToArray(), new NullableClose());
        Assert.Equal(2.0 / 3, a.TruePositiveRate.Overall!.Value, 12);
        Assert.Equal(1.0 / 3, a.FalsePositiveRate.Overall!.Value, 12);
        Assert.Equal(0.5, a.EqualizedOddsDifference!.Value, 12);
        Assert.Equal(0.5, a.EqualizedOddsRatio!.Value, 12);
        var b = r.Classes[1];
        Assert.Equal(new double?[] { 1.0, 0.5, 0.0 }, b.TruePositiveRate.ByGroup.ToArray(), new NullableClose());
        Assert.Equal(0.2, b.FalsePositiveRate.Overall!.Value, 12);
        Assert.Equal(1.0, b.EqualizedOddsDifference!.Value, 12);
        Assert.Equal(0.0, b.EqualizedOddsRatio!.Value, 12);
        var c = r.Classes[2];
        Assert.Null(c.TruePositiveRate.ByGroup[1]);
        Assert.Equal(new[] { "Sex=M" }, c.TruePositiveRate.UndefinedGroups);
        Assert.Equal(2, c.TruePositiveRate.GroupsCompared);
        Assert.Equal(0.0, c.EqualOpportunityDifference!.Value, 12);
        Assert.Equal(1.0, c.EqualOpportunityRatio!.Value, 12);
        Assert.Equal(new double?[] { 0.0, 0.2, 0.0 }, c.FalsePositiveRate.ByGroup.ToArray(), new NullableClose());
        Assert.Equal(1.0 / 11, c.FalsePositiveRate.Overall!.Value, 12);
        Assert.Equal(0.2, c.EqualizedOddsDifference!.Value, 12);
        Assert.Contains(r.Warnings, w => w.Contains("Class 'c': tpr is undefined for Sex=M"));

        Assert.Equal(new double?[] { 2.0 / 3, 0.6, 0.5 }, r.Accuracy!.ByGroup.ToArray(), new NullableClose());
        Assert.Equal(0.6, r.Accuracy.Overall!.Value, 12);
        Assert.Equal(1.0 / 6, r.Accuracy.Difference!.Value, 12);
        Assert.Equal(1.0, r.EqualizedOddsDifference!.Value, 12);
        Assert.Equal("b", r.EqualizedOddsWorstClass);
        Assert.Equal(0.5666666666666667, r.EqualizedOddsDifferenceMean!.Value, 12);
        Assert.Equal(0.0, r.EqualizedOddsRatio!.Value, 12);
        Assert.Equal(1.0 / 6, r.EqualizedOddsRatioMean!.Value, 12);
        Assert.Equal(1.0, r.EqualOpportunityDifference!.Value, 12);
        Assert.Equal(0.5, r.EqualOpportunityDifferenceMean!.Value, 12);
        Assert.Equal(0.0, r.EqualOpportunityRatio!.Value, 12);
        Assert.Equal(0.5, r.EqualOpportunityRatioMean!.Value, 12);
        Assert.Contains("Multiclass equalized-odds difference 1.0000 (class b)", r.ToString());
    }

    [Fact]
    public void AClassWithOneComparableGroupIsLeftOutOfTheMulticlassAggregates()
    {
        // Source: numpy by hand on the first 11 rows (groups F, M; M has no label c, so class c's TPR has one group):
        // EO_a = 0.25, EO_b = 0.5, EO_c undefined -> worst 0.5, mean 0.375; equal opportunity 0.5, mean 1/3; ratios 0, 0.25.
        var r = Golden(11);
        Assert.Null(r.Classes[2].EqualizedOddsDifference);
        Assert.Null(r.Classes[2].EqualOpportunityRatio);
        Assert.Equal(0.5, r.EqualizedOddsDifference!.Value, 12);
        Assert.Equal(0.375, r.EqualizedOddsDifferenceMean!.Value, 12);
        Assert.Equal(0.0, r.EqualizedOddsRatio!.Value, 12);
        Assert.Equal(0.25, r.EqualizedOddsRatioMean!.Value, 12);
        Assert.Equal(0.5, r.EqualOpportunityDifference!.Value, 12);
        Assert.Equal(1.0 / 3, r.EqualOpportunityDifferenceMean!.Value, 12);
        Assert.Contains(r.Warnings, w => w.Contains("equalized-odds difference is undefined for class(es) 'c'"));
        using var json = JsonDocument.Parse(r.ToJson());
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("by_class").GetProperty("c").GetProperty("equalized_odds_difference").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("by_group")[1].GetProperty("tpr").GetProperty("c").ValueKind);
        Assert.Equal("Sex=M", root.GetProperty("by_class").GetProperty("c").GetProperty("tpr").GetProperty("undefined_groups")[0].GetString());
        Assert.Equal(0.5, root.GetProperty("equalized_odds_difference").GetDouble(), 12);
        Assert.Equal(0.375, root.GetProperty("equalized_odds_difference_mean").GetDouble(), 12);
    }

    [Fact]
    public void DataFramesAndJsonCarryTheTables()
    {
        var r = Golden();
        var frame = r.ToDataFrame();
        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal(0.5, (double)frame["tpr[a]"][0]!, 12);
        Assert.Null(frame["tpr[c]"][1]);
        Assert.Equal(0.5, (double)frame["accuracy"][2]!, 12);
        Assert.Equal(1.0 / 3, (double)frame["selection_rate[a]"][0]!, 12);   // F predicted a, b, b, b, c, a
        var summary = r.ToSummaryDataFrame();
        Assert.Equal(new[] { "a", "b", "c" }, Enumerable.Range(0, 3).Select(i => (string)summary["class"][i]));
        Assert.Equal(1.0, (double)summary["equalized_odds_difference"][1]!, 12);
        Assert.Equal(0.0, (double)summary["tpr_difference"][2]!, 12);
        using var json = JsonDocument.Parse(r.ToJson());
        var root = json.RootElement;
        Assert.Equal(15, root.GetProperty("n").GetInt32());
        Assert.Equal("multiclass", root.GetProperty("task").GetString());
        Assert.Equal(0.6, root.GetProperty("overall").GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal("b", root.GetProperty("equalized_odds_worst_class").GetString());
        Assert.Equal(r.DemographicParityDifference, root.GetProperty("demographic_parity_difference").GetDouble(), 12);

        // Without labels: demographic parity only; the label-based keys are null.
        var dpOnly = MulticlassFairnessEvaluator.Evaluate(Predicted, Classes, new[] { SensitiveAttribute.FromText("Sex", Sex) });
        Assert.False(dpOnly.HasLabels);
        Assert.Equal(r.DemographicParityDifference, dpOnly.DemographicParityDifference);
        using var plain = JsonDocument.Parse(dpOnly.ToJson());
        Assert.Equal(JsonValueKind.Null, plain.RootElement.GetProperty("equalized_odds_difference").ValueKind);
        Assert.Equal(7, dpOnly.ToDataFrame().Columns.Count);      // group, Sex, count, small + 3 selection rates
    }

    private sealed class Row
    {
        public string Sex { get; set; } = "";
        public string Truth { get; set; } = "";
        public string Predicted { get; set; } = "";
        public float Number { get; set; }
    }

    private sealed class KeyRow
    {
        public string Value { get; set; } = "";
    }

    private static IDataView KeyData(MLContext ml, IEnumerable<string> values) => ml.Data.LoadFromEnumerable(values.Select(v => new KeyRow { Value = v }));

    private static IDataView Keys(MLContext ml, IEnumerable<Row> rows, string[] keyValues)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var keys = KeyData(ml, keyValues);
        var map = ml.Transforms.Conversion.MapValueToKey("Label", "Truth", keyData: keys)
            .Append(ml.Transforms.Conversion.MapValueToKey("PredictedLabel", "Predicted", keyData: keys));
        return map.Fit(data).Transform(data);
    }

    [Fact]
    public void DataViewPathMatchesTheArrays()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 15).Select(i => new Row { Sex = Sex[i], Truth = Classes[Labels[i]], Predicted = Classes[Predicted[i]], Number = Labels[i] }).ToList();
        var scored = Keys(ml, rows, Classes);
        var fromView = ml.Fairness().EvaluateMulticlass(scored, new[] { "Sex" });
        Assert.Equal(Golden().ToJson(), fromView.ToJson());
        // A numeric label holding the class index gives the same report.
        var numeric = ml.Fairness().EvaluateMulticlass(scored, new[] { "Sex" }, labelColumnName: "Number");
        Assert.Equal(fromView.EqualizedOddsDifferenceMean, numeric.EqualizedOddsDifferenceMean);
        Assert.False(ml.Fairness().EvaluateMulticlass(scored, new[] { "Sex" }, labelColumnName: null).HasLabels);
    }

    [Fact]
    public void BadLabelsAreNamed()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 15).Select(i => new Row { Sex = Sex[i], Truth = Classes[Labels[i]], Predicted = Classes[Predicted[i]], Number = Labels[i] }).ToList();
        var scored = Keys(ml, rows, Classes);

        // The label key has 4 classes, the predicted label 3: the key counts differ.
        var labelKeys = KeyData(ml, new[] { "a", "b", "c", "d" });
        var predKeys = KeyData(ml, Classes);
        var raw = ml.Data.LoadFromEnumerable(rows);
        var mismatched = ml.Transforms.Conversion.MapValueToKey("Label", "Truth", keyData: labelKeys)
            .Append(ml.Transforms.Conversion.MapValueToKey("PredictedLabel", "Predicted", keyData: predKeys)).Fit(raw).Transform(raw);
        var count = Assert.Throws<ArgumentException>(() => ml.Fairness().EvaluateMulticlass(mismatched, new[] { "Sex" }));
        Assert.Equal("Label", count.ParamName);
        Assert.Contains("4 classes", count.Message);
        Assert.Contains("'PredictedLabel' has 3", count.Message);

        // Same count, different order of the classes.
        var reordered = ml.Transforms.Conversion.MapValueToKey("Label", "Truth", keyData: KeyData(ml, new[] { "b", "a", "c" }))
            .Append(ml.Transforms.Conversion.MapValueToKey("PredictedLabel", "Predicted", keyData: predKeys)).Fit(raw).Transform(raw);
        Assert.Contains("same classes in the same order", Assert.Throws<ArgumentException>(() => ml.Fairness().EvaluateMulticlass(reordered, new[] { "Sex" })).Message);

        // NaN and out-of-range numeric labels name the column and row.
        rows[7].Number = float.NaN;
        var nan = Assert.Throws<DataValidationException>(() => ml.Fairness().EvaluateMulticlass(Keys(ml, rows, Classes), new[] { "Sex" }, labelColumnName: "Number"));
        Assert.Equal("Number", nan.ColumnName);
        Assert.Equal(7L, nan.Row);
        Assert.Contains("NaN", nan.Message);
        rows[7].Number = 3;
        Assert.Equal(7L, Assert.Throws<DataValidationException>(() => ml.Fairness().EvaluateMulticlass(Keys(ml, rows, Classes), new[] { "Sex" }, labelColumnName: "Number")).Row);
        rows[7].Number = 1.5f;
        Assert.Contains("class index", Assert.Throws<DataValidationException>(() => ml.Fairness().EvaluateMulticlass(Keys(ml, rows, Classes), new[] { "Sex" }, labelColumnName: "Number")).Message);

        // Missing label column, text label, arrays of the wrong length or out of range.
        Assert.Contains("Nope", Assert.ThrowsAny<ArgumentException>(() => ml.Fairness().EvaluateMulticlass(scored, new[] { "Sex" }, labelColumnName: "Nope")).Message);
        Assert.Equal("Truth", Assert.Throws<ArgumentException>(() => ml.Fairness().EvaluateMulticlass(scored, new[] { "Sex" }, labelColumnName: "Truth")).ParamName);
        var sex = new[] { SensitiveAttribute.FromText("Sex", Sex) };
        Assert.Contains("'Label' has 14 rows", Assert.Throws<ArgumentException>(() => MulticlassFairnessEvaluator.Evaluate(Labels[..14], Predicted, Classes, sex)).Message);
        var range = Assert.Throws<DataValidationException>(() => MulticlassFairnessEvaluator.Evaluate(Labels.Select((y, i) => i == 4 ? 5 : y).ToArray(), Predicted, Classes, sex, labelName: "Truth"));
        Assert.Equal(("Truth", 4L), (range.ColumnName, range.Row));
    }

    private static (int[] Labels, int[] Predicted, int[] Groups) Draw(int seed, int n, int classes, int groups)
    {
        var random = new Random(seed);
        var g = Enumerable.Range(0, n).Select(i => i < groups ? i : random.Next(groups)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => i < classes ? i : random.Next(classes)).ToArray();
        // Predictions depend on the group so that the disparities are not all zero.
        var p = y.Select((label, i) => random.NextDouble() < 0.5 + 0.15 * g[i] ? label : random.Next(classes)).ToArray();
        return (y, p, g);
    }

    private static MulticlassFairnessReport Evaluate(int[] y, int[] p, int[] g, int classes, int groups) =>
        MulticlassFairnessEvaluator.Evaluate(y, p, Enumerable.Range(0, classes).Select(c => "class" + c).ToArray(),
            new[] { SensitiveAttribute.FromCategories("g", g, Enumerable.Range(0, groups).Select(i => "level" + i).ToArray()) });

    [Property(MaxTest = 60)]
    public bool PerfectPredictionsHaveNoEqualizedOddsGap(int seed, PositiveInt size)
    {
        int classes = 2 + size.Get % 4, groups = 2 + Math.Abs(seed % 3);
        var (y, _, g) = Draw(seed, 20 + size.Get % 60, classes, groups);
        var r = Evaluate(y, y, g, classes, groups);
        // TPR is 1 and FPR 0 wherever defined: every defined gap is 0 and every defined ratio 1.
        return r.EqualizedOddsDifference is null or 0 && r.EqualizedOddsDifferenceMean is null or 0
               && r.EqualOpportunityDifference is null or 0 && r.EqualizedOddsRatio is null or 1
               && r.Accuracy!.ByGroup.All(a => a == 1);
    }

    [Property(MaxTest = 60)]
    public bool ReportIsInvariantToPermutingGroupLabels(int seed)
    {
        var (y, p, g) = Draw(seed, 80, 3, 4);
        var relabel = new[] { 2, 3, 0, 1 };
        var original = Evaluate(y, p, g, 3, 4);
        var renamed = Evaluate(y, p, g.Select(x => relabel[x]).ToArray(), 3, 4);
        return Close(original.EqualizedOddsDifference, renamed.EqualizedOddsDifference)
               && Close(original.EqualizedOddsDifferenceMean, renamed.EqualizedOddsDifferenceMean)
               && Close(original.EqualizedOddsRatio, renamed.EqualizedOddsRatio)
               && Close(original.EqualOpportunityDifference, renamed.EqualOpportunityDifference)
               && Close(original.EqualOpportunityRatioMean, renamed.EqualOpportunityRatioMean)
               && Close(original.Accuracy!.Difference, renamed.Accuracy!.Difference)
               && original.EqualizedOddsWorstClass == renamed.EqualizedOddsWorstClass;
    }

    [Property(MaxTest = 60)]
    public bool DifferencesAndRatiosStayInZeroOne(int seed)
    {
        var (y, p, g) = Draw(seed, 40, 4, 3);
        var r = Evaluate(y, p, g, 4, 3);
        bool In(double? v) => v is null || (v >= 0 && v <= 1);
        return In(r.EqualizedOddsDifference) && In(r.EqualizedOddsRatio) && In(r.EqualOpportunityRatioMean)
               && (r.EqualizedOddsDifferenceMean is null || r.EqualizedOddsDifferenceMean <= r.EqualizedOddsDifference + 1e-12)
               && r.Classes.All(c => c.EqualizedOddsDifference is null || c.EqualizedOddsDifference >= c.EqualOpportunityDifference - 1e-12);
    }

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < 1e-12;

    private sealed class NullableClose : IEqualityComparer<double?>
    {
        public bool Equals(double? x, double? y) => Close(x, y);
        public int GetHashCode(double? obj) => 0;
    }
}

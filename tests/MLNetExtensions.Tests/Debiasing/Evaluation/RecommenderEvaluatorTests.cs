using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing;
using MLNetExtensions.Debiasing.Evaluation;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing.Evaluation;

/// <summary>
/// Golden values from an independent numpy/scikit-learn script (np.argsort(-score, kind="stable") per user, cut at
/// min(K, n), binary gains with 1/log2(rank + 1); sklearn.metrics.roc_auc_score): user 0 has tied scores, user 1 has
/// fewer items than K = 5, user 2 has no positives, user 3 has all scores tied.
/// </summary>
public sealed class RecommenderEvaluatorTests
{
    private static readonly int[] Users = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 };
    private static readonly float[] Labels = { 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1 };
    private static readonly float[] Scores = { .9f, .7f, .7f, .2f, .7f, .1f, .3f, .3f, .8f, .5f, .4f, .6f, .1f, .25f, .25f, .25f, .25f };

    private static RecommenderEvaluationOptions Options(NoPositiveUserConvention convention = NoPositiveUserConvention.Skip) =>
        new() { TopK = new[] { 2, 5 }, UsersWithoutPositives = convention };

    [Fact]
    public void MatchesNumpyAndScikitLearn()
    {
        var m = RecommenderEvaluator.Evaluate(Users, Labels, Scores, Options());
        Assert.Equal(0.3047058835450342, m.MeanSquaredError, 12);
        Assert.Equal(0.4696969696969697, m.Auc!.Value, 12);
        Assert.Equal(0.40876479517697223, m.Ndcg[2]!.Value, 12);
        Assert.Equal(0.27777777777777773, m.Recall[2]!.Value, 12);
        Assert.Equal(0.3333333333333333, m.Precision[2]!.Value, 12);
        Assert.Equal(0.693711134790728, m.Ndcg[5]!.Value, 12);
        Assert.Equal(0.8888888888888888, m.Recall[5]!.Value, 12);
        Assert.Equal(0.41111111111111115, m.Precision[5]!.Value, 12);
        Assert.Equal(4, m.Users);
        Assert.Equal(1, m.UsersWithoutPositives);
        Assert.Equal(3, m.UsersEvaluated);
        using var json = System.Text.Json.JsonDocument.Parse(m.ToJson());
        Assert.Equal(0.693711134790728, json.RootElement.GetProperty("ndcg_5").GetDouble(), 12);
        Assert.Equal(1, json.RootElement.GetProperty("users_without_positives").GetInt32());
        Assert.Equal("skip", json.RootElement.GetProperty("no_positive_users").GetString());
    }

    [Fact]
    public void ConventionsForUsersWithoutPositives()
    {
        var one = RecommenderEvaluator.Evaluate(Users, Labels, Scores, Options(NoPositiveUserConvention.CountAsOne));
        Assert.Equal(0.5565735963827292, one.Ndcg[2]!.Value, 12);
        Assert.Equal(0.25, one.Precision[2]!.Value, 12);
        Assert.Equal(4, one.UsersEvaluated);
        var zero = RecommenderEvaluator.Evaluate(Users, Labels, Scores, Options(NoPositiveUserConvention.CountAsZero));
        Assert.Equal(0.3065735963827292, zero.Ndcg[2]!.Value, 12);
        Assert.Equal(0.520283351093046, zero.Ndcg[5]!.Value, 12);
        Assert.Equal(0.30833333333333335, zero.Precision[5]!.Value, 12);
    }

    [Fact]
    public void TiesKeepInputOrderHandChecked()
    {
        // User 0 ranked: .9(y=1), then the three .7 rows in input order: y = 0, 1, 0. NDCG@2 = 1 / (1 + 1/log2 3).
        var ranked = new float[] { 1, 0, 1, 0, 0, 1 };
        Assert.Equal(1.0 / (1.0 + 1.0 / Math.Log2(3)), NdcgAtK.Compute(ranked, 2)!.Value, 14);
        // K beyond the list is cut at n; a list without positives is undefined (null), not NaN.
        Assert.Equal(1.0, RecallAtK.Compute(new float[] { 0, 1 }, 10)!.Value);
        Assert.Equal(0.5, PrecisionAtK.Compute(new float[] { 0, 1 }, 10));
        Assert.Null(NdcgAtK.Compute(new float[] { 0, 0 }, 2));
        Assert.Null(RecallAtK.Compute(new float[] { 0, 0 }, 2));
        Assert.Throws<ArgumentException>(() => NdcgAtK.Compute(new float[] { 0, 3 }, 2));
        Assert.Throws<ArgumentException>(() => GlobalAuc.Compute(new float[] { 0, 1 }, new[] { 0.1f, float.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrecisionAtK.Compute(new float[] { 0, 1 }, 0));
    }

    [Fact]
    public void AucCountsTiesAsHalfAndIsUndefinedForOneClass()
    {
        Assert.Equal(0.5, GlobalAuc.Compute(new float[] { 1, 0 }, new float[] { 0.4f, 0.4f })!.Value);
        Assert.Equal(0.75, GlobalAuc.Compute(new float[] { 1, 0, 0 }, new float[] { 0.4f, 0.4f, 0.1f })!.Value);
        Assert.Null(GlobalAuc.Compute(new float[] { 1, 1 }, new float[] { 0.4f, 0.2f }));
        var m = RecommenderEvaluator.Evaluate(new[] { 0, 0 }, new float[] { 0, 0 }, new float[] { 0.1f, 0.2f });
        Assert.Null(m.Auc);
        Assert.Null(m.Ndcg[5]);
        Assert.Contains("undefined", m.ToString());
    }

    [Fact]
    public void DataViewPathEqualsArrayPath()
    {
        var ml = new MLContext(0);
        var rows = Users.Select((u, r) => new ScoredRow { UserId = (uint)u, Label = Labels[r] == 1, Score = Scores[r] }).ToArray();
        // LoadFromEnumerable reads key fields 0-based.
        var definition = SchemaDefinition.Create(typeof(ScoredRow));
        definition["UserId"].ColumnType = new KeyDataViewType(typeof(uint), 4);
        var view = ml.Data.LoadFromEnumerable(rows, definition);
        var fromView = ml.Debiasing().Evaluate(view, topK: new[] { 2, 5 });
        var fromArrays = RecommenderEvaluator.Evaluate(Users, Labels, Scores, Options());
        Assert.Equal(fromArrays.ToString(), fromView.ToString());
        Assert.Equal(fromArrays.Ndcg[5], fromView.Ndcg[5]);
    }

    [Fact]
    public void BadValuesNameColumnAndRow()
    {
        var label = Assert.Throws<DataValidationException>(() =>
            RecommenderEvaluator.Evaluate(new[] { 0, 0, 1 }, new float[] { 0, 1, 4 }, new float[] { 0.1f, 0.2f, 0.3f }));
        Assert.Equal(("Label", 2L), (label.ColumnName, label.Row!.Value));
        var score = Assert.Throws<DataValidationException>(() =>
            RecommenderEvaluator.Evaluate(new[] { 0, 0 }, new float[] { 0, 1 }, new float[] { float.NaN, 0.2f }));
        Assert.Equal(("Score", 0L), (score.ColumnName, score.Row!.Value));
        var logit = Assert.Throws<DataValidationException>(() =>
            RecommenderEvaluator.Evaluate(new[] { 0, 0 }, new float[] { 0, 1 }, new float[] { 0.1f, 2.5f }));
        Assert.Contains("logit", logit.Message);
    }

    private sealed class ScoredRow
    {
        public uint UserId { get; set; }
        public bool Label { get; set; }
        public float Score { get; set; }
    }
}

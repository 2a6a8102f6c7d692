using System.Globalization;
using System.Text;

namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>Metrics of a recommender on a (MAR) test set. See docs/debiasing.md for the definitions.</summary>
public sealed class RecommenderMetrics
{
    internal RecommenderMetrics(long rows, int users, int usersWithoutPositives, NoPositiveUserConvention convention, double mse, double? auc,
        IReadOnlyDictionary<int, double?> ndcg, IReadOnlyDictionary<int, double?> recall, IReadOnlyDictionary<int, double?> precision)
    {
        Rows = rows;
        Users = users;
        UsersWithoutPositives = usersWithoutPositives;
        Convention = convention;
        MeanSquaredError = mse;
        Auc = auc;
        Ndcg = ndcg;
        Recall = recall;
        Precision = precision;
    }

    /// <summary>Test rows.</summary>
    public long Rows { get; }

    /// <summary>Distinct users in the test set.</summary>
    public int Users { get; }

    /// <summary>Users without any positive label in the test set.</summary>
    public int UsersWithoutPositives { get; }

    /// <summary>Users averaged in the per-user metrics (all users unless the convention is Skip).</summary>
    public int UsersEvaluated => Convention == NoPositiveUserConvention.Skip ? Users - UsersWithoutPositives : Users;

    /// <summary>How users without positives entered the per-user averages.</summary>
    public NoPositiveUserConvention Convention { get; }

    /// <summary>Mean of (score - label)^2 over all rows, on the probability scale.</summary>
    public double MeanSquaredError { get; }

    /// <summary>Global AUC over all rows; null when the test set holds one class only.</summary>
    public double? Auc { get; }

    /// <summary>Mean NDCG@K over evaluated users, by K; null when no user is evaluated.</summary>
    public IReadOnlyDictionary<int, double?> Ndcg { get; }

    /// <summary>Mean Recall@K over evaluated users, by K; null when no user is evaluated.</summary>
    public IReadOnlyDictionary<int, double?> Recall { get; }

    /// <summary>Mean Precision@K over evaluated users, by K; null when no user is evaluated.</summary>
    public IReadOnlyDictionary<int, double?> Precision { get; }

    /// <summary>
    /// One JSON object with snake_case keys: rows, users, users_without_positives, no_positive_users, mse, auc, and
    /// ndcg_K, recall_K, precision_K per cut-off; undefined values are null.
    /// </summary>
    public string ToJson()
    {
        var values = new Dictionary<string, object?>
        {
            ["rows"] = Rows, ["users"] = Users, ["users_without_positives"] = UsersWithoutPositives,
            ["no_positive_users"] = Convention switch
            {
                NoPositiveUserConvention.CountAsOne => "count_as_one",
                NoPositiveUserConvention.CountAsZero => "count_as_zero",
                _ => "skip",
            },
            ["mse"] = MeanSquaredError, ["auc"] = Auc,
        };
        foreach (var k in Ndcg.Keys.Order())
        {
            values[$"ndcg_{k}"] = Ndcg[k];
            values[$"recall_{k}"] = Recall[k];
            values[$"precision_{k}"] = Precision[k];
        }
        return System.Text.Json.JsonSerializer.Serialize(values);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        static string F(double? v) => v is { } x ? x.ToString("F4", CultureInfo.InvariantCulture) : "undefined";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"MSE {F(MeanSquaredError)}, AUC {F(Auc)}");
        foreach (var k in Ndcg.Keys.Order())
            sb.Append(CultureInfo.InvariantCulture, $", NDCG@{k} {F(Ndcg[k])}, Recall@{k} {F(Recall[k])}, Precision@{k} {F(Precision[k])}");
        sb.Append(CultureInfo.InvariantCulture,
            $" ({Rows} rows, {Users} users, {UsersWithoutPositives} without positives: {Convention})");
        return sb.ToString();
    }
}

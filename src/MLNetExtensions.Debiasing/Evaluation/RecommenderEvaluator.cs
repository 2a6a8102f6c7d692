using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// MSE, global AUC and per-user NDCG@K, Recall@K, Precision@K of predicted probabilities on a test set (meant for a
/// MAR test set, where they estimate performance over all pairs). Labels must be 0/1, scores probabilities in [0, 1].
/// </summary>
public static class RecommenderEvaluator
{
    /// <summary>Evaluates parallel arrays (one entry per test row); users are any non-negative ids.</summary>
    public static RecommenderMetrics Evaluate(ReadOnlySpan<int> users, ReadOnlySpan<float> labels, ReadOnlySpan<float> scores,
        RecommenderEvaluationOptions? options = null)
    {
        options ??= new RecommenderEvaluationOptions();
        options.Validate();
        if (users.Length != labels.Length || users.Length != scores.Length)
            throw new ArgumentException($"users ({users.Length}), labels ({labels.Length}) and scores ({scores.Length}) must have the same length.");
        if (users.IsEmpty)
            throw DataValidationException.NoRows();
        double squared = 0;
        var groups = new Dictionary<int, List<int>>();
        for (int r = 0; r < labels.Length; r++)
        {
            if (labels[r] != 0f && labels[r] != 1f)
                throw new DataValidationException(
                    $"Column '{options.LabelColumnName}' has value {labels[r]} at row {r}; 0/1 labels are required (binarise ratings first).",
                    options.LabelColumnName, r);
            if (!(scores[r] >= 0f && scores[r] <= 1f))
                throw new DataValidationException(
                    $"Column '{options.ScoreColumnName}' has value {scores[r]} at row {r}; probabilities in [0, 1] are required " +
                    "(evaluate the probability column, not a logit).", options.ScoreColumnName, r);
            if (users[r] < 0)
                throw new DataValidationException($"Column '{options.UserColumnName}' has user {users[r]} at row {r}; ids must be >= 0.", options.UserColumnName, r);
            double d = (double)scores[r] - labels[r];
            squared += d * d;
            if (!groups.TryGetValue(users[r], out var rows))
                groups[users[r]] = rows = new List<int>();
            rows.Add(r);
        }

        var ks = options.TopK;
        var ndcgSum = new double[ks.Length];
        var recallSum = new double[ks.Length];
        var precisionSum = new double[ks.Length];
        int withoutPositives = 0, evaluated = 0;
        foreach (var rows in groups.Values)
        {
            var ranked = UserRanking.RankedLabels(rows, labels, scores);
            bool hasPositive = Array.IndexOf(ranked, 1f) >= 0;
            if (!hasPositive)
            {
                withoutPositives++;
                if (options.UsersWithoutPositives == NoPositiveUserConvention.Skip)
                    continue;
            }
            evaluated++;
            double fill = options.UsersWithoutPositives == NoPositiveUserConvention.CountAsOne ? 1.0 : 0.0;
            for (int j = 0; j < ks.Length; j++)
            {
                ndcgSum[j] += NdcgAtK.Compute(ranked, ks[j]) ?? fill;
                recallSum[j] += RecallAtK.Compute(ranked, ks[j]) ?? fill;
                precisionSum[j] += PrecisionAtK.Compute(ranked, ks[j]);
            }
        }
        double? Mean(double sum) => evaluated == 0 ? null : sum / evaluated;
        var ndcg = new SortedDictionary<int, double?>();
        var recall = new SortedDictionary<int, double?>();
        var precision = new SortedDictionary<int, double?>();
        for (int j = 0; j < ks.Length; j++)
        {
            ndcg[ks[j]] = Mean(ndcgSum[j]);
            recall[ks[j]] = Mean(recallSum[j]);
            precision[ks[j]] = Mean(precisionSum[j]);
        }
        return new RecommenderMetrics(labels.Length, groups.Count, withoutPositives, options.UsersWithoutPositives,
            squared / labels.Length, GlobalAuc.Compute(labels, scores), ndcg, recall, precision);
    }

    /// <summary>
    /// Evaluates a scored data view: a UInt32 key user column, a 0/1 label (Single or Boolean) and a Single score.
    /// Missing user keys and invalid values throw, naming the column and row.
    /// </summary>
    public static RecommenderMetrics Evaluate(IDataView data, RecommenderEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new RecommenderEvaluationOptions();
        options.Validate();
        var userColumn = ColumnInfo.Require(data.Schema, options.UserColumnName, "User");
        var labelColumn = ColumnInfo.Require(data.Schema, options.LabelColumnName, "Label");
        var scoreColumn = ColumnInfo.Require(data.Schema, options.ScoreColumnName, "Score");
        Data.InteractionTable.KeyCount(userColumn, "User");
        bool booleanLabel = labelColumn.Type == BooleanDataViewType.Instance;
        if (!booleanLabel && labelColumn.Type != NumberDataViewType.Single)
            throw new ArgumentException($"Label column '{labelColumn.Name}' has type {labelColumn.Type}; expected Single (0/1) or Boolean.", labelColumn.Name);
        if (scoreColumn.Type != NumberDataViewType.Single)
            throw new ArgumentException($"Score column '{scoreColumn.Name}' has type {scoreColumn.Type}; expected Single (a probability).", scoreColumn.Name);

        var users = new List<int>();
        var labels = new List<float>();
        var scores = new List<float>();
        using var cursor = data.GetRowCursor(new[] { userColumn, labelColumn, scoreColumn });
        var userGetter = cursor.GetGetter<uint>(userColumn);
        var floatLabel = booleanLabel ? null : cursor.GetGetter<float>(labelColumn);
        var boolLabel = booleanLabel ? cursor.GetGetter<bool>(labelColumn) : null;
        var scoreGetter = cursor.GetGetter<float>(scoreColumn);
        uint u = 0;
        float y = 0, s = 0;
        bool b = false;
        long row = 0;
        while (cursor.MoveNext())
        {
            userGetter(ref u);
            if (u == 0)
                throw new DataValidationException($"Column '{userColumn.Name}' has a missing key at row {row} (a user not in the key's dictionary).", userColumn.Name, row);
            if (boolLabel is not null)
            {
                boolLabel(ref b);
                y = b ? 1f : 0f;
            }
            else
            {
                floatLabel!(ref y);
            }
            scoreGetter(ref s);
            users.Add((int)(u - 1));
            labels.Add(y);
            scores.Add(s);
            row++;
        }
        return Evaluate(users.ToArray(), labels.ToArray(), scores.ToArray(), options);
    }
}

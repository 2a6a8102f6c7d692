using Microsoft.ML;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Evaluation;

namespace MLNetExtensions.Debiasing;

public sealed partial class DebiasingCatalog
{
    /// <summary>
    /// MSE, global AUC, NDCG@K, Recall@K and Precision@K (K = 5, 10 unless given) of a scored test set. Users without
    /// positives are skipped in per-user averages and counted in <see cref="RecommenderMetrics.UsersWithoutPositives"/>.
    /// </summary>
    public RecommenderMetrics Evaluate(IDataView data, string userColumnName = InteractionColumns.User, string labelColumnName = InteractionColumns.Label,
        string scoreColumnName = InteractionColumns.Score, int[]? topK = null) =>
        RecommenderEvaluator.Evaluate(data, new RecommenderEvaluationOptions
        {
            UserColumnName = userColumnName, LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName, TopK = topK ?? new[] { 5, 10 },
        });

    /// <summary>Evaluates a scored test set with <paramref name="options"/>.</summary>
    public RecommenderMetrics Evaluate(IDataView data, RecommenderEvaluationOptions options) => RecommenderEvaluator.Evaluate(data, options);
}

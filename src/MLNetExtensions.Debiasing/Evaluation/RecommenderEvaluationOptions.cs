namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>Options of <see cref="RecommenderEvaluator"/>.</summary>
public sealed class RecommenderEvaluationOptions
{
    /// <summary>User key column (for per-user metrics). Default "UserId".</summary>
    public string UserColumnName = Data.InteractionColumns.User;

    /// <summary>0/1 label column (Single or Boolean). Default "Label".</summary>
    public string LabelColumnName = Data.InteractionColumns.Label;

    /// <summary>Predicted probability column (Single in [0, 1]). Default "Score".</summary>
    public string ScoreColumnName = Data.InteractionColumns.Score;

    /// <summary>Cut-offs K of NDCG@K, Recall@K and Precision@K. Default 5 and 10.</summary>
    public int[] TopK = { 5, 10 };

    /// <summary>Users without positives in the test set. Default <see cref="NoPositiveUserConvention.Skip"/>.</summary>
    public NoPositiveUserConvention UsersWithoutPositives = NoPositiveUserConvention.Skip;

    internal void Validate()
    {
        if (TopK is null || TopK.Length == 0)
            throw new ArgumentException("TopK must list at least one cut-off.", nameof(TopK));
        foreach (var k in TopK)
            if (k < 1)
                throw new ArgumentOutOfRangeException(nameof(TopK), k, "Every K must be at least 1.");
        if (TopK.Distinct().Count() != TopK.Length)
            throw new ArgumentException("TopK lists a cut-off twice.", nameof(TopK));
        if (!Enum.IsDefined(UsersWithoutPositives))
            throw new ArgumentOutOfRangeException(nameof(UsersWithoutPositives), UsersWithoutPositives, "Unknown convention.");
    }
}

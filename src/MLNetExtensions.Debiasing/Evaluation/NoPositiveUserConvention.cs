namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// What per-user metrics do with a user who has no positive label in the test set (NDCG@K and Recall@K are 0/0 for
/// such a user). The count of these users is always reported.
/// </summary>
public enum NoPositiveUserConvention
{
    /// <summary>Default: such users are left out of the NDCG, Recall and Precision averages.</summary>
    Skip,

    /// <summary>NDCG@K = Recall@K = 1 for such users (the kernel-balancing authors' code sets NDCG = 1); Precision@K is 0.</summary>
    CountAsOne,

    /// <summary>NDCG@K = Recall@K = Precision@K = 0 for such users.</summary>
    CountAsZero,
}

namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>Which propensity model <see cref="PropensityEstimator"/> fits.</summary>
public enum PropensityModelKind
{
    /// <summary>
    /// Naive Bayes on the label: P(O=1|Y=y) = P(Y=y|O=1) P(O=1) / P(Y=y), P(Y=y) from a small MAR label sample.
    /// Depends on the label only, so it captures "users rate what they like". Needs the MAR sample.
    /// </summary>
    NaiveBayes,

    /// <summary>
    /// Fallback without MAR labels: the independence (rank-one) fit of observation on user and item activity,
    /// P(O=1|u,i) = n_u n_i / |O|. Depends on who and what, not on the label, so it cannot correct label-driven MNAR.
    /// </summary>
    Popularity,

    /// <summary>
    /// Fallback without MAR labels: P(O=1|u,i) = sigmoid(w0 + w_user log(1 + n_u) + w_item log(1 + n_i)), maximum
    /// likelihood over all pairs. Ignores the label, like <see cref="Popularity"/>.
    /// </summary>
    Logistic,
}

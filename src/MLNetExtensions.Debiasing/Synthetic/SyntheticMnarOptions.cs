namespace MLNetExtensions.Debiasing.Synthetic;

/// <summary>
/// Settings of <see cref="SyntheticMnarGenerator"/>. Truth: p(u,i) = sigmoid(LogitScale * &lt;U_u, V_i&gt; / sqrt(Rank) + LogitOffset)
/// with U, V ~ N(0, 1); y(u,i) ~ Bernoulli(p). Observation (MNAR): P(O=1 | u, i, y) =
/// min(1, BaseObservationRate * q_i * (y = 1 ? PositiveObservationRatio : 1)), q_i an item popularity weight
/// proportional to rank^-PopularityExponent over a random item order, scaled to mean 1.
/// </summary>
public sealed class SyntheticMnarOptions
{
    /// <summary>Number of users (default 300).</summary>
    public int Users = 300;

    /// <summary>Number of items (default 300).</summary>
    public int Items = 300;

    /// <summary>Rank of the true preference matrix (default 4).</summary>
    public int Rank = 4;

    /// <summary>Scale of the true logits (default 2: probabilities spread over (0, 1)).</summary>
    public double LogitScale = 2.0;

    /// <summary>Offset of the true logits (default -0.5: about 40% positives).</summary>
    public double LogitOffset = -0.5;

    /// <summary>Observation probability of a negative pair of average popularity (default 0.03).</summary>
    public double BaseObservationRate = 0.03;

    /// <summary>How many times likelier a positive pair is observed than a negative one (default 4; 1 makes the mechanism MAR given the item).</summary>
    public double PositiveObservationRatio = 4.0;

    /// <summary>Popularity skew of observation over items (default 0.5; 0 = all items alike).</summary>
    public double PopularityExponent = 0.5;

    /// <summary>Items per user in the MAR test set, drawn uniformly without replacement (default 16, as Coat).</summary>
    public int MarTestItemsPerUser = 16;

    /// <summary>Size of the separate small MAR label sample for Naive-Bayes propensities, uniform pairs (default 250; 0 = none).</summary>
    public int MarSampleSize = 250;

    /// <summary>Seed of every draw (default 0).</summary>
    public int Seed;

    internal void Validate()
    {
        static void Positive(string name, double v)
        {
            if (!(v > 0) || !double.IsFinite(v))
                throw new ArgumentOutOfRangeException(name, v, $"{name} must be positive and finite.");
        }
        Positive(nameof(Users), Users);
        Positive(nameof(Items), Items);
        Positive(nameof(Rank), Rank);
        Positive(nameof(LogitScale), LogitScale);
        Positive(nameof(BaseObservationRate), BaseObservationRate);
        Positive(nameof(PositiveObservationRatio), PositiveObservationRatio);
        if (!double.IsFinite(LogitOffset))
            throw new ArgumentOutOfRangeException(nameof(LogitOffset), LogitOffset, "LogitOffset must be finite.");
        if (!(PopularityExponent >= 0) || !double.IsFinite(PopularityExponent))
            throw new ArgumentOutOfRangeException(nameof(PopularityExponent), PopularityExponent, "PopularityExponent must be >= 0.");
        if (MarTestItemsPerUser < 1 || MarTestItemsPerUser > Items)
            throw new ArgumentOutOfRangeException(nameof(MarTestItemsPerUser), MarTestItemsPerUser, $"MarTestItemsPerUser must be in 1..Items ({Items}).");
        if (MarSampleSize < 0 || MarSampleSize > (long)Users * Items)
            throw new ArgumentOutOfRangeException(nameof(MarSampleSize), MarSampleSize, "MarSampleSize must be in 0..Users*Items.");
    }
}

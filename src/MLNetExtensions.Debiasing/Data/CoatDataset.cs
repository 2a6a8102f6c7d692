namespace MLNetExtensions.Debiasing.Data;

/// <summary>
/// The Coat shopping data (Schnabel et al., ICML 2016) as loaded by <see cref="CoatLoader"/>: MNAR training ratings,
/// MAR test ratings (both raw 1..5 stars: binarise with <see cref="InteractionTable.Binarize"/>), the dataset's
/// propensity matrix, and user/item feature rows.
/// </summary>
public sealed class CoatDataset
{
    private readonly double[] _propensities;

    internal CoatDataset(InteractionTable train, InteractionTable test, double[]? propensities, float[][] userFeatures, float[][] itemFeatures)
    {
        Train = train;
        Test = test;
        _propensities = propensities ?? Array.Empty<double>();
        UserFeatures = userFeatures;
        ItemFeatures = itemFeatures;
    }

    /// <summary>Self-selected (MNAR) ratings: 290 users x 24 items each in the original data.</summary>
    public InteractionTable Train { get; }

    /// <summary>Randomly assigned (MAR) ratings: 16 items per user in the original data.</summary>
    public InteractionTable Test { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Train.UserCount;

    /// <summary>Number of items.</summary>
    public int ItemCount => Train.ItemCount;

    /// <summary>Whether propensities.ascii was present.</summary>
    public bool HasPropensities => _propensities.Length > 0;

    /// <summary>The dataset's propensity of observing (user, item); throws when the file was absent.</summary>
    public double Propensity(int user, int item)
    {
        if (!HasPropensities)
            throw new InvalidOperationException("This Coat folder has no propensities.ascii.");
        if ((uint)user >= (uint)UserCount || (uint)item >= (uint)ItemCount)
            throw new ArgumentOutOfRangeException(nameof(user), $"({user}, {item}) is outside {UserCount} x {ItemCount}.");
        return _propensities[(long)user * ItemCount + item];
    }

    /// <summary>User feature rows (one-hot attributes; empty when the file was absent).</summary>
    public IReadOnlyList<float[]> UserFeatures { get; }

    /// <summary>Item feature rows (one-hot attributes; empty when the file was absent).</summary>
    public IReadOnlyList<float[]> ItemFeatures { get; }
}

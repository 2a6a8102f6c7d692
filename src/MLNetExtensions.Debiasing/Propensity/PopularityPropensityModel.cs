using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;

namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>
/// Popularity propensity, the fallback without MAR labels: observation is modelled as independent across user and
/// item, P(O=1|u,i) = a_u b_i; the moment fit that reproduces every user's and item's observation count in expectation is
/// P(O=1|u,i) = (n_u / items)(n_i / users) / (|O| / (users x items)) = n_u n_i / |O|. A user or item without observations
/// gets 0 (clipped later); values above 1 are clipped to 1. It ignores the label, so it corrects popularity bias only.
/// </summary>
public sealed class PopularityPropensityModel : PropensityModel
{
    private readonly int[] _userCounts;
    private readonly int[] _itemCounts;

    internal PopularityPropensityModel(int[] userCounts, int[] itemCounts, long observedCount)
    {
        _userCounts = userCounts;
        _itemCounts = itemCounts;
        ObservedCount = observedCount;
    }

    /// <inheritdoc/>
    public override PropensityModelKind Kind => PropensityModelKind.Popularity;

    /// <summary>Observed cells per user n_u.</summary>
    public IReadOnlyList<int> UserCounts => _userCounts;

    /// <summary>Observed cells per item n_i.</summary>
    public IReadOnlyList<int> ItemCounts => _itemCounts;

    /// <summary>|O|.</summary>
    public long ObservedCount { get; }

    internal override int KeyedUserCount => _userCounts.Length;

    internal override int KeyedItemCount => _itemCounts.Length;

    /// <summary>Counts observations per user and item.</summary>
    public static PopularityPropensityModel Fit(InteractionTable observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Count == 0)
            throw new DataValidationException("The observed data has no rows: propensities need at least one observed cell.");
        var users = new int[observed.UserCount];
        var items = new int[observed.ItemCount];
        foreach (var u in observed.Users) users[u]++;
        foreach (var i in observed.Items) items[i]++;
        return new PopularityPropensityModel(users, items, observed.Count);
    }

    /// <inheritdoc/>
    public override double Propensity(int user, int item, float label)
    {
        if ((uint)user >= (uint)_userCounts.Length)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"User index {user} is outside the {_userCounts.Length} users the model was fitted on.");
        if ((uint)item >= (uint)_itemCounts.Length)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"Item index {item} is outside the {_itemCounts.Length} items the model was fitted on.");
        return (double)_userCounts[user] * _itemCounts[item] / ObservedCount;
    }
}

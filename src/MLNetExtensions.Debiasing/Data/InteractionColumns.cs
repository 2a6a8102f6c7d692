namespace MLNetExtensions.Debiasing.Data;

/// <summary>
/// Default column names of interaction data, following ML.NET's matrix-factorisation conventions: user and item
/// are key columns (1-based key values, 0 = missing), the label is a float, predictions go to "Score".
/// </summary>
public static class InteractionColumns
{
    /// <summary>The user key column.</summary>
    public const string User = "UserId";

    /// <summary>The item key column.</summary>
    public const string Item = "ItemId";

    /// <summary>The label (rating or 0/1 feedback) column.</summary>
    public const string Label = "Label";

    /// <summary>The prediction column.</summary>
    public const string Score = "Score";

    /// <summary>A per-row vector of the user's side features (e.g. for the trainers' kernel feature options).</summary>
    public const string UserFeatures = "UserFeatures";

    /// <summary>A per-row vector of the item's side features.</summary>
    public const string ItemFeatures = "ItemFeatures";
}

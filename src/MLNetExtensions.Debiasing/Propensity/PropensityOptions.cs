namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>Options of <see cref="PropensityEstimator"/>.</summary>
public sealed class PropensityOptions
{
    /// <summary>User key column (UInt32 key, ML.NET matrix-factorisation convention). Default "UserId".</summary>
    public string UserColumnName = Data.InteractionColumns.User;

    /// <summary>Item key column. Default "ItemId".</summary>
    public string ItemColumnName = Data.InteractionColumns.Item;

    /// <summary>Label column (Single; binarised feedback or ratings). Read by Naive Bayes. Default "Label".</summary>
    public string LabelColumnName = Data.InteractionColumns.Label;

    /// <summary>Label column of the MAR sample passed to the estimator. Default "Label".</summary>
    public string MarLabelColumnName = Data.InteractionColumns.Label;

    /// <summary>The model. Default Naive Bayes (needs a MAR sample).</summary>
    public PropensityModelKind Model = PropensityModelKind.NaiveBayes;

    /// <summary>Propensities are clipped to [ClipMinimum, 1], which caps inverse weights at 1 / ClipMinimum. Default 1e-3.</summary>
    public double ClipMinimum = 1e-3;

    /// <summary>Output column of the clipped propensity. Default "Propensity".</summary>
    public string PropensityColumnName = "Propensity";

    /// <summary>Output column of 1 / propensity, usable as an example weight. Default "InversePropensityWeight".</summary>
    public string WeightColumnName = "InversePropensityWeight";

    /// <summary>Rows per block in Transform. Default 1,024.</summary>
    public int ScoringBatchSize = 1024;

    internal PropensityOptions Clone() => (PropensityOptions)MemberwiseClone();

    internal void Validate()
    {
        if (!(ClipMinimum > 0 && ClipMinimum <= 1))
            throw new ArgumentOutOfRangeException(nameof(ClipMinimum), ClipMinimum, "ClipMinimum must be in (0, 1].");
        if (ScoringBatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(ScoringBatchSize), ScoringBatchSize, "ScoringBatchSize must be positive.");
        if (!Enum.IsDefined(Model))
            throw new ArgumentOutOfRangeException(nameof(Model), Model, "Unknown propensity model.");
        foreach (var (name, value) in new[]
                 {
                     (nameof(UserColumnName), UserColumnName), (nameof(ItemColumnName), ItemColumnName), (nameof(LabelColumnName), LabelColumnName),
                     (nameof(MarLabelColumnName), MarLabelColumnName), (nameof(PropensityColumnName), PropensityColumnName), (nameof(WeightColumnName), WeightColumnName),
                 })
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"{name} must not be empty.", name);
        if (PropensityColumnName == WeightColumnName)
            throw new ArgumentException($"PropensityColumnName and WeightColumnName are both '{WeightColumnName}'.", nameof(WeightColumnName));
    }
}

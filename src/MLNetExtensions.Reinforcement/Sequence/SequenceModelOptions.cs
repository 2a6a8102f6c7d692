namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>Columns and batching of a <see cref="SequenceModelTransformer"/>.</summary>
public sealed class SequenceModelOptions
{
    /// <summary>Text column holding the prompts.</summary>
    public string PromptColumnName { get; set; } = "Prompt";

    /// <summary>Text column written with the greedy response.</summary>
    public string ResponseColumnName { get; set; } = "Response";

    /// <summary>
    /// Single column written with the response's mean per-token log-probability (the end token included, under the
    /// policy's temperature); null for no such column.
    /// </summary>
    public string? MeanLogProbabilityColumnName { get; set; } = "MeanLogProbability";

    /// <summary>Whether the response text keeps the end marker (when the model produced one).</summary>
    public bool KeepEndMarker { get; set; }

    /// <summary>Prompts decoded together by <c>Transform</c>.</summary>
    public int ScoringBatchSize { get; set; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PromptColumnName))
            throw new ArgumentException("The prompt column name must be set.", nameof(PromptColumnName));
        if (string.IsNullOrWhiteSpace(ResponseColumnName))
            throw new ArgumentException("The response column name must be set.", nameof(ResponseColumnName));
        if (MeanLogProbabilityColumnName is not null && string.IsNullOrWhiteSpace(MeanLogProbabilityColumnName))
            throw new ArgumentException("The mean log-probability column name must be null (no column) or a name.", nameof(MeanLogProbabilityColumnName));
        if (MeanLogProbabilityColumnName == ResponseColumnName)
            throw new ArgumentException($"The response and mean log-probability columns are both named '{ResponseColumnName}'.", nameof(MeanLogProbabilityColumnName));
        if (ScoringBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(ScoringBatchSize), ScoringBatchSize, "The scoring batch size must be positive.");
    }

    /// <summary>A copy.</summary>
    public SequenceModelOptions Clone() => (SequenceModelOptions)MemberwiseClone();
}

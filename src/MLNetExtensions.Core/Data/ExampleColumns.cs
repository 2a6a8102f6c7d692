namespace MLNetExtensions.Data;

/// <summary>Which columns of an <see cref="Microsoft.ML.IDataView"/> become tensors, and how labels are read.</summary>
public sealed record ExampleColumns
{
    /// <summary>Known-size float vector (or float scalar) of features.</summary>
    public required string FeatureColumnName { get; init; }

    /// <summary>How the label is read; <see cref="LabelKind.None"/> when there is no label.</summary>
    public LabelKind LabelKind { get; init; } = LabelKind.None;

    /// <summary>The label column; required unless <see cref="LabelKind"/> is <see cref="LabelKind.None"/>.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>Optional non-negative float example weights.</summary>
    public string? WeightColumnName { get; init; }

    /// <summary>
    /// Further float scalar or vector columns a family needs beside the features (a protected attribute, teacher
    /// logits, ...). They are read and checked for NaN/Inf like features.
    /// </summary>
    public IReadOnlyList<string> ExtraColumnNames { get; init; } = Array.Empty<string>();
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Scoring;

/// <summary>The storage kind of a column produced by a <see cref="BlockMapper"/>.</summary>
public enum ScoreColumnKind
{
    /// <summary>A float scalar.</summary>
    Single,
    /// <summary>A known-size float vector.</summary>
    SingleVector,
    /// <summary>A Boolean.</summary>
    Boolean,
    /// <summary>A key (uint, 1-based; 0 is missing).</summary>
    Key,
    /// <summary>Text (<see cref="ReadOnlyMemory{T}"/> of char).</summary>
    Text,
}

/// <summary>An output column of a <see cref="BlockMapper"/>: name, kind, width and annotations.</summary>
public sealed class ScoreColumn
{
    private ScoreColumn(string name, ScoreColumnKind kind, DataViewType type, int width, DataViewSchema.Annotations? annotations)
    {
        Name = name;
        Kind = kind;
        Type = type;
        Width = width;
        Annotations = annotations ?? DataViewSchema.Annotations.Empty;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Storage kind.</summary>
    public ScoreColumnKind Kind { get; }

    /// <summary>ML.NET type of the column.</summary>
    public DataViewType Type { get; }

    /// <summary>Values per row (vector size; 1 for scalars).</summary>
    public int Width { get; }

    /// <summary>Annotations (slot names, key values).</summary>
    public DataViewSchema.Annotations Annotations { get; }

    /// <summary>A float scalar column.</summary>
    public static ScoreColumn Single(string name, DataViewSchema.Annotations? annotations = null) =>
        new(name, ScoreColumnKind.Single, NumberDataViewType.Single, 1, annotations);

    /// <summary>A float vector column of <paramref name="size"/>.</summary>
    public static ScoreColumn SingleVector(string name, int size, DataViewSchema.Annotations? annotations = null) =>
        new(name, ScoreColumnKind.SingleVector, new VectorDataViewType(NumberDataViewType.Single, size), size, annotations);

    /// <summary>A Boolean column.</summary>
    public static ScoreColumn Boolean(string name, DataViewSchema.Annotations? annotations = null) =>
        new(name, ScoreColumnKind.Boolean, BooleanDataViewType.Instance, 1, annotations);

    /// <summary>A key column with <paramref name="count"/> values.</summary>
    public static ScoreColumn Key(string name, int count, DataViewSchema.Annotations? annotations = null) =>
        new(name, ScoreColumnKind.Key, new KeyDataViewType(typeof(uint), count), 1, annotations);

    /// <summary>A text column.</summary>
    public static ScoreColumn Text(string name, DataViewSchema.Annotations? annotations = null) =>
        new(name, ScoreColumnKind.Text, TextDataViewType.Instance, 1, annotations);
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Data;

/// <summary>Schema checks shared by every component, with messages that name the column.</summary>
public static class ColumnInfo
{
    /// <summary>Finds a visible column or throws naming it and listing the columns present.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string columnName, string role)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (string.IsNullOrWhiteSpace(columnName))
            throw new ArgumentException($"The {role} column name must not be empty.", nameof(columnName));
        var column = schema.GetColumnOrNull(columnName);
        if (column is null || column.Value.IsHidden)
        {
            var present = string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));
            throw new ArgumentOutOfRangeException(nameof(columnName),
                $"{role} column '{columnName}' was not found in the data. Columns present: {present}.");
        }
        return column.Value;
    }

    /// <summary>The width of a float vector of known size, or 1 for a float scalar; throws for anything else.</summary>
    public static int FloatWidth(DataViewSchema.Column column, string role, bool allowScalar)
    {
        if (column.Type is VectorDataViewType vector && vector.ItemType == NumberDataViewType.Single)
        {
            if (!vector.IsKnownSize)
                throw new ArgumentException(
                    $"{role} column '{column.Name}' is a float vector of unknown size; a known-size vector is required " +
                    "(for example from mlContext.Transforms.Concatenate).", column.Name);
            return vector.Size;
        }
        if (allowScalar && column.Type == NumberDataViewType.Single)
            return 1;
        var expected = allowScalar ? "Single (float) or a known-size vector of Single" : "a known-size vector of Single (float)";
        throw new ArgumentException(
            $"{role} column '{column.Name}' has type {column.Type}; expected {expected}. " +
            "Use mlContext.Transforms.Concatenate / Conversion.ConvertType to build it.", column.Name);
    }

    /// <summary>Checks that the label column suits <paramref name="kind"/> and returns its class count (multiclass) or 0.</summary>
    public static int CheckLabel(DataViewSchema.Column column, LabelKind kind)
    {
        switch (kind)
        {
            case LabelKind.Binary:
                if (column.Type == BooleanDataViewType.Instance || column.Type == NumberDataViewType.Single)
                    return 0;
                throw new ArgumentException(
                    $"Label column '{column.Name}' has type {column.Type}; binary classification expects Boolean or Single (0/1).", column.Name);
            case LabelKind.Multiclass:
                if (column.Type is KeyDataViewType key && key.Count > 0 && key.Count <= int.MaxValue)
                {
                    if (key.Count < 2)
                        throw new ArgumentException($"Label column '{column.Name}' is a key with {key.Count} value; at least 2 classes are needed.", column.Name);
                    return (int)key.Count;
                }
                throw new ArgumentException(
                    $"Label column '{column.Name}' has type {column.Type}; multiclass classification expects a key type. " +
                    "Add mlContext.Transforms.Conversion.MapValueToKey(\"" + column.Name + "\") before the trainer.", column.Name);
            case LabelKind.Regression:
                if (column.Type == NumberDataViewType.Single)
                    return 0;
                throw new ArgumentException(
                    $"Label column '{column.Name}' has type {column.Type}; regression expects Single (float).", column.Name);
            default:
                return 0;
        }
    }

    /// <summary>Checks an example-weight column is a float scalar.</summary>
    public static void CheckWeight(DataViewSchema.Column column)
    {
        if (column.Type != NumberDataViewType.Single)
            throw new ArgumentException($"Weight column '{column.Name}' has type {column.Type}; expected Single (float).", column.Name);
    }
}

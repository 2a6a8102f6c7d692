using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Scoring;

/// <summary>Reads a text input column of the current row as a string (the getter's buffer is reused, so copy it).</summary>
internal static class TextInputReader
{
    public static Func<string> Create(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
        var buffer = default(ReadOnlyMemory<char>);
        return () =>
        {
            getter(ref buffer);
            return buffer.ToString();
        };
    }

    /// <summary>Throws unless <paramref name="name"/> is a text column of <paramref name="input"/>.</summary>
    public static void RequireText(DataViewSchema input, string name)
    {
        var column = MLNetExtensions.Data.ColumnInfo.Require(input, name, "Input");
        if (column.Type is not TextDataViewType)
            throw new ArgumentException($"Input column '{name}' has type {column.Type}; a text column is required.", name);
    }
}

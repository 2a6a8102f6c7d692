namespace MLNetExtensions.Data.Csv;

/// <summary>A CSV file cannot be read as asked: a missing column, a short row, or a value that does not parse.</summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception; the message names the file, the column and the line.</summary>
    public CsvFormatException(string message, string? columnName = null, long? line = null)
        : base(message)
    {
        ColumnName = columnName;
        Line = line;
    }

    /// <summary>The column at fault, if any.</summary>
    public string? ColumnName { get; }

    /// <summary>The 1-based line of the file (the header is line 1), if any.</summary>
    public long? Line { get; }
}

namespace MLNetExtensions.Data;

/// <summary>A value in the data is not usable (NaN/Inf feature, label out of range, negative weight, empty data).</summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception; the message should name the column and the row.</summary>
    public DataValidationException(string message, string? columnName = null, long? row = null)
        : base(message)
    {
        ColumnName = columnName;
        Row = row;
    }

    /// <summary>The error for a data view without rows.</summary>
    public static DataValidationException NoRows() =>
        new("The data view has no rows: training and calibration need at least one example.");

    /// <summary>The offending column, when one is to blame.</summary>
    public string? ColumnName { get; }

    /// <summary>The 0-based row index in the data view, when one is to blame.</summary>
    public long? Row { get; }
}

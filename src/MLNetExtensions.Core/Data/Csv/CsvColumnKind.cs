namespace MLNetExtensions.Data.Csv;

/// <summary>How a CSV column's text is turned into values.</summary>
public enum CsvColumnKind
{
    /// <summary>A number (invariant culture; exponents, "NaN" and "Infinity" parse and are left to the consumer to reject).</summary>
    Number,
    /// <summary>A 0/1 or true/false (any case) flag, read as 0 or 1.</summary>
    Boolean,
    /// <summary>Text mapped to a dense integer id (0, 1, ... in order of first appearance).</summary>
    Category,
}

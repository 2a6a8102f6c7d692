namespace MLNetExtensions.Data.Csv;

/// <summary>
/// A block of parsed rows: one array per requested column (doubles for numbers and flags, ids for categories).
/// The reader reuses one instance between blocks.
/// </summary>
public sealed class CsvBlock
{
    internal CsvBlock(IReadOnlyList<CsvColumnKind> kinds, int capacity)
    {
        Capacity = capacity;
        Numbers = kinds.Select(k => k == CsvColumnKind.Category ? Array.Empty<double>() : new double[capacity]).ToArray();
        Categories = kinds.Select(k => k == CsvColumnKind.Category ? new int[capacity] : Array.Empty<int>()).ToArray();
    }

    /// <summary>Rows a block can hold.</summary>
    public int Capacity { get; }

    /// <summary>Valid rows in this block.</summary>
    public int Count { get; internal set; }

    /// <summary>0-based index (among data rows, header excluded) of the first row in this block.</summary>
    public long FirstRow { get; internal set; }

    /// <summary>Per requested column: values of Number (full double precision) and Boolean (0 or 1) columns (empty for categories).</summary>
    public double[][] Numbers { get; }

    /// <summary>Per requested column: ids of Category columns (empty for others).</summary>
    public int[][] Categories { get; }
}

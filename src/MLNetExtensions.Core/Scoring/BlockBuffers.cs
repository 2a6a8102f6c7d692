namespace MLNetExtensions.Scoring;

/// <summary>Inputs of one block: per input column, <c>rows * width</c> floats, row-major.</summary>
public sealed class BlockInputs
{
    internal BlockInputs(int capacity, IReadOnlyList<int> widths, int textColumns = 0)
    {
        Widths = widths.ToArray();
        Values = Widths.Select(w => new float[capacity * w]).ToArray();
        Texts = Enumerable.Range(0, textColumns).Select(_ => new string[capacity]).ToArray();
    }

    /// <summary>Width of each input column.</summary>
    public int[] Widths { get; }

    /// <summary>Values of each input column.</summary>
    public float[][] Values { get; }

    /// <summary>Values of each text input column (<see cref="BlockMapper.TextInputs"/>), one string per row.</summary>
    public string[][] Texts { get; }

    /// <summary>The 0-based row index (in the input data view) of the block's first row, for error messages.</summary>
    public long FirstRow { get; internal set; }
}

/// <summary>Outputs of one block, filled by <see cref="BlockMapper.MapBlock"/>.</summary>
public sealed class BlockOutputs
{
    internal BlockOutputs(int capacity, IReadOnlyList<ScoreColumn> columns)
    {
        Columns = columns.ToArray();
        Floats = new float[Columns.Length][];
        Booleans = new bool[Columns.Length][];
        Keys = new uint[Columns.Length][];
        Texts = new string[Columns.Length][];
        for (int i = 0; i < Columns.Length; i++)
        {
            switch (Columns[i].Kind)
            {
                case ScoreColumnKind.Boolean: Booleans[i] = new bool[capacity]; break;
                case ScoreColumnKind.Key: Keys[i] = new uint[capacity]; break;
                case ScoreColumnKind.Text: Texts[i] = new string[capacity]; break;
                default: Floats[i] = new float[capacity * Columns[i].Width]; break;
            }
        }
    }

    /// <summary>The output columns, in order.</summary>
    public ScoreColumn[] Columns { get; }

    /// <summary>Float (scalar or vector) values per column; null for other kinds.</summary>
    public float[][] Floats { get; }

    /// <summary>Boolean values per column; null for other kinds.</summary>
    public bool[][] Booleans { get; }

    /// <summary>Key values (1-based) per column; null for other kinds.</summary>
    public uint[][] Keys { get; }

    /// <summary>Text values per column; null for other kinds.</summary>
    public string[][] Texts { get; }
}

namespace MLNetExtensions.Scoring;

/// <summary>
/// Computes output columns for a block of rows at once (one forward pass per block). Implementations must be
/// safe to call from several cursors concurrently: keep per-call state in the buffers, not in fields.
/// </summary>
public abstract class BlockMapper
{
    /// <summary>Input columns (float scalar, known-size float vector, or UInt32 key read as its 1-based value) and their widths.</summary>
    public abstract IReadOnlyList<(string Name, int Width)> Inputs { get; }

    /// <summary>Text input columns, read as strings into <see cref="BlockInputs.Texts"/>; none unless overridden.</summary>
    public virtual IReadOnlyList<string> TextInputs => Array.Empty<string>();

    /// <summary>The columns this mapper adds.</summary>
    public abstract IReadOnlyList<ScoreColumn> Outputs { get; }

    /// <summary>Fills <paramref name="outputs"/> for the first <paramref name="rows"/> rows of <paramref name="inputs"/>.</summary>
    public abstract void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs);
}

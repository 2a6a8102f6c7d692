namespace MLNetExtensions.Data;

/// <summary>
/// A block of rows read from a data view into flat row-major arrays. A reader reuses one instance between
/// blocks: copy what must outlive the next block.
/// </summary>
public sealed class ExampleBatch
{
    internal ExampleBatch(int capacity, int featureWidth, bool hasLabel, bool hasWeight, IReadOnlyList<int> extraWidths)
    {
        Capacity = capacity;
        FeatureWidth = featureWidth;
        Features = new float[capacity * featureWidth];
        Labels = hasLabel ? new float[capacity] : Array.Empty<float>();
        Weights = hasWeight ? new float[capacity] : null;
        ExtraWidths = extraWidths.ToArray();
        Extras = ExtraWidths.Select(w => new float[capacity * w]).ToArray();
    }

    /// <summary>Maximum number of rows in a block.</summary>
    public int Capacity { get; }

    /// <summary>Number of valid rows in this block.</summary>
    public int Count { get; internal set; }

    /// <summary>Index in the data view of the first row in this block.</summary>
    public long FirstRow { get; internal set; }

    /// <summary>Number of feature values per row.</summary>
    public int FeatureWidth { get; }

    /// <summary>Features, <c>Count * FeatureWidth</c> valid values, row-major.</summary>
    public float[] Features { get; }

    /// <summary>Labels: 0/1 (binary), 0-based class index (multiclass), the value (regression); empty when unlabeled.</summary>
    public float[] Labels { get; }

    /// <summary>Example weights, or null when no weight column was given.</summary>
    public float[]? Weights { get; }

    /// <summary>Widths of the extra columns, in the order asked for.</summary>
    public int[] ExtraWidths { get; }

    /// <summary>Extra columns' values, row-major, one array per column.</summary>
    public float[][] Extras { get; }
}

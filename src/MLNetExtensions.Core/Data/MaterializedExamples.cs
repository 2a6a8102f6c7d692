namespace MLNetExtensions.Data;

/// <summary>All rows of a data view held in flat row-major arrays (for algorithms that need random access).</summary>
public sealed class MaterializedExamples
{
    private MaterializedExamples(int count, int featureWidth, float[] features, float[] labels, float[]? weights,
        int[] extraWidths, float[][] extras)
    {
        Count = count;
        FeatureWidth = featureWidth;
        Features = features;
        Labels = labels;
        Weights = weights;
        ExtraWidths = extraWidths;
        Extras = extras;
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Feature values per row.</summary>
    public int FeatureWidth { get; }

    /// <summary><c>Count * FeatureWidth</c> feature values.</summary>
    public float[] Features { get; }

    /// <summary>Labels (empty when unlabeled).</summary>
    public float[] Labels { get; }

    /// <summary>Weights, or null.</summary>
    public float[]? Weights { get; }

    /// <summary>Widths of extra columns.</summary>
    public int[] ExtraWidths { get; }

    /// <summary>Extra columns' values.</summary>
    public float[][] Extras { get; }

    internal sealed class Builder
    {
        private readonly int _featureWidth;
        private readonly int[] _extraWidths;
        private float[] _features;
        private float[]? _labels;
        private float[]? _weights;
        private readonly float[][] _extras;
        private int _capacity;

        public Builder(int featureWidth, bool hasLabel, bool hasWeight, IReadOnlyList<int> extraWidths, int capacity)
        {
            _featureWidth = featureWidth;
            _extraWidths = extraWidths.ToArray();
            _capacity = Math.Max(capacity, 1);
            _features = new float[(long)_capacity * featureWidth > int.MaxValue
                ? throw new DataValidationException($"Too many values to hold in memory ({(long)_capacity * featureWidth}).")
                : _capacity * featureWidth];
            _labels = hasLabel ? new float[_capacity] : null;
            _weights = hasWeight ? new float[_capacity] : null;
            _extras = _extraWidths.Select(w => new float[_capacity * w]).ToArray();
        }

        public int Count { get; private set; }

        public void Append(ExampleBatch batch)
        {
            int n = batch.Count;
            if (Count + n > _capacity)
                Grow(Math.Max(Count + n, checked(_capacity * 2)));
            Array.Copy(batch.Features, 0, _features, (long)Count * _featureWidth, (long)n * _featureWidth);
            if (_labels is not null) Array.Copy(batch.Labels, 0, _labels, Count, n);
            if (_weights is not null) Array.Copy(batch.Weights!, 0, _weights, Count, n);
            for (int e = 0; e < _extras.Length; e++)
                Array.Copy(batch.Extras[e], 0, _extras[e], (long)Count * _extraWidths[e], (long)n * _extraWidths[e]);
            Count += n;
        }

        public MaterializedExamples Build()
        {
            if (Count != _capacity)
                Grow(Count);
            return new MaterializedExamples(Count, _featureWidth, _features, _labels ?? Array.Empty<float>(), _weights, _extraWidths, _extras);
        }

        private void Grow(int capacity)
        {
            Array.Resize(ref _features, checked(capacity * _featureWidth));
            if (_labels is not null) Array.Resize(ref _labels, capacity);
            if (_weights is not null) Array.Resize(ref _weights, capacity);
            for (int e = 0; e < _extras.Length; e++)
                Array.Resize(ref _extras[e], capacity * _extraWidths[e]);
            _capacity = capacity;
        }
    }
}

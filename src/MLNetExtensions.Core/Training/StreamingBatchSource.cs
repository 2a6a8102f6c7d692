using Microsoft.ML;
using MLNetExtensions.Data;
using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Training;

/// <summary>
/// Re-reads the data view every epoch (no full materialisation), shuffling through ML.NET's pool shuffle
/// (<see cref="DataOperationsCatalog.ShuffleRows"/>) with a per-epoch seed.
/// </summary>
public sealed class StreamingBatchSource : ITrainingBatchSource
{
    private readonly MLContext _mlContext;
    private readonly IDataView _data;
    private readonly ExampleColumns _columns;
    private readonly Device _device;
    private readonly int _batchSize;
    private readonly int? _seed;
    private readonly int _shufflePoolSize;

    /// <summary>Creates the source; <paramref name="seed"/> null keeps the data order.</summary>
    public StreamingBatchSource(MLContext mlContext, IDataView data, ExampleColumns columns, Device device, int batchSize,
        int? seed, int shufflePoolSize, long rowCount)
    {
        _mlContext = mlContext;
        _data = data;
        _columns = columns;
        _device = device;
        _batchSize = batchSize;
        _seed = seed;
        _shufflePoolSize = shufflePoolSize;
        RowCount = rowCount;
    }

    /// <inheritdoc/>
    public long RowCount { get; }

    /// <inheritdoc/>
    public IEnumerable<TensorBatch> Epoch(int epoch)
    {
        var view = _seed is { } seed
            ? _mlContext.Data.ShuffleRows(_data, seed: unchecked(seed * 7919 + epoch), shufflePoolSize: _shufflePoolSize, shuffleSource: false)
            : _data;
        var reader = new DataViewBatchReader(view, _columns);
        foreach (var block in reader.Read(_batchSize))
            yield return ToTensors(block, _device);
    }

    /// <summary>Copies a block into tensors on <paramref name="device"/>.</summary>
    public static TensorBatch ToTensors(ExampleBatch block, Device device)
    {
        int n = block.Count;
        var features = TensorCopy.FromSpan(block.Features.AsSpan(0, n * block.FeatureWidth), new long[] { n, block.FeatureWidth }, device);
        var labels = block.Labels.Length == 0 ? null : TensorCopy.FromSpan(block.Labels.AsSpan(0, n), new long[] { n }, device);
        var weights = block.Weights is null ? null : TensorCopy.FromSpan(block.Weights.AsSpan(0, n), new long[] { n }, device);
        var extras = block.Extras.Select((e, i) => TensorCopy.FromSpan(e.AsSpan(0, n * block.ExtraWidths[i]), new long[] { n, block.ExtraWidths[i] }, device)).ToArray();
        return new TensorBatch(features, labels, weights, extras);
    }
}

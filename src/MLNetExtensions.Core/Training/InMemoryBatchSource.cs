using MLNetExtensions.Data;
using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Training;

/// <summary>
/// Holds all rows as tensors on the training device and serves each epoch as a seeded permutation cut into
/// minibatches (views into one permuted copy, so a step costs no extra allocation).
/// </summary>
public sealed class InMemoryBatchSource : ITrainingBatchSource, IDisposable
{
    private readonly Tensor _features;
    private readonly Tensor? _labels;
    private readonly Tensor? _weights;
    private readonly Tensor[] _extras;
    private readonly int _batchSize;
    private readonly TorchRandom? _random;

    /// <summary>Copies <paramref name="rows"/> (or the subset <paramref name="indices"/>) to <paramref name="device"/>.</summary>
    /// <param name="rows">The examples.</param>
    /// <param name="device">Training device.</param>
    /// <param name="batchSize">Rows per minibatch.</param>
    /// <param name="random">Shuffles every epoch when given; keeps row order when null.</param>
    /// <param name="indices">Optional subset of row indices (for a train/validation split).</param>
    public InMemoryBatchSource(MaterializedExamples rows, Device device, int batchSize, TorchRandom? random, long[]? indices = null)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");
        _batchSize = batchSize;
        _random = random;
        using var scope = NewDisposeScope();
        using var index = indices is null ? null : torch.tensor(indices, ScalarType.Int64);
        _features = Take(TensorCopy.FromSpan(rows.Features, new long[] { rows.Count, rows.FeatureWidth }, CPU), index, device);
        _labels = rows.Labels.Length == 0 ? null : Take(TensorCopy.FromSpan(rows.Labels, new long[] { rows.Count }, CPU), index, device);
        _weights = rows.Weights is null ? null : Take(TensorCopy.FromSpan(rows.Weights, new long[] { rows.Count }, CPU), index, device);
        _extras = rows.Extras.Select((e, i) => Take(TensorCopy.FromSpan(e, new long[] { rows.Count, rows.ExtraWidths[i] }, CPU), index, device)).ToArray();
        RowCount = _features.shape[0];
        scope.MoveToOuter(new[] { _features }.Concat(_extras).Concat(new[] { _labels, _weights }.Where(t => t is not null)!)!);
    }

    /// <inheritdoc/>
    public long RowCount { get; }

    /// <inheritdoc/>
    public IEnumerable<TensorBatch> Epoch(int epoch)
    {
        Tensor features, labels, weights;
        Tensor[] extras;
        Tensor? perm = null;
        if (_random is not null)
        {
            using var cpuPerm = _random.Permutation(RowCount);
            perm = cpuPerm.to(_features.device);
            features = _features.index_select(0, perm);
            labels = _labels?.index_select(0, perm)!;
            weights = _weights?.index_select(0, perm)!;
            extras = _extras.Select(e => e.index_select(0, perm)).ToArray();
        }
        else
        {
            features = _features.alias();
            labels = _labels?.alias()!;
            weights = _weights?.alias()!;
            extras = _extras.Select(e => e.alias()).ToArray();
        }
        try
        {
            for (long start = 0; start < RowCount; start += _batchSize)
            {
                long length = Math.Min(_batchSize, RowCount - start);
                yield return new TensorBatch(
                    features.narrow(0, start, length),
                    labels?.narrow(0, start, length),
                    weights?.narrow(0, start, length),
                    extras.Select(e => e.narrow(0, start, length)).ToArray());
            }
        }
        finally
        {
            perm?.Dispose();
            features.Dispose();
            labels?.Dispose();
            weights?.Dispose();
            foreach (var e in extras) e.Dispose();
        }
    }

    private static Tensor Take(Tensor all, Tensor? index, Device device)
    {
        var subset = index is null ? all : all.index_select(0, index);
        return subset.to(device);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _features.Dispose();
        _labels?.Dispose();
        _weights?.Dispose();
        foreach (var e in _extras) e.Dispose();
    }
}

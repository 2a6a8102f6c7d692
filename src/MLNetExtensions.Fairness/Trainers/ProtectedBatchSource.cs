using MLNetExtensions.Data;
using MLNetExtensions.Torch;
using MLNetExtensions.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// Core's in-memory batching (one seeded permutation per epoch through <see cref="TorchRandom.Permutation"/>, batches
/// as views) plus the encoded protected attributes: each batch's <see cref="TensorBatch.Extras"/> are
/// [0] the attributes [B, w] (float), [1] the group ids [B] (int64) and, for Poisson regression with an exposure
/// column, [2] the log exposure [B] (float). It draws exactly the permutations Core's
/// <c>InMemoryBatchSource</c> draws, so with no penalty training matches <c>TorchMlpTrainer</c> for the same seed.
/// </summary>
internal sealed class ProtectedBatchSource : ITrainingBatchSource, IDisposable
{
    private readonly Tensor[] _columns;
    private readonly bool _hasLabels;
    private readonly bool _hasWeights;
    private readonly bool _hasOffsets;
    private readonly int _batchSize;
    private readonly TorchRandom? _random;

    public ProtectedBatchSource(MaterializedExamples rows, float[] attributes, int attributeWidth, long[] groups,
        Device device, int batchSize, TorchRandom? random, long[]? indices = null, float[]? logExposure = null)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");
        _batchSize = batchSize;
        _random = random;
        _hasLabels = rows.Labels.Length > 0;
        _hasWeights = rows.Weights is not null;
        _hasOffsets = logExposure is not null;
        using var scope = NewDisposeScope();
        using var index = indices is null ? null : torch.tensor(indices, ScalarType.Int64);
        var list = new List<Tensor>
        {
            Take(TensorCopy.FromSpan(rows.Features, new long[] { rows.Count, rows.FeatureWidth }, CPU), index, device),
            // No protected columns (no penalty): an empty [n, 0] block, which TensorCopy cannot build from no values.
            Take(attributeWidth == 0 ? torch.zeros(rows.Count, 0) : TensorCopy.FromSpan(attributes, new long[] { rows.Count, attributeWidth }, CPU), index, device),
            Take(torch.tensor(groups, ScalarType.Int64), index, device),
        };
        if (_hasLabels) list.Add(Take(TensorCopy.FromSpan(rows.Labels, new long[] { rows.Count }, CPU), index, device));
        if (_hasWeights) list.Add(Take(TensorCopy.FromSpan(rows.Weights!, new long[] { rows.Count }, CPU), index, device));
        if (_hasOffsets) list.Add(Take(TensorCopy.FromSpan(logExposure!, new long[] { rows.Count }, CPU), index, device));
        _columns = list.ToArray();
        RowCount = _columns[0].shape[0];
        scope.MoveToOuter(_columns);
    }

    public long RowCount { get; }

    public IEnumerable<TensorBatch> Epoch(int epoch)
    {
        Tensor[] columns;
        if (_random is not null)
        {
            using var cpuPerm = _random.Permutation(RowCount);
            using var perm = cpuPerm.to(_columns[0].device);
            columns = _columns.Select(c => c.index_select(0, perm)).ToArray();
        }
        else
        {
            columns = _columns.Select(c => c.alias()).ToArray();
        }
        try
        {
            for (long start = 0; start < RowCount; start += _batchSize)
            {
                long length = Math.Min(_batchSize, RowCount - start);
                var slice = columns.Select(c => c.narrow(0, start, length)).ToArray();
                int next = 3;
                var labels = _hasLabels ? slice[next++] : null;
                var weights = _hasWeights ? slice[next++] : null;
                var extras = _hasOffsets ? new[] { slice[1], slice[2], slice[next] } : new[] { slice[1], slice[2] };
                yield return new TensorBatch(slice[0], labels, weights, extras);
            }
        }
        finally
        {
            foreach (var c in columns) c.Dispose();
        }
    }

    private static Tensor Take(Tensor all, Tensor? index, Device device)
    {
        var subset = index is null ? all : all.index_select(0, index);
        return subset.to(device);
    }

    public void Dispose()
    {
        foreach (var c in _columns) c.Dispose();
    }
}

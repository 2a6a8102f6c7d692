namespace MLNetExtensions.Training;

/// <summary>Yields the minibatches of one epoch; the training loop disposes each batch after its step.</summary>
public interface ITrainingBatchSource
{
    /// <summary>Rows per epoch (for throughput figures).</summary>
    long RowCount { get; }

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based), shuffled when the source shuffles.</summary>
    IEnumerable<TensorBatch> Epoch(int epoch);
}

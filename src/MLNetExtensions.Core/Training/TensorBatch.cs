using static TorchSharp.torch;

namespace MLNetExtensions.Training;

/// <summary>One minibatch as tensors on the training device. Disposing it releases the tensors.</summary>
public sealed class TensorBatch : IDisposable
{
    /// <summary>Creates a batch; the batch owns (and disposes) the tensors.</summary>
    public TensorBatch(Tensor features, Tensor? labels, Tensor? weights, IReadOnlyList<Tensor> extras)
    {
        Features = features;
        Labels = labels;
        Weights = weights;
        Extras = extras;
    }

    /// <summary>[B, F] float features.</summary>
    public Tensor Features { get; }

    /// <summary>[B] float labels (class indices as floats for multiclass), or null.</summary>
    public Tensor? Labels { get; }

    /// <summary>[B] float example weights, or null (all ones).</summary>
    public Tensor? Weights { get; }

    /// <summary>Extra columns, each [B, width].</summary>
    public IReadOnlyList<Tensor> Extras { get; }

    /// <summary>Rows in the batch.</summary>
    public long Count => Features.shape[0];

    /// <summary>The weighted mean of per-example values: sum(w * v) / sum(w), or mean(v) without weights.</summary>
    public Tensor WeightedMean(Tensor perExample)
    {
        if (Weights is null)
            return perExample.mean();
        // Clamp the denominator: an all-zero-weight batch contributes nothing instead of NaN.
        return (perExample * Weights).sum() / Weights.sum().clamp_min(1e-12);
    }

    /// <summary>Total weight of the batch (row count without weights).</summary>
    public double TotalWeight() => Weights is null ? Count : Weights.sum().item<float>();

    /// <inheritdoc/>
    public void Dispose()
    {
        Features.Dispose();
        Labels?.Dispose();
        Weights?.Dispose();
        foreach (var e in Extras)
            e.Dispose();
    }
}

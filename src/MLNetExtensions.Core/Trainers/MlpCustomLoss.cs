using MLNetExtensions.Data;
using MLNetExtensions.Models;
using MLNetExtensions.Training;
using static TorchSharp.torch;

namespace MLNetExtensions.Trainers;

/// <summary>
/// A training loss that a family supplies in place of the task's default loss (distillation losses against cached
/// teacher logits, fairness penalties, ...), through <see cref="TorchMlpTrainer.WithLoss"/>. The trainer reads
/// <see cref="ExtraColumnNames"/> beside features, label and weight (checked for NaN/Inf like features) and hands
/// them to <see cref="Compute"/> as <see cref="TensorBatch.Extras"/>, in the same order.
/// </summary>
public sealed class MlpCustomLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="extraColumnNames">Float scalar or known-size vector columns the loss needs; may be empty.</param>
    /// <param name="compute">
    /// Returns the scalar loss of a batch from the network being trained (call <c>network.forward</c>: outputs in the
    /// training space, i.e. logits for classification) and the batch. Called in training mode for steps and without
    /// gradients in evaluation mode for validation, like the default loss. Use <see cref="TensorBatch.WeightedMean"/>
    /// so example weights keep their meaning.
    /// </param>
    public MlpCustomLoss(IReadOnlyList<string> extraColumnNames, Func<MlpNetwork, TensorBatch, Tensor> compute)
    {
        ArgumentNullException.ThrowIfNull(extraColumnNames);
        ArgumentNullException.ThrowIfNull(compute);
        if (extraColumnNames.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Every extra column name must name a column.", nameof(extraColumnNames));
        ExtraColumnNames = extraColumnNames.ToArray();
        Compute = compute;
    }

    /// <summary>Columns read into <see cref="TensorBatch.Extras"/>, in order.</summary>
    public IReadOnlyList<string> ExtraColumnNames { get; }

    /// <summary>The loss of one batch.</summary>
    public Func<MlpNetwork, TensorBatch, Tensor> Compute { get; }

    /// <summary>
    /// Optional: the output layer's shift and scale (one value per output) from the training rows and the indices of
    /// the rows that train (null: all of them, i.e. no held-out split), in place of the task's default (label
    /// standardisation for regression, none otherwise); e.g. a Poisson model starting at the overall log rate. It may
    /// throw to reject the rows. The loss reads the values back through <see cref="MlpNetwork.OutputShift"/> and
    /// <see cref="MlpNetwork.OutputScale"/>. In-memory training only.
    /// </summary>
    public Func<MaterializedExamples, long[]?, (float[] Shift, float[] Scale)>? OutputScaling { get; init; }
}

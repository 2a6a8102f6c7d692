using Microsoft.ML;
using MLNetExtensions.Data;
using MLNetExtensions.Models;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Distillation.Adversarial;

/// <summary>
/// Projected gradient descent (Madry et al.) against a classification MLP, L-infinity on standardised features:
/// x' = x + delta / s (s = the network's input scale, 1 / std), delta in the ball |delta_j| &lt;= epsilon, each step
/// delta &lt;- clip(delta + a sign(d CE(S(x'), y) / d delta), -epsilon, epsilon), frozen slots held at 0. The gradient
/// is taken with <c>autograd.grad</c> with respect to delta only, so the network's parameter gradients are never
/// touched (the attack can run inside a training step). The network is put in evaluation mode for the attack
/// (no dropout noise in the gradient) and returned to its previous mode. No box constraint beyond the ball:
/// tabular features have no natural [0, 1] range.
/// </summary>
public sealed class PgdAttack
{
    private readonly PgdOptions _options;

    /// <summary>Creates the attack.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public PgdAttack(PgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <summary>The options (a copy).</summary>
    public PgdOptions Options => _options.Clone();

    /// <summary>
    /// Adversarial features [N, F] (raw units, detached) against <paramref name="network"/>: binary networks (one
    /// output) with BCE on 0/1 <paramref name="labels"/>, multiclass with cross-entropy on class indices; labels [N]
    /// float as in <c>TensorBatch.Labels</c>. <paramref name="generator"/> draws the random start (null: a generator
    /// seeded from <see cref="PgdOptions.Seed"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A frozen index is not below the feature width.</exception>
    public Tensor Perturb(MlpNetwork network, Tensor features, Tensor labels, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        int width = (int)features.shape[1];
        if (width != network.InputSize)
            throw new ArgumentException($"The features have {width} columns; the network reads {network.InputSize}.", nameof(features));
        using var scope = NewDisposeScope();
        bool wasTraining = network.training;
        network.eval();
        Generator? own = null;
        try
        {
            using var grad = enable_grad();
            var x0 = features.detach();
            var mask = Mask(width, features.device);
            // One standardised unit of feature j in raw units is 1 / s_j; frozen slots get 0.
            var rawPerUnit = mask / InputScale(network);
            var gen = generator ?? (own = new Generator(unchecked((ulong)_options.Seed), features.device));
            var delta = _options.RandomStart switch
            {
                PgdRandomStart.Gaussian => randn(x0.shape, dtype: x0.dtype, device: x0.device, generator: gen) * 0.001,
                PgdRandomStart.Uniform => (rand(x0.shape, dtype: x0.dtype, device: x0.device, generator: gen) * 2 - 1) * _options.Epsilon,
                _ => zeros_like(x0),
            };
            delta = (delta.clamp(-_options.Epsilon, _options.Epsilon) * mask).detach();
            for (int step = 0; step < _options.Steps; step++)
            {
                using var stepScope = NewDisposeScope();
                var d = delta.requires_grad_(true);
                var loss = Loss(network, x0 + d * rawPerUnit, labels);
                var g = torch.autograd.grad(new[] { loss }, new[] { d })[0];
                delta = ((d.detach() + g.sign() * _options.StepSize).clamp(-_options.Epsilon, _options.Epsilon) * mask).detach().MoveToOuterDisposeScope();
            }
            return (x0 + delta * rawPerUnit).detach().MoveToOuterDisposeScope();
        }
        finally
        {
            own?.Dispose();
            if (wasTraining) network.train();
        }
    }

    /// <summary>
    /// PGD robust accuracy of a fitted classification MLP on <paramref name="data"/>: the share of rows still classified
    /// correctly after the attack (crafted per row with the true label, in batches of <paramref name="batchSize"/>).
    /// Reads the model's feature column and <paramref name="labelColumnName"/> (Boolean/0-1 binary, key multiclass).
    /// </summary>
    /// <exception cref="ArgumentException">The model is a regression MLP, or a column is missing or of the wrong type.</exception>
    public double RobustAccuracy(TorchMlpTransformer model, IDataView data, string labelColumnName = "Label", int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.Task == MlpTask.Regression)
            throw new ArgumentException("PGD robust accuracy needs a classification MLP; this one is a regression model.", nameof(model));
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        var reader = new DataViewBatchReader(data, new ExampleColumns
        {
            FeatureColumnName = model.FeatureColumnName,
            LabelKind = model.Task == MlpTask.BinaryClassification ? LabelKind.Binary : LabelKind.Multiclass,
            LabelColumnName = labelColumnName,
        });
        if (reader.FeatureWidth != model.FeatureWidth)
            throw new ArgumentException($"Column '{model.FeatureColumnName}' has {reader.FeatureWidth} values per row; the model reads {model.FeatureWidth}.", nameof(data));
        var rows = reader.Materialize();
        if (rows.Count == 0)
            throw DataValidationException.NoRows();
        using var generator = new Generator(unchecked((ulong)_options.Seed), model.Device);
        long correct = 0;
        for (int start = 0; start < rows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(batchSize, rows.Count - start);
            var x = TensorCopy.FromSpan(rows.Features.AsSpan(start * rows.FeatureWidth, n * rows.FeatureWidth), new long[] { n, rows.FeatureWidth }, model.Device);
            var y = TensorCopy.FromSpan(rows.Labels.AsSpan(start, n), new long[] { n }, model.Device);
            var adversarial = Perturb(model.Network, x, y, generator);
            using var noGrad = no_grad();
            var logits = model.Network.forward(adversarial);
            var predicted = model.Task == MlpTask.BinaryClassification ? logits.squeeze(1).gt(0).to_type(ScalarType.Float32) : logits.argmax(1).to_type(ScalarType.Float32);
            correct += predicted.eq(y).sum().item<long>();
        }
        return (double)correct / rows.Count;
    }

    /// <summary>Summed classification loss of the network's logits (binary: BCE; multiclass: cross-entropy).</summary>
    internal static Tensor Loss(MlpNetwork network, Tensor features, Tensor labels)
    {
        var logits = network.forward(features);
        return network.OutputSize == 1
            ? F.binary_cross_entropy_with_logits(logits.squeeze(1), labels, reduction: nn.Reduction.Sum)
            : F.cross_entropy(logits, labels.to_type(ScalarType.Int64), reduction: nn.Reduction.Sum);
    }

    /// <summary>The network's input scale s (1 / training std per feature), read from its buffer.</summary>
    internal static Tensor InputScale(MlpNetwork network)
    {
        foreach (var (name, buffer) in network.named_buffers())
            if (name == "input_scale")
                return buffer.detach();
        throw new InvalidOperationException("The MLP has no input_scale buffer.");
    }

    private Tensor Mask(int width, Device device)
    {
        var mask = new float[width];
        Array.Fill(mask, 1f);
        foreach (int i in _options.FrozenFeatureIndices)
        {
            if (i >= width)
                throw new ArgumentOutOfRangeException(nameof(PgdOptions.FrozenFeatureIndices), i,
                    $"PgdOptions.FrozenFeatureIndices holds slot {i}, but the features have only {width} slots (0..{width - 1}).");
            mask[i] = 0f;
        }
        return tensor(mask, device: device);
    }
}

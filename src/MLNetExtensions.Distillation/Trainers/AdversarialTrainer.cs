using Microsoft.ML;
using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Distillation.Losses;
using MLNetExtensions.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>
/// PGD adversarial training of a Torch MLP (Madry et al. 2018): every minibatch, x' = PGD(x) against the current
/// network (<see cref="PgdAttack"/>), then a step on L = (1 - beta) CE(y, S(x')) + beta CE(y, S(x)). It makes the
/// "robust teacher" of MTARD and is the "plain adversarial training" baseline. Returns Core's ordinary
/// <see cref="TorchMlpTransformer"/>. Create it with <c>mlContext.Distillation().Trainers.BinaryAdversarial(...)</c>
/// or <c>MulticlassAdversarial(...)</c>. Cost: each step runs <see cref="PgdOptions.Steps"/> extra forward/backward passes.
/// </summary>
public sealed class AdversarialTrainer : IEstimator<TorchMlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly AdversarialTrainingOptions _options;

    internal AdversarialTrainer(MLContext mlContext, MlpTask task, AdversarialTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (task == MlpTask.Regression)
            throw new ArgumentException("Adversarial training here is for classification (the attack maximises the classification loss).", nameof(task));
        _mlContext = mlContext;
        Task = task;
        _options = options.Clone();
    }

    /// <summary>Binary or multiclass classification.</summary>
    public MlpTask Task { get; }

    /// <summary>The options (a copy).</summary>
    public AdversarialTrainingOptions Options => _options.Clone();

    /// <summary>Trains on <paramref name="input"/>.</summary>
    public TorchMlpTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating (on the adversarial loss) on <paramref name="validationData"/>.</summary>
    public TorchMlpTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var attack = new PgdAttack(_options.Attack);
        double beta = _options.NaturalWeight;
        bool binary = Task == MlpTask.BinaryClassification;
        using var generator = new Generator(unchecked((ulong)_options.Attack.Seed), torch.CPU);
        var loss = new MlpCustomLoss(Array.Empty<string>(), (network, batch) =>
        {
            using var scope = NewDisposeScope();
            var adversarial = attack.Perturb(network, batch.Features, batch.Labels!, GeneratorFor(generator, batch.Features.device));
            var perSample = (1 - beta) * ClassificationLoss(network, adversarial, batch.Labels!, binary);
            if (beta > 0)
                perSample = perSample + beta * ClassificationLoss(network, batch.Features, batch.Labels!, binary);
            return batch.WeightedMean(perSample).MoveToOuterDisposeScope();
        });
        return Trainer().WithLoss(loss).Fit(trainData, validationData);
    }

    /// <summary>Checks the input like Core's MLP trainer and adds its output columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Trainer().GetOutputSchema(inputSchema);

    private TorchMlpTrainer Trainer() => Task == MlpTask.BinaryClassification
        ? _mlContext.Torch().MlpBinaryClassifier(_options.Network)
        : _mlContext.Torch().MlpMulticlassClassifier(_options.Network);

    /// <summary>Per-sample cross-entropy of the network on <paramref name="features"/> (binary as two classes [0, z]).</summary>
    internal static Tensor ClassificationLoss(Models.MlpNetwork network, Tensor features, Tensor labels, bool binary)
    {
        var logits = network.forward(features);
        return TemperedDistributions.CrossEntropy(binary ? BinaryLogits.ToTwoClass(logits) : logits, labels);
    }

    /// <summary>The CPU generator on the CPU; on another device the attack seeds its own per call.</summary>
    internal static Generator? GeneratorFor(Generator cpu, Device device) => device.type == DeviceType.CPU ? cpu : null;
}

using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetExtensions.Data;
using MLNetExtensions.Models;
using MLNetExtensions.Torch;
using MLNetExtensions.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Trainers;

/// <summary>
/// Trains a multilayer perceptron with TorchSharp for binary classification, multiclass classification or
/// regression, and returns a <see cref="TorchMlpTransformer"/> that outputs ML.NET's usual columns.
/// Create it with <c>mlContext.Torch().MlpBinaryClassifier(...)</c> and its siblings.
/// </summary>
public sealed class TorchMlpTrainer : IEstimator<TorchMlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly TorchMlpOptions _options;
    private readonly MlpCustomLoss? _customLoss;

    internal TorchMlpTrainer(MLContext mlContext, MlpTask task, TorchMlpOptions options, MlpCustomLoss? customLoss = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (task == MlpTask.PoissonRegression && customLoss is null)
            throw new ArgumentOutOfRangeException(nameof(task), task,
                "PoissonRegression has no default loss here (it needs the exposure); train it with WithLoss or the fairness family's FairPoissonRegressor.");
        _mlContext = mlContext;
        Task = task;
        _options = options.Clone();
        _customLoss = customLoss;
    }

    /// <summary>
    /// A copy of this trainer that minimises <paramref name="loss"/> instead of the task's default loss (BCE,
    /// cross-entropy, squared error), reading the loss's extra columns from the training and validation data. The
    /// network, data handling, validation, early stopping and the returned transformer are unchanged, so a family's
    /// trainer (e.g. distillation) yields an ordinary <see cref="TorchMlpTransformer"/>.
    /// </summary>
    public TorchMlpTrainer WithLoss(MlpCustomLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return new TorchMlpTrainer(_mlContext, Task, _options, loss);
    }

    /// <summary>The prediction task.</summary>
    public MlpTask Task { get; }

    private LabelKind LabelKind => Task switch
    {
        MlpTask.BinaryClassification => LabelKind.Binary,
        MlpTask.MulticlassClassification => LabelKind.Multiclass,
        _ => LabelKind.Regression,
    };

    /// <summary>Trains on <paramref name="input"/> (validation from <see cref="TorchMlpOptions.ValidationFraction"/>, if set).</summary>
    public TorchMlpTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating (and early stopping) on <paramref name="validationData"/>.</summary>
    public TorchMlpTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = _options;
        var device = TorchDevice.Select(_mlContext);
        var host = ((IHostEnvironment)_mlContext).Register("TorchMlp");
        using var channel = host.Start("Training");
        var columns = new ExampleColumns
        {
            FeatureColumnName = o.FeatureColumnName,
            LabelKind = LabelKind,
            LabelColumnName = o.LabelColumnName,
            WeightColumnName = o.ExampleWeightColumnName,
            ExtraColumnNames = _customLoss?.ExtraColumnNames ?? Array.Empty<string>(),
        };
        var reader = new DataViewBatchReader(trainData, columns);
        var validationReader = validationData is null ? null : new DataViewBatchReader(validationData, columns);
        if (validationReader is not null && validationReader.FeatureWidth != reader.FeatureWidth)
            throw new ArgumentException(
                $"Validation column '{o.FeatureColumnName}' has {validationReader.FeatureWidth} values per row; the training data has {reader.FeatureWidth}.",
                nameof(validationData));
        int outputSize = Task == MlpTask.MulticlassClassification ? reader.ClassCount : 1;
        string[]? classNames = Task == MlpTask.MulticlassClassification ? KeyNames.Read(reader.LabelColumn!.Value, reader.ClassCount) : null;

        using var random = new TorchRandom(o.Seed, device);
        var disposables = new List<IDisposable>();
        try
        {
            ITrainingBatchSource train;
            ITrainingBatchSource? validation = null;
            FeatureStatistics stats;
            (float[] Shift, float[] Scale)? outputScaling = null;
            if (o.DataMode == TrainingDataMode.InMemory)
            {
                var rows = reader.Materialize();
                channel.Info(MessageSensitivity.None, $"Read {rows.Count} rows x {rows.FeatureWidth} features into memory.");
                long[]? trainIndices = null;
                if (validationReader is null && o.ValidationFraction > 0)
                {
                    using var perm = random.Permutation(rows.Count);
                    var order = perm.data<long>().ToArray();
                    int held = (int)Math.Round(rows.Count * o.ValidationFraction);
                    if (held < 1 || held >= rows.Count)
                        throw new ArgumentOutOfRangeException(nameof(o.ValidationFraction), o.ValidationFraction,
                            $"ValidationFraction {o.ValidationFraction} of {rows.Count} rows leaves an empty training or validation set.");
                    var validationSource = new InMemoryBatchSource(rows, device, Math.Max(o.BatchSize, 1024), null, order[..held]);
                    disposables.Add(validationSource);
                    validation = validationSource;
                    trainIndices = order[held..];
                }
                stats = FeatureStatistics.FromRows(rows, trainIndices);
                outputScaling = _customLoss?.OutputScaling?.Invoke(rows, trainIndices);
                var trainSource = new InMemoryBatchSource(rows, device, o.BatchSize, random, trainIndices);
                disposables.Add(trainSource);
                train = trainSource;
                if (validationReader is not null)
                {
                    var validationSource = new InMemoryBatchSource(validationReader.Materialize(), device, Math.Max(o.BatchSize, 1024), null);
                    disposables.Add(validationSource);
                    validation = validationSource;
                }
            }
            else
            {
                if (_customLoss?.OutputScaling is not null)
                    throw new ArgumentOutOfRangeException(nameof(o.DataMode), o.DataMode,
                        "This loss sets the output scaling from the training rows, which needs DataMode InMemory.");
                stats = FeatureStatistics.FromReader(reader);
                train = new StreamingBatchSource(_mlContext, trainData, columns, device, o.BatchSize, o.Seed, o.ShufflePoolSize, stats.Count);
                if (validationData is not null)
                    validation = new StreamingBatchSource(_mlContext, validationData, columns, device, Math.Max(o.BatchSize, 1024), null, 1, 0);
            }

            var network = new MlpNetwork(reader.FeatureWidth, o.HiddenLayers, outputSize, o.Activation, o.Dropout, device);
            try
            {
                network.Initialize(random.Generator);
                var (inShift, inScale) = o.NormalizeFeatures ? stats.Standardisation() : (new float[reader.FeatureWidth], Enumerable.Repeat(1f, reader.FeatureWidth).ToArray());
                var (outShift, outScale) = outputScaling
                    ?? (Task == MlpTask.Regression ? stats.LabelStandardisation() : (new float[outputSize], Enumerable.Repeat(1f, outputSize).ToArray()));
                if (outShift.Length != outputSize || outScale.Length != outputSize)
                    throw new InvalidOperationException($"The custom loss's output scaling has {outShift.Length} shifts and {outScale.Length} scales; the network has {outputSize} outputs.");
                network.SetScaling(inShift, inScale, outShift, outScale);
                network.DropoutGenerator = random.Generator;

                using var optimizer = OptimizerFactory.Create(o.Optimizer, network.parameters(), o.LearningRate, o.WeightDecay);
                var custom = _customLoss;
                var loss = custom is null ? LossFor(network, outShift[0], outScale[0]) : batch => custom.Compute(network, batch);
                var settings = new TrainingLoopSettings
                {
                    Epochs = o.NumberOfEpochs,
                    EarlyStoppingPatience = o.EarlyStoppingPatience,
                    EarlyStoppingMinDelta = o.EarlyStoppingMinDelta,
                };
                channel.Info(MessageSensitivity.None,
                    $"Training a {Task} MLP {reader.FeatureWidth}-{string.Join("-", o.HiddenLayers)}-{outputSize} on {device} for {o.NumberOfEpochs} epochs.");
                var history = new TorchTrainingLoop(channel, o.Progress).Run(network, optimizer, loss, train, validation, settings);
                network.DropoutGenerator = null;
                return new TorchMlpTransformer(Task, o, reader.FeatureWidth, classNames, network, device, history);
            }
            catch
            {
                network.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (var d in disposables)
                d.Dispose();
        }
    }

    private Func<TensorBatch, Tensor> LossFor(MlpNetwork network, float labelShift, float labelScale) => Task switch
    {
        MlpTask.BinaryClassification => batch =>
            batch.WeightedMean(F.binary_cross_entropy_with_logits(network.forward(batch.Features).squeeze(1), batch.Labels!, reduction: nn.Reduction.None)),
        MlpTask.MulticlassClassification => batch =>
            batch.WeightedMean(F.cross_entropy(network.forward(batch.Features), batch.Labels!.to_type(ScalarType.Int64), reduction: nn.Reduction.None)),
        _ => batch =>
        {
            // The network learns the standardised target; its output layer rescales at prediction time.
            var target = (batch.Labels! - labelShift) / labelScale;
            return batch.WeightedMean((network.forward(batch.Features).squeeze(1) - target).square());
        },
    };

    /// <summary>Checks the input shape and adds the output columns of the task.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = SchemaShapes.Require(inputSchema, _options.FeatureColumnName, "Feature");
        SchemaShapes.RequireFloatVector(features, "Feature", allowScalar: true);
        var label = SchemaShapes.Require(inputSchema, _options.LabelColumnName, "Label");
        bool labelOk = Task switch
        {
            MlpTask.BinaryClassification => !label.IsKey && (label.ItemType == BooleanDataViewType.Instance || label.ItemType == NumberDataViewType.Single),
            MlpTask.MulticlassClassification => label.IsKey,
            _ => !label.IsKey && label.ItemType == NumberDataViewType.Single,
        };
        if (!labelOk || label.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentException($"Label column '{label.Name}' has type {label.ItemType}{(label.IsKey ? " (key)" : "")}, which does not suit {Task}.", label.Name);
        var scalar = SchemaShape.Column.VectorKind.Scalar;
        return Task switch
        {
            MlpTask.BinaryClassification => SchemaShapes.Append(inputSchema,
                SchemaShapes.Column(TorchMlpTransformer.ScoreColumnName, scalar, NumberDataViewType.Single, false),
                SchemaShapes.Column(TorchMlpTransformer.ProbabilityColumnName, scalar, NumberDataViewType.Single, false),
                SchemaShapes.Column(TorchMlpTransformer.PredictedLabelColumnName, scalar, BooleanDataViewType.Instance, false)),
            MlpTask.MulticlassClassification => SchemaShapes.Append(inputSchema,
                SchemaShapes.Column(TorchMlpTransformer.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, KeyNames.SlotNamesKind),
                SchemaShapes.Column(TorchMlpTransformer.PredictedLabelColumnName, scalar, NumberDataViewType.UInt32, true, KeyNames.AnnotationKind)),
            _ => SchemaShapes.Append(inputSchema,
                SchemaShapes.Column(TorchMlpTransformer.ScoreColumnName, scalar, NumberDataViewType.Single, false)),
        };
    }
}

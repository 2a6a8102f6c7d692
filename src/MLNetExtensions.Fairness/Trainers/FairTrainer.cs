using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Models;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// Trains a Torch MLP (or a linear/logistic model with no hidden layers) with a fairness penalty:
/// <c>loss = task_loss + lambda * R(output_batch, Z_batch)</c> on every minibatch, where Z are the protected columns
/// (encoded as the fairness report's distance statistics encode them) and the output is the predicted probability
/// (binary), the class probabilities (multiclass) or the standardised prediction (regression).
/// The fitted model is a chain ending in a <see cref="TorchMlpTransformer"/> with ML.NET's usual output columns; the
/// chain holds only that transformer unless <see cref="FairTrainerOptions.IncludeProtectedAsFeatures"/> adds the
/// transforms that append the protected columns to the features.
/// Create it with <c>mlContext.Fairness().Trainers.FairBinaryClassifier(...)</c> and its siblings.
/// </summary>
public sealed class FairTrainer : IEstimator<TransformerChain<TorchMlpTransformer>>
{
    private readonly MLContext _mlContext;
    private readonly FairTrainerOptions _options;

    internal FairTrainer(MLContext mlContext, MlpTask task, FairTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.ExposureColumnName is not null && task != MlpTask.PoissonRegression)
            throw new ArgumentOutOfRangeException(nameof(options.ExposureColumnName), options.ExposureColumnName,
                $"FairTrainerOptions.ExposureColumnName applies to Poisson regression (FairPoissonRegressor), not {task}.");
        _mlContext = mlContext;
        Task = task;
        _options = options.Clone();
    }

    /// <summary>The prediction task.</summary>
    public MlpTask Task { get; }

    /// <summary>A copy of the options.</summary>
    public FairTrainerOptions Options => _options.Clone();

    private LabelKind LabelKind => Task switch
    {
        MlpTask.BinaryClassification => LabelKind.Binary,
        MlpTask.MulticlassClassification => LabelKind.Multiclass,
        _ => LabelKind.Regression,
    };

    /// <summary>Trains on <paramref name="input"/> (validation from <see cref="FairTrainerOptions.ValidationFraction"/>, if set).</summary>
    public TransformerChain<TorchMlpTransformer> Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating (and early stopping) on <paramref name="validationData"/>.</summary>
    public TransformerChain<TorchMlpTransformer> Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = _options;
        var device = TorchDevice.Select(_mlContext);
        var host = ((IHostEnvironment)_mlContext).Register("FairTrainer");
        using var channel = host.Start("Training");

        // Protected columns are read from the raw data and checked first, so a missing column or a NaN is named.
        var trainAttributes = DataViewFairnessReader.ReadAttributes(trainData, o.ProtectedColumnNames, o.MaxDiscreteLevels);
        var validationAttributes = validationData is null ? null : DataViewFairnessReader.ReadAttributes(validationData, o.ProtectedColumnNames, o.MaxDiscreteLevels);
        var encoding = ProtectedAttributeEncoding.Fit(trainAttributes);
        if (o.PenaltyActive && o.Penalty == FairnessPenaltyKind.DemographicParityGap && !encoding.DefinesGroups)
            throw new ArgumentException(
                $"Protected column '{encoding.ContinuousAttribute}' is continuous (more than MaxDiscreteLevels = {o.MaxDiscreteLevels} distinct numbers), so it defines no groups for Penalty DemographicParityGap; use a distance penalty or bin it.",
                encoding.ContinuousAttribute);
        var penalty = o.PenaltyActive ? FairnessPenalty.Create(o.Penalty, encoding.BlockWidths) : null;

        ITransformer? featurizer = o.IncludeProtectedAsFeatures ? ProtectedFeaturizer.Fit(_mlContext, trainData, o, out _) : null;
        string modelFeatures = o.IncludeProtectedAsFeatures ? ProtectedFeaturizer.OutputColumnName(o) : o.FeatureColumnName;
        var preparedTrain = featurizer?.Transform(trainData) ?? trainData;
        var preparedValidation = validationData is null ? null : featurizer?.Transform(validationData) ?? validationData;

        var columns = new ExampleColumns
        {
            FeatureColumnName = modelFeatures,
            LabelKind = LabelKind,
            LabelColumnName = o.LabelColumnName,
            WeightColumnName = o.ExampleWeightColumnName,
            ExtraColumnNames = o.ExposureColumnName is null ? Array.Empty<string>() : new[] { o.ExposureColumnName },
        };
        var reader = new DataViewBatchReader(preparedTrain, columns);
        var validationReader = preparedValidation is null ? null : new DataViewBatchReader(preparedValidation, columns);
        if (validationReader is not null && validationReader.FeatureWidth != reader.FeatureWidth)
            throw new ArgumentException(
                $"Validation column '{modelFeatures}' has {validationReader.FeatureWidth} values per row; the training data has {reader.FeatureWidth}.",
                nameof(validationData));
        int outputSize = Task == MlpTask.MulticlassClassification ? reader.ClassCount : 1;
        string[]? classNames = Task == MlpTask.MulticlassClassification ? KeyNames.Read(reader.LabelColumn!.Value, reader.ClassCount) : null;

        using var random = new TorchRandom(o.Seed, device);
        var disposables = new List<IDisposable>();
        try
        {
            // The same sequence of random draws as TorchMlpTrainer (split permutation, initialisation, epoch
            // permutations), so lambda = 0 reproduces plain training with the same seed.
            var rows = reader.Materialize();
            var (trainZ, trainGroups) = encoding.Encode(trainAttributes, rows.Count);
            var trainLogExposure = Task == MlpTask.PoissonRegression ? LogExposure(rows) : null;
            channel.Info(MessageSensitivity.None, $"Read {rows.Count} rows x {rows.FeatureWidth} features and {encoding.Width} protected columns into memory.");
            long[]? trainIndices = null;
            ProtectedBatchSource? validation = null;
            if (validationReader is null && o.ValidationFraction > 0)
            {
                using var perm = random.Permutation(rows.Count);
                var order = perm.data<long>().ToArray();
                int held = (int)Math.Round(rows.Count * o.ValidationFraction);
                if (held < 1 || held >= rows.Count)
                    throw new ArgumentOutOfRangeException(nameof(o.ValidationFraction), o.ValidationFraction,
                        $"FairTrainerOptions.ValidationFraction {o.ValidationFraction} of {rows.Count} rows leaves an empty training or validation set.");
                validation = new ProtectedBatchSource(rows, trainZ, encoding.Width, trainGroups, device, Math.Max(o.BatchSize, 1024), null, order[..held], trainLogExposure);
                disposables.Add(validation);
                trainIndices = order[held..];
            }
            var stats = FeatureStatistics.FromRows(rows, trainIndices);
            var train = new ProtectedBatchSource(rows, trainZ, encoding.Width, trainGroups, device, o.BatchSize, random, trainIndices, trainLogExposure);
            disposables.Add(train);
            if (validationReader is not null)
            {
                var validRows = validationReader.Materialize();
                var (validZ, validGroups) = encoding.Encode(validationAttributes!, validRows.Count);
                validation = new ProtectedBatchSource(validRows, validZ, encoding.Width, validGroups, device, Math.Max(o.BatchSize, 1024), null, null,
                    Task == MlpTask.PoissonRegression ? LogExposure(validRows) : null);
                disposables.Add(validation);
            }

            var network = new MlpNetwork(reader.FeatureWidth, o.HiddenLayers, outputSize, o.Activation, o.Dropout, device);
            try
            {
                network.Initialize(random.Generator);
                var (inShift, inScale) = o.NormalizeFeatures ? stats.Standardisation() : (new float[reader.FeatureWidth], Enumerable.Repeat(1f, reader.FeatureWidth).ToArray());
                var (outShift, outScale) = Task switch
                {
                    MlpTask.Regression => stats.LabelStandardisation(),
                    // The log rate starts at the overall log rate log(sum y / sum e), on the unit scale.
                    MlpTask.PoissonRegression => (new[] { OverallLogRate(rows, trainLogExposure!, trainIndices) }, new[] { 1f }),
                    _ => (new float[outputSize], Enumerable.Repeat(1f, outputSize).ToArray()),
                };
                network.SetScaling(inShift, inScale, outShift, outScale);
                network.DropoutGenerator = random.Generator;

                using var optimizer = OptimizerFactory.Create(o.Optimizer, network.parameters(), o.LearningRate, o.WeightDecay);
                var loss = LossFor(network, penalty, o.Lambda, outShift[0], outScale[0]);
                var settings = new TrainingLoopSettings
                {
                    Epochs = o.NumberOfEpochs,
                    EarlyStoppingPatience = o.EarlyStoppingPatience,
                    EarlyStoppingMinDelta = o.EarlyStoppingMinDelta,
                };
                channel.Info(MessageSensitivity.None,
                    $"Training a fair {Task} MLP {reader.FeatureWidth}-{string.Join("-", o.HiddenLayers)}-{outputSize} with penalty {(penalty is null ? "none" : $"{o.Penalty} x {o.Lambda}")} on {device}.");
                var history = new TorchTrainingLoop(channel, o.Progress).Run(network, optimizer, loss, train, validation, settings);
                network.DropoutGenerator = null;
                var model = new TorchMlpTransformer(Task, o.ToMlpOptions(modelFeatures), reader.FeatureWidth, classNames, network, device, history);
                return featurizer is null
                    ? new TransformerChain<TorchMlpTransformer>(model)
                    : new TransformerChain<TorchMlpTransformer>(featurizer, model);
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

    /// <summary>
    /// Checks the Poisson inputs (counts non-negative, exposures positive; the reader already rejects NaN/Inf) and
    /// returns log(exposure) per row (0 without an exposure column).
    /// </summary>
    private float[] LogExposure(MaterializedExamples rows)
    {
        for (int i = 0; i < rows.Count; i++)
            if (rows.Labels[i] < 0)
                throw new DataValidationException(
                    $"Label column '{_options.LabelColumnName}' holds a count, which must be non-negative; row {i} has {rows.Labels[i]}.", _options.LabelColumnName, i);
        var result = new float[rows.Count];
        if (_options.ExposureColumnName is not { } name)
            return result;
        var exposure = rows.Extras[0];
        for (int i = 0; i < rows.Count; i++)
        {
            if (!(exposure[i] > 0))
                throw new DataValidationException(
                    $"Exposure column '{name}' must be positive; row {i} has {exposure[i]}.", name, i);
            result[i] = MathF.Log(exposure[i]);
        }
        return result;
    }

    private float OverallLogRate(MaterializedExamples rows, float[] logExposure, long[]? indices)
    {
        double counts = 0, exposure = 0;
        for (int k = 0, n = indices?.Length ?? rows.Count; k < n; k++)
        {
            long i = indices?[k] ?? k;
            counts += rows.Labels[i];
            exposure += Math.Exp(logExposure[i]);
        }
        if (counts <= 0)
            throw new DataValidationException(
                $"Label column '{_options.LabelColumnName}' is 0 in every training row; a Poisson rate cannot be fitted.", _options.LabelColumnName);
        return (float)Math.Log(counts / exposure);
    }

    private Func<TensorBatch, Tensor> LossFor(MlpNetwork network, FairnessPenalty? penalty, double lambda, float labelShift, float labelScale)
    {
        return batch =>
        {
            var output = network.forward(batch.Features);
            Tensor taskLoss;
            Tensor penaltyInput;
            switch (Task)
            {
                case MlpTask.BinaryClassification:
                    taskLoss = batch.WeightedMean(F.binary_cross_entropy_with_logits(output.squeeze(1), batch.Labels!, reduction: nn.Reduction.None));
                    penaltyInput = penalty is null ? output : sigmoid(output);
                    break;
                case MlpTask.MulticlassClassification:
                    taskLoss = batch.WeightedMean(F.cross_entropy(output, batch.Labels!.to_type(ScalarType.Int64), reduction: nn.Reduction.None));
                    penaltyInput = penalty is null ? output : F.softmax(output, 1);
                    break;
                case MlpTask.PoissonRegression:
                    // The output plus the overall log rate (the output layer's shift) is the log rate; the penalty sees
                    // the output (the log rate less a constant: monotone in the rate, free of the exposure).
                    taskLoss = PoissonLoss.Compute(batch, output.squeeze(1) + labelShift, batch.Labels!, batch.Extras.Count > 2 ? batch.Extras[2] : null);
                    penaltyInput = output;
                    break;
                default:
                    // The network learns the standardised target; its output layer rescales at prediction time.
                    var target = (batch.Labels! - labelShift) / labelScale;
                    taskLoss = batch.WeightedMean((output.squeeze(1) - target).square());
                    penaltyInput = output;
                    break;
            }
            // Not computed at all without a penalty (lambda 0), so such training equals plain training. A final batch
            // smaller than the U-statistic's 4 rows only contributes its task loss.
            if (penalty is null || batch.Count < UCentredDistance.MinimumRows)
                return taskLoss;
            var r = penalty.Compute(penaltyInput, batch.Extras[0], batch.Extras[1]);
            return taskLoss + lambda * r;
        };
    }

    /// <summary>Checks the input shape (features, label, protected columns) and adds the output columns of the task.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var name in _options.ProtectedColumnNames)
            SchemaShapes.Require(inputSchema, name, "Protected");
        if (_options.ExposureColumnName is { } exposure)
            SchemaShapes.Require(inputSchema, exposure, "Exposure");
        // Poisson regression has the regression schema (a Single Score).
        var mlp = new TorchMlpTrainer(_mlContext, Task == MlpTask.PoissonRegression ? MlpTask.Regression : Task, _options.ToMlpOptions(_options.FeatureColumnName));
        return mlp.GetOutputSchema(inputSchema);
    }
}

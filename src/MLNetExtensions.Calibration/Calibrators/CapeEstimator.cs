using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Models;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// CaPE: fine-tunes a copy of a fitted binary Torch MLP so its probabilities are calibrated (see
/// <see cref="CapeOptions"/> for the schedule). <see cref="Fit(IDataView)"/> takes the training data (a validation
/// share is held out by <see cref="CapeOptions.ValidationFraction"/>) and returns a new
/// <see cref="TorchMlpTransformer"/> with the same columns, savable with <c>mlContext.Model.SaveWithExtensions</c>.
/// The starting model is not modified.
/// </summary>
public sealed class CapeEstimator : IEstimator<TorchMlpTransformer>
{
    private readonly TorchMlpTransformer _model;
    private readonly CapeOptions _options;

    internal CapeEstimator(TorchMlpTransformer model, CapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (model.Task != MlpTask.BinaryClassification)
            throw new ArgumentException($"CaPE fine-tunes a binary classifier; this Torch MLP was trained for {model.Task}.", nameof(model));
        options.Validate();
        _model = model;
        _options = options.Clone();
    }

    /// <summary>Fine-tunes on <paramref name="input"/>, holding out <see cref="CapeOptions.ValidationFraction"/> of it for epoch selection.</summary>
    public TorchMlpTransformer Fit(IDataView input) => FitWithHistory(input, null).Model;

    /// <summary>Fine-tunes on <paramref name="trainData"/> and selects the epoch on <paramref name="validationData"/>.</summary>
    public TorchMlpTransformer Fit(IDataView trainData, IDataView? validationData) => FitWithHistory(trainData, validationData).Model;

    /// <summary>Fine-tunes and returns the model with the per-epoch record.</summary>
    public CapeResult FitWithHistory(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = _options;
        var columns = new ExampleColumns { FeatureColumnName = _model.FeatureColumnName, LabelKind = LabelKind.Binary, LabelColumnName = o.LabelColumnName };
        var trainRows = Read(trainData, columns, "training");
        var device = _model.Device;
        using var random = new TorchRandom(o.Seed, device);
        // Tensors are owned explicitly (no dispose scope spans the method: it would also capture the new network).
        var owned = new List<Tensor>();
        Tensor Own(Tensor t) { owned.Add(t); return t; }
        MlpNetwork? network = null;
        Dictionary<string, Tensor>? best = null;
        try
        {
            var allX = Own(TensorCopy.FromSpan(trainRows.Features, new long[] { trainRows.Count, trainRows.FeatureWidth }, device));
            var allY = Own(TensorCopy.FromSpan(trainRows.Labels, new long[] { trainRows.Count }, device));
            Tensor trainX, trainY, validX, validY;
            if (validationData is not null)
            {
                var validRows = Read(validationData, columns, "validation");
                (trainX, trainY) = (allX, allY);
                validX = Own(TensorCopy.FromSpan(validRows.Features, new long[] { validRows.Count, validRows.FeatureWidth }, device));
                validY = Own(TensorCopy.FromSpan(validRows.Labels, new long[] { validRows.Count }, device));
            }
            else
            {
                int held = (int)Math.Round(trainRows.Count * o.ValidationFraction);
                if (o.ValidationFraction <= 0 || held < 1 || held >= trainRows.Count)
                    throw new ArgumentOutOfRangeException(nameof(CapeOptions.ValidationFraction), o.ValidationFraction,
                        $"CaPE selects the epoch by validation log loss: pass validation data to Fit, or set CapeOptions.ValidationFraction so that " +
                        $"both parts of the {trainRows.Count} training rows are non-empty.");
                long[] order;
                using (var permutation = random.Permutation(trainRows.Count))
                    order = permutation.data<long>().ToArray();
                var validIndex = Own(torch.tensor(order[..held], device: device));
                var trainIndex = Own(torch.tensor(order[held..], device: device));
                (trainX, trainY) = (Own(allX.index_select(0, trainIndex)), Own(allY.index_select(0, trainIndex)));
                (validX, validY) = (Own(allX.index_select(0, validIndex)), Own(allY.index_select(0, validIndex)));
            }
            var trainLabels = new float[trainY.shape[0]];
            TensorCopy.ToSpan(trainY, trainLabels);

            network = CloneNetwork(_model, device);
            var epochs = new List<CapeEpoch> { new(0, false, double.NaN, ValidationLogLoss(network, validX, validY)) };
            best = Snapshot(network);
            int bestEpoch = 0;
            double bestLoss = epochs[0].ValidationLogLoss;
            using var optimizer = OptimizerFactory.Create(OptimizerKind.Adam, network.parameters(), o.LearningRate, 0);
            network.DropoutGenerator = random.Generator;
            Tensor targets = trainY;
            for (int epoch = 1; epoch <= o.NumberOfEpochs; epoch++)
            {
                bool calibrationEpoch = (epoch - 1) % (o.CalibrationPerTraining + 1) == 0;
                if (calibrationEpoch)
                    targets = Own(SoftTargets(network, trainX, trainLabels, device));
                double trainLoss = RunEpoch(network, optimizer, trainX, calibrationEpoch ? targets : trainY, random);
                if (!double.IsFinite(trainLoss))
                    throw new InvalidOperationException(
                        $"CaPE fine-tuning diverged: the loss became {trainLoss} in epoch {epoch}. Lower CapeOptions.LearningRate.");
                double validLoss = ValidationLogLoss(network, validX, validY);
                epochs.Add(new CapeEpoch(epoch, calibrationEpoch, trainLoss, validLoss));
                if (validLoss < bestLoss)
                {
                    bestLoss = validLoss;
                    bestEpoch = epoch;
                    DisposeState(best);
                    best = Snapshot(network);
                }
            }
            network.DropoutGenerator = null;
            using (no_grad())
                network.load_state_dict(best);
            network.eval();
            var result = new CapeResult(_model.WithNetwork(network), epochs, bestEpoch);
            network = null; // owned by the new transformer now
            return result;
        }
        finally
        {
            if (best is not null) DisposeState(best);
            network?.Dispose();
            foreach (var t in owned) t.Dispose();
        }
    }

    private MaterializedExamples Read(IDataView data, ExampleColumns columns, string role)
    {
        var reader = new DataViewBatchReader(data, columns);
        if (reader.FeatureWidth != _model.FeatureWidth)
            throw new ArgumentException(
                $"The {role} data's column '{_model.FeatureColumnName}' has {reader.FeatureWidth} values per row; the model was trained with {_model.FeatureWidth}.",
                _model.FeatureColumnName);
        return reader.Materialize();
    }

    /// <summary>A new network of the model's architecture holding a copy of its weights and scaling buffers.</summary>
    private static MlpNetwork CloneNetwork(TorchMlpTransformer model, Device device)
    {
        var o = model.Options;
        var network = new MlpNetwork(model.FeatureWidth, o.HiddenLayers, 1, o.Activation, o.Dropout, device);
        using (no_grad())
            network.load_state_dict(model.Network.state_dict());
        return network;
    }

    private Tensor SoftTargets(MlpNetwork network, Tensor x, float[] labels, Device device)
    {
        var predictions = new float[labels.Length];
        using (no_grad())
        using (NewDisposeScope())
        {
            network.eval();
            TensorCopy.ToSpan(torch.sigmoid(network.forward(x).squeeze(1)), predictions);
        }
        var targets = CapeSoftTargets.Compute(predictions, labels, _options);
        return TensorCopy.FromSpan(targets, new long[] { targets.Length }, device);
    }

    private double RunEpoch(MlpNetwork network, optim.Optimizer optimizer, Tensor x, Tensor targets, TorchRandom random)
    {
        network.train();
        long n = x.shape[0];
        using var perm = random.Permutation(n).to(x.device);
        double total = 0;
        for (long start = 0; start < n; start += _options.BatchSize)
        {
            using var step = NewDisposeScope();
            long length = Math.Min(_options.BatchSize, n - start);
            var index = perm.narrow(0, start, length);
            optimizer.zero_grad();
            var loss = F.binary_cross_entropy_with_logits(network.forward(x.index_select(0, index)).squeeze(1), targets.index_select(0, index));
            loss.backward();
            optimizer.step();
            total += loss.item<float>() * length;
        }
        network.eval();
        return total / n;
    }

    private static double ValidationLogLoss(MlpNetwork network, Tensor x, Tensor y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        network.eval();
        return F.binary_cross_entropy_with_logits(network.forward(x).squeeze(1), y).item<float>();
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module model)
    {
        var snapshot = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in model.state_dict())
            snapshot[name] = tensor.detach().clone();
        return snapshot;
    }

    private static void DisposeState(Dictionary<string, Tensor> state)
    {
        foreach (var t in state.Values) t.Dispose();
    }

    /// <summary>Checks the feature and label columns and adds the MLP's binary outputs (Score, Probability, PredictedLabel).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = SchemaShapes.Require(inputSchema, _model.FeatureColumnName, "Feature");
        SchemaShapes.RequireFloatVector(features, "Feature", allowScalar: true);
        var label = SchemaShapes.Require(inputSchema, _options.LabelColumnName, "Label");
        if (label.IsKey || !(label.ItemType == BooleanDataViewType.Instance || label.ItemType == NumberDataViewType.Single))
            throw new ArgumentException($"Label column '{label.Name}' has type {label.ItemType}; CaPE expects Boolean or Single (0/1).", label.Name);
        var scalar = SchemaShape.Column.VectorKind.Scalar;
        return SchemaShapes.Append(inputSchema,
            SchemaShapes.Column("Score", scalar, NumberDataViewType.Single, false),
            SchemaShapes.Column("Probability", scalar, NumberDataViewType.Single, false),
            SchemaShapes.Column("PredictedLabel", scalar, BooleanDataViewType.Instance, false));
    }
}

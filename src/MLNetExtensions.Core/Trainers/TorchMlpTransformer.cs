using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Models;
using MLNetExtensions.Persistence;
using MLNetExtensions.Scoring;
using MLNetExtensions.Torch;
using MLNetExtensions.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Trainers;

/// <summary>
/// A fitted Torch MLP. <see cref="BlockMappedTransformer.Transform"/> is lazy and batched (one forward pass per block of rows);
/// <see cref="BlockMappedTransformer.IsRowToRowMapper"/> is true, so ML.NET's PredictionEngine works. Outputs follow ML.NET:
/// binary Score (logit), Probability, PredictedLabel; multiclass Score (class probabilities) and PredictedLabel (key);
/// regression Score; Poisson regression Score = exp(output), the rate. Save it with <c>mlContext.Model.SaveWithExtensions</c>.
/// </summary>
public sealed class TorchMlpTransformer : BlockMappedTransformer, IDisposable
{
    /// <summary>Registry kind of this component.</summary>
    public const string Kind = "MLNetExtensions.TorchMlp";

    internal const string ScoreColumnName = "Score";
    internal const string ProbabilityColumnName = "Probability";
    internal const string PredictedLabelColumnName = "PredictedLabel";
    private const int FormatVersion = 1;

    internal TorchMlpTransformer(MlpTask task, TorchMlpOptions options, int featureWidth, string[]? classNames,
        MlpNetwork network, Device device, TrainingHistory? history)
    {
        Task = task;
        Options = options.Clone();
        Options.Progress = null;
        FeatureWidth = featureWidth;
        ClassNames = classNames;
        Network = network;
        Device = device;
        TrainingHistory = history;
        Network.eval();
    }

    /// <summary>The prediction task.</summary>
    public MlpTask Task { get; }

    /// <summary>The options the model was trained with (a copy).</summary>
    public TorchMlpOptions Options { get; }

    /// <summary>Name of the feature column read at scoring time.</summary>
    public string FeatureColumnName => Options.FeatureColumnName;

    /// <summary>Number of features.</summary>
    public int FeatureWidth { get; }

    /// <summary>Class names (key values of the training label) for multiclass, else null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The Torch network (in evaluation mode).</summary>
    public MlpNetwork Network { get; }

    /// <summary>The device the network lives on.</summary>
    public Device Device { get; }

    /// <summary>Per-epoch losses from training; null for a loaded model.</summary>
    public TrainingHistory? TrainingHistory { get; }

    /// <inheritdoc/>
    public override string ComponentKind => Kind;

    /// <inheritdoc/>
    public override int ComponentVersion => FormatVersion;

    /// <inheritdoc/>
    protected override int ScoringBatchSize => Options.ScoringBatchSize;

    /// <inheritdoc/>
    protected override BlockMapper CreateMapper() => new MlpBlockMapper(this);

    /// <inheritdoc/>
    public override void SaveComponent(ComponentWriter writer)
    {
        writer.WriteJson("model.json", new SavedMlp
        {
            Task = Task,
            FeatureWidth = FeatureWidth,
            OutputSize = Network.OutputSize,
            ClassNames = ClassNames?.ToArray(),
            Options = Options,
        });
        writer.WriteBinary("weights.bin", stream => Network.save(stream));
    }

    /// <summary>Loads a saved MLP (called through the component registry).</summary>
    internal static ITransformer Load(ComponentReader reader)
    {
        reader.RequireVersion(FormatVersion);
        var saved = reader.ReadJson<SavedMlp>("model.json");
        var options = saved.Options ?? throw new InvalidDataException("model.json of the Torch MLP has no options.");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"model.json of the Torch MLP holds invalid options: {e.Message}", e);
        }
        int expectedOutputs = saved.Task == MlpTask.MulticlassClassification ? saved.ClassNames?.Length ?? 0 : 1;
        if (saved.FeatureWidth <= 0 || saved.OutputSize != expectedOutputs)
            throw new InvalidDataException(
                $"model.json of the Torch MLP is inconsistent: {saved.FeatureWidth} features, {saved.OutputSize} outputs, {saved.ClassNames?.Length ?? 0} class names for {saved.Task}.");
        TorchNative.EnsureLoaded();
        var network = new MlpNetwork(saved.FeatureWidth, options.HiddenLayers, saved.OutputSize, options.Activation, options.Dropout, reader.Device);
        try
        {
            reader.ReadBinary("weights.bin", stream =>
            {
                try
                {
                    return network.load(stream, strict: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
                {
                    throw new InvalidDataException(
                        $"weights.bin of the Torch MLP does not match its model.json (layers {saved.FeatureWidth}-{string.Join("-", options.HiddenLayers)}-{saved.OutputSize}): {e.Message}", e);
                }
            });
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new TorchMlpTransformer(saved.Task, options, saved.FeatureWidth, saved.ClassNames, network, reader.Device, null);
    }

    /// <summary>
    /// A transformer with this one's task, options, features and classes around another network of the same
    /// architecture (for methods that fine-tune a copy of a fitted MLP, such as CaPE calibration). The new transformer
    /// owns <paramref name="network"/>, which must live on <see cref="Device"/>; it saves and loads like any MLP.
    /// </summary>
    /// <exception cref="ArgumentException">The network's parameter shapes differ from this model's.</exception>
    public TorchMlpTransformer WithNetwork(MlpNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var expected = Network.parameters().Select(p => string.Join("x", p.shape)).ToArray();
        var actual = network.parameters().Select(p => string.Join("x", p.shape)).ToArray();
        if (!expected.SequenceEqual(actual) || network.Activation != Network.Activation)
            throw new ArgumentException(
                $"The network's layers ({string.Join(", ", actual)}, {network.Activation}) differ from the model's ({string.Join(", ", expected)}, {Network.Activation}).",
                nameof(network));
        return new TorchMlpTransformer(Task, Options, FeatureWidth, ClassNames?.ToArray(), network, Device, null);
    }

    /// <inheritdoc/>
    public void Dispose() => Network.Dispose();

    private sealed class SavedMlp
    {
        public MlpTask Task { get; set; }
        public int FeatureWidth { get; set; }
        public int OutputSize { get; set; }
        public string[]? ClassNames { get; set; }
        public TorchMlpOptions? Options { get; set; }
    }

    private sealed class MlpBlockMapper : BlockMapper
    {
        private readonly TorchMlpTransformer _owner;

        public MlpBlockMapper(TorchMlpTransformer owner)
        {
            _owner = owner;
            Inputs = new[] { (owner.FeatureColumnName, owner.FeatureWidth) };
            Outputs = owner.Task switch
            {
                MlpTask.BinaryClassification => new[]
                {
                    ScoreColumn.Single(ScoreColumnName), ScoreColumn.Single(ProbabilityColumnName), ScoreColumn.Boolean(PredictedLabelColumnName),
                },
                MlpTask.MulticlassClassification => new[]
                {
                    ScoreColumn.SingleVector(ScoreColumnName, owner.ClassNames!.Count, KeyNames.Annotate(KeyNames.SlotNamesKind, owner.ClassNames)),
                    ScoreColumn.Key(PredictedLabelColumnName, owner.ClassNames.Count, KeyNames.Annotate(KeyNames.AnnotationKind, owner.ClassNames)),
                },
                _ => new[] { ScoreColumn.Single(ScoreColumnName) },
            };
        }

        public override IReadOnlyList<(string Name, int Width)> Inputs { get; }

        public override IReadOnlyList<ScoreColumn> Outputs { get; }

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            int width = _owner.FeatureWidth;
            var x = TensorCopy.FromSpan(inputs.Values[0].AsSpan(0, rows * width), new long[] { rows, width }, _owner.Device);
            var y = _owner.Network.Predict(x);
            switch (_owner.Task)
            {
                case MlpTask.BinaryClassification:
                {
                    var logits = y.squeeze(1);
                    TensorCopy.ToSpan(logits, outputs.Floats[0].AsSpan(0, rows));
                    TensorCopy.ToSpan(torch.sigmoid(logits), outputs.Floats[1].AsSpan(0, rows));
                    var scores = outputs.Floats[0];
                    var predicted = outputs.Booleans[2];
                    for (int i = 0; i < rows; i++)
                        predicted[i] = scores[i] > 0;
                    break;
                }
                case MlpTask.MulticlassClassification:
                {
                    int classes = _owner.ClassNames!.Count;
                    var probabilities = outputs.Floats[0];
                    TensorCopy.ToSpan(torch.softmax(y, 1), probabilities.AsSpan(0, rows * classes));
                    var predicted = outputs.Keys[1];
                    for (int i = 0; i < rows; i++)
                    {
                        var row = probabilities.AsSpan(i * classes, classes);
                        int best = 0;
                        for (int c = 1; c < classes; c++)
                            if (row[c] > row[best]) best = c;
                        predicted[i] = (uint)best + 1;
                    }
                    break;
                }
                case MlpTask.PoissonRegression:
                    TensorCopy.ToSpan(torch.exp(y.squeeze(1)), outputs.Floats[0].AsSpan(0, rows));
                    break;
                default:
                    TensorCopy.ToSpan(y.squeeze(1), outputs.Floats[0].AsSpan(0, rows));
                    break;
            }
        }
    }
}

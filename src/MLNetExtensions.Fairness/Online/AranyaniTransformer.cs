using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Scoring;
using MLNetExtensions.Torch;
using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// A fitted Aranyani forest: binary classification outputs as ML.NET's (Score = logit of the probability,
/// Probability, PredictedLabel = Probability &gt; 0.5). The final running feature standardisation is frozen into the
/// model. <see cref="BlockMappedTransformer.Transform"/> is lazy and batched; PredictionEngine works. Save it with
/// <c>mlContext.Model.SaveWithExtensions</c>.
/// </summary>
public sealed class AranyaniTransformer : BlockMappedTransformer, IDisposable
{
    /// <summary>Registry kind of this component.</summary>
    public const string Kind = "MLNetExtensions.Fairness.Aranyani";

    internal const string ScoreColumnName = "Score";
    internal const string ProbabilityColumnName = "Probability";
    internal const string PredictedLabelColumnName = "PredictedLabel";
    private const int FormatVersion = 1;

    internal AranyaniTransformer(AranyaniOptions options, SoftObliqueForest forest, Device device, PrequentialHistory? history)
    {
        Options = options.Clone();
        Forest = forest;
        Device = device;
        History = history;
        Forest.eval();
    }

    /// <summary>The options the forest was trained with (a copy).</summary>
    public AranyaniOptions Options { get; }

    /// <summary>The Torch forest (its buffers hold the frozen standardisation).</summary>
    public SoftObliqueForest Forest { get; }

    /// <summary>The device the forest lives on.</summary>
    public Device Device { get; }

    /// <summary>The prequential record of the training pass; null for a loaded model.</summary>
    public PrequentialHistory? History { get; }

    /// <summary>Number of features read from <see cref="AranyaniOptions.FeatureColumnName"/>.</summary>
    public int FeatureWidth => Forest.FeatureWidth;

    /// <inheritdoc/>
    public override string ComponentKind => Kind;

    /// <inheritdoc/>
    public override int ComponentVersion => FormatVersion;

    /// <inheritdoc/>
    protected override int ScoringBatchSize => Options.ScoringBatchSize;

    /// <inheritdoc/>
    protected override BlockMapper CreateMapper() => new ForestBlockMapper(this);

    /// <inheritdoc/>
    public override void SaveComponent(ComponentWriter writer)
    {
        writer.WriteJson("model.json", new SavedForest { FeatureWidth = FeatureWidth, Options = Options });
        writer.WriteBinary("forest.bin", stream => Forest.save(stream));
    }

    /// <summary>Loads a saved forest (called through the component registry).</summary>
    internal static ITransformer Load(ComponentReader reader)
    {
        reader.RequireVersion(FormatVersion);
        var saved = reader.ReadJson<SavedForest>("model.json");
        var options = saved.Options ?? throw new InvalidDataException("model.json of the Aranyani forest has no options.");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"model.json of the Aranyani forest holds invalid options: {e.Message}", e);
        }
        if (saved.FeatureWidth < 1)
            throw new InvalidDataException($"model.json of the Aranyani forest has {saved.FeatureWidth} features.");
        TorchNative.EnsureLoaded();
        var forest = new SoftObliqueForest(saved.FeatureWidth, options.NumberOfTrees, options.TreeDepth, reader.Device);
        try
        {
            reader.ReadBinary("forest.bin", stream =>
            {
                try
                {
                    return forest.load(stream, strict: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
                {
                    throw new InvalidDataException(
                        $"forest.bin does not match its model.json ({options.NumberOfTrees} trees of depth {options.TreeDepth}, {saved.FeatureWidth} features): {e.Message}", e);
                }
            });
        }
        catch
        {
            forest.Dispose();
            throw;
        }
        return new AranyaniTransformer(options, forest, reader.Device, null);
    }

    /// <inheritdoc/>
    public void Dispose() => Forest.Dispose();

    private sealed class SavedForest
    {
        public int FeatureWidth { get; set; }
        public AranyaniOptions? Options { get; set; }
    }

    private sealed class ForestBlockMapper : BlockMapper
    {
        private readonly AranyaniTransformer _owner;

        public ForestBlockMapper(AranyaniTransformer owner)
        {
            _owner = owner;
            Inputs = new[] { (owner.Options.FeatureColumnName, owner.FeatureWidth) };
            Outputs = new[]
            {
                ScoreColumn.Single(ScoreColumnName), ScoreColumn.Single(ProbabilityColumnName), ScoreColumn.Boolean(PredictedLabelColumnName),
            };
        }

        public override IReadOnlyList<(string Name, int Width)> Inputs { get; }

        public override IReadOnlyList<ScoreColumn> Outputs { get; }

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            using (NewDisposeScope())
            using (no_grad())
            {
                int width = _owner.FeatureWidth;
                var x = TensorCopy.FromSpan(inputs.Values[0].AsSpan(0, rows * width), new long[] { rows, width }, _owner.Device);
                TensorCopy.ToSpan(_owner.Forest.Predict(x), outputs.Floats[1].AsSpan(0, rows));
            }
            var probabilities = outputs.Floats[1];
            var scores = outputs.Floats[0];
            var predicted = outputs.Booleans[2];
            for (int i = 0; i < rows; i++)
            {
                double p = Math.Clamp(probabilities[i], 1e-7, 1 - 1e-7);
                scores[i] = (float)Math.Log(p / (1 - p));
                predicted[i] = probabilities[i] > 0.5f;
            }
        }
    }
}

using Microsoft.ML;
using MLNetExtensions.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Scoring;
using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Sequence;

/// <summary>
/// A fitted <see cref="TransformerSequencePolicy"/> as an ML.NET transformer: reads a text prompt column, encodes it
/// with a <see cref="CharacterVocabulary"/>, decodes greedily (arg-max at each step, as
/// <see cref="TransformerSequencePolicy.Greedy"/>) and writes the response as text, plus optionally its mean
/// per-token log-probability. <see cref="BlockMappedTransformer.Transform"/> is lazy and decodes blocks of
/// <see cref="SequenceModelOptions.ScoringBatchSize"/> prompts in one batched decoding; PredictionEngine works. Save it
/// with <c>mlContext.Model.SaveWithExtensions</c>. The transformer owns a copy of the policy, so later training of the
/// original does not change it.
/// </summary>
public sealed class SequenceModelTransformer : BlockMappedTransformer, IDisposable
{
    /// <summary>Registry kind of this component.</summary>
    public const string Kind = "MLNetExtensions.Reinforcement.SequenceModel";

    private const int FormatVersion = 1;

    // Decoding runs the network's forward passes; one block at a time keeps concurrent cursors from sharing it.
    private readonly object _decodeLock = new();

    internal SequenceModelTransformer(TransformerSequencePolicy policy, CharacterVocabulary vocabulary, SequenceModelOptions options)
    {
        Policy = policy;
        Vocabulary = vocabulary;
        Options = options;
    }

    /// <summary>The policy (owned by this transformer; do not train it).</summary>
    public TransformerSequencePolicy Policy { get; }

    /// <summary>The character vocabulary of prompts and responses.</summary>
    public CharacterVocabulary Vocabulary { get; }

    /// <summary>Columns and batching (a copy).</summary>
    public SequenceModelOptions Options { get; }

    /// <inheritdoc/>
    public override string ComponentKind => Kind;

    /// <inheritdoc/>
    public override int ComponentVersion => FormatVersion;

    /// <inheritdoc/>
    protected override int ScoringBatchSize => Options.ScoringBatchSize;

    /// <inheritdoc/>
    protected override BlockMapper CreateMapper() => new GreedyBlockMapper(this);

    /// <summary>Creates the transformer over a copy of <paramref name="policy"/>.</summary>
    internal static SequenceModelTransformer Create(TransformerSequencePolicy policy, CharacterVocabulary vocabulary, SequenceModelOptions? options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(vocabulary);
        options = options?.Clone() ?? new SequenceModelOptions();
        options.Validate();
        vocabulary.RequireMatches(policy.Options);
        return new SequenceModelTransformer(policy.Clone(), vocabulary, options);
    }

    /// <inheritdoc/>
    public override void SaveComponent(ComponentWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("model.json", new SavedModel
        {
            Characters = Vocabulary.Characters,
            EndMarker = Vocabulary.EndMarker.ToString(),
            Options = Options,
        });
        writer.WriteBinary("policy.zip", stream => Policy.Save(stream));
    }

    /// <summary>Loads a saved sequence model (called through the component registry).</summary>
    internal static ITransformer Load(ComponentReader reader)
    {
        reader.RequireVersion(FormatVersion);
        var saved = reader.ReadJson<SavedModel>("model.json");
        var options = saved.Options ?? throw new InvalidDataException("model.json of the sequence model has no options.");
        if (saved.Characters is null || saved.EndMarker is not { Length: 1 })
            throw new InvalidDataException("model.json of the sequence model has no vocabulary (characters and a one-character end marker).");
        CharacterVocabulary vocabulary;
        try
        {
            options.Validate();
            vocabulary = new CharacterVocabulary(saved.Characters, saved.EndMarker[0]);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"model.json of the sequence model is invalid: {e.Message}", e);
        }
        // The policy loader loads libtorch (TorchRandom) before building the network.
        var policy = reader.ReadBinary("policy.zip", stream => TransformerSequencePolicy.Load(stream, reader.Device));
        try
        {
            vocabulary.RequireMatches(policy.Options);
        }
        catch (ArgumentException e)
        {
            policy.Dispose();
            throw new InvalidDataException($"policy.zip does not match the vocabulary in model.json: {e.Message}", e);
        }
        return new SequenceModelTransformer(policy, vocabulary, options);
    }

    /// <inheritdoc/>
    public void Dispose() => Policy.Dispose();

    private sealed class SavedModel
    {
        public string? Characters { get; set; }
        public string? EndMarker { get; set; }
        public SequenceModelOptions? Options { get; set; }
    }

    private sealed class GreedyBlockMapper : BlockMapper
    {
        private readonly SequenceModelTransformer _owner;

        public GreedyBlockMapper(SequenceModelTransformer owner)
        {
            _owner = owner;
            TextInputs = new[] { owner.Options.PromptColumnName };
            var outputs = new List<ScoreColumn> { ScoreColumn.Text(owner.Options.ResponseColumnName) };
            if (owner.Options.MeanLogProbabilityColumnName is { } name)
                outputs.Add(ScoreColumn.Single(name));
            Outputs = outputs;
        }

        public override IReadOnlyList<(string Name, int Width)> Inputs { get; } = Array.Empty<(string, int)>();

        public override IReadOnlyList<string> TextInputs { get; }

        public override IReadOnlyList<ScoreColumn> Outputs { get; }

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            var prompts = new IReadOnlyList<int>[rows];
            for (var i = 0; i < rows; i++)
                prompts[i] = Encode(inputs.Texts[0][i], inputs.FirstRow + i);
            int[][] responses;
            float[] meanLogProbabilities;
            lock (_owner._decodeLock)
            {
                using var scope = NewDisposeScope();
                using var rollout = _owner.Policy.GreedyRollout(prompts);
                responses = rollout.Responses();
                var mask = rollout.Mask;
                var mean = (rollout.LogProbabilities * mask).sum(1) / mask.sum(1).clamp_min(1f);
                using var cpu = mean.cpu();
                meanLogProbabilities = cpu.data<float>().ToArray();
            }
            var texts = outputs.Texts[0];
            for (var i = 0; i < rows; i++)
                texts[i] = _owner.Vocabulary.Decode(responses[i], _owner.Options.KeepEndMarker);
            if (Outputs.Count > 1)
                meanLogProbabilities.AsSpan(0, rows).CopyTo(outputs.Floats[1]);
        }

        // The policy checks tokens by prompt position in the block; here the error names the column and the data view's row.
        private int[] Encode(string text, long row)
        {
            var column = _owner.Options.PromptColumnName;
            if (text.Length == 0)
                throw new DataValidationException($"Column '{column}' is empty at row {row}; a prompt needs at least one character.", column, row);
            var settings = _owner.Policy.Options;
            if (text.Length + settings.MaxResponseLength - 1 > settings.MaxLength)
                throw new DataValidationException(
                    $"Column '{column}' at row {row}: the prompt has {text.Length} characters; with MaxResponseLength {settings.MaxResponseLength} " +
                    $"the model reads at most {settings.MaxLength - settings.MaxResponseLength + 1}.", column, row);
            var tokens = new int[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                tokens[i] = _owner.Vocabulary.TokenOf(text[i]);
                if (tokens[i] < 0)
                    throw new DataValidationException(
                        $"Column '{column}' at row {row}: character '{text[i]}' (position {i}) is not in the vocabulary \"{_owner.Vocabulary.Characters}\".",
                        column, row);
            }
            return tokens;
        }
    }
}

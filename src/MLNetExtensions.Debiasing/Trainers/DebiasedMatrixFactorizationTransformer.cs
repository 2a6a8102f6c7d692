using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Trainers.Kernels;
using MLNetExtensions.Persistence;
using MLNetExtensions.Scoring;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>
/// A fitted (debiased) matrix factorisation: adds "Score", the probability sigmoid(&lt;W_u, H_i&gt;) of a positive label, for
/// the user and item key columns. Transform is lazy and batched; PredictionEngine works. A user or item key beyond the
/// counts seen in training (a user or item the model has no factors for) is a <see cref="DataValidationException"/>
/// naming the column and row; a missing key (0) likewise. Save with <c>mlContext.Model.SaveWithExtensions</c>.
/// </summary>
public sealed class DebiasedMatrixFactorizationTransformer : BlockMappedTransformer
{
    /// <summary>Registry kind of this component.</summary>
    public const string Kind = "MLNetExtensions.Debiasing.MatrixFactorization";

    private const int FormatVersion = 1;
    private readonly float[] _userFactors;
    private readonly float[] _itemFactors;

    internal DebiasedMatrixFactorizationTransformer(DebiasedMatrixFactorizationOptions options, int userCount, int itemCount, float[] userFactors,
        float[] itemFactors, IReadOnlyList<double> epochLosses, double? kernelGamma, KernelValueStatistics? kernelValues)
    {
        Options = options.Clone();
        UserCount = userCount;
        ItemCount = itemCount;
        Factors = options.NumberOfFactors;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        EpochLosses = epochLosses.ToArray();
        KernelGamma = kernelGamma;
        KernelValues = kernelValues;
    }

    /// <summary>The options the model was trained with (a copy).</summary>
    public DebiasedMatrixFactorizationOptions Options { get; }

    /// <summary>The training objective.</summary>
    public DebiasingMethod Method => Options.Method;

    /// <summary>Users the model has factors for (the user key count at training).</summary>
    public int UserCount { get; }

    /// <summary>Items the model has factors for (the item key count at training).</summary>
    public int ItemCount { get; }

    /// <summary>Latent dimension k.</summary>
    public int Factors { get; }

    /// <summary>Mean prediction loss of each epoch run (early stopping may end before NumberOfEpochs).</summary>
    public IReadOnlyList<double> EpochLosses { get; }

    /// <summary>Wall-clock seconds of each training epoch of the prediction model (empty for a loaded model; not saved).</summary>
    public IReadOnlyList<double> EpochSeconds { get; init; } = Array.Empty<double>();

    /// <summary>The kernel bandwidth used (KB methods; the median heuristic's value unless set), else null.</summary>
    public double? KernelGamma { get; }

    /// <summary>Kernel values between centres and sampled pairs during training (KB methods), else null.</summary>
    public KernelValueStatistics? KernelValues { get; }

    /// <summary>User factors W_u (row-major users x k, a copy).</summary>
    public float[] GetUserFactors() => (float[])_userFactors.Clone();

    /// <summary>Item factors H_i (row-major items x k, a copy).</summary>
    public float[] GetItemFactors() => (float[])_itemFactors.Clone();

    /// <summary>
    /// The same model (options, training record) with other factors, e.g. after fine-tuning them elsewhere (the RL
    /// family's recommender policy). The arrays are copied; they must be users x k and items x k and finite.
    /// </summary>
    public DebiasedMatrixFactorizationTransformer WithFactors(IReadOnlyList<float> userFactors, IReadOnlyList<float> itemFactors)
    {
        ArgumentNullException.ThrowIfNull(userFactors);
        ArgumentNullException.ThrowIfNull(itemFactors);
        if (userFactors.Count != UserCount * Factors)
            throw new ArgumentException($"Expected {UserCount} x {Factors} user factor values, got {userFactors.Count}.", nameof(userFactors));
        if (itemFactors.Count != ItemCount * Factors)
            throw new ArgumentException($"Expected {ItemCount} x {Factors} item factor values, got {itemFactors.Count}.", nameof(itemFactors));
        RequireFinite(userFactors, nameof(userFactors));
        RequireFinite(itemFactors, nameof(itemFactors));
        return new DebiasedMatrixFactorizationTransformer(Options, UserCount, ItemCount, userFactors.ToArray(), itemFactors.ToArray(),
            EpochLosses, KernelGamma, KernelValues);
    }

    private static void RequireFinite(IReadOnlyList<float> values, string parameterName)
    {
        for (int i = 0; i < values.Count; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"Factor value {i} is {values[i]}; factors must be finite.", parameterName);
    }

    /// <summary>The probability for 0-based <paramref name="user"/> and <paramref name="item"/> indices (key value - 1).</summary>
    public float Predict(int user, int item)
    {
        if ((uint)user >= (uint)UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"User index must be in 0..{UserCount - 1}.");
        if ((uint)item >= (uint)ItemCount)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"Item index must be in 0..{ItemCount - 1}.");
        return Score(user, item);
    }

    /// <summary>Fills <paramref name="probabilities"/> (length <see cref="ItemCount"/>) with every item's probability for <paramref name="user"/>.</summary>
    public void PredictUser(int user, Span<double> probabilities)
    {
        if ((uint)user >= (uint)UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"User index must be in 0..{UserCount - 1}.");
        if (probabilities.Length != ItemCount)
            throw new ArgumentException($"The span must hold {ItemCount} items.", nameof(probabilities));
        for (int i = 0; i < ItemCount; i++)
            probabilities[i] = Score(user, i);
    }

    private float Score(int user, int item)
    {
        int k = Factors;
        var w = _userFactors.AsSpan(user * k, k);
        var h = _itemFactors.AsSpan(item * k, k);
        double dot = 0;
        for (int f = 0; f < k; f++)
            dot += (double)w[f] * h[f];
        return (float)(1.0 / (1.0 + Math.Exp(-dot)));
    }

    /// <inheritdoc/>
    public override string ComponentKind => Kind;

    /// <inheritdoc/>
    public override int ComponentVersion => FormatVersion;

    /// <inheritdoc/>
    protected override int ScoringBatchSize => Options.ScoringBatchSize;

    /// <inheritdoc/>
    protected override BlockMapper CreateMapper() => new ScoreMapper(this);

    /// <inheritdoc/>
    public override void SaveComponent(ComponentWriter writer)
    {
        writer.WriteJson("model.json", new SavedModel
        {
            Options = Options, UserCount = UserCount, ItemCount = ItemCount, EpochLosses = EpochLosses.ToArray(), KernelGamma = KernelGamma,
            KernelMean = KernelValues?.Mean, KernelMinimum = KernelValues?.Minimum, KernelMaximum = KernelValues?.Maximum, KernelCount = KernelValues?.Count,
        });
        writer.WriteBinary("factors.bin", stream =>
        {
            using var bw = new BinaryWriter(stream);
            foreach (float v in _userFactors) bw.Write(v);
            foreach (float v in _itemFactors) bw.Write(v);
        });
    }

    /// <summary>Loads a saved model (called through the component registry).</summary>
    internal static ITransformer Load(ComponentReader reader)
    {
        reader.RequireVersion(FormatVersion);
        var saved = reader.ReadJson<SavedModel>("model.json");
        var options = saved.Options ?? throw new InvalidDataException("model.json has no options.");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"model.json holds invalid options: {e.Message}", e);
        }
        if (saved.UserCount <= 0 || saved.ItemCount <= 0)
            throw new InvalidDataException("model.json: the user and item counts must be positive.");
        int k = options.NumberOfFactors;
        long expected = ((long)saved.UserCount + saved.ItemCount) * k;
        var (users, items) = reader.ReadBinary("factors.bin", stream =>
        {
            if (stream.Length != expected * sizeof(float))
                throw new InvalidDataException($"factors.bin holds {stream.Length} bytes; {saved.UserCount} users and {saved.ItemCount} items with {k} factors need {expected * sizeof(float)}.");
            using var br = new BinaryReader(stream);
            var u = new float[saved.UserCount * k];
            var i = new float[saved.ItemCount * k];
            for (int j = 0; j < u.Length; j++) u[j] = br.ReadSingle();
            for (int j = 0; j < i.Length; j++) i[j] = br.ReadSingle();
            return (u, i);
        });
        if (users.Any(v => !float.IsFinite(v)) || items.Any(v => !float.IsFinite(v)))
            throw new InvalidDataException("factors.bin holds non-finite factors.");
        var kernel = saved.KernelMean is { } mean && saved.KernelCount is { } count && saved.KernelMinimum is { } min && saved.KernelMaximum is { } max
            ? KernelValueStatistics.Restore(mean, count, min, max)
            : null;
        return new DebiasedMatrixFactorizationTransformer(options, saved.UserCount, saved.ItemCount, users, items, saved.EpochLosses ?? Array.Empty<double>(),
            saved.KernelGamma, kernel);
    }

    private sealed class SavedModel
    {
        public DebiasedMatrixFactorizationOptions? Options { get; set; }
        public int UserCount { get; set; }
        public int ItemCount { get; set; }
        public double[]? EpochLosses { get; set; }
        public double? KernelGamma { get; set; }
        public double? KernelMean { get; set; }
        public double? KernelMinimum { get; set; }
        public double? KernelMaximum { get; set; }
        public long? KernelCount { get; set; }
    }

    private sealed class ScoreMapper : BlockMapper
    {
        private readonly DebiasedMatrixFactorizationTransformer _owner;

        public ScoreMapper(DebiasedMatrixFactorizationTransformer owner)
        {
            _owner = owner;
            Inputs = new[] { (owner.Options.UserColumnName, 1), (owner.Options.ItemColumnName, 1) };
            Outputs = new[] { ScoreColumn.Single(owner.Options.ScoreColumnName) };
        }

        public override IReadOnlyList<(string Name, int Width)> Inputs { get; }

        public override IReadOnlyList<ScoreColumn> Outputs { get; }

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            var o = _owner.Options;
            var score = outputs.Floats[0];
            for (int r = 0; r < rows; r++)
            {
                // Keys arrive as their 1-based value (missing keys were already rejected by the reader).
                int user = (int)inputs.Values[0][r] - 1, item = (int)inputs.Values[1][r] - 1;
                long row = inputs.FirstRow + r;
                if (user >= _owner.UserCount)
                    throw new DataValidationException(
                        $"Column '{o.UserColumnName}' has user key {user + 1} at row {row}; the model was trained with {_owner.UserCount} users and has no factors for it.",
                        o.UserColumnName, row);
                if (item >= _owner.ItemCount)
                    throw new DataValidationException(
                        $"Column '{o.ItemColumnName}' has item key {item + 1} at row {row}; the model was trained with {_owner.ItemCount} items and has no factors for it.",
                        o.ItemColumnName, row);
                score[r] = _owner.Score(user, item);
            }
        }
    }
}

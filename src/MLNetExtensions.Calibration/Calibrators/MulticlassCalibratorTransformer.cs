using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Scoring;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// A fitted multiclass calibrator: maps the score vector to a calibrated probability vector (by default written
/// over "Score", annotated with the class names as slot names) and the arg-max "PredictedLabel" key, so
/// <c>mlContext.MulticlassClassification.Evaluate</c> works on the output. Lazy, row-to-row, PredictionEngine-ready;
/// save it with <c>mlContext.Model.SaveWithExtensions</c>.
/// </summary>
public abstract class MulticlassCalibratorTransformer : BlockMappedTransformer
{
    private const int BlockSize = 1024;
    private readonly string[] _classNames;

    private protected MulticlassCalibratorTransformer(MulticlassCalibratorOptions options, string[] classNames)
    {
        ScoreColumnName = options.ScoreColumnName;
        ScoreIsProbability = options.ScoreIsProbability;
        OutputColumnName = options.OutputColumnName;
        PredictedLabelColumnName = options.PredictedLabelColumnName;
        _classNames = classNames;
    }

    /// <summary>The input score vector column.</summary>
    public string ScoreColumnName { get; }

    /// <summary>Whether the input holds probabilities (true) or logits (false).</summary>
    public bool ScoreIsProbability { get; }

    /// <summary>The calibrated probability vector column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>The predicted-label key column written, or null when the upstream one is left untouched.</summary>
    public string? PredictedLabelColumnName { get; }

    /// <summary>Class names (the key values of the fit set's label), in slot order.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _classNames.Length;

    /// <inheritdoc/>
    public abstract override string ComponentKind { get; }

    /// <inheritdoc/>
    public override int ComponentVersion => CalibratorKinds.FormatVersion;

    /// <summary>Writes calibrated probabilities for one row of logits.</summary>
    private protected abstract void CalibrateLogits(ReadOnlySpan<double> logits, Span<double> probabilities);

    /// <summary>Calibrated probabilities for one row of input scores (probabilities or logits, as the input column holds).</summary>
    public double[] Calibrate(ReadOnlySpan<float> scores)
    {
        if (scores.Length != ClassCount)
            throw new ArgumentException($"Expected {ClassCount} scores, got {scores.Length}.", nameof(scores));
        var logits = new double[ClassCount];
        ToLogits(scores, logits);
        var result = new double[ClassCount];
        CalibrateLogits(logits, result);
        return result;
    }

    private void ToLogits(ReadOnlySpan<float> scores, Span<double> logits)
    {
        for (int k = 0; k < scores.Length; k++)
        {
            if (ScoreIsProbability && !(scores[k] >= 0 && scores[k] <= 1))
                throw new DataValidationException(
                    $"Score column '{ScoreColumnName}' has value {scores[k]} in slot {k}; probabilities must be in [0, 1].", ScoreColumnName);
            logits[k] = ScoreIsProbability ? LogisticMath.SafeLog(scores[k]) : scores[k];
        }
    }

    /// <summary>Softmax of <paramref name="logits"/> into <paramref name="probabilities"/> (max-shifted).</summary>
    internal static void Softmax(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        double max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        double sum = 0;
        for (int k = 0; k < logits.Length; k++)
            sum += probabilities[k] = Math.Exp(logits[k] - max);
        for (int k = 0; k < logits.Length; k++)
            probabilities[k] /= sum;
    }

    /// <inheritdoc/>
    protected override int ScoringBatchSize => BlockSize;

    /// <inheritdoc/>
    protected override BlockMapper CreateMapper() => new CalibratorMapper(this);

    /// <inheritdoc/>
    public override void SaveComponent(ComponentWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("columns.json", new SavedColumns
        {
            ScoreColumnName = ScoreColumnName,
            ScoreIsProbability = ScoreIsProbability,
            OutputColumnName = OutputColumnName,
            PredictedLabelColumnName = PredictedLabelColumnName,
            ClassNames = _classNames,
        });
        SaveParameters(writer);
    }

    /// <summary>Writes the fitted parameters (entry "calibrator.json").</summary>
    private protected abstract void SaveParameters(ComponentWriter writer);

    /// <summary>Reads back the columns and class names written by <see cref="SaveComponent"/>, checked.</summary>
    private protected static (MulticlassCalibratorOptions Options, string[] ClassNames) LoadColumns(ComponentReader reader)
    {
        reader.RequireVersion(CalibratorKinds.FormatVersion);
        var saved = reader.ReadJson<SavedColumns>("columns.json");
        var options = new MulticlassCalibratorOptions
        {
            ScoreColumnName = saved.ScoreColumnName ?? "",
            ScoreIsProbability = saved.ScoreIsProbability,
            OutputColumnName = saved.OutputColumnName ?? "",
            PredictedLabelColumnName = saved.PredictedLabelColumnName,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"columns.json of calibrator '{reader.Kind}' is invalid: {e.Message}", e);
        }
        if (saved.ClassNames is not { Length: >= 2 })
            throw new InvalidDataException($"columns.json of calibrator '{reader.Kind}' must list at least two class names.");
        return (options, saved.ClassNames);
    }

    private sealed class SavedColumns
    {
        public string? ScoreColumnName { get; set; }
        public bool ScoreIsProbability { get; set; }
        public string? OutputColumnName { get; set; }
        public string? PredictedLabelColumnName { get; set; }
        public string[]? ClassNames { get; set; }
    }

    private sealed class CalibratorMapper : BlockMapper
    {
        private readonly MulticlassCalibratorTransformer _owner;

        public CalibratorMapper(MulticlassCalibratorTransformer owner)
        {
            _owner = owner;
            int k = owner.ClassCount;
            Inputs = new[] { (owner.ScoreColumnName, k) };
            var vector = ScoreColumn.SingleVector(owner.OutputColumnName, k, KeyNames.Annotate(KeyNames.SlotNamesKind, owner._classNames));
            Outputs = owner.PredictedLabelColumnName is null
                ? new[] { vector }
                : new[] { vector, ScoreColumn.Key(owner.PredictedLabelColumnName, k, KeyNames.Annotate(KeyNames.AnnotationKind, owner._classNames)) };
        }

        public override IReadOnlyList<(string Name, int Width)> Inputs { get; }

        public override IReadOnlyList<ScoreColumn> Outputs { get; }

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            int k = _owner.ClassCount;
            var scores = inputs.Values[0];
            var output = outputs.Floats[0];
            var predicted = outputs.Columns.Length > 1 ? outputs.Keys[1] : null;
            var logitBuffer = new double[k];
            var probabilities = new double[k];
            for (int i = 0; i < rows; i++)
            {
                _owner.ToLogits(scores.AsSpan(i * k, k), logitBuffer);
                _owner.CalibrateLogits(logitBuffer, probabilities);
                int best = 0;
                for (int c = 0; c < k; c++)
                {
                    output[i * k + c] = (float)probabilities[c];
                    if (probabilities[c] > probabilities[best]) best = c;
                }
                if (predicted is not null)
                    predicted[i] = (uint)best + 1;
            }
        }
    }
}

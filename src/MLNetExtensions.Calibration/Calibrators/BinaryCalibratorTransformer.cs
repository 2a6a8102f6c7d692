using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Scoring;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// A fitted binary calibrator: maps the score column to a calibrated "Probability" (and "PredictedLabel" =
/// Probability &gt; 0.5 unless switched off). <see cref="BlockMappedTransformer.Transform"/> is lazy and row-to-row, so it chains after any
/// scorer and works in a PredictionEngine. Save it with <c>mlContext.Model.SaveWithExtensions</c>.
/// </summary>
public abstract class BinaryCalibratorTransformer : BlockMappedTransformer
{
    private const int BlockSize = 1024;

    private protected BinaryCalibratorTransformer(BinaryCalibratorOptions options)
    {
        ScoreColumnName = options.ScoreColumnName;
        ScoreIsProbability = options.ScoreIsProbability;
        ProbabilityColumnName = options.ProbabilityColumnName;
        PredictedLabelColumnName = options.PredictedLabelColumnName;
    }

    /// <summary>The input column.</summary>
    public string ScoreColumnName { get; }

    /// <summary>Whether the input holds probabilities (true) or logits/margins (false).</summary>
    public bool ScoreIsProbability { get; }

    /// <summary>The calibrated probability column written.</summary>
    public string ProbabilityColumnName { get; }

    /// <summary>The predicted-label column written, or null when the upstream one is left untouched.</summary>
    public string? PredictedLabelColumnName { get; }

    /// <inheritdoc/>
    public abstract override string ComponentKind { get; }

    /// <inheritdoc/>
    public override int ComponentVersion => CalibratorKinds.FormatVersion;

    /// <summary>The calibrated probability for one input value (a logit, or a probability when <see cref="ScoreIsProbability"/>).</summary>
    public double Calibrate(float score) => CalibrateLogit(CalibrationFitData.ToLogit(score, ScoreIsProbability, ScoreColumnName, null));

    /// <summary>The calibrated probability for logit <paramref name="logit"/>.</summary>
    private protected abstract double CalibrateLogit(double logit);

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
            ProbabilityColumnName = ProbabilityColumnName,
            PredictedLabelColumnName = PredictedLabelColumnName,
        });
        SaveParameters(writer);
    }

    /// <summary>Writes the fitted parameters (entry "calibrator.json").</summary>
    private protected abstract void SaveParameters(ComponentWriter writer);

    /// <summary>Reads back the columns written by <see cref="SaveComponent"/>, checked.</summary>
    private protected static BinaryCalibratorOptions LoadColumns(ComponentReader reader)
    {
        reader.RequireVersion(CalibratorKinds.FormatVersion);
        var saved = reader.ReadJson<SavedColumns>("columns.json");
        var options = new BinaryCalibratorOptions
        {
            ScoreColumnName = saved.ScoreColumnName ?? "",
            ScoreIsProbability = saved.ScoreIsProbability,
            ProbabilityColumnName = saved.ProbabilityColumnName ?? "",
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
        return options;
    }

    /// <summary>The score column must be a Single scalar.</summary>
    protected override void CheckInputSchema(DataViewSchema schema)
    {
        var column = MLNetExtensions.Data.ColumnInfo.Require(schema, ScoreColumnName, "Score");
        if (column.Type != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Score column '{column.Name}' has type {column.Type}; a binary calibrator expects Single (float).", column.Name);
    }

    private sealed class SavedColumns
    {
        public string? ScoreColumnName { get; set; }
        public bool ScoreIsProbability { get; set; }
        public string? ProbabilityColumnName { get; set; }
        public string? PredictedLabelColumnName { get; set; }
    }

    private sealed class CalibratorMapper : BlockMapper
    {
        private readonly BinaryCalibratorTransformer _owner;

        public CalibratorMapper(BinaryCalibratorTransformer owner)
        {
            _owner = owner;
            Inputs = new[] { (owner.ScoreColumnName, 1) };
            Outputs = owner.PredictedLabelColumnName is null
                ? new[] { ScoreColumn.Single(owner.ProbabilityColumnName) }
                : new[] { ScoreColumn.Single(owner.ProbabilityColumnName), ScoreColumn.Boolean(owner.PredictedLabelColumnName) };
        }

        public override IReadOnlyList<(string Name, int Width)> Inputs { get; }

        public override IReadOnlyList<ScoreColumn> Outputs { get; }

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            var scores = inputs.Values[0];
            var probabilities = outputs.Floats[0];
            var predicted = outputs.Columns.Length > 1 ? outputs.Booleans[1] : null;
            for (int i = 0; i < rows; i++)
            {
                float p = (float)_owner.Calibrate(scores[i]);
                probabilities[i] = p;
                if (predicted is not null)
                    predicted[i] = p > 0.5f;
            }
        }
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits a binary calibrator on every row of a data view (typically a validation set scored by the model to
/// calibrate). The data must hold the score column and a Boolean or 0/1 label; NaN/Inf scores, probabilities
/// outside [0, 1], other label values, empty data and a single class are errors naming the column (and row).
/// </summary>
/// <typeparam name="TTransformer">The fitted calibrator.</typeparam>
public abstract class BinaryCalibratorEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : BinaryCalibratorTransformer
{
    private protected BinaryCalibratorEstimator(MLContext mlContext, BinaryCalibratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        MLContext = mlContext;
        Options = options.Clone();
    }

    /// <summary>The context the estimator was created in.</summary>
    private protected MLContext MLContext { get; }

    /// <summary>The options (a copy made by the catalog).</summary>
    private protected BinaryCalibratorOptions Options { get; }

    /// <summary>Fits the calibrator on all rows of <paramref name="input"/>.</summary>
    public TTransformer Fit(IDataView input)
    {
        var data = CalibrationFitData.ReadBinary(input, Options.ScoreColumnName, Options.ScoreIsProbability, Options.LabelColumnName);
        return FitCore(data.Logits, data.Labels);
    }

    /// <summary>Fits on logits and 0/1 labels (both classes present).</summary>
    private protected abstract TTransformer FitCore(double[] logits, int[] labels);

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var score = SchemaShapes.Require(inputSchema, Options.ScoreColumnName, "Score");
        if (score.Kind != SchemaShape.Column.VectorKind.Scalar || score.ItemType != NumberDataViewType.Single || score.IsKey)
            throw new ArgumentException($"Score column '{score.Name}' is {score.Kind} of {score.ItemType}; a binary calibrator expects Single (float).", score.Name);
        var label = SchemaShapes.Require(inputSchema, Options.LabelColumnName, "Label");
        if (label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar ||
            !(label.ItemType == BooleanDataViewType.Instance || label.ItemType == NumberDataViewType.Single))
            throw new ArgumentException($"Label column '{label.Name}' has type {label.ItemType}; a binary calibrator expects Boolean or Single (0/1).", label.Name);
        var scalar = SchemaShape.Column.VectorKind.Scalar;
        var added = new List<SchemaShape.Column> { SchemaShapes.Column(Options.ProbabilityColumnName, scalar, NumberDataViewType.Single, false) };
        if (Options.PredictedLabelColumnName is not null)
            added.Add(SchemaShapes.Column(Options.PredictedLabelColumnName, scalar, BooleanDataViewType.Instance, false));
        return SchemaShapes.Append(inputSchema, added.ToArray());
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Fits a multiclass calibrator on every row of a data view: a known-size float score vector with one value per
/// class and a key label with the same number of values. NaN/Inf scores, probabilities outside [0, 1], missing
/// keys, empty data and a single class are errors naming the column (and row).
/// </summary>
/// <typeparam name="TTransformer">The fitted calibrator.</typeparam>
public abstract class MulticlassCalibratorEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : MulticlassCalibratorTransformer
{
    private protected MulticlassCalibratorEstimator(MLContext mlContext, MulticlassCalibratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        MLContext = mlContext;
        Options = options.Clone();
    }

    /// <summary>The context the estimator was created in.</summary>
    private protected MLContext MLContext { get; }

    /// <summary>The options (a copy).</summary>
    private protected MulticlassCalibratorOptions Options { get; }

    /// <summary>Fits the calibrator on all rows of <paramref name="input"/>.</summary>
    public TTransformer Fit(IDataView input)
    {
        var data = CalibrationFitData.ReadMulticlass(input, Options.ScoreColumnName, Options.ScoreIsProbability, Options.LabelColumnName);
        return FitCore(data.Logits, data.Labels, data.ClassNames!);
    }

    /// <summary>Fits on row-major logits (K per row) and 0-based class indices.</summary>
    private protected abstract TTransformer FitCore(double[] logits, int[] labels, string[] classNames);

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var score = SchemaShapes.Require(inputSchema, Options.ScoreColumnName, "Score");
        SchemaShapes.RequireFloatVector(score, "Score", allowScalar: false);
        var label = SchemaShapes.Require(inputSchema, Options.LabelColumnName, "Label");
        if (!label.IsKey)
            throw new ArgumentException($"Label column '{label.Name}' has type {label.ItemType}; a multiclass calibrator expects a key type (MapValueToKey).", label.Name);
        var added = new List<SchemaShape.Column>
        {
            SchemaShapes.Column(Options.OutputColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, KeyNames.SlotNamesKind),
        };
        if (Options.PredictedLabelColumnName is not null)
            added.Add(SchemaShapes.Column(Options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, KeyNames.AnnotationKind));
        return SchemaShapes.Append(inputSchema, added.ToArray());
    }
}

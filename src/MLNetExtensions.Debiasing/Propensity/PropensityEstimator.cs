using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;

namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>
/// Fits a propensity model on observed (MNAR) interactions: Naive Bayes with a small MAR label sample, or the
/// popularity or logistic fallback. The transformer adds a clipped "Propensity" column and an "InversePropensityWeight" column
/// (1 / propensity) that any ML.NET trainer taking an example-weight column can use.
/// </summary>
public sealed class PropensityEstimator : IEstimator<PropensityTransformer>
{
    private readonly PropensityOptions _options;
    private readonly IDataView? _marSample;

    internal PropensityEstimator(PropensityOptions options, IDataView? marSample)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _marSample = marSample;
        if (_options.Model == PropensityModelKind.NaiveBayes && marSample is null)
            throw new ArgumentNullException(nameof(marSample),
                "Naive-Bayes propensities need a MAR label sample (labels collected at random). Pass one, or set Model = PropensityModelKind.Popularity.");
    }

    /// <summary>Reads the observed data (user and item keys; the label for Naive Bayes) and fits the model.</summary>
    public PropensityTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool naiveBayes = _options.Model == PropensityModelKind.NaiveBayes;
        // The transformer reads the label at scoring time as a float, so require that type already here.
        if (naiveBayes && ColumnInfo.Require(input.Schema, _options.LabelColumnName, "Label").Type != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Label column '{_options.LabelColumnName}' must be Single (0/1 or a rating) for Naive-Bayes propensities; convert Boolean labels " +
                "with mlContext.Transforms.Conversion.ConvertType.", _options.LabelColumnName);
        var observed = InteractionTable.Read(input, _options.UserColumnName, _options.ItemColumnName, naiveBayes ? _options.LabelColumnName : null);
        PropensityModel model = _options.Model switch
        {
            PropensityModelKind.NaiveBayes => NaiveBayesPropensityModel.Fit(observed, ReadLabels(_marSample!, _options.MarLabelColumnName), _options.MarLabelColumnName),
            PropensityModelKind.Logistic => LogisticPropensityModel.Fit(observed),
            _ => PopularityPropensityModel.Fit(observed),
        };
        return new PropensityTransformer(_options, model);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (_options.Model == PropensityModelKind.NaiveBayes)
        {
            var label = SchemaShapes.Require(inputSchema, _options.LabelColumnName, "Label");
            if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.ItemType != NumberDataViewType.Single || label.IsKey)
                throw new ArgumentException($"Label column '{label.Name}' must be a Single scalar for Naive-Bayes propensities.", label.Name);
        }
        else
        {
            foreach (var (name, role) in new[] { (_options.UserColumnName, "User"), (_options.ItemColumnName, "Item") })
            {
                var column = SchemaShapes.Require(inputSchema, name, role);
                if (!column.IsKey || column.Kind != SchemaShape.Column.VectorKind.Scalar)
                    throw new ArgumentException($"{role} column '{name}' must be a key column (ML.NET's matrix-factorisation convention).", name);
            }
        }
        return SchemaShapes.Append(inputSchema,
            SchemaShapes.Column(_options.PropensityColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
            SchemaShapes.Column(_options.WeightColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));
    }

    /// <summary>The labels of a MAR sample (Single or Boolean column), checked for finiteness.</summary>
    internal static float[] ReadLabels(IDataView data, string columnName)
    {
        var column = ColumnInfo.Require(data.Schema, columnName, "MAR label");
        var labels = new List<float>();
        using var cursor = data.GetRowCursor(new[] { column });
        long row = 0;
        if (column.Type == BooleanDataViewType.Instance)
        {
            var getter = cursor.GetGetter<bool>(column);
            bool b = false;
            while (cursor.MoveNext())
            {
                getter(ref b);
                labels.Add(b ? 1f : 0f);
            }
            return labels.ToArray();
        }
        if (column.Type != NumberDataViewType.Single)
            throw new ArgumentException($"MAR label column '{columnName}' has type {column.Type}; expected Single or Boolean.", columnName);
        var floats = cursor.GetGetter<float>(column);
        float y = 0;
        while (cursor.MoveNext())
        {
            floats(ref y);
            if (!float.IsFinite(y))
                throw new DataValidationException($"MAR sample column '{columnName}' has a non-finite value ({y}) at row {row}.", columnName, row);
            labels.Add(y);
            row++;
        }
        return labels.ToArray();
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// Trains a Torch MLP (or a linear/logistic model with no hidden layers) with a fairness penalty:
/// <c>loss = task_loss + lambda * R(output_batch, Z_batch)</c> on every minibatch, where Z are the protected columns
/// (encoded as the fairness report's distance statistics encode them) and the output is the predicted probability
/// (binary), the class probabilities (multiclass) or the standardised prediction (regression).
/// The fitted model is a chain ending in a <see cref="TorchMlpTransformer"/> with ML.NET's usual output columns; the
/// chain holds only that transformer unless <see cref="FairTrainerOptions.IncludeProtectedAsFeatures"/> adds the
/// transforms that append the protected columns to the features. Training is Core's <see cref="TorchMlpTrainer"/>
/// through <see cref="TorchMlpTrainer.WithLoss"/> (<see cref="FairMlpLoss"/>), the encoded protected attributes
/// travelling with the rows as an extra column; without a penalty it is Core's trainer with its default loss.
/// Create it with <c>mlContext.Fairness().Trainers.FairBinaryClassifier(...)</c> and its siblings.
/// </summary>
public sealed class FairTrainer : IEstimator<TransformerChain<TorchMlpTransformer>>
{
    private readonly MLContext _mlContext;
    private readonly FairTrainerOptions _options;

    internal FairTrainer(MLContext mlContext, MlpTask task, FairTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.ExposureColumnName is not null && task != MlpTask.PoissonRegression)
            throw new ArgumentOutOfRangeException(nameof(options.ExposureColumnName), options.ExposureColumnName,
                $"FairTrainerOptions.ExposureColumnName applies to Poisson regression (FairPoissonRegressor), not {task}.");
        _mlContext = mlContext;
        Task = task;
        _options = options.Clone();
    }

    /// <summary>The prediction task.</summary>
    public MlpTask Task { get; }

    /// <summary>A copy of the options.</summary>
    public FairTrainerOptions Options => _options.Clone();

    /// <summary>Trains on <paramref name="input"/> (validation from the MLP's ValidationFraction, if set).</summary>
    public TransformerChain<TorchMlpTransformer> Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating (and early stopping) on <paramref name="validationData"/>.</summary>
    public TransformerChain<TorchMlpTransformer> Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = _options;

        // Protected columns are read from the raw data and checked first, so a missing column or a NaN is named.
        var trainAttributes = DataViewFairnessReader.ReadAttributes(trainData, o.ProtectedColumnNames, o.MaxDiscreteLevels);
        var validationAttributes = validationData is null ? null : DataViewFairnessReader.ReadAttributes(validationData, o.ProtectedColumnNames, o.MaxDiscreteLevels);
        var encoding = ProtectedAttributeEncoding.Fit(trainAttributes);
        if (o.PenaltyActive && o.Penalty == FairnessPenaltyKind.DemographicParityGap && !encoding.DefinesGroups)
            throw new ArgumentException(
                $"Protected column '{encoding.ContinuousAttribute}' is continuous (more than MaxDiscreteLevels = {o.MaxDiscreteLevels} distinct numbers), so it defines no groups for Penalty DemographicParityGap; use a distance penalty or bin it.",
                encoding.ContinuousAttribute);
        var penalty = o.PenaltyActive ? FairnessPenalty.Create(o.Penalty, encoding.BlockWidths) : null;

        ITransformer? featurizer = o.IncludeProtectedAsFeatures ? ProtectedFeaturizer.Fit(_mlContext, trainData, o, out _) : null;
        var mlp = o.Mlp.Clone();
        mlp.FeatureColumnName = o.IncludeProtectedAsFeatures ? ProtectedFeaturizer.OutputColumnName(o) : o.FeatureColumnName;
        var preparedTrain = featurizer?.Transform(trainData) ?? trainData;
        var preparedValidation = validationData is null ? null : featurizer?.Transform(validationData) ?? validationData;

        TorchMlpTransformer model;
        if (penalty is null && Task != MlpTask.PoissonRegression)
        {
            // No penalty: Core's trainer with its default loss, so lambda = 0 is exactly the plain MLP.
            model = new TorchMlpTrainer(_mlContext, Task, mlp).Fit(preparedTrain, preparedValidation);
        }
        else
        {
            var loss = FairMlpLoss.Create(Task, penalty, o.Lambda, encoding.Width);
            if (Task == MlpTask.PoissonRegression)
                loss = new MlpCustomLoss(loss.ExtraColumnNames, loss.Compute) { OutputScaling = PoissonStart(encoding.Width) };
            var trainer = new TorchMlpTrainer(_mlContext, Task, mlp, loss);
            model = trainer.Fit(WithExtras(preparedTrain, trainAttributes, encoding),
                preparedValidation is null ? null : WithExtras(preparedValidation, validationAttributes!, encoding));
        }
        return featurizer is null
            ? new TransformerChain<TorchMlpTransformer>(model)
            : new TransformerChain<TorchMlpTransformer>(featurizer, model);
    }

    /// <summary>
    /// <paramref name="data"/> plus the extra column <see cref="FairMlpLoss"/> reads: the attributes encoded with the
    /// training levels and scales, the group id and (Poisson) the log exposure, row by row.
    /// </summary>
    private IDataView WithExtras(IDataView data, IReadOnlyList<SensitiveAttribute> attributes, ProtectedAttributeEncoding encoding)
    {
        var logExposure = Task == MlpTask.PoissonRegression || attributes.Count == 0 ? LogExposure(data) : null;
        int n = attributes.Count > 0 ? attributes[0].Count : logExposure!.Length;
        var (z, groups) = encoding.Encode(attributes, n);
        if (logExposure is not null && logExposure.Length != n)
            throw new InvalidOperationException($"The data gave {logExposure.Length} rows for the exposure but {n} for the protected columns; it must be re-readable in the same order.");
        int w = encoding.Width, width = FairMlpLoss.ExtrasWidth(w);
        var values = new float[(long)n * width];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(z, (long)i * w, values, (long)i * width, w);
            values[(long)i * width + w] = groups[i];
            values[(long)i * width + w + 1] = logExposure?[i] ?? 0f;
        }
        return new CachedColumnDataView(data, FairMlpLoss.ExtrasColumnName, values, width);
    }

    /// <summary>log(exposure) per row (0 without an exposure column), checking that exposures are positive numbers.</summary>
    private float[] LogExposure(IDataView data)
    {
        var values = new List<float>();
        if (_options.ExposureColumnName is not { } name)
        {
            using var rows = data.GetRowCursor(Array.Empty<DataViewSchema.Column>());
            while (rows.MoveNext())
                values.Add(0f);
            return values.ToArray();
        }
        var column = ColumnInfo.Require(data.Schema, name, "Exposure");
        if (column.Type != NumberDataViewType.Single)
            throw new ArgumentException($"Exposure column '{name}' has type {column.Type}; expected Single.", name);
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<float>(column);
        float exposure = 0;
        for (int i = 0; cursor.MoveNext(); i++)
        {
            getter(ref exposure);
            if (!(exposure > 0) || !float.IsFinite(exposure))
                throw new DataValidationException($"Exposure column '{name}' must be positive; row {i} has {exposure}.", name, i);
            values.Add(MathF.Log(exposure));
        }
        return values.ToArray();
    }

    /// <summary>
    /// The Poisson model's output scaling: it starts at the overall log rate log(sum y / sum e) of the training rows,
    /// on the unit scale; the counts are checked non-negative first.
    /// </summary>
    private Func<MaterializedExamples, long[]?, (float[] Shift, float[] Scale)> PoissonStart(int attributeWidth) => (rows, indices) =>
    {
        string label = _options.LabelColumnName;
        for (int i = 0; i < rows.Count; i++)
            if (rows.Labels[i] < 0)
                throw new DataValidationException(
                    $"Label column '{label}' holds a count, which must be non-negative; row {i} has {rows.Labels[i]}.", label, i);
        var extras = rows.Extras[0];
        int width = rows.ExtraWidths[0];
        double counts = 0, exposure = 0;
        for (int k = 0, n = indices?.Length ?? rows.Count; k < n; k++)
        {
            long i = indices?[k] ?? k;
            counts += rows.Labels[i];
            exposure += Math.Exp(extras[i * width + attributeWidth + 1]);
        }
        if (counts <= 0)
            throw new DataValidationException(
                $"Label column '{label}' is 0 in every training row; a Poisson rate cannot be fitted.", label);
        return (new[] { (float)Math.Log(counts / exposure) }, new[] { 1f });
    };

    /// <summary>Checks the input shape (features, label, protected columns) and adds the output columns of the task.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var name in _options.ProtectedColumnNames)
            SchemaShapes.Require(inputSchema, name, "Protected");
        if (_options.ExposureColumnName is { } exposure)
            SchemaShapes.Require(inputSchema, exposure, "Exposure");
        // Poisson regression has the regression schema (a Single Score).
        var mlp = new TorchMlpTrainer(_mlContext, Task == MlpTask.PoissonRegression ? MlpTask.Regression : Task, _options.Mlp);
        return mlp.GetOutputSchema(inputSchema);
    }
}

using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// Aranyani (Basu Roy Chowdhury et al., ICLR 2024): an online fair oblique forest. <see cref="Fit"/> makes one pass
/// over the data in its <see cref="IDataView"/> order, one row (or a <see cref="AranyaniOptions.BatchSize"/> mini-batch)
/// at a time: each row is predicted first (the prequential record in <see cref="AranyaniTransformer.History"/>), then
/// the forest takes an Adam step on the cross-entropy plus lambda times the node-level demographic-parity gradient,
/// computed from per-group running statistics (<c>NodeFairnessStatistics</c>) instead of stored rows, so the learner's
/// memory does not grow with the stream. Create it with <c>mlContext.Fairness().Trainers.Aranyani(options)</c>.
/// </summary>
public sealed class AranyaniTrainer : IEstimator<AranyaniTransformer>
{
    private readonly MLContext _mlContext;
    private readonly AranyaniOptions _options;

    internal AranyaniTrainer(MLContext mlContext, AranyaniOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _mlContext = mlContext;
        _options = options.Clone();
    }

    /// <summary>A copy of the options.</summary>
    public AranyaniOptions Options => _options.Clone();

    /// <summary>One prequential pass over <paramref name="input"/>; the returned model holds the pass's <see cref="PrequentialHistory"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing (the message names it).</exception>
    /// <exception cref="DataValidationException">A NaN/∞ feature or sensitive value, a label that is not 0/1, more groups than
    /// <see cref="AranyaniOptions.MaxGroups"/>, no rows, or all rows in one group while lambda &gt; 0 (the message names the column and row).</exception>
    public AranyaniTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var schema = input.Schema;
        var featureColumn = ColumnInfo.Require(schema, o.FeatureColumnName, "Feature");
        int width = ColumnInfo.FloatWidth(featureColumn, "Feature", allowScalar: true);
        var labelColumn = ColumnInfo.Require(schema, o.LabelColumnName, "Label");
        ColumnInfo.CheckLabel(labelColumn, LabelKind.Binary);
        var groups = new SensitiveGroupReader(ColumnInfo.Require(schema, o.SensitiveColumnName, "Sensitive"), o.MaxGroups);

        var device = TorchDevice.Select(_mlContext);
        using var random = new TorchRandom(o.Seed, device);
        int previousThreads = torch.get_num_threads();
        if (o.TorchThreads is { } threads)
            torch.set_num_threads(threads);
        try
        {
            return Train(input, featureColumn, labelColumn, groups, width, device, random);
        }
        finally
        {
            if (o.TorchThreads is not null)
                torch.set_num_threads(previousThreads);
        }
    }

    private AranyaniTransformer Train(IDataView input, DataViewSchema.Column featureColumn, DataViewSchema.Column labelColumn,
        SensitiveGroupReader groups, int width, Device device, TorchRandom random)
    {
        var o = _options;
        var forest = new SoftObliqueForest(width, o.NumberOfTrees, o.TreeDepth, device);
        try
        {
            forest.Initialize(random.Generator, o.InitialWeightStandardDeviation);
            using var learner = new AranyaniLearner(forest, o, device);
            var clock = Stopwatch.StartNew();
            Stream(input, featureColumn, labelColumn, groups, width, learner);
            learner.Monitor.Finish();
            clock.Stop();

            var names = groups.Names.ToArray();
            var counts = Enumerable.Range(0, names.Length).Select(g => learner.Monitor.GroupCount(g)).ToArray();
            var warnings = new List<string>();
            if (names.Length < 2)
            {
                string message = $"All {learner.Monitor.Rows} rows are in one group ('{names[0]}') of sensitive column '{o.SensitiveColumnName}': " +
                                 "demographic parity is undefined and the fairness term never acted.";
                if (o.Lambda > 0)
                    throw new DataValidationException(message + " Set Lambda = 0 to train without it, or check the column.", o.SensitiveColumnName);
                warnings.Add(message);
            }
            forest.SetStandardization(learner.Standardizer.Shift, learner.Standardizer.Scale);
            var history = new PrequentialHistory(learner.Monitor.Points.ToArray(), names, counts, warnings, clock.Elapsed.TotalSeconds,
                learner.StateSize, o.WindowSize);
            return new AranyaniTransformer(o, forest, device, history);
        }
        catch
        {
            forest.Dispose();
            throw;
        }
    }

    private void Stream(IDataView input, DataViewSchema.Column featureColumn, DataViewSchema.Column labelColumn, SensitiveGroupReader groups,
        int width, AranyaniLearner learner)
    {
        var o = _options;
        int batch = o.BatchSize;
        var features = new float[batch * width];
        var labels = new bool[batch];
        var groupOf = new int[batch];
        using var cursor = input.GetRowCursor(new[] { featureColumn, labelColumn, groups.Column });
        var readFeatures = FeatureGetter(cursor, featureColumn, width);
        var readLabel = LabelGetter(cursor, labelColumn);
        var readGroup = groups.Bind(cursor);
        long row = 0;
        int filled = 0;
        while (cursor.MoveNext())
        {
            var x = features.AsSpan(filled * width, width);
            readFeatures(x);
            for (int j = 0; j < width; j++)
                if (!float.IsFinite(x[j]))
                    throw new DataValidationException(
                        $"Feature column '{featureColumn.Name}' has the non-finite value {x[j]} at row {row}, slot {j}.", featureColumn.Name, row);
            labels[filled] = readLabel(row);
            groupOf[filled] = readGroup(row);
            filled++;
            row++;
            if (filled == batch)
            {
                learner.Step(features, labels, groupOf, filled);
                filled = 0;
            }
        }
        if (filled > 0)
            learner.Step(features, labels, groupOf, filled);
        if (row == 0)
            throw DataValidationException.NoRows();
    }

    private static Action<Span<float>> FeatureGetter(DataViewRowCursor cursor, DataViewSchema.Column column, int width)
    {
        if (column.Type is not VectorDataViewType)
        {
            var scalar = cursor.GetGetter<float>(column);
            float value = 0;
            return x => { scalar(ref value); x[0] = value; };
        }
        var get = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        return x =>
        {
            get(ref buffer);
            buffer.CopyTo(x);
        };
    }

    private static Func<long, bool> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == BooleanDataViewType.Instance)
        {
            var get = cursor.GetGetter<bool>(column);
            bool value = false;
            return _ => { get(ref value); return value; };
        }
        var getFloat = cursor.GetGetter<float>(column);
        float number = 0;
        return row =>
        {
            getFloat(ref number);
            if (number is not (0f or 1f))
                throw new DataValidationException($"Label column '{column.Name}' has the value {number} at row {row}; expected 0 or 1 (or a Boolean column).", column.Name, row);
            return number == 1f;
        };
    }

    /// <summary>The input plus Score (logit of the probability), Probability and PredictedLabel.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaShapes.RequireFloatVector(SchemaShapes.Require(inputSchema, _options.FeatureColumnName, "Feature"), "Feature", allowScalar: true);
        SchemaShapes.Require(inputSchema, _options.LabelColumnName, "Label");
        SchemaShapes.Require(inputSchema, _options.SensitiveColumnName, "Sensitive");
        return SchemaShapes.Append(inputSchema,
            SchemaShapes.Column(AranyaniTransformer.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
            SchemaShapes.Column(AranyaniTransformer.ProbabilityColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
            SchemaShapes.Column(AranyaniTransformer.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false));
    }
}

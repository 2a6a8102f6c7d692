using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Scoring;

namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>
/// A fitted propensity model as a transformer: adds "Propensity" (clipped to [ClipMinimum, 1]) and
/// "InversePropensityWeight" (its inverse). Transform is lazy and batched; PredictionEngine works.
/// Unknown users or items (missing keys) and label values the model does not know are errors naming column and row.
/// Save it with <c>mlContext.Model.SaveWithExtensions</c>.
/// </summary>
public sealed class PropensityTransformer : BlockMappedTransformer
{
    /// <summary>Registry kind of this component.</summary>
    public const string Kind = "MLNetExtensions.Debiasing.Propensity";

    private const int FormatVersion = 1;

    internal PropensityTransformer(PropensityOptions options, PropensityModel model)
    {
        Options = options.Clone();
        Model = model;
    }

    /// <summary>The options (a copy).</summary>
    public PropensityOptions Options { get; }

    /// <summary>The fitted model.</summary>
    public PropensityModel Model { get; }

    /// <inheritdoc/>
    public override string ComponentKind => Kind;

    /// <inheritdoc/>
    public override int ComponentVersion => FormatVersion;

    /// <inheritdoc/>
    protected override int ScoringBatchSize => Options.ScoringBatchSize;

    /// <inheritdoc/>
    protected override BlockMapper CreateMapper() => new PropensityBlockMapper(this);

    /// <inheritdoc/>
    public override void SaveComponent(ComponentWriter writer)
    {
        var saved = new SavedPropensity { Options = Options };
        switch (Model)
        {
            case NaiveBayesPropensityModel nb:
                saved.LabelValues = nb.LabelValues.ToArray();
                saved.LabelPropensities = nb.Propensities.ToArray();
                saved.ObservationRate = nb.ObservationRate;
                break;
            case PopularityPropensityModel pop:
                saved.UserCounts = pop.UserCounts.ToArray();
                saved.ItemCounts = pop.ItemCounts.ToArray();
                saved.ObservedCount = pop.ObservedCount;
                break;
            case LogisticPropensityModel logistic:
                saved.UserCounts = logistic.UserCounts.ToArray();
                saved.ItemCounts = logistic.ItemCounts.ToArray();
                saved.ObservedCount = logistic.UserCounts.Sum(c => (long)c);
                saved.Coefficients = new[] { logistic.Intercept, logistic.UserWeight, logistic.ItemWeight };
                break;
        }
        writer.WriteJson("propensity.json", saved);
    }

    /// <summary>Loads a saved propensity transformer (called through the component registry).</summary>
    internal static ITransformer Load(ComponentReader reader)
    {
        reader.RequireVersion(FormatVersion);
        var saved = reader.ReadJson<SavedPropensity>("propensity.json");
        var options = saved.Options ?? throw new InvalidDataException("propensity.json has no options.");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"propensity.json holds invalid options: {e.Message}", e);
        }
        PropensityModel model;
        if (options.Model == PropensityModelKind.NaiveBayes)
        {
            if (saved.LabelValues is not { Length: > 0 } values || saved.LabelPropensities is not { } props || props.Length != values.Length ||
                props.Any(p => !(p >= 0) || !double.IsFinite(p)) || values.Distinct().Count() != values.Length)
                throw new InvalidDataException("propensity.json: the Naive-Bayes table is missing, has mismatched lengths, repeated labels or invalid propensities.");
            model = new NaiveBayesPropensityModel(values, props, saved.ObservationRate);
        }
        else
        {
            if (saved.UserCounts is not { Length: > 0 } users || saved.ItemCounts is not { Length: > 0 } items || saved.ObservedCount <= 0 ||
                users.Any(c => c < 0) || items.Any(c => c < 0) || users.Sum(c => (long)c) != saved.ObservedCount || items.Sum(c => (long)c) != saved.ObservedCount)
                throw new InvalidDataException("propensity.json: the popularity counts are missing or do not add up to the observed count.");
            if (options.Model == PropensityModelKind.Logistic)
            {
                if (saved.Coefficients is not { Length: 3 } w || w.Any(v => !double.IsFinite(v)))
                    throw new InvalidDataException("propensity.json: the logistic model needs three finite coefficients.");
                model = new LogisticPropensityModel(users, items, w[0], w[1], w[2]);
            }
            else
            {
                model = new PopularityPropensityModel(users, items, saved.ObservedCount);
            }
        }
        return new PropensityTransformer(options, model);
    }

    private sealed class SavedPropensity
    {
        public PropensityOptions? Options { get; set; }
        public float[]? LabelValues { get; set; }
        public double[]? LabelPropensities { get; set; }
        public double ObservationRate { get; set; }
        public int[]? UserCounts { get; set; }
        public int[]? ItemCounts { get; set; }
        public long ObservedCount { get; set; }
        public double[]? Coefficients { get; set; }
    }

    private sealed class PropensityBlockMapper : BlockMapper
    {
        private readonly PropensityTransformer _owner;
        private readonly bool _naiveBayes;

        public PropensityBlockMapper(PropensityTransformer owner)
        {
            _owner = owner;
            var o = owner.Options;
            _naiveBayes = owner.Model.Kind == PropensityModelKind.NaiveBayes;
            Inputs = _naiveBayes
                ? new[] { (o.LabelColumnName, 1) }
                : new[] { (o.UserColumnName, 1), (o.ItemColumnName, 1) };
            Outputs = new[] { ScoreColumn.Single(o.PropensityColumnName), ScoreColumn.Single(o.WeightColumnName) };
        }

        public override IReadOnlyList<(string Name, int Width)> Inputs { get; }

        public override IReadOnlyList<ScoreColumn> Outputs { get; }

        public override void MapBlock(BlockInputs inputs, int rows, BlockOutputs outputs)
        {
            var o = _owner.Options;
            var propensity = outputs.Floats[0];
            var weight = outputs.Floats[1];
            for (int r = 0; r < rows; r++)
            {
                long row = inputs.FirstRow + r;
                double p;
                if (_naiveBayes)
                {
                    float label = inputs.Values[0][r];
                    try
                    {
                        p = _owner.Model.Propensity(0, 0, label);
                    }
                    catch (KeyNotFoundException e)
                    {
                        throw new DataValidationException($"Column '{o.LabelColumnName}' at row {row}: {e.Message}", o.LabelColumnName, row);
                    }
                }
                else
                {
                    // Keys arrive as their 1-based value (missing keys were rejected by the reader).
                    int user = (int)inputs.Values[0][r] - 1, item = (int)inputs.Values[1][r] - 1;
                    var model = _owner.Model;
                    if (user >= model.KeyedUserCount)
                        throw new DataValidationException($"Column '{o.UserColumnName}' has user key {user + 1} at row {row}; the model knows {model.KeyedUserCount} users.", o.UserColumnName, row);
                    if (item >= model.KeyedItemCount)
                        throw new DataValidationException($"Column '{o.ItemColumnName}' has item key {item + 1} at row {row}; the model knows {model.KeyedItemCount} items.", o.ItemColumnName, row);
                    p = model.Propensity(user, item, 0);
                }
                float clipped = (float)Math.Clamp(p, o.ClipMinimum, 1.0);
                propensity[r] = clipped;
                weight[r] = 1f / clipped;
            }
        }
    }
}

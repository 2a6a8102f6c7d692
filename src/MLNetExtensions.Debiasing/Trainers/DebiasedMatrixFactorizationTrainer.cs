using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Debiasing.Trainers.Kernels;
using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>
/// Trains a matrix factorisation p(u, i) = sigmoid(&lt;W_u, H_i&gt;) on observed (MNAR) feedback with one of the
/// <see cref="DebiasingMethod"/> objectives. Every method uses the same predictor, initialisation, loop and Adam
/// optimiser, so differences between methods measure the objective alone. Input: user and item UInt32 key columns and
/// a label (ML.NET's MatrixFactorization convention); output: "Score", the probability.
/// </summary>
public sealed class DebiasedMatrixFactorizationTrainer : IEstimator<DebiasedMatrixFactorizationTransformer>
{
    private const int MedianSamplePairs = 4096;
    private readonly MLContext _mlContext;
    private readonly DebiasedMatrixFactorizationOptions _options;
    private readonly IDataView? _marSample;

    internal DebiasedMatrixFactorizationTrainer(MLContext mlContext, DebiasedMatrixFactorizationOptions options, IDataView? marSample)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _mlContext = mlContext;
        _options = options.Clone();
        _marSample = marSample;
        if (_options.NeedsPropensities && _options.PropensityColumnName is null && _options.PropensityModel == PropensityModelKind.NaiveBayes && marSample is null)
            throw new ArgumentNullException(nameof(marSample),
                $"Method {_options.Method} with Naive-Bayes propensities needs a MAR label sample (labels collected at random). Pass one, set " +
                "PropensityModel = PropensityModelKind.Popularity or Logistic, or give a PropensityColumnName.");
    }

    /// <summary>Reads the observed rows, fits the propensities (unless given) and trains the model.</summary>
    public DebiasedMatrixFactorizationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_options.TorchThreads is not { } threads)
            return FitCore(input);
        int previous = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            return FitCore(input);
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    private DebiasedMatrixFactorizationTransformer FitCore(IDataView input)
    {
        var o = _options;
        var observed = InteractionTable.Read(input, o.UserColumnName, o.ItemColumnName, o.LabelColumnName);
        if (observed.Count == 0)
            throw new DataValidationException("The training data has no rows.", o.LabelColumnName, 0);
        observed = Binarize(observed, o.Binarization, o.LabelColumnName, "training data");
        var propensities = Propensities(input, observed);
        if (o.IsKernelBalanced && o.HasSuppliedKernelFeatures)
        {
            // Fail on bad feature columns before any training.
            SuppliedKernelFeatures.RequireColumn(input.Schema, o.UserKernelFeatureColumnName!, "user");
            SuppliedKernelFeatures.RequireColumn(input.Schema, o.ItemKernelFeatureColumnName!, "item");
        }

        var device = TorchDevice.Select(_mlContext);
        using var random = new TorchRandom(o.Seed, device);
        // Normalised inverse propensities average 1 over the training rows (see the option).
        double inverseScale = o.NormalizeInversePropensities ? 1.0 / propensities.Average(p => 1.0 / p) : 1.0;
        using var loop = new DebiasedTrainingLoop(observed.UserArray, observed.ItemArray, observed.LabelArray, propensities, device, inverseScale);
        // The predictor is created first, so one seed gives every method the same initial predictor.
        using var prediction = new FactorModel(observed.UserCount, observed.ItemCount, o.NumberOfFactors, o.Initialization, o.InitializationScale, random);
        using var optimizer = prediction.CreateOptimizer(o.LearningRate);
        var sampler = new UnobservedPairSampler(observed.UserCount, observed.ItemCount, random);
        long sampled = (long)o.UnobservedRatio * o.BatchSize;
        string what = $"Debiased matrix factorisation ({o.Method})";

        double? gamma = null;
        KernelValueStatistics? kernelValues = null;
        List<double> history;
        FactorModel? imputation = null, weightModel = null;
        DoublyRobustUpdate? doublyRobust = null;
        BalancingWeightModel? balancing = null;
        KernelFeatureTable? features = null;
        try
        {
            if (o.IsKernelBalanced)
            {
                features = o.HasSuppliedKernelFeatures
                    ? SuppliedKernelFeatures.Read(input, o, observed.UserCount, observed.ItemCount, device)
                    : PretrainFeatures(observed, propensities, device);
                gamma = o.KernelGamma ?? MedianGamma(features, sampler);
                weightModel = new FactorModel(observed.UserCount, observed.ItemCount, o.NumberOfFactors, o.Initialization, o.InitializationScale, random);
                balancing = new BalancingWeightModel(weightModel, o, features, gamma.Value, random);
                kernelValues = balancing.Statistics;
            }
            if (o.IsDoublyRobust)
            {
                imputation = new FactorModel(observed.UserCount, observed.ItemCount, o.NumberOfFactors, o.Initialization, o.InitializationScale, random);
                doublyRobust = new DoublyRobustUpdate(prediction, optimizer, o.WeightDecay, imputation, o.ImputationLearningRate, o.ImputationWeightDecay);
            }
            var weighted = new WeightedUpdate(prediction, optimizer, o.Method == DebiasingMethod.Snips, o.WeightDecay);
            Func<ObservedBatch, double> update = o.Method switch
            {
                DebiasingMethod.Naive => batch => weighted.Step(batch, null),
                DebiasingMethod.Ips or DebiasingMethod.Snips => batch => weighted.Step(batch, batch.InversePropensities),
                DebiasingMethod.DrJl => batch =>
                {
                    var (su, si) = sampler.Sample(sampled);
                    return doublyRobust!.Step(batch, su, si, batch.InversePropensities, batch.InversePropensities);
                },
                // MRDR: the imputation error weighted by invprop^2 (1 - propensity), the variance-minimising weight.
                DebiasingMethod.MrdrJl => batch =>
                {
                    var (su, si) = sampler.Sample(sampled);
                    return doublyRobust!.Step(batch, su, si, batch.InversePropensities,
                        batch.InversePropensities.square() * (1 - batch.Propensities));
                },
                DebiasingMethod.KbIps => batch =>
                {
                    var (su, si) = sampler.Sample(sampled);
                    var w = balancing!.Step(batch, su, si);
                    return weighted.Step(batch, o.NormalizeBalancingWeights ? w / w.mean() : w);
                },
                DebiasingMethod.KbDr => batch =>
                {
                    var (su, si) = sampler.Sample(sampled);
                    var w = balancing!.Step(batch, su, si);
                    return doublyRobust!.Step(batch, su, si, o.NormalizeBalancingWeights ? w / w.mean() : w, w);
                },
                // AKBIPS: centres fitted to the observed rows' cross-entropy under the current predictor.
                DebiasingMethod.AkbIps => batch =>
                {
                    var (su, si) = sampler.Sample(sampled);
                    Tensor errors;
                    using (torch.no_grad())
                        errors = Losses.CrossEntropy.PerRow(prediction.Logits(batch.Users, batch.Items), batch.Labels);
                    var w = balancing!.Step(batch, su, si, errors);
                    return weighted.Step(batch, o.NormalizeBalancingWeights ? w / w.mean() : w);
                },
                // AKBDR: centres fitted to the error the imputation model misses, e - ehat.
                _ => batch =>
                {
                    var (su, si) = sampler.Sample(sampled);
                    var w = balancing!.Step(batch, su, si, doublyRobust!.ResidualErrors(batch));
                    return doublyRobust!.Step(batch, su, si, o.NormalizeBalancingWeights ? w / w.mean() : w, w);
                },
            };
            history = loop.Run(update, random, o.NumberOfEpochs, o.BatchSize, o.EarlyStoppingTolerance, o.EarlyStoppingPatience, what);
        }
        finally
        {
            balancing?.Dispose();
            doublyRobust?.Dispose();
            weightModel?.Dispose();
            imputation?.Dispose();
            features?.Dispose();
        }
        var (users, items) = prediction.Export();
        return new DebiasedMatrixFactorizationTransformer(o, observed.UserCount, observed.ItemCount, users, items, history, gamma, kernelValues)
        {
            EpochSeconds = loop.EpochSeconds.ToArray(),
        };
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var (name, role) in new[] { (_options.UserColumnName, "User"), (_options.ItemColumnName, "Item") })
        {
            var column = SchemaShapes.Require(inputSchema, name, role);
            if (!column.IsKey || column.Kind != SchemaShape.Column.VectorKind.Scalar)
                throw new ArgumentException($"{role} column '{name}' must be a key column (ML.NET's matrix-factorisation convention; use MapValueToKey).", name);
        }
        if (_options.IsKernelBalanced && _options.HasSuppliedKernelFeatures)
            foreach (var (name, role) in new[] { (_options.UserKernelFeatureColumnName!, "user"), (_options.ItemKernelFeatureColumnName!, "item") })
            {
                var features = SchemaShapes.Require(inputSchema, name, $"Kernel feature ({role})");
                if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
                    throw new ArgumentException($"Kernel feature column '{name}' must be a known-size vector of Single (one feature vector per {role}).", name);
            }
        var label = SchemaShapes.Require(inputSchema, _options.LabelColumnName, "Label");
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.IsKey ||
            (label.ItemType != NumberDataViewType.Single && label.ItemType != BooleanDataViewType.Instance))
            throw new ArgumentException($"Label column '{label.Name}' must be a Single (0/1 or a rating with Binarization) or Boolean scalar.", label.Name);
        return SchemaShapes.Append(inputSchema,
            SchemaShapes.Column(_options.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));
    }

    /// <summary>Applies the binarisation rule, or checks the labels are 0/1; errors name the column and row.</summary>
    internal static InteractionTable Binarize(InteractionTable table, RatingBinarization? rule, string column, string what)
    {
        var labels = table.LabelArray;
        var result = new float[labels.Length];
        for (int r = 0; r < labels.Length; r++)
        {
            if (rule is not null)
                result[r] = rule.Apply(labels[r], column, r);
            else if (labels[r] is 0f or 1f)
                result[r] = labels[r];
            else
                throw new DataValidationException(
                    $"Column '{column}' of the {what} has value {labels[r]} at row {r}; labels must be 0/1 (or Boolean). For ratings set " +
                    "Options.Binarization (e.g. RatingBinarization.AtLeastThree).", column, r);
        }
        return InteractionTable.Wrap(table.UserCount, table.ItemCount, table.UserArray, table.ItemArray, result);
    }

    private float[] Propensities(IDataView input, InteractionTable observed)
    {
        var o = _options;
        var result = new float[observed.Count];
        if (!o.NeedsPropensities)
        {
            Array.Fill(result, 1f);
            return result;
        }
        if (o.PropensityColumnName is { } name)
        {
            var column = ColumnInfo.Require(input.Schema, name, "Propensity");
            if (column.Type != NumberDataViewType.Single)
                throw new ArgumentException($"Propensity column '{name}' has type {column.Type}; expected Single in (0, 1].", name);
            using var cursor = input.GetRowCursor(new[] { column });
            var getter = cursor.GetGetter<float>(column);
            float p = 0;
            int row = 0;
            while (cursor.MoveNext())
            {
                getter(ref p);
                if (!(p > 0 && p <= 1))
                    throw new DataValidationException($"Column '{name}' has propensity {p} at row {row}; propensities must be in (0, 1].", name, row);
                result[row++] = (float)Math.Max(p, o.PropensityClipMinimum);
            }
            return result;
        }
        PropensityModel model = o.PropensityModel switch
        {
            PropensityModelKind.NaiveBayes => NaiveBayesPropensityModel.Fit(observed, MarLabels(), o.LabelColumnName),
            PropensityModelKind.Logistic => LogisticPropensityModel.Fit(observed),
            _ => PopularityPropensityModel.Fit(observed),
        };
        for (int r = 0; r < result.Length; r++)
            result[r] = (float)model.ClippedPropensity(observed.UserArray[r], observed.ItemArray[r], observed.LabelArray[r], o.PropensityClipMinimum);
        return result;
    }

    private float[] MarLabels()
    {
        var labels = PropensityEstimator.ReadLabels(_marSample!, _options.LabelColumnName);
        var rule = _options.Binarization;
        for (int r = 0; r < labels.Length; r++)
        {
            if (rule is not null)
                labels[r] = rule.Apply(labels[r], _options.LabelColumnName, r);
            else if (labels[r] is not (0f or 1f))
                throw new DataValidationException(
                    $"Column '{_options.LabelColumnName}' of the MAR sample has value {labels[r]} at row {r}; labels must be 0/1 (or set Options.Binarization).",
                    _options.LabelColumnName, r);
        }
        return labels;
    }

    /// <summary>Kernel features: a plain IPS factorisation fitted with the same options and propensities, frozen and min-max scaled.</summary>
    private KernelFeatureTable PretrainFeatures(InteractionTable observed, float[] propensities, Device device)
    {
        var o = _options;
        // Its own generator (seed-derived), so the predictor's draws do not depend on the feature model's.
        using var random = new TorchRandom(unchecked(o.Seed * 7919 + 17), device);
        double inverseScale = o.NormalizeInversePropensities ? 1.0 / propensities.Average(p => 1.0 / p) : 1.0;
        using var loop = new DebiasedTrainingLoop(observed.UserArray, observed.ItemArray, observed.LabelArray, propensities, device, inverseScale);
        using var model = new FactorModel(observed.UserCount, observed.ItemCount, o.NumberOfFactors, o.Initialization, o.InitializationScale, random);
        using var optimizer = model.CreateOptimizer(o.LearningRate);
        var update = new WeightedUpdate(model, optimizer, selfNormalized: false, weightDecay: o.WeightDecay);
        loop.Run(batch => update.Step(batch, batch.InversePropensities), random, o.FeatureModelEpochs, o.BatchSize, o.EarlyStoppingTolerance,
            o.EarlyStoppingPatience, "Kernel feature model (IPS)");
        var (users, items) = model.Export();
        return new KernelFeatureTable(users, items, observed.UserCount, observed.ItemCount, o.NumberOfFactors, device);
    }

    private double MedianGamma(KernelFeatureTable features, UnobservedPairSampler sampler)
    {
        using var scope = torch.NewDisposeScope();
        var (u1, i1) = sampler.Sample(MedianSamplePairs);
        var (u2, i2) = sampler.Sample(MedianSamplePairs);
        return MedianHeuristic.Gamma(_options.Kernel, features.Features(u1, i1), features.Features(u2, i2));
    }
}

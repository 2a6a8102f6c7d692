using Microsoft.ML;
using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Debiasing.Trainers;

namespace MLNetExtensions.Debiasing;

public sealed partial class DebiasingCatalog
{
    /// <summary>The debiased recommender trainers: <c>mlContext.Debiasing().Trainers.MatrixFactorization(...)</c>.</summary>
    public DebiasingTrainers Trainers => new(MLContext);
}

/// <summary>Debiased matrix-factorisation trainers (one family: the method is an option).</summary>
public sealed class DebiasingTrainers
{
    private readonly MLContext _mlContext;

    internal DebiasingTrainers(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>
    /// A debiased matrix factorisation over user and item key columns. <paramref name="marSample"/> (labels collected at
    /// random, same label column name) is needed when the method uses Naive-Bayes propensities (the default for every
    /// method except Naive) and no <c>PropensityColumnName</c> is given.
    /// </summary>
    public DebiasedMatrixFactorizationTrainer MatrixFactorization(DebiasedMatrixFactorizationOptions options, IDataView? marSample = null) =>
        new(_mlContext, options, marSample);

    /// <summary>
    /// Flat overload with ML.NET's column names ("UserId", "ItemId", "Label"): the method, the MAR sample for
    /// Naive-Bayes propensities (popularity propensities when it is null), epochs and seed; other options take their defaults.
    /// </summary>
    public DebiasedMatrixFactorizationTrainer MatrixFactorization(DebiasingMethod method, IDataView? marSample = null,
        string userColumnName = InteractionColumns.User, string itemColumnName = InteractionColumns.Item,
        string labelColumnName = InteractionColumns.Label, int numberOfEpochs = 30, int seed = 0) =>
        new(_mlContext, new DebiasedMatrixFactorizationOptions
        {
            Method = method, UserColumnName = userColumnName, ItemColumnName = itemColumnName, LabelColumnName = labelColumnName,
            NumberOfEpochs = numberOfEpochs, Seed = seed,
            PropensityModel = marSample is null ? PropensityModelKind.Popularity : PropensityModelKind.NaiveBayes,
        }, marSample);
}

using Microsoft.ML;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>The fairness-regularised trainers: <c>mlContext.Fairness().Trainers</c>.</summary>
public sealed class FairnessTrainers
{
    private readonly MLContext _mlContext;

    internal FairnessTrainers(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>Binary classification (BCE on a Boolean or 0/1 label) with a fairness penalty on the predicted probability.</summary>
    public FairTrainer FairBinaryClassifier(FairTrainerOptions options) => new(_mlContext, MlpTask.BinaryClassification, options);

    /// <summary>Binary classification with ML.NET's default column names ("Label", "Features").</summary>
    public FairTrainer FairBinaryClassifier(string[] protectedColumnNames, FairnessPenaltyKind penalty = FairnessPenaltyKind.ConcatenatedDistanceCovariance,
        double lambda = 1, string labelColumnName = "Label", string featureColumnName = "Features", int[]? hiddenLayers = null,
        int numberOfEpochs = 20, int seed = 0) =>
        FairBinaryClassifier(Flat(protectedColumnNames, penalty, lambda, labelColumnName, featureColumnName, hiddenLayers, numberOfEpochs, seed));

    /// <summary>Regression (mean squared error on a Single label) with a fairness penalty on the prediction.</summary>
    public FairTrainer FairRegressor(FairTrainerOptions options) => new(_mlContext, MlpTask.Regression, options);

    /// <summary>Regression with ML.NET's default column names ("Label", "Features").</summary>
    public FairTrainer FairRegressor(string[] protectedColumnNames, FairnessPenaltyKind penalty = FairnessPenaltyKind.ConcatenatedDistanceCovariance,
        double lambda = 1, string labelColumnName = "Label", string featureColumnName = "Features", int[]? hiddenLayers = null,
        int numberOfEpochs = 20, int seed = 0) =>
        FairRegressor(Flat(protectedColumnNames, penalty, lambda, labelColumnName, featureColumnName, hiddenLayers, numberOfEpochs, seed));

    /// <summary>
    /// Poisson regression of a non-negative count (Single label) with a log link and an optional exposure column
    /// (<see cref="FairTrainerOptions.ExposureColumnName"/>): loss <c>exp(eta + log e) - y (eta + log e)</c> with eta
    /// the network's log rate; the penalty sees eta. The model's Score is the RATE exp(eta) per unit of exposure
    /// (expected count = Score x exposure).
    /// </summary>
    public FairTrainer FairPoissonRegressor(FairTrainerOptions options) => new(_mlContext, MlpTask.PoissonRegression, options);

    /// <summary>
    /// Multiclass classification (cross-entropy on a key label) with a distance penalty on the vector of class
    /// probabilities (the demographic-parity gap is not defined here).
    /// </summary>
    public FairTrainer FairMulticlassClassifier(FairTrainerOptions options) => new(_mlContext, MlpTask.MulticlassClassification, options);

    /// <summary>
    /// Aranyani, the online fair oblique forest: one pass over the data in its order, one row (or a tiny mini-batch)
    /// at a time, with the node-level demographic-parity gradient from per-group running statistics; the fitted model
    /// holds the prequential accuracy and DP history of the pass.
    /// </summary>
    public Online.AranyaniTrainer Aranyani(Online.AranyaniOptions options) => new(_mlContext, options);

    private static FairTrainerOptions Flat(string[] protectedColumnNames, FairnessPenaltyKind penalty, double lambda, string label,
        string features, int[]? hiddenLayers, int epochs, int seed) => new()
    {
        ProtectedColumnNames = protectedColumnNames,
        Penalty = penalty,
        Lambda = lambda,
        LabelColumnName = label,
        FeatureColumnName = features,
        HiddenLayers = hiddenLayers ?? new[] { 64, 64 },
        NumberOfEpochs = epochs,
        Seed = seed,
    };
}

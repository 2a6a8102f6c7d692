using Microsoft.ML;
using MLNetExtensions.Models;

namespace MLNetExtensions.Trainers;

/// <summary>Torch trainers: <c>mlContext.Torch().MlpBinaryClassifier(...)</c> and siblings.</summary>
public sealed class TorchCatalog
{
    internal TorchCatalog(MLContext mlContext) => MLContext = mlContext;

    /// <summary>The context the trainers run in (device selection, log).</summary>
    public MLContext MLContext { get; }

    /// <summary>A Torch MLP for binary classification (Boolean or 0/1 label) with ML.NET's default column names.</summary>
    public TorchMlpTrainer MlpBinaryClassifier(string labelColumnName = "Label", string featureColumnName = "Features",
        string? exampleWeightColumnName = null, int[]? hiddenLayers = null, MlpActivation activation = MlpActivation.ReLU,
        int numberOfEpochs = 20, double learningRate = 1e-3, int batchSize = 256, int seed = 0) =>
        MlpBinaryClassifier(Flat(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, activation, numberOfEpochs, learningRate, batchSize, seed));

    /// <summary>A Torch MLP for binary classification from <paramref name="options"/>.</summary>
    public TorchMlpTrainer MlpBinaryClassifier(TorchMlpOptions options) => new(MLContext, MlpTask.BinaryClassification, options);

    /// <summary>A Torch MLP for multiclass classification (key label, e.g. from MapValueToKey).</summary>
    public TorchMlpTrainer MlpMulticlassClassifier(string labelColumnName = "Label", string featureColumnName = "Features",
        string? exampleWeightColumnName = null, int[]? hiddenLayers = null, MlpActivation activation = MlpActivation.ReLU,
        int numberOfEpochs = 20, double learningRate = 1e-3, int batchSize = 256, int seed = 0) =>
        MlpMulticlassClassifier(Flat(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, activation, numberOfEpochs, learningRate, batchSize, seed));

    /// <summary>A Torch MLP for multiclass classification from <paramref name="options"/>.</summary>
    public TorchMlpTrainer MlpMulticlassClassifier(TorchMlpOptions options) => new(MLContext, MlpTask.MulticlassClassification, options);

    /// <summary>A Torch MLP for regression (float label); the target is standardised internally.</summary>
    public TorchMlpTrainer MlpRegressor(string labelColumnName = "Label", string featureColumnName = "Features",
        string? exampleWeightColumnName = null, int[]? hiddenLayers = null, MlpActivation activation = MlpActivation.ReLU,
        int numberOfEpochs = 20, double learningRate = 1e-3, int batchSize = 256, int seed = 0) =>
        MlpRegressor(Flat(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, activation, numberOfEpochs, learningRate, batchSize, seed));

    /// <summary>A Torch MLP for regression from <paramref name="options"/>.</summary>
    public TorchMlpTrainer MlpRegressor(TorchMlpOptions options) => new(MLContext, MlpTask.Regression, options);

    private static TorchMlpOptions Flat(string label, string features, string? weight, int[]? hidden, MlpActivation activation,
        int epochs, double learningRate, int batchSize, int seed) => new()
    {
        LabelColumnName = label,
        FeatureColumnName = features,
        ExampleWeightColumnName = weight,
        HiddenLayers = hidden ?? new[] { 64, 64 },
        Activation = activation,
        NumberOfEpochs = epochs,
        LearningRate = learningRate,
        BatchSize = batchSize,
        Seed = seed,
    };
}

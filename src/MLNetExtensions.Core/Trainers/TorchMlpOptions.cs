using System.Text.Json.Serialization;
using MLNetExtensions.Models;
using MLNetExtensions.Training;

namespace MLNetExtensions.Trainers;

/// <summary>Options of the Torch MLP trainers (binary, multiclass, regression).</summary>
public sealed class TorchMlpOptions
{
    /// <summary>Known-size float vector of features. Default "Features".</summary>
    public string FeatureColumnName = "Features";

    /// <summary>Label: Boolean (binary), key (multiclass) or Single (regression). Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>Optional non-negative example weights. Default none.</summary>
    public string? ExampleWeightColumnName;

    /// <summary>Widths of the hidden layers. Default 64, 64.</summary>
    public int[] HiddenLayers = { 64, 64 };

    /// <summary>Hidden-layer activation. Default ReLU.</summary>
    public MlpActivation Activation = MlpActivation.ReLU;

    /// <summary>Dropout probability after each hidden layer, in [0, 1). Default 0.</summary>
    public double Dropout;

    /// <summary>Optimiser. Default Adam.</summary>
    public OptimizerKind Optimizer = OptimizerKind.Adam;

    /// <summary>Learning rate. Default 1e-3.</summary>
    public double LearningRate = 1e-3;

    /// <summary>Weight decay (L2 for Adam/SGD/RMSprop, decoupled for AdamW). Default 0.</summary>
    public double WeightDecay;

    /// <summary>Passes over the training data. Default 20.</summary>
    public int NumberOfEpochs = 20;

    /// <summary>Rows per minibatch. Default 256.</summary>
    public int BatchSize = 256;

    /// <summary>Seed of every random draw (initialisation, dropout, shuffling). Same seed, same model on the CPU.</summary>
    public int Seed;

    /// <summary>
    /// Fraction of the training rows held out for validation when no validation data is passed to Fit. Default 0
    /// (no validation). Needs <see cref="TrainingDataMode.InMemory"/>.
    /// </summary>
    public double ValidationFraction;

    /// <summary>Stop after this many epochs without validation improvement; 0 disables. Default 0.</summary>
    public int EarlyStoppingPatience;

    /// <summary>Smallest validation-loss decrease that counts as an improvement. Default 0.</summary>
    public double EarlyStoppingMinDelta;

    /// <summary>Standardise features with the training mean and standard deviation (stored in the model). Default true.</summary>
    public bool NormalizeFeatures = true;

    /// <summary>How training data is fed. Default <see cref="TrainingDataMode.InMemory"/>.</summary>
    public TrainingDataMode DataMode = TrainingDataMode.InMemory;

    /// <summary>Rows in the shuffle pool in <see cref="TrainingDataMode.Streaming"/>. Default 10,000.</summary>
    public int ShufflePoolSize = 10_000;

    /// <summary>Rows per forward pass when scoring with Transform. Default 1,024.</summary>
    public int ScoringBatchSize = 1024;

    /// <summary>Receives a report after every epoch (also logged to mlContext.Log). Not saved with the model.</summary>
    [JsonIgnore]
    public IProgress<TrainingProgress>? Progress;

    /// <summary>A shallow copy (arrays copied) so a trainer never sees later edits of the caller's options.</summary>
    public TorchMlpOptions Clone()
    {
        var copy = (TorchMlpOptions)MemberwiseClone();
        copy.HiddenLayers = (int[])HiddenLayers.Clone();
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(TorchMlpOptions), name, value, rule);
        Check(!string.IsNullOrWhiteSpace(FeatureColumnName), nameof(FeatureColumnName), FeatureColumnName, "must name a column");
        Check(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), LabelColumnName, "must name a column");
        Check(HiddenLayers is not null && HiddenLayers.All(h => h > 0), nameof(HiddenLayers), HiddenLayers is null ? null : string.Join(",", HiddenLayers), "must hold positive widths");
        Check(Dropout >= 0 && Dropout < 1, nameof(Dropout), Dropout, "must be in [0, 1)");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be positive and finite");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "must be non-negative and finite");
        Check(NumberOfEpochs > 0, nameof(NumberOfEpochs), NumberOfEpochs, "must be positive");
        Check(BatchSize > 0, nameof(BatchSize), BatchSize, "must be positive");
        Check(ValidationFraction >= 0 && ValidationFraction < 1, nameof(ValidationFraction), ValidationFraction, "must be in [0, 1)");
        Check(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must not be negative");
        Check(EarlyStoppingMinDelta >= 0, nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, "must not be negative");
        Check(ShufflePoolSize > 0, nameof(ShufflePoolSize), ShufflePoolSize, "must be positive");
        Check(ScoringBatchSize > 0, nameof(ScoringBatchSize), ScoringBatchSize, "must be positive");
        Check(!(DataMode == TrainingDataMode.Streaming && ValidationFraction > 0), nameof(ValidationFraction), ValidationFraction,
            "needs DataMode InMemory; in Streaming mode pass validation data to Fit instead");
    }
}

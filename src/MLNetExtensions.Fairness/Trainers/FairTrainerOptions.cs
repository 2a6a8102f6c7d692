using System.Text.Json.Serialization;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Models;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// Options of the fairness-regularised trainers (<c>mlContext.Fairness().Trainers</c>): the Torch MLP's options plus
/// the penalty. Training minimises <c>task_loss + Lambda * R(output_batch, Z_batch)</c> on every minibatch.
/// </summary>
public sealed class FairTrainerOptions
{
    /// <summary>Known-size float vector of features (without the protected columns). Default "Features".</summary>
    public string FeatureColumnName = "Features";

    /// <summary>Label: Boolean or 0/1 float (binary), key (multiclass) or Single (regression). Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>Optional non-negative example weights (they weight the task loss, not the penalty).</summary>
    public string? ExampleWeightColumnName;

    /// <summary>
    /// Poisson regression only (<c>FairPoissonRegressor</c>): a positive Single column of exposures (time at risk,
    /// policy years, ...); the expected count is exposure x rate, so log(exposure) is an offset of the log rate.
    /// Null: exposure 1 for every row.
    /// </summary>
    public string? ExposureColumnName;

    /// <summary>
    /// The protected columns, by name: numbers (min-max scaled to [0, 1]; continuous ones are used as numbers),
    /// Boolean (0/1), text or key (one-hot; two levels 0/1). Required unless <see cref="Penalty"/> is None.
    /// </summary>
    public string[] ProtectedColumnNames = Array.Empty<string>();

    /// <summary>
    /// Also feed the protected columns to the model (one-hot text/key, numbers and Booleans as floats, concatenated
    /// after the features). Default false: they only enter the penalty.
    /// </summary>
    public bool IncludeProtectedAsFeatures;

    /// <summary>The penalty R. Default <see cref="FairnessPenaltyKind.ConcatenatedDistanceCovariance"/>.</summary>
    public FairnessPenaltyKind Penalty = FairnessPenaltyKind.ConcatenatedDistanceCovariance;

    /// <summary>Weight of the penalty; 0 trains without it (the penalty is then not even computed).</summary>
    public double Lambda = 1;

    /// <summary>A numeric protected column with at most this many distinct values defines groups (demographic-parity gap). Default 20.</summary>
    public int MaxDiscreteLevels = 20;

    /// <summary>Hidden layer widths; empty for a linear (regression) or logistic (binary) model. Default {64, 64}.</summary>
    public int[] HiddenLayers = { 64, 64 };

    /// <summary>Activation between hidden layers.</summary>
    public MlpActivation Activation = MlpActivation.ReLU;

    /// <summary>Dropout after each hidden layer, in [0, 1).</summary>
    public double Dropout;

    /// <summary>Optimiser.</summary>
    public OptimizerKind Optimizer = OptimizerKind.Adam;

    /// <summary>Learning rate.</summary>
    public double LearningRate = 1e-3;

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay;

    /// <summary>Passes over the training data.</summary>
    public int NumberOfEpochs = 20;

    /// <summary>Rows per minibatch; at least 4 with a distance penalty (a smaller final batch skips the penalty).</summary>
    public int BatchSize = 256;

    /// <summary>Seed of every random draw (initialisation, dropout, shuffling); same seed, same model on the CPU.</summary>
    public int Seed;

    /// <summary>Share of the training rows held out for validation and early stopping (0 = none).</summary>
    public double ValidationFraction;

    /// <summary>Epochs without validation improvement before stopping (0 = never stop early).</summary>
    public int EarlyStoppingPatience;

    /// <summary>Smallest validation-loss decrease that counts as an improvement.</summary>
    public double EarlyStoppingMinDelta;

    /// <summary>Standardise features inside the model (statistics saved with it).</summary>
    public bool NormalizeFeatures = true;

    /// <summary>Rows per forward pass when scoring.</summary>
    public int ScoringBatchSize = 1024;

    /// <summary>Receives a report after every epoch. Not saved.</summary>
    [JsonIgnore]
    public IProgress<TrainingProgress>? Progress;

    /// <summary>Whether the penalty takes part in training (a penalty kind and a positive lambda).</summary>
    public bool PenaltyActive => Penalty != FairnessPenaltyKind.None && Lambda > 0;

    /// <summary>A copy (arrays copied).</summary>
    public FairTrainerOptions Clone()
    {
        var copy = (FairTrainerOptions)MemberwiseClone();
        copy.ProtectedColumnNames = (string[])ProtectedColumnNames.Clone();
        copy.HiddenLayers = (int[])HiddenLayers.Clone();
        return copy;
    }

    /// <summary>The MLP options the fitted <see cref="TorchMlpTransformer"/> carries (features as the model reads them).</summary>
    internal TorchMlpOptions ToMlpOptions(string featureColumnName) => new()
    {
        FeatureColumnName = featureColumnName,
        LabelColumnName = LabelColumnName,
        ExampleWeightColumnName = ExampleWeightColumnName,
        HiddenLayers = (int[])HiddenLayers.Clone(),
        Activation = Activation,
        Dropout = Dropout,
        Optimizer = Optimizer,
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        NumberOfEpochs = NumberOfEpochs,
        BatchSize = BatchSize,
        Seed = Seed,
        ValidationFraction = ValidationFraction,
        EarlyStoppingPatience = EarlyStoppingPatience,
        EarlyStoppingMinDelta = EarlyStoppingMinDelta,
        NormalizeFeatures = NormalizeFeatures,
        ScoringBatchSize = ScoringBatchSize,
    };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"FairTrainerOptions.{name} {rule}.");
        }
        Check(Enum.IsDefined(Penalty), nameof(Penalty), Penalty,
            $"must be one of {string.Join(", ", Enum.GetNames<FairnessPenaltyKind>())}");
        Check(Lambda >= 0 && double.IsFinite(Lambda), nameof(Lambda), Lambda, "must be non-negative and finite");
        Check(ProtectedColumnNames is not null && ProtectedColumnNames.All(c => !string.IsNullOrWhiteSpace(c)),
            nameof(ProtectedColumnNames), ProtectedColumnNames is null ? null : string.Join(",", ProtectedColumnNames), "must hold column names");
        Check(ProtectedColumnNames!.Distinct(StringComparer.Ordinal).Count() == ProtectedColumnNames!.Length,
            nameof(ProtectedColumnNames), string.Join(",", ProtectedColumnNames), "must not name a column twice");
        Check(Penalty == FairnessPenaltyKind.None || ProtectedColumnNames.Length > 0, nameof(ProtectedColumnNames), "(none)",
            $"must name at least one column for penalty {Penalty}");
        Check(Penalty != FairnessPenaltyKind.DistanceCovariance || ProtectedColumnNames.Length == 1, nameof(ProtectedColumnNames),
            string.Join(",", ProtectedColumnNames), "must name exactly one column for penalty DistanceCovariance (use ConcatenatedDistanceCovariance or JointDistanceCovariance for several)");
        Check(!IncludeProtectedAsFeatures || ProtectedColumnNames.Length > 0, nameof(IncludeProtectedAsFeatures), true, "needs ProtectedColumnNames");
        Check(!PenaltyActive || BatchSize >= 4, nameof(BatchSize), BatchSize,
            $"must be at least 4 with penalty {Penalty} (the distance-covariance U-statistic needs 4 rows per batch)");
        Check(ExposureColumnName is null || !string.IsNullOrWhiteSpace(ExposureColumnName), nameof(ExposureColumnName), ExposureColumnName, "must name a column or be null");
        Check(MaxDiscreteLevels >= 1, nameof(MaxDiscreteLevels), MaxDiscreteLevels, "must be positive");
        ToMlpOptions(FeatureColumnName).Validate();
    }
}

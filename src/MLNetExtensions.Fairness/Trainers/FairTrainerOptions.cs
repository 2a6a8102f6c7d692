using System.Text.Json.Serialization;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Models;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// Options of the fairness-regularised trainers (<c>mlContext.Fairness().Trainers</c>): the Torch MLP's options plus
/// the penalty (<see cref="Mlp"/> holds the MLP's). Training minimises <c>task_loss + Lambda * R(output_batch, Z_batch)</c> on every minibatch.
/// </summary>
public sealed class FairTrainerOptions
{
    /// <summary>
    /// The network and its training (layers, optimiser, epochs, batch size, seed, validation, columns): Core's
    /// <see cref="TorchMlpOptions"/>, which the fair trainers hand to <see cref="TorchMlpTrainer"/>. The label is a
    /// Boolean or 0/1 float (binary), key (multiclass) or Single (regression, a count for Poisson); example weights
    /// weight the task loss, not the penalty. The fair trainers train in memory only.
    /// </summary>
    public TorchMlpOptions Mlp = new();

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

    // Shortcuts to the MLP options (the trainers' earlier flat shape), so existing initialisers keep working.

    /// <summary>Shortcut to <see cref="TorchMlpOptions.FeatureColumnName"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public string FeatureColumnName { get => Mlp.FeatureColumnName; set => Mlp.FeatureColumnName = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.LabelColumnName"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public string LabelColumnName { get => Mlp.LabelColumnName; set => Mlp.LabelColumnName = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.ExampleWeightColumnName"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public string? ExampleWeightColumnName { get => Mlp.ExampleWeightColumnName; set => Mlp.ExampleWeightColumnName = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.HiddenLayers"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public int[] HiddenLayers { get => Mlp.HiddenLayers; set => Mlp.HiddenLayers = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.Activation"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public MlpActivation Activation { get => Mlp.Activation; set => Mlp.Activation = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.Dropout"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public double Dropout { get => Mlp.Dropout; set => Mlp.Dropout = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.Optimizer"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public OptimizerKind Optimizer { get => Mlp.Optimizer; set => Mlp.Optimizer = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.LearningRate"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public double LearningRate { get => Mlp.LearningRate; set => Mlp.LearningRate = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.WeightDecay"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public double WeightDecay { get => Mlp.WeightDecay; set => Mlp.WeightDecay = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.NumberOfEpochs"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public int NumberOfEpochs { get => Mlp.NumberOfEpochs; set => Mlp.NumberOfEpochs = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.BatchSize"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public int BatchSize { get => Mlp.BatchSize; set => Mlp.BatchSize = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.Seed"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public int Seed { get => Mlp.Seed; set => Mlp.Seed = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.ValidationFraction"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public double ValidationFraction { get => Mlp.ValidationFraction; set => Mlp.ValidationFraction = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.EarlyStoppingPatience"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public int EarlyStoppingPatience { get => Mlp.EarlyStoppingPatience; set => Mlp.EarlyStoppingPatience = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.EarlyStoppingMinDelta"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public double EarlyStoppingMinDelta { get => Mlp.EarlyStoppingMinDelta; set => Mlp.EarlyStoppingMinDelta = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.NormalizeFeatures"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public bool NormalizeFeatures { get => Mlp.NormalizeFeatures; set => Mlp.NormalizeFeatures = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.ScoringBatchSize"/> of <see cref="Mlp"/>.</summary>
    [JsonIgnore]
    public int ScoringBatchSize { get => Mlp.ScoringBatchSize; set => Mlp.ScoringBatchSize = value; }

    /// <summary>Shortcut to <see cref="TorchMlpOptions.Progress"/> of <see cref="Mlp"/>: receives a report after every epoch. Not saved.</summary>
    [JsonIgnore]
    public IProgress<TrainingProgress>? Progress { get => Mlp.Progress; set => Mlp.Progress = value; }

    /// <summary>Whether the penalty takes part in training (a penalty kind and a positive lambda).</summary>
    public bool PenaltyActive => Penalty != FairnessPenaltyKind.None && Lambda > 0;

    /// <summary>A copy (arrays copied).</summary>
    public FairTrainerOptions Clone()
    {
        var copy = (FairTrainerOptions)MemberwiseClone();
        copy.ProtectedColumnNames = (string[])ProtectedColumnNames.Clone();
        copy.Mlp = Mlp.Clone();
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(FairTrainerOptions), name, value, rule);
        Check(Mlp is not null, nameof(Mlp), null, "must be set");
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
        Check(Mlp!.DataMode == TrainingDataMode.InMemory, nameof(Mlp) + "." + nameof(Mlp.DataMode), Mlp.DataMode,
            "must be InMemory (the encoded protected attributes travel with the rows in memory)");
        Mlp.Validate();
    }
}

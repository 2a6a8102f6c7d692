using MLNetExtensions.Trainers;
namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Options of CaPE fine-tuning (Calibrated Probability Estimation, from "Deep Probability Estimation", Liu et al. 2022)
/// of a binary Torch MLP. Epochs come in cycles of <c>CalibrationPerTraining + 1</c>: the first epoch of a cycle
/// refreshes the soft targets from the model's current predictions on the training rows and trains on them; the
/// other epochs train with cross-entropy on the hard labels. The epoch (0 = the starting model) with the lowest
/// validation log loss is kept.
/// </summary>
public sealed class CapeOptions
{
    /// <summary>Boolean or 0/1 label. Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>How soft targets are estimated. Default <see cref="CapeTargetKind.EqualMassBins"/>.</summary>
    public CapeTargetKind Targets = CapeTargetKind.EqualMassBins;

    /// <summary>Equal-mass bins for <see cref="CapeTargetKind.EqualMassBins"/>. Default 15.</summary>
    public int NumberOfBins = 15;

    /// <summary>Kernel width sigma for <see cref="CapeTargetKind.GaussianKernel"/>, on the probability scale. Default 0.1.</summary>
    public double KernelSigma = 0.1;

    /// <summary>"calpertrain": cross-entropy epochs after each calibration epoch. Default 1 (alternate).</summary>
    public int CalibrationPerTraining = 1;

    /// <summary>Fine-tuning epochs. Default 20.</summary>
    public int NumberOfEpochs = 20;

    /// <summary>Adam learning rate. Default 1e-3.</summary>
    public double LearningRate = 1e-3;

    /// <summary>Rows per minibatch. Default 256.</summary>
    public int BatchSize = 256;

    /// <summary>
    /// Fraction of the training rows held out (seeded) to select the epoch when Fit gets no validation data.
    /// Default 0.2. Must be in (0, 1) in that case.
    /// </summary>
    public double ValidationFraction = 0.2;

    /// <summary>Seed of the shuffles, the split and dropout. Same seed, same model on the CPU.</summary>
    public int Seed;

    /// <summary>A copy.</summary>
    public CapeOptions Clone() => (CapeOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(CapeOptions), name, value, rule);
        Check(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), LabelColumnName, "must name a column");
        Check(NumberOfBins >= 1, nameof(NumberOfBins), NumberOfBins, "must be at least 1");
        Check(KernelSigma > 0 && double.IsFinite(KernelSigma), nameof(KernelSigma), KernelSigma, "must be positive and finite");
        Check(CalibrationPerTraining >= 0, nameof(CalibrationPerTraining), CalibrationPerTraining, "must not be negative");
        Check(NumberOfEpochs > 0, nameof(NumberOfEpochs), NumberOfEpochs, "must be positive");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be positive and finite");
        Check(BatchSize > 0, nameof(BatchSize), BatchSize, "must be positive");
        Check(ValidationFraction >= 0 && ValidationFraction < 1, nameof(ValidationFraction), ValidationFraction, "must be in [0, 1)");
    }
}

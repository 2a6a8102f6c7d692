namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>One CaPE fine-tuning epoch.</summary>
/// <param name="Epoch">1-based epoch (0 is the starting model, evaluated before fine-tuning).</param>
/// <param name="IsCalibrationEpoch">True when the epoch trained on refreshed soft targets, false for cross-entropy on the labels.</param>
/// <param name="TrainingLoss">Mean training loss of the epoch (binary cross-entropy against the targets used); NaN for epoch 0.</param>
/// <param name="ValidationLogLoss">Validation log loss after the epoch.</param>
public sealed record CapeEpoch(int Epoch, bool IsCalibrationEpoch, double TrainingLoss, double ValidationLogLoss);

namespace MLNetExtensions.Training;

/// <summary>Epochs and early stopping for <see cref="TorchTrainingLoop"/>.</summary>
public sealed record TrainingLoopSettings
{
    /// <summary>Maximum number of passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Stop after this many epochs without a validation improvement; 0 disables early stopping.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Smallest decrease of the validation loss that counts as an improvement.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>Restore the weights of the best validation epoch at the end (when there is validation data).</summary>
    public bool RestoreBestWeights { get; init; } = true;
}

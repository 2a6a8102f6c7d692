namespace MLNetExtensions.Training;

/// <summary>What a Torch trainer reports after each epoch (through <see cref="IProgress{T}"/> and ML.NET's log).</summary>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Epochs">Epochs asked for.</param>
/// <param name="TrainingLoss">Weighted mean training loss over the epoch.</param>
/// <param name="ValidationLoss">Weighted mean validation loss, or null without validation data.</param>
/// <param name="IsBest">True when this epoch has the best validation loss so far.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="RowsPerSecond">Training rows processed per second in this epoch.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, double TrainingLoss, double? ValidationLoss, bool IsBest,
    TimeSpan Elapsed, double RowsPerSecond)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"epoch {Epoch}/{Epochs}: train loss {TrainingLoss:G5}" +
        (ValidationLoss is { } v ? $", validation loss {v:G5}{(IsBest ? " (best)" : "")}" : "") +
        $", {RowsPerSecond:N0} rows/s, {Elapsed.TotalSeconds:F1} s";
}

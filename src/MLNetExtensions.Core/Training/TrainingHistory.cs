namespace MLNetExtensions.Training;

/// <summary>The per-epoch record of a training run.</summary>
public sealed class TrainingHistory
{
    private readonly List<TrainingProgress> _epochs = new();

    /// <summary>One entry per completed epoch.</summary>
    public IReadOnlyList<TrainingProgress> Epochs => _epochs;

    /// <summary>1-based epoch whose weights were kept (best validation loss, or the last epoch).</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>True when early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Wall-clock training time.</summary>
    public TimeSpan Duration { get; internal set; }

    internal void Add(TrainingProgress progress) => _epochs.Add(progress);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{_epochs.Count} epochs in {Duration.TotalSeconds:F1} s, best epoch {BestEpoch}{(StoppedEarly ? " (stopped early)" : "")}";
}

namespace MLNetExtensions.Training;

/// <summary>How a Torch trainer feeds the training data.</summary>
public enum TrainingDataMode
{
    /// <summary>Read the data view once into tensors on the device; shuffle by permutation every epoch (fastest).</summary>
    InMemory,
    /// <summary>Re-read the data view every epoch through a pool shuffle; memory stays bounded by the pool.</summary>
    Streaming,
}

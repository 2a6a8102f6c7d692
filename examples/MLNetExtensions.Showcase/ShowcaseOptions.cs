namespace MLNetExtensions.Showcase;

/// <summary>Size of the showcase run.</summary>
public sealed record ShowcaseOptions
{
    /// <summary>Report folder.</summary>
    public string OutputFolder { get; init; } = "report";

    /// <summary>Generated training rows.</summary>
    public int TrainingRows { get; init; } = 20_000;

    /// <summary>Generated test rows.</summary>
    public int TestRows { get; init; } = 5_000;

    /// <summary>MLP epochs.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Epochs of the deliberately over-fitted MLP in the calibration section.</summary>
    public int CalibrationEpochs { get; init; } = 60;

    /// <summary>Users of the debiasing section's generated catalogue.</summary>
    public int DebiasingUsers { get; init; } = 200;

    /// <summary>Items of the debiasing section's generated catalogue.</summary>
    public int DebiasingItems { get; init; } = 200;

    /// <summary>Training epochs of each debiasing method.</summary>
    public int DebiasingEpochs { get; init; } = 15;

    /// <summary>Seed of data generation and training.</summary>
    public int Seed { get; init; } = 42;
}

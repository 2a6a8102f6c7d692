using MLNetExtensions.Debiasing.Trainers;

namespace MLNetExtensions.Debiasing.Benchmark;

/// <summary>Settings of <see cref="DebiasingBenchmark.Run"/>: how many seeds and epochs, which methods, and the protocol switches.</summary>
public sealed record DebiasingBenchmarkOptions
{
    /// <summary>Runs per method, seeds 0 .. Seeds - 1 (default 5; at least 1).</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>Training epochs of the prediction model and of the KB feature model (default 30; at least 1).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>The methods to train, in this order (default null: every <see cref="DebiasingMethod"/>).</summary>
    public IReadOnlyList<DebiasingMethod>? Methods { get; init; }

    /// <summary>
    /// Share of the MAR test labels drawn per seed as the Naive-Bayes MAR sample when the data set has no separate
    /// sample (default 0.05, the paper's protocol).
    /// </summary>
    public double MarSampleFraction { get; init; } = 0.05;

    /// <summary>Remove the per-seed MAR sample from the evaluation set (default false: the paper's leaking protocol).</summary>
    public bool HeldOut { get; init; }

    /// <summary>The prediction model's weight decay for every method (default null: each method's default).</summary>
    public double? WeightDecay { get; init; }

    /// <summary>See <see cref="DebiasedMatrixFactorizationOptions.NormalizeBalancingWeights"/> (default true).</summary>
    public bool NormalizeBalancingWeights { get; init; } = true;

    /// <summary>
    /// Kernel-balancing methods take their kernel features from the data set's user and item side features
    /// (<see cref="DebiasingBenchmarkData.UserFeatures"/>; Coat's feature files) instead of pretrained-MF embeddings. Default false.
    /// </summary>
    public bool SuppliedKernelFeatures { get; init; }

    /// <summary>
    /// libtorch threads to set before training (default 1: steadier and faster for these tiny MF ops on a shared
    /// machine); null leaves the process setting alone. This is process-wide.
    /// </summary>
    public int? TorchThreads { get; init; } = 1;

    internal void Validate()
    {
        if (Seeds < 1)
            throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, $"Seeds must be at least 1 (got {Seeds}).");
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"Epochs must be at least 1 (got {Epochs}).");
        if (!(MarSampleFraction > 0 && MarSampleFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(MarSampleFraction), MarSampleFraction, "MarSampleFraction must be in (0, 1).");
        if (Methods is { Count: 0 })
            throw new ArgumentException("Methods must not be empty (null means every method).", nameof(Methods));
        if (TorchThreads is < 1)
            throw new ArgumentOutOfRangeException(nameof(TorchThreads), TorchThreads, "TorchThreads must be at least 1.");
    }
}

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// Options of the Aranyani online fair oblique forest (<c>mlContext.Fairness().Trainers.Aranyani(options)</c>).
/// Defaults are the paper's Adult setting: 3 trees of depth 4, one row per update, Adam with learning rate 2e-3,
/// Huber delta 0.01, "vanilla" running averages of the node gradients.
/// </summary>
public sealed class AranyaniOptions
{
    /// <summary>Boolean label column. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Known-size vector of Single features (the model inputs). Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>
    /// The sensitive column that defines the groups: Boolean, text, key, or a number (Single, Double, Int32, Int64)
    /// with few distinct values. Each distinct value is a group, numbered in order of first appearance in the stream;
    /// at most <see cref="MaxGroups"/>. It is not a model input unless it is also part of the features.
    /// </summary>
    public string SensitiveColumnName { get; set; } = "";

    /// <summary>Number of soft oblique trees T in the forest (the forest's output is their mean). Default 3.</summary>
    public int NumberOfTrees { get; set; } = 3;

    /// <summary>Depth h of every tree: 2^h - 1 internal nodes and 2^h leaves. Default 4; 1 to 10.</summary>
    public int TreeDepth { get; set; } = 4;

    /// <summary>Fairness weight lambda (&gt;= 0); 0 trains on the cross-entropy alone. Default 1.</summary>
    public double Lambda { get; set; } = 1;

    /// <summary>Adam learning rate. Default 2e-3 (the paper's).</summary>
    public double LearningRate { get; set; } = 2e-3;

    /// <summary>
    /// Rows per update. Default 1 (the paper's online setting); a tiny mini-batch (say 8) is faster per row. Each row
    /// is still predicted before any update that uses it (test-then-train).
    /// </summary>
    public int BatchSize { get; set; } = 1;

    /// <summary>Width delta of the Huber loss on the node-level parity gap. Default 0.01 (the authors' code).</summary>
    public double HuberDelta { get; set; } = 0.01;

    /// <summary>
    /// Decay of the per-group running statistics. Null (default): cumulative averages over the whole stream (the
    /// paper's "vanilla" averaging). A value in (0, 1): exponentially decayed sums, so the fairness term follows drift;
    /// the effective memory is about 1 / (1 - decay) rows per group.
    /// </summary>
    public double? StatisticsDecay { get; set; }

    /// <summary>
    /// Standardise the features with running means and variances (Welford) updated after each row is predicted, so no
    /// statistic looks ahead in the stream; the final ones are frozen into the fitted model. Default true. Turn it off
    /// when the features are already scaled.
    /// </summary>
    public bool StandardizeFeatures { get; set; } = true;

    /// <summary>Standard deviation of the normal initialisation of the node hyperplanes (w, b). Default 1 (the authors' code).</summary>
    public double InitialWeightStandardDeviation { get; set; } = 1;

    /// <summary>Most groups the sensitive column may have (statistics are kept per group). Default 10.</summary>
    public int MaxGroups { get; set; } = 10;

    /// <summary>Rows in the sliding window of the windowed prequential accuracy and DP. Default 1,000.</summary>
    public int WindowSize { get; set; } = 1000;

    /// <summary>A prequential history point is recorded every this many rows (and after the last row). Default 100.</summary>
    public int HistoryInterval { get; set; } = 100;

    /// <summary>Seed of the initialisation. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// libtorch intra-op threads while <see cref="AranyaniTrainer.Fit"/> runs (restored afterwards; with libtorch's
    /// OpenMP pool the setting applies to the calling thread). Default 1: a per-row step is a few dozen tiny Torch
    /// calls that cannot use more threads, and the extra threads only add synchronisation (on the loaded 2-core
    /// reference machine 2 threads made the pass 10 to 20 times slower). Null leaves libtorch's setting alone.
    /// </summary>
    public int? TorchThreads { get; set; } = 1;

    /// <summary>Rows per forward pass when the fitted model scores. Default 1,024.</summary>
    public int ScoringBatchSize { get; set; } = 1024;

    /// <summary>A copy.</summary>
    public AranyaniOptions Clone() => (AranyaniOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (or <see cref="ArgumentException"/> for names) naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LabelColumnName))
            throw new ArgumentException("AranyaniOptions.LabelColumnName must be set.", nameof(LabelColumnName));
        if (string.IsNullOrWhiteSpace(FeatureColumnName))
            throw new ArgumentException("AranyaniOptions.FeatureColumnName must be set.", nameof(FeatureColumnName));
        if (string.IsNullOrWhiteSpace(SensitiveColumnName))
            throw new ArgumentException("AranyaniOptions.SensitiveColumnName must name the sensitive column that defines the groups.", nameof(SensitiveColumnName));
        Require(NumberOfTrees >= 1, nameof(NumberOfTrees), NumberOfTrees, "at least 1");
        Require(TreeDepth is >= 1 and <= 10, nameof(TreeDepth), TreeDepth, "between 1 and 10");
        Require(Lambda >= 0 && double.IsFinite(Lambda), nameof(Lambda), Lambda, "finite and non-negative");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "positive and finite");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(HuberDelta > 0 && double.IsFinite(HuberDelta), nameof(HuberDelta), HuberDelta, "positive and finite");
        Require(StatisticsDecay is null || (StatisticsDecay > 0 && StatisticsDecay < 1), nameof(StatisticsDecay), StatisticsDecay, "null or in (0, 1)");
        Require(InitialWeightStandardDeviation > 0 && double.IsFinite(InitialWeightStandardDeviation), nameof(InitialWeightStandardDeviation),
            InitialWeightStandardDeviation, "positive and finite");
        Require(MaxGroups >= 2, nameof(MaxGroups), MaxGroups, "at least 2");
        Require(WindowSize >= 1, nameof(WindowSize), WindowSize, "at least 1");
        Require(HistoryInterval >= 1, nameof(HistoryInterval), HistoryInterval, "at least 1");
        Require(TorchThreads is null or >= 1, nameof(TorchThreads), TorchThreads, "null or at least 1");
        Require(ScoringBatchSize >= 1, nameof(ScoringBatchSize), ScoringBatchSize, "at least 1");
    }

    private static void Require(bool ok, string name, object? value, string rule)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value, $"AranyaniOptions.{name} must be {rule}; got {value?.ToString() ?? "null"}.");
    }
}
